/**
 * How an envelope (`res.response`) shows inside a page's request to its backend, whatever the page wraps it in: the
 * whole text or only `response`'s ciphertext (pages that split the envelope), as is, JSON-escaped, URI- or
 * form-encoded. One definition for the gateway's journal and the harness's judge of which request was the phone one.
 */

/** Forms shorter than this are not looked for: they could match by chance. */
const MIN_NEEDLE = 16;

/** The texts whose presence in a body or URL means it carries `envelope`. */
export function envelopeNeedles(envelope: string): string[] {
  const forms = new Set<string>();
  const add = (text: string) => {
    forms.add(text);
    forms.add(JSON.stringify(text).slice(1, -1));
    forms.add(encodeURIComponent(text));
    forms.add(new URLSearchParams({ x: text }).toString().slice(2));
  };
  add(envelope);
  try {
    const inner = (JSON.parse(envelope) as { response?: unknown }).response;
    if (typeof inner === 'string' && inner.length >= MIN_NEEDLE) add(inner);
  } catch {
    // not JSON: the whole text is the needle
  }
  return [...forms].filter((f) => f.length >= MIN_NEEDLE);
}

/** Does `text` (a body, or a URL: a GET carries it in the query) carry one of `envelopes`? */
export function carriesEnvelope(text: string, envelopes: readonly string[]): boolean {
  return envelopes.some((envelope) => envelopeNeedles(envelope).some((n) => text.includes(n)));
}
