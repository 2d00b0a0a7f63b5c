/** `/pages/x/y?a=1`, `pages/x/y`, `../y/y` (from the current page) → route and query. */
export function parseRouteUrl(url: string, from: string | undefined): { route: string; query: Record<string, string> } {
  const [pathPart = '', search = ''] = url.split('?');
  let segments: string[];
  if (pathPart.startsWith('/')) segments = pathPart.slice(1).split('/');
  else if (pathPart.startsWith('.') && from) segments = [...from.split('/').slice(0, -1), ...pathPart.split('/')];
  else segments = pathPart.split('/');
  const out: string[] = [];
  for (const s of segments) {
    if (s === '' || s === '.') continue;
    if (s === '..') out.pop();
    else out.push(s);
  }
  return {
    route: out.join('/').replace(/\.(axml|js|ts)$/, ''),
    query: Object.fromEntries(new URLSearchParams(search)),
  };
}
