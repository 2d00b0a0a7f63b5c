/**
 * `alimock doctor`: reads a payload a backend received (argument, --file or stdin; optionally taken out of the
 * team's own request body with --field or the contract of --config) and the keys it uses (flags, files, or a keys
 * folder), runs `diagnose` and prints the report (or `--json`). Every input is read up to a limit. Exit 0 when the
 * payload is fine, 1 when a problem was found, 2 on misuse.
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { KEY_FILES } from '../../../mock-gateway/src/keys/key-material.js';
import { placeFromConfig } from '../doctor/contract-place.js';
import { diagnose } from '../doctor/diagnose.js';
import { echo } from '../doctor/echo.js';
import { extractField, type FieldPath, fieldName } from '../doctor/extract-field.js';
import { formatDiagnosis } from '../doctor/format-output.js';
import {
  type InputKind,
  KEY_LIMIT,
  type LimitedRead,
  PAYLOAD_LIMIT,
  readFileLimited,
  readStreamLimited,
  tooLarge,
} from '../doctor/read-limited.js';
import type { DiagnoseInput, DiagnoseKeys } from '../doctor/types.js';
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
  /** the payload is a request body: take it from this member or form field (name or dot path) */
  field?: string;
  /** the team's alimock config: its contract.buildPhoneRequest says where the payload sits in the body */
  config?: string;
  json?: boolean;
}

const USAGE =
  'pass the payload as an argument (in single quotes), with --file FILE, or on stdin (e.g. pbpaste | alimock doctor …)';

const PAYLOAD: InputKind = 'payload';
const KEY: InputKind = 'key';

async function readEnvelope(opts: DoctorOptions): Promise<LimitedRead> {
  if (opts.envelope !== undefined) {
    return Buffer.byteLength(opts.envelope, 'utf8') > PAYLOAD_LIMIT
      ? { ok: false, reason: tooLarge('the payload argument', PAYLOAD_LIMIT, PAYLOAD) }
      : { ok: true, text: opts.envelope };
  }
  if (opts.file !== undefined && opts.file !== '-') {
    return readFileLimited(opts.file, PAYLOAD_LIMIT, `--file ${opts.file}`, PAYLOAD);
  }
  if (opts.file === undefined && process.stdin.isTTY) return { ok: false, reason: `no payload given: ${USAGE}` };
  return readStreamLimited(process.stdin, PAYLOAD_LIMIT, 'stdin', PAYLOAD);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** A key flag: `@file`, an existing file's path, or the key text itself. */
async function readKeyFlag(value: string, flag: string): Promise<LimitedRead> {
  if (value.startsWith('@')) return readFileLimited(value.slice(1), KEY_LIMIT, `${flag} ${value}`, KEY);
  const looksLikeText = value.includes('\n') || value.includes('-----BEGIN') || value.length > 200;
  if (!looksLikeText && isFile(value)) return readFileLimited(value, KEY_LIMIT, `${flag} ${value}`, KEY);
  if (Buffer.byteLength(value, 'utf8') > KEY_LIMIT) return { ok: false, reason: tooLarge(flag, KEY_LIMIT, KEY) };
  return { ok: true, text: value };
}

function firstExisting(dir: string, names: string[]): string | undefined {
  return names.map((n) => join(dir, n)).find(isFile);
}

async function readKeysDir(dir: string): Promise<{ ok: true; keys: DiagnoseKeys } | { ok: false; reason: string }> {
  const abs = resolve(dir);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) {
    return { ok: false, reason: `--keys ${echo(dir, 200)}: not a directory` };
  }
  const files = {
    alipayPublicKey: firstExisting(abs, [KEY_FILES.alipayPublicTxt, KEY_FILES.alipayPublicPem]),
    aesKey: firstExisting(abs, [KEY_FILES.aes]),
    appPublicKey: firstExisting(abs, [KEY_FILES.appPublicTxt, KEY_FILES.appPublicPem]),
  };
  const keys: DiagnoseKeys = {};
  for (const [name, file] of Object.entries(files) as Array<[keyof typeof files, string | undefined]>) {
    if (file === undefined) continue;
    const read = await readFileLimited(file, KEY_LIMIT, `--keys ${file}`, KEY);
    if (!read.ok) return read;
    keys[name] = read.text;
  }
  if (Object.keys(keys).length === 0) {
    return {
      ok: false,
      reason: `--keys ${echo(dir, 200)}: holds none of ${KEY_FILES.alipayPublicTxt}, ${KEY_FILES.aes}, ${KEY_FILES.appPublicTxt}`,
    };
  }
  return { ok: true, keys };
}

/** A hint when the text given is already the envelope, not a request body. */
function envelopeHint(body: string, flag: string): string {
  try {
    const v: unknown = JSON.parse(body);
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && 'response' in v) {
      return ` — this looks like res.response itself: leave out ${flag}`;
    }
  } catch {
    // not JSON: no hint
  }
  return '';
}

/** Where the payload sits in the body: from --field, from the contract of --config, or nowhere (the doctor looks). */
async function payloadField(
  opts: DoctorOptions,
  body: string,
): Promise<{ ok: true; field?: FieldPath } | { ok: false; reason: string }> {
  if (opts.field !== undefined && opts.config !== undefined) {
    return {
      ok: false,
      reason: 'give either --field or --config (whose contract says where the payload sits), not both',
    };
  }
  if (opts.field !== undefined) {
    const got = extractField(body, opts.field);
    return got.ok
      ? { ok: true, field: opts.field }
      : { ok: false, reason: `--field ${echo(opts.field, 200)}: ${got.reason}${envelopeHint(body, '--field')}` };
  }
  if (opts.config === undefined) return { ok: true };
  const place = await placeFromConfig(opts.config);
  if (!place.ok) return place;
  if (place.place.kind === 'raw') return { ok: true };
  const field = place.place.path;
  const got = extractField(body, field);
  return got.ok
    ? { ok: true, field }
    : {
        ok: false,
        reason: `--config: the contract puts the payload in the ${place.place.body === 'json' ? 'JSON member' : 'form field'} "${echo(fieldName(field), 200)}", but ${got.reason}${envelopeHint(body, '--config')}`,
      };
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
  const where = await payloadField(opts, envelope.text);
  if (!where.ok) return usageFailure(where.reason);

  const input: DiagnoseInput = {
    envelope: envelope.text,
    ...(where.field !== undefined ? { field: where.field } : {}),
  };
  if (opts.keys !== undefined) {
    const dir = await readKeysDir(opts.keys);
    if (!dir.ok) return usageFailure(dir.reason);
    Object.assign(input, dir.keys);
  }
  const flags: Array<[keyof DiagnoseKeys, string | undefined, string]> = [
    ['alipayPublicKey', opts.alipayPublicKey, '--alipay-public-key'],
    ['aesKey', opts.aesKey, '--aes-key'],
    ['appPublicKey', opts.appPublicKey, '--app-public-key'],
  ];
  for (const [name, value, flag] of flags) {
    if (value === undefined) continue;
    const read = await readKeyFlag(value, flag);
    if (!read.ok) return usageFailure(read.reason);
    input[name] = read.text;
  }

  const diagnosis = diagnose(input);
  process.stdout.write(formatDiagnosis(diagnosis, { json: opts.json === true, color: wantsColor(process.env) }));
  return diagnosis.ok ? done : { ok: false, exitCode: EXIT_RUNTIME };
}
