/** One benchmark's outcome: a ratio against a baseline measured in the same run, and its target. */
export interface BenchResult {
  id: string;
  /** what is measured, e.g. "unique envelopes/s over HTTP" */
  measured: string;
  value: number;
  baselineName: string;
  baseline: number;
  unit: string;
  ratio: number;
  target: { op: '>=' | '<='; value: number };
  /** anything that makes the number suspect (errors, non-2xx answers) */
  notes: string[];
  /** an absolute budget the issue sets as well (e.g. "≤ 6 s on this machine"); the ratio is then informative */
  limit?: { max: number; unit: string };
}

export function passes(r: BenchResult): boolean {
  if (!Number.isFinite(r.ratio)) return false;
  if (r.limit) return r.value <= r.limit.max;
  return r.target.op === '>=' ? r.ratio >= r.target.value : r.ratio <= r.target.value;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return n >= 100 ? n.toFixed(0) : n.toFixed(n >= 10 ? 1 : 2);
}

/** Two lines per benchmark: the verdict line, then the raw numbers. */
export function formatResult(r: BenchResult): string {
  const verdict = passes(r) ? 'PASS' : 'MISS';
  const head = r.limit
    ? `${verdict}  ${r.id}: ${fmt(r.value)} ${r.limit.unit} (target <= ${r.limit.max} ${r.limit.unit}; ratio ${r.ratio.toFixed(2)} to the baseline)`
    : `${verdict}  ${r.id}: ratio ${r.ratio.toFixed(2)} (target ${r.target.op} ${r.target.value})`;
  const detail = `      ${r.measured} ${fmt(r.value)} ${r.unit} ÷ ${r.baselineName} ${fmt(r.baseline)} ${r.unit}`;
  return [head, detail, ...r.notes.map((n) => `      note: ${n}`)].join('\n');
}
