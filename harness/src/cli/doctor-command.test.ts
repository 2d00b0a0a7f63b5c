import { spawn } from 'node:child_process';
import { closeSync, copyFileSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyMaterial } from '../../../mock-gateway/src/keys/key-material.js';
import { hostilePayloads } from '../doctor/test/hostile.js';
import { mint, testKeys } from '../doctor/test/payloads.js';
import type { Diagnosis } from '../doctor/types.js';
import { BIN, ensureBuilt, ROOT, runCli } from '../test-support/built-cli.js';
import { runCliInProcess } from '../test-support/cli-in-process.js';
import { doctorCommand } from './doctor-command.js';

const KEYS = join(ROOT, 'keys');

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `alimock doctor …` in this process (the first test below runs the built bin once, from outside). */
function doctor(args: string[], opts: { stdin?: string; env?: Record<string, string | undefined> } = {}): Promise<Ran> {
  return runCliInProcess(['doctor', ...args], {
    env: { FORCE_COLOR: undefined, ...opts.env },
    ...(opts.stdin !== undefined ? { stdin: opts.stdin } : {}),
  });
}

function expectMisuse(r: Ran, mentions: RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^alimock: /);
  expect(lines[0]).toMatch(mentions);
}

let keys: KeyMaterial;
let work: string;

