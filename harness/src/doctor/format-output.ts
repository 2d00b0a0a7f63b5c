/**
 * What `alimock doctor` prints: the text report, or the Diagnosis as JSON with every string capped (a "… (N more
 * bytes)" marker) and the characters that could drive a terminal escaped (the parsed values are unchanged).
 */
import { clip, SHOW_LIMIT } from './echo.js';
import { renderReport } from './render-report.js';
import type { Diagnosis } from './types.js';

function capStrings(value: unknown): unknown {
  if (typeof value === 'string') return clip(value, SHOW_LIMIT);
  if (Array.isArray(value)) return value.map(capStrings);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, capStrings(v)]));
  }
  return value;
}

/** C1 controls, DEL and bidirectional controls: JSON.stringify leaves them raw, a terminal may act on them. */
const RAW_IN_JSON = /[\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The Diagnosis as indented JSON, strings capped, terminal-active characters written as \u escapes. */
export function diagnosisJson(d: Diagnosis): string {
  return JSON.stringify(capStrings(d), null, 2).replace(
    RAW_IN_JSON,
    (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  );
}

export function formatDiagnosis(d: Diagnosis, options: { json: boolean; color: boolean }): string {
  return options.json ? `${diagnosisJson(d)}\n` : renderReport(d, { color: options.color });
}
