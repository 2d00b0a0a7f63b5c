import { isIP } from 'node:net';

/**
 * Where the stub's `my.request` bridge (`POST /stub/request`) may go. The gateway performs those requests itself, so
 * an open bridge would let anyone who can reach it make the gateway fetch any URL, its own admin API included.
 *
 * - With targets (`bridgeTargets`, `alimock serve --target URL`): only those origins (scheme, host and port).
 * - Without: only loopback addresses (`localhost`, 127.0.0.0/8, `[::1]`), where a backend under test usually runs.
 * - Never the gateway itself: its own port on a loopback or unspecified address or on the host name the request
 *   used, whatever the targets say.
 */
export interface BridgeTargetRule {
  /** a reason when the URL is refused; undefined when the bridge may go there */
  check(url: URL, self: { port: number | undefined; host: string | undefined }): string | undefined;
  /** the rule in words, for messages and the start-up banner */
  describe(): string;
}

export type ParsedOrigins = { ok: true; value: string[] } | { ok: false; reason: string };

/** Normalises `bridgeTargets`: each an absolute http(s) URL; only its origin counts. */
export function parseBridgeTargets(targets: readonly string[]): ParsedOrigins {
  const origins: string[] = [];
  for (const t of targets) {
    let url: URL;
    try {
      url = new URL(t);
    } catch {
      return {
        ok: false,
        reason: `bridge target ${JSON.stringify(t)} is not an absolute URL, e.g. http://127.0.0.1:8080`,
      };
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      return { ok: false, reason: `bridge target ${JSON.stringify(t)} is not an http:// or https:// URL` };
    if (!origins.includes(url.origin)) origins.push(url.origin);
  }
  return { ok: true, value: origins };
}

/** Host names (as `URL.hostname` spells them) that are this machine's loopback. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || /^::ffff:(127\.|7f[0-9a-f]{2}:)/.test(h);
  return false;
}

/** Addresses that mean "every interface" (connecting to them reaches this machine). */
function isUnspecified(hostname: string): boolean {
  const h = hostname.replace(/^\[(.*)\]$/, '$1');
  return h === '0.0.0.0' || h === '::' || h === '0' || /^0+(\.0+){0,3}$/.test(h);
}

function portOf(url: URL): number {
  if (url.port !== '') return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}

/** The host name of a Host header value (`example.com:8787`, `[::1]:8787`), lower-cased. */
function hostnameOf(host: string): string {
  const m = /^(\[[^\]]*\]|[^:]*)/.exec(host.trim());
  return (m?.[1] ?? '').toLowerCase();
}

/** The port of a Host header value, 80 when it names none (the gateway is plain http). */
function portIn(host: string | undefined): number {
  const m = /:(\d+)$/.exec(host ?? '');
  return m ? Number(m[1]) : 80;
}

export function bridgeTargetRule(origins: readonly string[] = []): BridgeTargetRule {
  const allowed = new Set(origins);
  return {
    check(url, self) {
      if (isUnspecified(url.hostname)) return `${url.hostname} is not a host to request: name the target's address`;
      const samePort = self.port !== undefined && portOf(url) === self.port;
      const sameName = self.host !== undefined && hostnameOf(self.host) === url.hostname.toLowerCase();
      if ((samePort && (isLoopbackHost(url.hostname) || sameName)) || (sameName && portOf(url) === portIn(self.host)))
        return `${url.origin} is the gateway itself: the bridge never requests the gateway's own routes`;
      if (allowed.size > 0) {
        return allowed.has(url.origin)
          ? undefined
          : `${url.origin} is not a bridge target of this gateway (targets: ${[...allowed].join(', ')}); add it with serve --target or the bridgeTargets option`;
      }
      return isLoopbackHost(url.hostname)
        ? undefined
        : `${url.origin} is not a loopback address: without targets the bridge reaches only localhost, 127.0.0.0/8 and [::1]; name it with serve --target or the bridgeTargets option`;
    },
    describe() {
      return allowed.size > 0 ? [...allowed].join(', ') : 'loopback addresses only (localhost, 127.0.0.0/8, [::1])';
    },
  };
}
