/**
 * Puts a freshly rendered tree into the live page with morphdom: elements are updated in place (focus, caret and
 * scroll stay), the runtime's per-element data moves to the live element, and an input whose value the template
 * does not bind keeps what the person typed.
 */
import morphdom from 'morphdom';
import type { AmElement } from './element-props.js';

export function morphInto(live: Element, fresh: Element): void {
  morphdom(live, fresh, {
    childrenOnly: true,
    getNodeKey(node) {
      const n = node as AmElement;
      return n.__amKey ?? (n.nodeType === 1 ? (n as Element).id || undefined : undefined);
    },
    onBeforeElUpdated(from, to) {
      const f = from as AmElement;
      const t = to as AmElement;
      f.__am = t.__am;
      if (t.__amKey !== undefined) f.__amKey = t.__amKey;
      if ((from instanceof HTMLInputElement || from instanceof HTMLTextAreaElement) && !to.hasAttribute('value')) {
        (to as HTMLInputElement).value = from.value;
      }
      return true;
    },
  });
}
