/**
 * The CLI from outside: spawn the built bin, assert on exit codes, stdout/stderr lines and files.
 * Builds dist/ first when it is missing or older than the sources (`npm test` builds anyway).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AlipaySdk } from 'alipay-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeKeySet } from '../../../mock-gateway/src/keys/generate-keys.js';
import { KEY_FILES, type KeyMaterial } from '../../../mock-gateway/src/keys/key-material.js';
import { defaultKeysDir, loadKeyDir } from '../../../mock-gateway/src/keys/load-keys.js';
import { parseEnvelope, verifyEnvelope } from '../../../mock-gateway/src/protocol/envelope.js';
import { testKeySet } from '../../../mock-gateway/src/test-support/key-sets.js';
import { BIN, type CliRun, ensureBuilt, ROOT, runCli as spawnCli } from '../test-support/built-cli.js';
import { runCliInProcess } from '../test-support/cli-in-process.js';
import { spawnServe, stopServe } from '../test-support/spawn-serve.js';

/** docs/protocol.md, copied literally. */
const PLAINTEXT_40003 =
  '{"code":"40003","msg":"Insufficient Conditions","subCode":"isv.invalid-auth-relations","subMsg":"无效的授权关系"}';
const EXPECTED: Record<string, { plaintext: string; encrypted: boolean; signed: boolean }> = {
  success: { plaintext: '{"code":"10000","msg":"Success","mobile":"13800138000"}', encrypted: true, signed: true },
  'empty-mobile': { plaintext: '{"code":"10000","msg":"Success","mobile":""}', encrypted: true, signed: true },
  '20000': {
    plaintext:
      '{"code":"20000","msg":"Service Currently Unavailable","subCode":"aop.unknow-error","subMsg":"系统繁忙"}',
    encrypted: true,
    signed: true,
  },
  '40001-sign-type': {
    plaintext:
      '{"code":"40001","msg":"Missing Required Arguments","subCode":"isv.missing-default-signature-type","subMsg":"应用未设置默认签名类型"}',
    encrypted: true,
    signed: false,
  },
  '40001-encrypt-key': {
    plaintext:
      '{"code":"40001","msg":"Missing Required Arguments","subCode":"isv.missing-encrypt-key","subMsg":"缺少加密配置"}',
    encrypted: false,
    signed: false,
  },
  '40002': {
    plaintext: '{"code":"40002","msg":"Invalid Arguments","subCode":"isv.invalid-encrypt","subMsg":"加密异常"}',
    encrypted: false,
    signed: false,
  },
  '40003': { plaintext: PLAINTEXT_40003, encrypted: true, signed: true },
  '40006': {
    plaintext: String.raw`{"code":"40006","msg":"Insufficient Permissions","subCode":"isv.insufficient-isv-permissions","subMsg":"ISV权限不足，建议在开发者中心检查对应功能是否已经添加，解决办法详见：https:\/\/docs.open.alipay.com\/common\/isverror"}`,
    encrypted: true,
    signed: true,
  },
};

type Ran = CliRun;

const runCli = (args: string[], timeoutMs = 30_000) => spawnCli(args, { timeoutMs });

/** Spawns `alimock serve …` and resolves with its first stdout line. */
function startServe(
  args: string[],
): Promise<{ child: ChildProcess; firstLine: string; output: () => string; errors: () => string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, 'serve', ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString('utf8');
      const nl = stdout.indexOf('\n');
      if (nl >= 0) done({ child, firstLine: stdout.slice(0, nl), output: () => stdout, errors: () => stderr });
    });
    child.on('exit', (code) => fail(new Error(`serve exited early (${code}): ${stderr}`)));
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((done) => {
    if (child.exitCode !== null) done(child.exitCode);
    else child.once('exit', (code) => done(code));
  });
}

/** Misuse: exit 2, one `alimock: ` line on stderr, nothing on stdout, no stack trace. */
function expectMisuse(r: Ran, mentions?: RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^alimock: /);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  if (mentions) expect(lines[0]).toMatch(mentions);
}

let keys: KeyMaterial;
let sdk: AlipaySdk;
const tmpDirs: string[] = [];

beforeAll(() => {
  ensureBuilt();
  const loaded = loadKeyDir(defaultKeysDir());
  if (!loaded.ok) throw new Error(loaded.reason);
  keys = loaded.value;
  sdk = new AlipaySdk({
    appId: keys.appId,
    privateKey: readFileSync(join(keys.dir, KEY_FILES.appPrivate), 'ascii'),
    keyType: 'PKCS8',
    alipayPublicKey: keys.alipayPublicKeyBase64,
    encryptKey: keys.aesKey,
  });
}, 120_000);

