/**
 * The run's reporters from the config: alimock's by name, a team's reporter objects, and reporter modules (a default
 * or named `reporter` export: an object with hooks, or a function `({ reportDir }) => reporter`).
 */
import { importModule } from '../config/import-module.js';
import type { ReporterSpec } from '../config/resolve-config.js';
import { type CreateReportersOptions, createReporters } from './create-reporters.js';
import type { Reporter } from './reporter.js';
import { isReporterName, REPORTER_HOOKS } from './reporter-names.js';

export type ReportersResult = { ok: true; value: Reporter[] } | { ok: false; reason: string };

function isReporter(v: unknown): v is Reporter {
  if (v === null || typeof v !== 'object') return false;
  const o = v as Record<string, unknown>;
  return REPORTER_HOOKS.some((h) => typeof o[h] === 'function');
}

async function fromModule(
  path: string,
  opts: CreateReportersOptions,
): Promise<{ ok: true; value: Reporter } | { ok: false; reason: string }> {
  const loaded = await importModule(path);
  if (!loaded.ok) return { ok: false, reason: `reporter ${loaded.reason}` };
  const mod = loaded.value;
  const exported = mod.default ?? mod.reporter ?? mod.createReporter;
  let value: unknown = exported;
  try {
    if (typeof exported === 'function')
      value = await (exported as (o: { reportDir: string }) => unknown)({ reportDir: opts.reportDir });
  } catch (e) {
    return { ok: false, reason: `reporter ${path}: its factory threw: ${(e as Error).message}` };
  }
  if (!isReporter(value))
    return {
      ok: false,
      reason: `reporter ${path}: export a reporter ({ name, onRunEnd?, … }) or a function returning one, as default or as "reporter"`,
    };
  return { ok: true, value: { ...value, name: typeof value.name === 'string' && value.name ? value.name : path } };
}

export async function loadReporters(
  specs: readonly ReporterSpec[],
  opts: CreateReportersOptions,
): Promise<ReportersResult> {
  const out: Reporter[] = [];
  const named = specs.filter((s): s is Extract<ReporterSpec, string> => typeof s === 'string' && isReporterName(s));
  const builtIn = createReporters([...named], opts);
  for (const spec of specs) {
    if (typeof spec === 'string') {
      const r = builtIn.find((b) => b.name === spec);
      if (r && !out.includes(r)) out.push(r);
    } else if ('module' in spec && !isReporter(spec)) {
      const got = await fromModule(spec.module, opts);
      if (!got.ok) return got;
      out.push(got.value);
    } else out.push(spec as Reporter);
  }
  return { ok: true, value: out };
}
