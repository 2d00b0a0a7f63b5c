/**
 * `alimock doctor`: reads a payload a backend received (argument, --file or stdin) and the keys it uses (flags,
 * files, or a keys folder), runs `diagnose` and prints the report (or `--json`). Exit 0 when the payload is fine,
 * 1 when a problem was found, 2 on misuse.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { KEY_FILES } from '../../../mock-gateway/src/keys/key-material.js';
import { diagnose } from '../doctor/diagnose.js';
import { renderReport } from '../doctor/render-report.js';
import type { DiagnoseInput } from '../doctor/types.js';
import { type CommandResult, done, EXIT_RUNTIME, usageFailure } from './command-result.js';

/** Flags of `alimock doctor`, already validated by `program.ts` (at most one of `envelope` and `file`). */
export interface DoctorOptions {
  /** the envelope text given as the positional argument */
  envelope?: string;
  /** read the envelope from this file (`-` = stdin); with neither `envelope` nor `file`, read stdin */
  file?: string;
  /** key text, `@file`, or the path of an existing file holding it */
  alipayPublicKey?: string;
  aesKey?: string;
  appPublicKey?: string;
  /** a folder holding alipay-public.txt (or .pem), aes.txt, app-public.txt (or .pem); flags win */
  keys?: string;
  json?: boolean;
}

type Read = { ok: true; text: string } | { ok: false; reason: string };

const USAGE =
  'pass the payload as an argument (in single quotes), with --file FILE, or on stdin (e.g. pbpaste | alimock doctor …)';

function readFile(path: string, what: string): Read {
  try {
    return { ok: true, text: readFileSync(path, 'utf8') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, reason: `${what} ${path}: no such file` };
    if (code === 'EISDIR') return { ok: false, reason: `${what} ${path}: is a directory, expected a file` };
    return { ok: false, reason: `${what} ${path}: cannot be read (${code ?? String(e)})` };
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

async function readEnvelope(opts: DoctorOptions): Promise<Read> {
  if (opts.envelope !== undefined) return { ok: true, text: opts.envelope };
  if (opts.file !== undefined && opts.file !== '-') return readFile(opts.file, '--file');
  if (opts.file === undefined && process.stdin.isTTY) return { ok: false, reason: `no payload given: ${USAGE}` };
  return { ok: true, text: await readStdin() };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** A key flag: `@file`, an existing file's path, or the key text itself. */
function readKeyFlag(value: string, flag: string): Read {
  if (value.startsWith('@')) return readFile(value.slice(1), flag);
  const looksLikeText = value.includes('\n') || value.includes('-----BEGIN') || value.length > 200;
  if (!looksLikeText && isFile(value)) return readFile(value, flag);
  return { ok: true, text: value };
}

function firstExisting(dir: string, names: string[]): string | undefined {
  return names.map((n) => join(dir, n)).find(isFile);
}

function readKeysDir(dir: string): { ok: true; keys: Partial<DiagnoseInput> } | { ok: false; reason: string } {
  const abs = resolve(dir);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) return { ok: false, reason: `--keys ${dir}: not a directory` };
  const files = {
    alipayPublicKey: firstExisting(abs, [KEY_FILES.alipayPublicTxt, KEY_FILES.alipayPublicPem]),
    aesKey: firstExisting(abs, [KEY_FILES.aes]),
    appPublicKey: firstExisting(abs, [KEY_FILES.appPublicTxt, KEY_FILES.appPublicPem]),
  };
  const keys: Partial<DiagnoseInput> = {};
  for (const [name, file] of Object.entries(files) as Array<[keyof typeof files, string | undefined]>) {
    if (file === undefined) continue;
    const read = readFile(file, '--keys');
    if (!read.ok) return read;
    keys[name] = read.text;
  }
  if (Object.keys(keys).length === 0) {
    return {
      ok: false,
      reason: `--keys ${dir}: holds none of ${KEY_FILES.alipayPublicTxt}, ${KEY_FILES.aes}, ${KEY_FILES.appPublicTxt}`,
    };
  }
  return { ok: true, keys };
}

function wantsColor(env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return process.stdout.isTTY === true && env.TERM !== 'dumb';
}

export async function doctorCommand(opts: DoctorOptions): Promise<CommandResult> {
  const envelope = await readEnvelope(opts);
  if (!envelope.ok) return usageFailure(envelope.reason);
  if (envelope.text.trim() === '') return usageFailure(`the payload is empty: ${USAGE}`);

  const input: DiagnoseInput = { envelope: envelope.text };
  if (opts.keys !== undefined) {
    const dir = readKeysDir(opts.keys);
    if (!dir.ok) return usageFailure(dir.reason);
    Object.assign(input, dir.keys);
  }
  const flags: Array<[keyof Omit<DiagnoseInput, 'envelope'>, string | undefined, string]> = [
    ['alipayPublicKey', opts.alipayPublicKey, '--alipay-public-key'],
    ['aesKey', opts.aesKey, '--aes-key'],
    ['appPublicKey', opts.appPublicKey, '--app-public-key'],
  ];
  for (const [name, value, flag] of flags) {
    if (value === undefined) continue;
    const read = readKeyFlag(value, flag);
    if (!read.ok) return usageFailure(read.reason);
    input[name] = read.text;
  }

  const diagnosis = diagnose(input);
  if (opts.json) process.stdout.write(`${JSON.stringify(diagnosis, null, 2)}\n`);
  else process.stdout.write(renderReport(diagnosis, { color: wantsColor(process.env) }));
  return diagnosis.ok ? done : { ok: false, exitCode: EXIT_RUNTIME };
}