afterAll(() => {
  for (const dir of tmpDirs) rmSync(dir, { recursive: true, force: true });
});

function tmp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'alimock-cli-'));
  tmpDirs.push(dir);
  return dir;
}

/** stdout of mint: exactly one line (the envelope) followed by one newline. */
function envelopeOf(r: Ran): Record<string, unknown> {
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).toBe('');
  expect(r.stdout.endsWith('\n')).toBe(true);
  expect(r.stdout.slice(0, -1)).not.toContain('\n');
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

describe.concurrent('alimock serve --log and --seed', () => {
  const urlOf = (line: string) => line.replace('alimock gateway listening on ', '');

  it('--log writes one line per request on stderr; stdout keeps only its lines', async () => {
    const s = await startServe(['--port', '0', '--log']);
    try {
      await fetch(`${urlOf(s.firstLine)}/__admin/health`);
      await new Promise((r) => setTimeout(r, 200));
      expect(s.errors()).toMatch(/^GET \/__admin\/health 200 [\d.]+ms$/m);
      expect(s.output()).not.toMatch(/__admin\/health 200/);
    } finally {
      s.child.kill('SIGTERM');
      await exited(s.child);
    }
  });

  it('--seed makes the fake members reproducible', async () => {
    const firstMember = async (seed: string) => {
      const s = await startServe(['--port', '0', '--seed', seed]);
      try {
        const res = await fetch(`${urlOf(s.firstLine)}/__admin/users`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-alimock-session': 'seed-test' },
          body: '{}',
        });
        return ((await res.json()) as { users: Array<{ userId: string; mobile: string }> }).users[0];
      } finally {
        s.child.kill('SIGTERM');
        await exited(s.child);
      }
    };
    const a = await firstMember('7');
    const b = await firstMember('7');
    const c = await firstMember('8');
    expect(a?.userId).toMatch(/^2088\d{12}$/);
    expect(b).toEqual(a);
    expect(c?.userId).not.toBe(a?.userId);
  });
});

describe.concurrent('alimock serve', () => {
  it('prints the listening line first, answers health, exits 0 on SIGTERM', async () => {
    const { child, firstLine, output } = await startServe(['--port', '0']);
    try {
      const m = /^alimock gateway listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(firstLine);
      expect(m, firstLine).not.toBeNull();
      const url = m?.[1] as string;
      expect(Number(m?.[2])).toBeGreaterThan(0);
      const res = await fetch(`${url}/__admin/health`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true });
      const phone = await fetch(`${url}/jsapi/getPhoneNumber`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ mobile: '13912345678' }),
      });
      const env = JSON.parse(((await phone.json()) as { response: string }).response) as {
        response: string;
        sign: string;
      };
      expect(sdk.rsaCheck(`"${env.response}"`, env.sign, 'RSA2')).toBe(true);
      expect(output()).toContain(`${url}/stub/`);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited(child)).toBe(0);
  });

  it('reports a port in use in one line and exits 1', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = await runCliInProcess(['serve', '--port', String(port)]);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(
        new RegExp(`^alimock: cannot listen on 127\\.0\\.0\\.1:${port}: the port is in use .*--port 0.*\\n$`),
      );
    } finally {
      blocker.close();
    }
  });

  it('--mini-program DIR alone (no --config, no --page): prints the project URL, which serves the project from its first page', async () => {
    // a folder relative to the current directory, as in docs/mini-program.md
    const s = await spawnServe(['--mini-program', 'examples/mini-program'], {
      ready: (out) => /^mini-program /m.test(out),
    });
    try {
      const lines = s.stdout().split('\n');
      expect(lines[0]).toBe(`alimock gateway listening on ${s.url}`);
      expect(lines).toContain(`mini-program ${s.url}/mp/app/`);
      expect(s.stderr()).toBe(''); // the example compiles without a problem to print
      const shell = await fetch(`${s.url}/mp/app/`);
      expect(shell.status).toBe(200);
      expect(shell.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await shell.text();
      expect(html).toContain('<title>示例商城</title>'); // app.json's window.defaultTitle, not the FAQ sample's
      for (const script of ['runtime.js', 'project.js', 'bundle.js']) expect(html).toContain(`./${script}?v=`);
      const project = await (await fetch(`${s.url}/mp/app/project.js`)).text();
      expect(project).toContain('"entry":"pages/bind/bind","routes":["pages/bind/bind","pages/result/result"]');
      const bundle = await (await fetch(`${s.url}/mp/app/bundle.js`)).text();
      expect(bundle).toContain(join(ROOT, 'examples/mini-program/pages/bind/bind.js'));
      // the playground's phone shows the project
      const playground = (await (await fetch(`${s.url}/__admin/playground`)).json()) as { pagePath?: string };
      expect(playground.pagePath).toBe('/mp/app/');
    } finally {
      await stopServe(s.child);
    }
    expect(s.child.exitCode).toBe(0);
  });

  it("rejects a bad keys directory with loadKeyDir's reason, exit 2", async () => {
    const dir = tmp();
    expectMisuse(await runCliInProcess(['serve', '--keys', dir]), /alipay-private\.pem: missing/);
    expectMisuse(await runCliInProcess(['serve', '--keys', join(dir, 'nope')]), /not a directory/);
  });
});