beforeAll(() => {
  ensureBuilt();
  keys = testKeys();
  work = mkdtempSync(join(tmpdir(), 'alimock-doctor-'));
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('alimock doctor', () => {
  it('a fine payload as the argument, keys from --keys: exit 0, a plain report (the built bin, spawned)', async () => {
    const r = await runCli(['doctor', mint(keys), '--keys', KEYS], { timeoutMs: 30_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('✓ verify');
    expect(r.stdout).toContain('plaintext: {"code":"10000","msg":"Success","mobile":"138****8000"}');
    expect(r.stdout).not.toContain('13800138000');
    expect(r.stdout).toMatch(/✓ the payload is fine/);
    expect(r.stdout).not.toContain('\u001b[');
  });

  it('--file and stdin read the payload the same way', async () => {
    const file = join(work, 'payload.json');
    writeFileSync(file, `${JSON.stringify({ encryptedData: mint(keys) })}\n`);
    const fromFile = await doctor(['--file', file, '--keys', KEYS]);
    expect(fromFile.code, fromFile.stdout).toBe(0);
    expect(fromFile.stdout).toContain('[wrapped-body]');
    const fromStdin = await doctor(['--keys', KEYS], { stdin: mint(keys) });
    expect(fromStdin.code, fromStdin.stdout).toBe(0);
    const dash = await doctor(['--file', '-', '--keys', KEYS], { stdin: mint(keys) });
    expect(dash.code).toBe(0);
  });

  it('a problem: exit 1, the finding and its fix on stdout', async () => {
    const r = await doctor([mint(keys, 'success', 'unsigned'), '--keys', KEYS]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/✗ sign .*FAQ, Q5/);
    expect(r.stdout).toContain('→ 开放平台控制台');
    expect(r.stdout).toMatch(/✗ problem found: missing-sign/);
  });

  it('--json prints the Diagnosis', async () => {
    const fine = await doctor([mint(keys), '--keys', KEYS, '--json']);
    expect(fine.code).toBe(0);
    const d = JSON.parse(fine.stdout) as Diagnosis;
    expect(d.ok).toBe(true);
    expect(d.answer).toEqual({ accepted: true, http: 200, mobile: '13800138000' });
    const bad = await doctor([mint(keys, '40003'), '--keys', KEYS, '--json']);
    expect(bad.code).toBe(1);
    const b = JSON.parse(bad.stdout) as Diagnosis;
    expect(b.ok).toBe(false);
    expect(b.answer).toMatchObject({ code: 'AUTH_REQUIRED' });
  });

  it('key flags take text, @file or a file path; flags win over --keys', async () => {
    const appTxt = join(KEYS, 'app-public.txt');
    const r = await doctor([mint(keys), '--keys', KEYS, '--alipay-public-key', appTxt, '--json']);
    expect(r.code).toBe(1);
    const d = JSON.parse(r.stdout) as Diagnosis;
    expect(d.steps.map((s) => s.finding)).toContain('app-key-as-alipay-key');
    const at = await doctor([
      mint(keys),
      '--alipay-public-key',
      `@${join(KEYS, 'alipay-public.txt')}`,
      '--aes-key',
      keys.aesKey,
    ]);
    expect(at.code, at.stdout).toBe(0);
  });

  it('--keys DIR as a backend holds it: only the public key, AES key and app key', async () => {
    const dir = join(work, 'backend-keys');
    mkdirSync(dir);
    for (const f of ['alipay-public.txt', 'aes.txt', 'app-public.txt']) copyFileSync(join(KEYS, f), join(dir, f));
    const r = await doctor([mint(keys), '--keys', dir]);
    expect(r.code, r.stdout).toBe(0);
  });

  it('colours only when asked (FORCE_COLOR) and never with NO_COLOR', async () => {
    const coloured = await doctor([mint(keys), '--keys', KEYS], { env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(coloured.stdout).toContain('\u001b[');
    const plain = await doctor([mint(keys), '--keys', KEYS], { env: { NO_COLOR: '1', FORCE_COLOR: '1' } });
    expect(plain.stdout).not.toContain('\u001b[');
  });

  it('misuse: exit 2 with one line', async () => {
    expectMisuse(await doctor(['--file', join(work, 'nope.json')]), /--file .*nope\.json: no such file/);
    expectMisuse(await doctor([mint(keys), '--keys', join(work, 'nope')]), /--keys .*: not a directory/);
    const empty = join(work, 'empty');
    mkdirSync(empty);
    expectMisuse(await doctor([mint(keys), '--keys', empty]), /holds none of alipay-public\.txt, aes\.txt/);
    expectMisuse(await doctor([mint(keys), '--aes-key', `@${join(work, 'missing.txt')}`]), /--aes-key .*no such file/);
    expectMisuse(await doctor([], { stdin: '  \n' }), /the payload is empty/);
    expectMisuse(await doctor(['{}', '--file', 'x.json']), /either as an argument or with --file/);
  });
});

describe('damage in transit is a problem, even when the doctor can repair it', () => {
  it('"+" turned into spaces: exit 1, the finding named last, with where to fix it', async () => {
    const r = await doctor([mint(keys).replace(/\+/g, ' '), '--keys', KEYS]);
    expect(r.code, r.stdout).toBe(1);
    expect(r.stdout).toMatch(/✗ envelope .*form-encoded without escaping.*\[plus-became-space\]/);
    expect(r.stdout).toMatch(/→ escape the body/);
    expect(r.stdout).not.toContain('the payload is fine');
    const tail = r.stdout.trimEnd().split('\n').slice(-3);
    expect(tail[0]).toBe('✗ problem found: plus-became-space');
    expect(tail[1]).toMatch(/verifies and decrypts only after the doctor repaired it \(plus-became-space\)/);
    expect(tail[2]).toMatch(/docs\/doctor\.md .*#plus-became-space/);
  });

  it('JSON-encoded twice and URL-encoding left in: exit 1 too', async () => {
    const twice = await doctor([JSON.stringify(mint(keys)), '--keys', KEYS, '--json']);
    expect(twice.code).toBe(1);
    expect((JSON.parse(twice.stdout) as Diagnosis).problems).toEqual(['double-encoded']);
    const percent = await doctor(['--keys', KEYS], { stdin: encodeURIComponent(mint(keys)) });
    expect(percent.code).toBe(1);
    expect(percent.stdout).toContain('✗ problem found: percent-encoded');
  });
});

describe("a team's own request body", () => {
  it('--field takes the payload from a JSON member or a form field', async () => {
    const json = join(work, 'body.json');
    writeFileSync(json, JSON.stringify({ user: 7, data: { encrypted: mint(keys) } }));
    const r = await doctor(['--file', json, '--field', 'data.encrypted', '--keys', KEYS]);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain('✓ input     took "data.encrypted" from the JSON body [field-taken]');
    const form = await doctor(['--field', 'payload', '--keys', KEYS], { stdin: `payload=${mint(keys)}&x=1` });
    expect(form.code).toBe(1);
    expect(form.stdout).toContain('✗ problem found: plus-became-space');
  });

  it('--field that is not in the body: exit 2, one line naming what is there', async () => {
    expectMisuse(
      await doctor(['--field', 'payload', '--keys', KEYS], { stdin: '{"encrypted":"x","user":1}' }),
      /^alimock: --field payload: the JSON body has no "payload" \(its members: encrypted, user\)$/,
    );
    expectMisuse(
      await doctor(['--field', 'payload', '--keys', KEYS], { stdin: mint(keys) }),
      /has no "payload" \(its members: response, sign, sign_type, encrypt_type, charset\) — this looks like res\.response itself: leave out --field$/,
    );
  });

  it("--config uses the contract's buildPhoneRequest to find the payload", async () => {
    const config = join(work, 'alimock.config.ts');
    writeFileSync(
      config,
      `export default {
  contract: {
    buildPhoneRequest: (encryptedData: string) => ({
      body: new URLSearchParams({ scene: 'phone', payload: encryptedData }).toString(),
      contentType: 'application/x-www-form-urlencoded',
    }),
  },
};
`,
    );
    const good = new URLSearchParams({ scene: 'phone', payload: mint(keys) }).toString();
    const r = await doctor(['--config', config, '--keys', KEYS], { stdin: good });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('took "payload" from the form-urlencoded body');
    const damaged = await doctor(['--config', config, '--keys', KEYS], { stdin: `scene=phone&payload=${mint(keys)}` });
    expect(damaged.code).toBe(1);
    expect(damaged.stdout).toContain('✗ problem found: plus-became-space');
    expectMisuse(
      await doctor(['--config', config, '--keys', KEYS], { stdin: 'scene=phone' }),
      /--config: the contract puts the payload in the form field "payload", but the form body has no field "payload" \(fields: scene\)/,
    );
  });

  it('--config without a contract, --config and --field together, a missing config: exit 2, one line', async () => {
    const bare = join(work, 'bare.config.mjs');
    writeFileSync(bare, 'export default { workers: 2 };\n');
    expectMisuse(
      await doctor(['--config', bare, '--keys', KEYS], { stdin: mint(keys) }),
      /bare\.config\.mjs: the config has no contract\.buildPhoneRequest/,
    );
    expectMisuse(
      await doctor(['--config', bare, '--field', 'x', '--keys', KEYS], { stdin: mint(keys) }),
      /either --field or --config/,
    );
    expectMisuse(await doctor(['--config', join(work, 'none.ts')], { stdin: mint(keys) }), /config file not found/);
  });
});

/** Spawns the doctor with a device as its stdin. */
function doctorFromDevice(
  device: string,
  args: string[],
): Promise<{ code: number | null; stderr: string; ms: number }> {
  const t0 = performance.now();
  return new Promise((done, fail) => {
    const fd = openSync(device, 'r');
    const child = spawn(process.execPath, [BIN, 'doctor', ...args], {
      stdio: [fd, 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    closeSync(fd); // the child has its own copy
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.stdout?.resume();
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`doctor < ${device} did not end`));
    }, 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stderr, ms: Math.round(performance.now() - t0) });
    });
  });
}

describe('bounded inputs', () => {
  it('endless files and key files end with one line naming the limit (exit 2)', async () => {
    const runs: Array<[string[], RegExp]> = [
      [['--file', '/dev/zero'], /^alimock: --file \/dev\/zero: larger than 1 MiB, the limit for a payload/],
      [['--file', '/dev/urandom'], /^alimock: --file \/dev\/urandom: larger than 1 MiB/],
      [
        [mint(keys), '--aes-key', '@/dev/zero'],
        /^alimock: --aes-key @\/dev\/zero: larger than 64 KiB, the limit for a key/,
      ],
      [
        [mint(keys), '--alipay-public-key', '@/dev/urandom'],
        /^alimock: --alipay-public-key @\/dev\/urandom: larger than 64 KiB/,
      ],
      [[mint(keys), '--app-public-key', '@/dev/zero'], /larger than 64 KiB/],
    ];
    for (const [args, message] of runs) {
      const r = await doctor(args);
      expectMisuse(r, message);
    }
  });

  it('stdin from /dev/zero and /dev/urandom ends the same way', async () => {
    for (const device of ['/dev/zero', '/dev/urandom']) {
      const r = await doctorFromDevice(device, ['--keys', KEYS]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toBe('alimock: stdin: larger than 1 MiB, the limit for a payload (a real one is a few KB)\n');
    }
  });

  it('--help states the limits and where findings are explained', async () => {
    const r = await doctor(['--help']);
    expect(r.stdout).toContain('Inputs are read up to 1 MiB for the payload and 64 KiB per key');
    expect(r.stdout).toContain('docs/doctor.md');
    expect(r.stdout).toMatch(/--field <name>/);
    expect(r.stdout).toMatch(/--config <file>/);
  });
});

describe('hostile payloads through the CLI', () => {
  it('never print undefined, and what they echo is capped (text and --json)', async () => {
    const chosen = hostilePayloads(keys).filter((p) =>
      ['deep plaintext object', 'huge code and msg', 'control characters in the plaintext', 'non-UTF-8 bytes'].includes(
        p.name,
      ),
    );
    expect(chosen).toHaveLength(4);
    for (const p of chosen) {
      const file = join(work, 'hostile.bin');
      writeFileSync(file, p.bytes ?? p.text);
      for (const extra of [[], ['--json']]) {
        const r = await doctor(['--file', file, '--keys', KEYS, ...extra]);
        expect(r.code, `${p.name} ${r.stderr}`).toBe(1);
        expect(r.stdout, p.name).not.toContain('undefined');
        expect(r.stdout.length, p.name).toBeLessThan(30_000);
        expect(r.stdout, p.name).not.toContain('\u001b');
      }
    }
  });
});

describe('doctorCommand in process', () => {
  it('with no payload and stdin a terminal, says how to pass one (exit 2)', async () => {
    const before = Object.getOwnPropertyDescriptor(process.stdin, 'isTTY');
    Object.defineProperty(process.stdin, 'isTTY', { value: true, configurable: true });
    try {
      const r = await doctorCommand({});
      expect(r).toEqual({
        ok: false,
        exitCode: 2,
        reason: expect.stringMatching(/no payload given: .*--file FILE.*stdin/),
      });
    } finally {
      if (before) Object.defineProperty(process.stdin, 'isTTY', before);
      else delete (process.stdin as { isTTY?: boolean }).isTTY;
    }
  });
});
