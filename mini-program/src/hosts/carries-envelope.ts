/**
 * Which my.request carried the phone envelope (`res.response`) to the backend: its `data` holds the envelope
 * string — as a value of a JSON object (at any depth), inside a form-encoded or JSON string body, or as the body
 * itself. Pure: for the harness judging the backend's answer to that request.
 */

function holds(value: unknown, envelope: string, depth: number): boolean {
  if (depth > 8) return false;
  if (typeof value === 'string') {
    if (value === envelope || value.includes(envelope)) return true;
    // form-encoded or JSON text
    if (value.includes('=')) {
      try {
        for (const v of new URLSearchParams(value).values()) if (v === envelope || v.includes(envelope)) return true;
      } catch {
        // not a form
      }
    }
    if (/^\s*[[{]/.test(value)) {
      try {
        return holds(JSON.parse(value), envelope, depth + 1);
      } catch {
        return false;
      }
    }
    return false;
  }
  if (Array.isArray(value)) return value.some((v) => holds(v, envelope, depth + 1));
  if (value && typeof value === 'object') return Object.values(value).some((v) => holds(v, envelope, depth + 1));
  return false;
}

export function carriesEnvelope(data: unknown, envelope: string): boolean {
  return envelope !== '' && holds(data, envelope, 0);
}