describe('alimock mint', () => {
  it('--outcome 40003 prints one line that alipay-sdk verifies (RSA2) and decrypts to docs/protocol.md', async () => {
    const env = envelopeOf(await runCliInProcess(['mint', '--outcome', '40003']));
    expect(Object.keys(env)).toEqual(['response', 'sign', 'sign_type', 'encrypt_type', 'charset']);
    expect(env.sign_type).toBe('RSA2');
    expect(sdk.rsaCheck(`"${env.response}"`, env.sign as string, 'RSA2')).toBe(true);
    expect(sdk.aesDecrypt(env.response as string)).toBe(PLAINTEXT_40003);
  });

  it('--unsigned drops sign and sign_type', async () => {
    const env = envelopeOf(await runCliInProcess(['mint', '--unsigned']));
    expect(env).not.toHaveProperty('sign');
    expect(env).not.toHaveProperty('sign_type');
    expect(sdk.aesDecrypt(env.response as string)).toBe(EXPECTED.success?.plaintext);
  });

  it('--sign-type RSA signs with SHA1withRSA', async () => {
    const env = envelopeOf(await runCliInProcess(['mint', '--sign-type', 'RSA']));
    expect(env.sign_type).toBe('RSA');
    expect(sdk.rsaCheck(`"${env.response}"`, env.sign as string, 'RSA')).toBe(true);
    expect(sdk.rsaCheck(`"${env.response}"`, env.sign as string, 'RSA2')).toBe(false);
  });

  it('--mobile sets the number; --variant short gives the ISV short form', async () => {
    const env = envelopeOf(await runCliInProcess(['mint', '--mobile', '1-1234432112', '--variant', 'short']));
    expect(Object.keys(env)).toEqual(['response', 'sign']);
    expect(sdk.rsaCheck(`"${env.response}"`, env.sign as string, 'RSA2')).toBe(true);
    expect(sdk.aesDecrypt(env.response as string)).toBe('{"code":"10000","msg":"Success","mobile":"1-1234432112"}');
  });

  it('mints every outcome with its own default delivery', async () => {
    const results = await Promise.all(
      Object.keys(EXPECTED).map(
        async (outcome) => [outcome, await runCliInProcess(['mint', '--outcome', outcome])] as const,
      ),
    );
    for (const [outcome, r] of results) {
      const want = EXPECTED[outcome] as (typeof EXPECTED)[string];
      const env = envelopeOf(r);
      expect('sign' in env, outcome).toBe(want.signed);
      if (want.encrypted) {
        expect(typeof env.response, outcome).toBe('string');
        expect(sdk.aesDecrypt(env.response as string), outcome).toBe(want.plaintext);
      } else {
        expect(r.stdout, outcome).toBe(`{"response":${want.plaintext},"charset":"UTF-8"}\n`);
      }
      if (want.signed) expect(sdk.rsaCheck(`"${env.response}"`, env.sign as string, 'RSA2'), outcome).toBe(true);
    }
  });
});

