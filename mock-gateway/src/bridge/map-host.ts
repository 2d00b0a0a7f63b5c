/**
 * API hosts: where my.request really goes. A page calls its production API (`https://api.example.com/...`); alimock
 * sends it to the backend under test. `hosts` maps origins: `'target'` (the backend under test), another origin or
 * base URL, or `'passthrough'` (left alone). By default every http(s) origin that is not the mock gateway's own maps
 * to the target. Pure: used by the gateway's bridge and by the harness's native side alike.
 */

/** origin (`https://api.example.com`) → `'target'`, `'passthrough'`, or a base URL */
export type HostMap = Readonly<Record<string, string>>;

export interface HostMapping {
  hosts?: HostMap;
  /** the backend under test; without it only explicit origins in `hosts` are mapped */
  targetUrl?: string;
  /** origins served by the mock itself (never mapped) */
  mockOrigins?: readonly string[];
}

export type MappedUrl = { url: string; mapped: false } | { url: string; mapped: true; from: string; to: string };

function originOf(raw: string): string | undefined {
  try {
    return new URL(raw).origin;
  } catch {
    return undefined;
  }
}

/** `hosts` keys as origins; a key that is not a URL is reported. */
export function checkHostMap(hosts: unknown): { ok: true; value: HostMap } | { ok: false; reason: string } {
  if (hosts === undefined) return { ok: true, value: {} };
  if (typeof hosts !== 'object' || hosts === null || Array.isArray(hosts))
    return { ok: false, reason: 'hosts must be an object: { "https://api.example.com": "target" }' };
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(hosts)) {
    const origin = originOf(key);
    if (!origin || !/^https?:/.test(origin))
      return {
        ok: false,
        reason: `hosts: ${JSON.stringify(key)} is not an http(s) origin such as https://api.example.com`,
      };
    if (typeof value !== 'string' || (value !== 'target' && value !== 'passthrough' && !originOf(value)))
      return {
        ok: false,
        reason: `hosts["${key}"] must be "target", "passthrough" or a base URL, got ${JSON.stringify(value)}`,
      };
    out[origin] = value;
  }
  return { ok: true, value: out };
}

function rebase(url: URL, base: string): string {
  const b = new URL(base);
  const prefix = b.pathname.replace(/\/$/, '');
  return `${b.origin}${prefix}${url.pathname}${url.search}${url.hash}`;
}

export function mapRequestUrl(raw: string, m: HostMapping): MappedUrl {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { url: raw, mapped: false };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { url: raw, mapped: false };
  const origin = url.origin;
  const explicit = Object.entries(m.hosts ?? {}).find(([k]) => originOf(k) === origin)?.[1];
  if (explicit === 'passthrough') return { url: raw, mapped: false };
  if (explicit !== undefined && explicit !== 'target')
    return { url: rebase(url, explicit), mapped: true, from: origin, to: explicit };
  if (!m.targetUrl) return { url: raw, mapped: false };
  const targetOrigin = originOf(m.targetUrl);
  if (origin === targetOrigin) return { url: raw, mapped: false };
  if (explicit === undefined && (m.mockOrigins ?? []).some((o) => originOf(o) === origin))
    return { url: raw, mapped: false };
  return { url: rebase(url, m.targetUrl), mapped: true, from: origin, to: m.targetUrl };
}
