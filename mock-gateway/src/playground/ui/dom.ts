/** A small way to build DOM: `h('button', { type: 'button', onclick }, 'Text')`. No framework. */

type Attrs = Record<string, string | number | boolean | undefined | EventListener | ((e: Event) => void)>;
export type Child = Node | string | number | false | null | undefined | Child[];

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function')
      el.addEventListener(name.slice(2), value as EventListener);
    else if (value === true) el.setAttribute(name, '');
    else el.setAttribute(name, String(value));
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(parent, c);
    else parent.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

/** Replaces an element's children. */
export function fill(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

let ids = 0;
/** A unique id for label/control pairs. */
export function uid(prefix: string): string {
  ids++;
  return `${prefix}-${ids}`;
}

/** A labelled control: `<label for=id>text</label>` + the control. */
export function labelled<T extends HTMLElement>(text: string, control: T): [HTMLLabelElement, T] {
  if (!control.id) control.id = uid('c');
  return [h('label', { for: control.id }, text), control];
}

/** A `<select>` with its options ([value, text]). */
export function select(options: ReadonlyArray<readonly [string, string]>, value?: string): HTMLSelectElement {
  const el = h('select', {}, ...options.map(([v, t]) => h('option', { value: v }, t)));
  if (value !== undefined) el.value = value;
  return el;
}
