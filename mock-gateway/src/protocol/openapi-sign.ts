/**
 * OpenAPI request signing content (docs/protocol.md): every parameter but `sign` with a non-empty value, sorted by key,
 * `k=v` joined by `&`, raw (not URL-encoded).
 */
export function openApiSignContent(params: Readonly<Record<string, unknown>>): string {
  return Object.keys(params)
    .filter((k) => k !== 'sign')
    .filter((k) => {
      const v = params[k];
      return v !== undefined && v !== null && String(v) !== '';
    })
    .sort()
    .map((k) => `${k}=${String(params[k])}`)
    .join('&');
}

/** `alipay.system.oauth.token` → `alipay_system_oauth_token_response` */
export function responseKeyFor(method: string): string {
  return `${method.replace(/\./g, '_')}_response`;
}
