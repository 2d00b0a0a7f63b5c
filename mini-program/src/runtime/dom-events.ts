/**
 * DOM events → the handlers named in the markup (`onTap="save"` calls the owner's `save(event)`), with Alipay's
 * event object: `type`, `timeStamp`, `detail`, `target` and `currentTarget` (`id`, `dataset` from `data-*`).
 * `onTap` bubbles up the rendered elements until a `catchTap`; the other events go to the element itself.
 * Also: the getAuthorize button (Alipay's consent sheet), `<navigator>`, `<form>` submit.
 */

import { PHONE_BUTTON } from '../phone-button.js';
import { jsapi } from './bridge.js';
import { canIUseButton, identity, omitUndefined } from './config.js';
import { openConsentSheet } from './consent-sheet.js';
import { log } from './event-log.js';
import { guarded } from './page-errors.js';
import type { PageHost } from './page-host.js';
import type { AmElement, AmProps } from './render/element-props.js';

export interface EventEnv {
  appName(): string;
  navigate(how: string, url: string, delta?: number): void;
}

type Detail = Record<string, unknown>;

function amOf(node: EventTarget | null, stop: Element): AmElement | undefined {
  let n = node as Node | null;
  while (n && n !== stop) {
    if ((n as AmElement).__am) return n as AmElement;
    n = n.parentNode;
  }
  return undefined;
}

function describeElement(el: AmElement): { id: string; tagName: string; dataset: Record<string, unknown> } {
  return { id: (el as Element).id, tagName: el.localName, dataset: { ...(el.__am?.dataset ?? {}) } };
}

function eventObject(type: string, target: AmElement, current: AmElement, detail: Detail): Record<string, unknown> {
  return {
    type,
    timeStamp: Date.now(),
    detail,
    target: describeElement(target),
    currentTarget: describeElement(current),
  };
}

/** Calls `name` on the element's owner; a missing method is a page error with the element's place. */
export function callHandler(host: PageHost, props: AmProps, name: string, event: unknown): boolean {
  const owner = props.owner;
  const method = owner.kind === 'page' ? (host.aliases[name] ?? name) : name;
  const fn = owner.instance[method];
  if (typeof fn !== 'function') {
    host.problem(`the handler ${method} is not defined in ${owner.name}`, props.at);
    return false;
  }
  log('page', method, event);
  guarded(() => (fn as (e: unknown) => unknown).call(owner.instance, event));
  return true;
}

function dispatch(host: PageHost, ev: string, from: AmElement | undefined, detail: Detail, bubbles: boolean): void {
  const root = host.element;
  let el = from;
  const target = from;
  while (el && target) {
    const props = el.__am;
    for (const b of props?.on ?? []) {
      if (b.ev !== ev || !props) continue;
      callHandler(host, props, b.handler, eventObject(ev, target, el, detail));
      if (b.catch) return;
    }
    if (!bubbles) return;
    el = amOf(el.parentNode, root);
  }
}

const authError = (errorMessage: string, error: number) => ({
  type: 'error',
  detail: { type: 'getAuthorize', errorMessage, error },
});

function parseEnvelope(response: unknown): Record<string, unknown> {
  if (typeof response !== 'string')
    return response && typeof response === 'object' ? (response as Record<string, unknown>) : {};
  try {
    const parsed = JSON.parse(response);
    return parsed && typeof parsed === 'object' ? parsed : { response };
  } catch {
    return { response };
  }
}

/** The button's own handler for `ev` (`getAuthorize`, `error`), called with the button as target. */
function buttonEvent(host: PageHost, button: AmElement, ev: string, event: Record<string, unknown>): boolean {
  const props = button.__am;
  const binding = props?.on.find((b) => b.ev === ev);
  if (!props || !binding) return false;
  return callHandler(host, props, binding.handler, {
    ...event,
    target: describeElement(button),
    currentTarget: describeElement(button),
  });
}

async function decide(host: PageHost, button: AmElement, decision: 'allow' | 'deny'): Promise<void> {
  const res = await jsapi('authorize', { scope: 'phoneNumber', decision, ...identity() });
  if (!res.ok || res.status !== 200) {
    buttonEvent(host, button, 'error', authError('系统异常', 3));
    return;
  }
  if (decision === 'deny') {
    buttonEvent(host, button, 'error', authError('用户拒绝授权', 11));
    return;
  }
  buttonEvent(host, button, 'getAuthorize', { type: 'getAuthorize', detail: { type: 'getAuthorize' } });
  // a one-file page script may name onGetPhoneNumber: it gets the envelope straight away (as the stub page did)
  const legacy = host.aliases.onGetPhoneNumber ?? 'onGetPhoneNumber';
  if (host.owner.kind !== 'page' || typeof host.instance[legacy] !== 'function' || !button.__am) return;
  if (button.__am.owner !== host.owner) return;
  const phone = await jsapi('getPhoneNumber', identity());
  const body = phone.ok ? (phone.body as Record<string, unknown> | undefined) : undefined;
  if (!phone.ok || phone.status !== 200 || !body || !('response' in body)) {
    buttonEvent(host, button, 'error', authError('系统异常', 3));
    return;
  }
  const env = parseEnvelope(body.response);
  callHandler(host, button.__am, legacy, {
    type: 'getPhoneNumber',
    detail: omitUndefined({ encryptedData: env.response, sign: env.sign }),
  });
}

