import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from './errors.js';

/**
 * What keeps the gateway safe when something else can reach it.
 *
 * Cross-site: a web page open in the developer's browser can send simple requests (a form post, a no-cors fetch) to
 * any address, the gateway's included. So a write (any method but GET/HEAD/OPTIONS) that a browser marks as coming
 * from another site (an `Origin` other than the gateway's own, or `Sec-Fetch-Site: cross-site | same-site`) is
 * refused before anything runs, and an admin write from a browser must be JSON (a type no page can send without
 * CORS' permission, which the gateway never grants). Clients that are not browsers (curl, tests, SDKs) send neither
 * header and are not affected. `/gateway.do` is exempt: Alipay's SDKs post forms to it from servers.
 *
 * Token: with a token, every route but `/gateway.do` and `/__admin/health` needs it, as `authorization: Bearer T`,
 * `x-alimock-token: T` or the cookie a first `GET …?token=T` sets (then the page is loaded again without it), so
 * that a person can click through the stub page in a browser.
 */
export interface ExposureOptions {
  /** required on admin, bridge and stub routes when set */
  token?: string;
}

export const TOKEN_HEADER = 'x-alimock-token';
export const TOKEN_COOKIE = 'alimock_token';

/** A fresh token for a gateway that must not be open (e.g. bound to a non-loopback address). */
export function generateToken(): string {
  return randomBytes(18).toString('base64url');
}

/** A usable token: 8-256 visible characters that a header, a cookie and a query string all carry unchanged. */
export function tokenProblem(token: string): string | undefined {
  if (token.length < 8 || token.length > 256 || !/^[A-Za-z0-9._~-]+$/.test(token))
    return 'a token is 8-256 characters of A-Z a-z 0-9 . _ ~ -';
  return undefined;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

function cookieToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === TOKEN_COOKIE) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

function presentedToken(request: FastifyRequest): string | undefined {
  const auth = request.headers.authorization;
  if (typeof auth === 'string' && /^bearer\s+/i.test(auth)) return auth.replace(/^bearer\s+/i, '').trim();
  const header = request.headers[TOKEN_HEADER];
  if (typeof header === 'string') return header;
  return cookieToken(request.headers.cookie);
}

/** A write a browser sent from another site (or from an opaque origin such as a sandboxed frame). */
function crossSite(request: FastifyRequest): string | undefined {
  const origin = request.headers.origin;
  if (origin !== undefined) {
    let host: string | undefined;
    try {
      host = origin === 'null' ? undefined : new URL(origin).host;
    } catch {
      host = undefined;
    }
    if (host === undefined || host !== request.headers.host)
      return `a request from ${JSON.stringify(String(origin).slice(0, 100))}, another site than the gateway's own pages`;
  }
  const site = request.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return `a request the browser marks as ${site}`;
  return undefined;
}

const isJson = (contentType: string | undefined) =>
  contentType !== undefined && /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(contentType);

export function installExposureGuard(app: FastifyInstance, options: ExposureOptions = {}): void {
  const expected = options.token === undefined ? undefined : digest(options.token);
  const tokenOk = (given: string | undefined) =>
    expected !== undefined && given !== undefined && timingSafeEqual(digest(given), expected);

  /** `GET …?token=T`: the cookie is set and the page loaded again without the token in its address. */
  function acceptQueryToken(request: FastifyRequest, reply: FastifyReply): boolean {
    const url = new URL(request.url, 'http://gateway.invalid');
    const given = url.searchParams.get('token');
    if (given === null) return false;
    if (!tokenOk(given)) {
      sendError(reply, 'UNAUTHORIZED', "the ?token= given is not this gateway's token (it was printed at start-up)");
      return true;
    }
    url.searchParams.delete('token');
    reply
      .code(303)
      .header('set-cookie', `${TOKEN_COOKIE}=${encodeURIComponent(given)}; Path=/; HttpOnly; SameSite=Lax`)
      .header('cache-control', 'no-store')
      .header('location', `${url.pathname}${url.search}`)
      .send();
    return true;
  }

  app.addHook('onRequest', (request, reply, done) => {
    const method = request.method;
    const write = method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
    // the common case on the hot path (a loopback gateway, a same-origin or non-browser call) costs two lookups
    if (
      expected === undefined &&
      (!write || (request.headers.origin === undefined && !request.headers['sec-fetch-site']))
    )
      return done();
    const path = pathOf(request.url);
    if (path === '/gateway.do') return done();
    if (expected !== undefined && path !== '/__admin/health') {
      if (!write && request.url.includes('token=') && acceptQueryToken(request, reply)) return;
      if (!tokenOk(presentedToken(request))) {
        sendError(
          reply,
          'UNAUTHORIZED',
          `${method} ${path} needs this gateway's token (printed at start-up): send "authorization: Bearer TOKEN" or "x-alimock-token: TOKEN", or open the page once with ?token=TOKEN`,
        );
        return;
      }
    }
    if (write) {
      const foreign = crossSite(request);
      if (foreign) {
        sendError(reply, 'CROSS_SITE_REFUSED', `${method} ${path} refused: ${foreign}`);
        return;
      }
      const fromBrowser = request.headers.origin !== undefined || request.headers['sec-fetch-mode'] !== undefined;
      if (fromBrowser && path.startsWith('/__admin/') && !isJson(request.headers['content-type'])) {
        sendError(
          reply,
          'UNSUPPORTED_MEDIA_TYPE',
          `${method} ${path} from a browser must be JSON: send "content-type: application/json" and a JSON body ({} when there is nothing to say)`,
        );
        return;
      }
    }
    done();
  });
}