describe.concurrent('alimock keys', () => {
  it('writes every key file, loadKeyDir accepts them, and refuses to overwrite without --force', async () => {
    const out = join(tmp(), 'k');
    const first = await runCliInProcess(['keys', '--out', out, '--app-id', '2021000000009999']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('2021000000009999');
    for (const [name, file] of Object.entries(KEY_FILES)) {
      if (name === 'certsDir') continue;
      expect(existsSync(join(out, file)), file).toBe(true);
      expect(first.stdout, file).toContain(file);
    }
    const loaded = loadKeyDir(out);
    expect(loaded.ok ? loaded.value.appId : loaded.reason).toBe('2021000000009999');
    const before = readFileSync(join(out, KEY_FILES.alipayPrivate), 'utf8');

    expectMisuse(await runCliInProcess(['keys', '--out', out]), /--force/);
    expect(readFileSync(join(out, KEY_FILES.alipayPrivate), 'utf8')).toBe(before);

    const forced = await runCliInProcess(['keys', '--out', out, '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(join(out, KEY_FILES.alipayPrivate), 'utf8')).not.toBe(before);
    expect(loadKeyDir(out).ok).toBe(true);
  });

  it('serve --keys DIR signs with that folder’s keys (not the bundled ones) and runs as its app', async () => {
    const out = join(tmp(), 'own');
    // a set like `alimock keys --app-id 2021000000007777` writes (that command is tested above)
    expect(writeKeySet(out, testKeySet('2021000000007777')).ok).toBe(true);
    const { child, firstLine } = await startServe(['--port', '0', '--keys', out]);
    try {
      const url = /listening on (http:\/\/\S+)$/.exec(firstLine)?.[1] as string;
      const keys = (await (await fetch(`${url}/__admin/keys`)).json()) as { appId: string; alipayPublicKey: string };
      expect(keys.appId).toBe('2021000000007777');
      expect(keys.alipayPublicKey).toBe(readFileSync(join(out, KEY_FILES.alipayPublicTxt), 'utf8').trim());
      const phone = await fetch(`${url}/jsapi/getPhoneNumber`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      const envelope = ((await phone.json()) as { response: string }).response;
      const own = loadKeyDir(out);
      if (!own.ok) throw new Error(own.reason);
      const bundled = loadKeyDir(join(ROOT, 'keys'));
      if (!bundled.ok) throw new Error(bundled.reason);
      const parsed = parseEnvelope(envelope);
      if (!parsed.ok) throw new Error('not an envelope');
      expect(verifyEnvelope(parsed.value, own.value.alipayPublicKey).ok).toBe(true);
      expect(verifyEnvelope(parsed.value, bundled.value.alipayPublicKey).ok).toBe(false);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited(child)).toBe(0);
  });
});

describe('misuse and help', () => {
  const cases: Array<[string[], RegExp]> = [
    [[], /missing command.*serve, mint, run, keys, doctor/],
    [['nope'], /unknown command 'nope'.*serve, mint/],
    [['serve', '--bogus'], /unknown option '--bogus'/],
    [['serve', '--port', 'abc'], /--port.*0 to 65535/],
    [['serve', '--port', '70000'], /--port.*0 to 65535/],
    [
      ['mint', '--outcome', 'nope'],
      /success, empty-mobile, 20000, 40001-sign-type, 40001-encrypt-key, 40002, 40003, 40006/,
    ],
    [['mint', '--variant', 'nope'], /default, standard, short, unsigned, plain, plain-signed, rsa/],
    [['mint', '--sign-type', 'SHA1'], /RSA, RSA2/],
    [['mint', '--mobile', 'abc'], /digits/],
    [['mint', '--mobile', '123456789012345678901'], /at most 20/],
    [['mint', 'extra'], /too many arguments/],
    [['run', '--shard', '3/2'], /I\/N with 1 <= I <= N/],
    [['run', '--workers', '0'], /1 to 64/],
    [['run', '--driver', 'chrome'], /browser, http/],
    [['run', '--target', 'not a url'], /http/],
    [['run', '--grep', '('], /regular expression/],
    [['keys', '--app-id', 'a b'], /A-Z a-z 0-9/],
    [['doctor', '{}', '--file', 'x.json'], /either as an argument or with --file/],
  ];
  it.each(cases)('alimock %j → one line, exit 2', async (args, mentions) => {
    expectMisuse(await runCliInProcess(args), mentions);
  });
  it('the bin itself: a misuse is one line and exit 2 from a spawned process too', async () => {
    expectMisuse(await runCli(['nope']), /unknown command 'nope'/);
  });

  it('--help and --version exit 0 on stdout', async () => {
    const help = await runCliInProcess(['--help']);
    expect(help.code).toBe(0);
    for (const cmd of ['serve', 'mint', 'run', 'keys', 'doctor']) expect(help.stdout).toContain(cmd);
    const serveHelp = await runCliInProcess(['serve', '--help']);
    expect(serveHelp.code).toBe(0);
    expect(serveHelp.stdout).toContain('--port');
    const version = await runCliInProcess(['--version']);
    expect(version.code).toBe(0);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(version.stdout).toBe(`${pkg.version}\n`);
  });
});