/**
 * For no-tap scenarios: calls the page's own onGetAuthorize handler of its phone button (`selector`: the config's
 * `miniProgram.button`), without the consent sheet (as if the page reached it some other way). False when the page
 * shows no such button with a handler.
 */
export function callAuthorizeHandlerWithoutConsent(host: PageHost, selector = PHONE_BUTTON): boolean {
  let button: AmElement | null;
  try {
    button = host.element.querySelector(selector) as AmElement | null;
  } catch {
    return false; // not a selector the browser accepts: no such button
  }
  if (!button) return false;
  log('ui', 'authorize-handler.direct');
  return buttonEvent(host, button, 'getAuthorize', { type: 'getAuthorize', detail: { type: 'getAuthorize' } });
}

function authorizeButton(host: PageHost, button: AmElement, env: EventEnv): void {
  log('ui', 'auth-button.tap');
  const scope = (button as Element).getAttribute('scope');
  if (!canIUseButton) return;
  if (scope !== 'phoneNumber') {
    buttonEvent(host, button, 'error', authError(`scope ${scope ?? '(none)'} 暂不支持`, 1));
    return;
  }
  openConsentSheet(env.appName(), (decision) => void decide(host, button, decision));
}

function formValues(form: HTMLFormElement): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const field of Array.from(form.elements)) {
    const f = field as HTMLInputElement;
    if (!f.name) continue;
    if (f.type === 'checkbox') value[f.name] = f.checked;
    else value[f.name] = f.value;
  }
  return value;
}

/** Listens on a page's element for the events the markup may bind. */
export function installPageEvents(host: PageHost, env: EventEnv): void {
  const root = host.element;
  const at = (e: Event) => amOf(e.target, root);
  let longTapTimer: ReturnType<typeof setTimeout> | undefined;
  let longTapped = false;

  root.addEventListener('click', (e) => {
    if (longTapped) {
      longTapped = false;
      return;
    }
    const el = at(e);
    if (!el) return;
    const target = e.target as Element;
    const button = target.closest('button') as AmElement | null;
    if (button?.hasAttribute('disabled')) return;
    const mouse = e as MouseEvent;
    dispatch(
      host,
      'tap',
      el,
      { pageX: mouse.pageX, pageY: mouse.pageY, clientX: mouse.clientX, clientY: mouse.clientY },
      true,
    );
    if (button && root.contains(button) && button.getAttribute('open-type') === 'getAuthorize')
      authorizeButton(host, button, env);
    const nav = target.closest('navigator');
    if (nav && root.contains(nav)) {
      const url = nav.getAttribute('url') ?? '';
      const how = nav.getAttribute('open-type') ?? 'navigate';
      env.navigate(how, url, Number(nav.getAttribute('delta') ?? 1));
    }
  });
  root.addEventListener('pointerdown', (e) => {
    longTapped = false;
    clearTimeout(longTapTimer);
    longTapTimer = setTimeout(() => {
      const el = at(e);
      if (el?.__am?.on.some((b) => b.ev === 'longTap')) {
        longTapped = true;
        dispatch(host, 'longTap', el, {}, true);
      }
    }, 500);
  });
  for (const end of ['pointerup', 'pointercancel', 'pointerleave'])
    root.addEventListener(end, () => clearTimeout(longTapTimer));
  root.addEventListener('input', (e) => {
    const t = e.target as HTMLInputElement;
    dispatch(host, 'input', at(e), { value: t.value, cursor: t.selectionStart ?? t.value?.length }, false);
  });
  root.addEventListener('change', (e) => {
    const t = e.target as HTMLInputElement;
    dispatch(host, 'change', at(e), { value: t.type === 'checkbox' ? t.checked : t.value }, false);
  });
  root.addEventListener('submit', (e) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const submitter = (e as SubmitEvent).submitter as AmElement | null;
    dispatch(
      host,
      'submit',
      at(e),
      { value: formValues(form), buttonTarget: submitter ? describeElement(submitter) : undefined },
      false,
    );
  });
  root.addEventListener('reset', (e) => dispatch(host, 'reset', at(e), {}, false));
  root.addEventListener('focusin', (e) =>
    dispatch(host, 'focus', at(e), { value: (e.target as HTMLInputElement).value }, false),
  );
  root.addEventListener('focusout', (e) =>
    dispatch(host, 'blur', at(e), { value: (e.target as HTMLInputElement).value }, false),
  );
  root.addEventListener('keydown', (e) => {
    const t = e.target as HTMLInputElement;
    if ((e as KeyboardEvent).key === 'Enter' && t instanceof HTMLInputElement)
      dispatch(host, 'confirm', at(e), { value: t.value }, false);
  });
  // load, error and scroll do not bubble: caught on the way down
  root.addEventListener(
    'load',
    (e) => {
      const img = e.target as HTMLImageElement;
      if (img instanceof HTMLImageElement)
        dispatch(host, 'load', at(e), { width: img.naturalWidth, height: img.naturalHeight }, false);
    },
    true,
  );
  root.addEventListener(
    'error',
    (e) => {
      if (e.target instanceof HTMLImageElement) dispatch(host, 'error', at(e), { errMsg: 'image load failed' }, false);
    },
    true,
  );
  root.addEventListener(
    'scroll',
    (e) => {
      const t = e.target as Element;
      dispatch(host, 'scroll', at(e), { scrollTop: t.scrollTop, scrollLeft: t.scrollLeft }, false);
    },
    true,
  );
}
