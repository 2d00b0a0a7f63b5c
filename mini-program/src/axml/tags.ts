/** What the AXML renderer supports: built-in tags (rendered as plain DOM), events, directives. */

/** Built-in components rendered as plain DOM elements. */
export const SUPPORTED_TAGS: ReadonlySet<string> = new Set([
  'view',
  'text',
  'button',
  'image',
  'input',
  'textarea',
  'form',
  'label',
  'icon',
  'navigator',
  'scroll-view',
  'swiper',
  'swiper-item',
]);

/** Tags handled by the compiler itself. */
export const STRUCTURE_TAGS: ReadonlySet<string> = new Set(['block', 'template', 'import', 'include', 'slot']);

/**
 * Events a built-in element may bind, as `on<Name>` or `catch<Name>` (catch stops the bubbling). The key is the
 * event name after the prefix with its first letter lowered (`onTap` → `tap`).
 */
export const SUPPORTED_EVENTS: ReadonlySet<string> = new Set([
  'tap',
  'longTap',
  'input',
  'change',
  'submit',
  'reset',
  'getAuthorize',
  'error',
  'load',
  'focus',
  'blur',
  'confirm',
  'scroll',
]);

export const FOR_DIRECTIVES = ['a:for', 'a:for-item', 'a:for-index', 'a:key'] as const;
export const IF_DIRECTIVES = ['a:if', 'a:elif', 'a:else'] as const;
export const DIRECTIVES: ReadonlySet<string> = new Set<string>([...FOR_DIRECTIVES, ...IF_DIRECTIVES]);

/** `onTap` → { ev: 'tap', catch: false }; `catchTap` → { ev: 'tap', catch: true }; else undefined. */
export function eventAttribute(name: string): { ev: string; catch: boolean } | undefined {
  const m = /^(on|catch)([A-Z][A-Za-z0-9]*)$/.exec(name);
  if (!m) return undefined;
  const rest = m[2] as string;
  return { ev: rest.charAt(0).toLowerCase() + rest.slice(1), catch: m[1] === 'catch' };
}

/** WeChat (WXML) syntax in an attribute name, with the Alipay form to use instead; undefined when not WeChat's. */
export function wechatAttribute(name: string): { alipay: string } | undefined {
  if (name.startsWith('wx:')) return { alipay: `a:${name.slice(3)}` };
  const m = /^(bind|catch|capture-bind|capture-catch|mut-bind):?([a-z][a-z0-9]*)$/.exec(name);
  if (!m) return undefined;
  const ev = m[2] as string;
  if (ev === 'getphonenumber')
    return { alipay: '<button open-type="getAuthorize" scope="phoneNumber" onGetAuthorize="…" onError="…">' };
  const known: Record<string, string> = { tap: 'Tap', longpress: 'LongTap', longtap: 'LongTap', input: 'Input' };
  const alipayName = known[ev] ?? ev.charAt(0).toUpperCase() + ev.slice(1);
  return { alipay: `${m[1]?.startsWith('catch') || m[1] === 'capture-catch' ? 'catch' : 'on'}${alipayName}` };
}
