/** setData's path keys: `'a.b'`, `'list[0].name'`, `'a["b"]'`. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/\[["']([^"']+)["']\]/g, '.$1')
    .split('.')
    .filter(Boolean);
  let node: Record<string, unknown> = target;
  keys.forEach((key, i) => {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') return;
    if (i === keys.length - 1) node[key] = value;
    else {
      const next = node[key];
      if (next === null || typeof next !== 'object') node[key] = /^\d+$/.test(keys[i + 1] ?? '') ? [] : {};
      node = node[key] as Record<string, unknown>;
    }
  });
}
