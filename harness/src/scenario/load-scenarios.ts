/**
 * A team's own scenarios: JSON files (data, checked against scenario-file.schema.json — what the playground's
 * "save as scenario" writes) and TypeScript/JavaScript modules (exporting `defineScenario(…)` results, which may use
 * functions). `alimock run --scenarios FILE|DIR` and the config's `scenarios` load them; the word `builtin` stands
 * for alimock's own suite.
 */
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join, relative, resolve } from 'node:path';
import type { ErrorObject } from 'ajv/dist/2020.js';
import { importModule, parseJson } from '../config/import-module.js';
import { readBoundedText } from '../config/read-bounded.js';
import schema from './scenario-file.schema.json' with { type: 'json' };
import type { ScenarioDefinition } from './types.js';

type Validate = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
let compiled: Validate | undefined;
/** The file format's check, compiled when a JSON scenario file is first read (not when the CLI or a config loads). */
function validator(): Validate {
  if (!compiled) {
    const { Ajv2020 } = createRequire(import.meta.url)('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
    compiled = new Ajv2020({ allErrors: true, strict: false }).compile(schema) as Validate;
  }
  return compiled;
}

export type ScenariosResult = { ok: true; value: ScenarioDefinition[] } | { ok: false; reason: string };

const EXTENSIONS = new Set(['.json', '.ts', '.mts', '.js', '.mjs']);
/** A scenario file larger than this is not a scenario file. */
const MAX_FILE = 4 * 1024 * 1024;

function where(e: ErrorObject): string {
  return e.instancePath === '' ? 'the file' : e.instancePath.replace(/^\//, '').replace(/\//g, '.');
}

/** One line for a schema problem: the deepest place (oneOf reports every branch: the most specific one helps most). */
function explain(errors: ErrorObject[] | null | undefined): string {
  const list = [...(errors ?? [])].sort((a, b) => b.instancePath.length - a.instancePath.length);
  const e = list[0];
  if (!e) return 'does not match the scenario file format';
  // a value that is none of the constants its place allows (an unknown step, an unknown expectation kind)
  const consts = list
    .filter((x) => x.instancePath === e.instancePath && x.keyword === 'const')
    .map((x) => (x.params as { allowedValue?: unknown }).allowedValue);
  if (consts.length > 0) return `${where(e)} must be one of ${consts.map((c) => JSON.stringify(c)).join(', ')}`;
  const allowed = (e.params as { allowedValues?: unknown[] }).allowedValues;
  const extra = (e.params as { additionalProperty?: string }).additionalProperty;
  return `${where(e)} ${e.message ?? 'is not valid'}${allowed ? ` (${allowed.join(', ')})` : ''}${extra ? `: "${extra}"` : ''}`;
}

/** Fills what a file may leave out. */
function complete(raw: Record<string, unknown>): ScenarioDefinition {
  return {
    group: 'custom',
    faq: 'Custom scenario',
    remedy: '',
    given: [],
    ...raw,
  } as unknown as ScenarioDefinition;
}

function fromJson(path: string): ScenariosResult {
  const read = readBoundedText(path, MAX_FILE);
  if (!read.ok) return read;
  const parsed = parseJson(read.value);
  if (!parsed.ok) {
    const at = parsed.where ? ` at line ${parsed.where.line}, column ${parsed.where.column}` : '';
    return { ok: false, reason: `${path}: not JSON${at} (${parsed.message})` };
  }
  const data = parsed.value;
  const validate = validator();
  if (!validate(data))
    return {
      ok: false,
      reason: `${path}: ${explain(validate.errors)} — see the scenario file format in docs/scenarios.md`,
    };
  const list = Array.isArray(data)
    ? data
    : 'scenarios' in (data as object)
      ? (data as { scenarios: unknown[] }).scenarios
      : [data];
  return { ok: true, value: (list as Record<string, unknown>[]).map(({ $schema: _s, ...s }) => complete(s)) };
}

function looksLikeScenario(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'id' in v && 'steps' in v && 'expect' in v;
}

async function fromModule(path: string): Promise<ScenariosResult> {
  const loaded = await importModule(path);
  if (!loaded.ok) return loaded;
  const mod = loaded.value;
  const found: ScenarioDefinition[] = [];
  for (const value of Object.values(mod)) {
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) if (looksLikeScenario(item)) found.push(complete(item));
  }
  if (found.length === 0)
    return {
      ok: false,
      reason: `${path}: exports no scenario (export defineScenario({ … }) results, or an array of them)`,
    };
  return { ok: true, value: found };
}

function filesIn(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.')) out.push(...filesIn(p));
    else if (entry.isFile() && EXTENSIONS.has(extname(entry.name)) && !/\.(test|spec|d)\.[mc]?[jt]s$/.test(entry.name))
      out.push(p);
  }
  return out.sort();
}

/** Loads scenario files and folders (`builtin` = `builtin`); ids must be unique across all of them. */
export async function loadScenarios(
  paths: readonly string[],
  builtin: readonly ScenarioDefinition[],
  baseDir = process.cwd(),
): Promise<ScenariosResult> {
  const all: ScenarioDefinition[] = [];
  const origin = new Map<string, string>();
  for (const p of paths) {
    let list: ScenarioDefinition[];
    let from: string;
    if (p === 'builtin') {
      list = [...builtin];
      from = "alimock's own suite";
    } else {
      const path = resolve(baseDir, p);
      let files: string[];
      try {
        files = statSync(path).isDirectory() ? filesIn(path) : [path];
      } catch {
        return { ok: false, reason: `scenarios: no file or folder at ${path}` };
      }
      if (files.length === 0)
        return { ok: false, reason: `scenarios: ${path} holds no .json, .ts or .js scenario file` };
      list = [];
      for (const f of files) {
        const got = extname(f) === '.json' ? fromJson(f) : await fromModule(f);
        if (!got.ok) return got;
        list.push(...got.value);
      }
      from = relative(baseDir, path) || path;
    }
    for (const s of list) {
      const before = origin.get(s.id);
      if (before)
        return { ok: false, reason: `scenarios: the id "${s.id}" is used twice (in ${before} and in ${from})` };
      origin.set(s.id, from);
      all.push(s);
    }
  }
  return { ok: true, value: all };
}
