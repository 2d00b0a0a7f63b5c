/** Small DOM helpers for the shell's own markup (overlays, tab bar). */
export function el(tag: string, attrs?: Record<string, string>, ...children: Array<Node | string>): HTMLElement {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (k === 'class') node.className = v;
    else node.setAttribute(k, v);
  }
  for (const child of children) node.append(child);
  return node;
}

export const byId = (id: string): HTMLElement => document.getElementById(id) as HTMLElement;
