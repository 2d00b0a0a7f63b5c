import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PHONE_BUTTON } from '../../../mini-program/src/phone-button.js';
import { defaultContract } from '../target/contract.js';
import { tempDirs } from '../test-support/temp-dir.js';
import type { UserConfig } from './define-config.js';
import { loadConfig } from './load-config.js';
import { type CliOverrides, resolveConfig } from './resolve-config.js';

const DEFINE_CONFIG = resolve(import.meta.dirname, 'define-config.ts');
const BASE = '/srv/team';
/** a mini-program root (with app.json) for the checks past `root` */
const PROJECT = resolve(import.meta.dirname, '../../../examples/mini-program');
const dirs = tempDirs('config');
afterAll(() => dirs.cleanup());

function reasonFor(user: unknown, cli: CliOverrides = {}, baseDir = BASE): string {
  const r = resolveConfig(user as UserConfig, cli, baseDir);
  if (r.ok) throw new Error(`expected ${JSON.stringify(user)} / ${JSON.stringify(cli)} to be refused`);
  return r.reason;
}

describe('resolveConfig: defaults', () => {
  it('an empty config resolves to the documented defaults', () => {
    const r = resolveConfig({}, {}, BASE);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toEqual({
      target: { kind: 'reference' },
      contract: defaultContract,
      requireSignature: true,
      gatewayPort: 0,
      keysDir: undefined,
      appId: undefined,
      driver: 'browser',
      workers: Math.max(1, Math.min(4, availableParallelism())), // one per core, at most 4
      reportDir: join(BASE, 'alimock-report'),
      requestTimeoutMs: 10_000,
      pageScript: undefined,
      browser: { executablePath: undefined, screenshots: 'on' },
      grep: undefined,
      groups: undefined,
      shard: undefined,
      reporters: ['console', 'json', 'junit', 'markdown', 'html'],
    });
  });

  it("scenario files named on the command line replace the config's scenarios and groups; --groups still applies", () => {
    const user = { groups: ['faq', 'login', 'security'], scenarios: ['team.json'] };
    const fromConfig = resolveConfig(user, {}, BASE);
    expect(fromConfig.ok && [fromConfig.value.groups, fromConfig.value.scenarios]).toEqual([
      ['faq', 'login', 'security'],
      [join(BASE, 'team.json')],
    ]);
    const named = resolveConfig(user, { scenarios: ['saved.json'] }, BASE);
    expect(named.ok && [named.value.groups, named.value.scenarios]).toEqual([
      undefined,
      [join(process.cwd(), 'saved.json')],
    ]);
    const narrowed = resolveConfig(user, { scenarios: ['saved.json'], groups: ['playground'] }, BASE);
    expect(narrowed.ok && narrowed.value.groups).toEqual(['playground']);
  });

  it('relative paths resolve against the config file’s directory, absolute ones stay', () => {
    const r = resolveConfig({ reportDir: 'out/report', target: { command: 'node s.js', cwd: 'backend' } }, {}, BASE);
    expect(r.ok && r.value.reportDir).toBe(join(BASE, 'out/report'));
    expect(r.ok && r.value.target).toEqual({ kind: 'command', command: 'node s.js', cwd: join(BASE, 'backend') });
    const abs = resolveConfig({ reportDir: '/var/tmp/r' }, {}, BASE);
    expect(abs.ok && abs.value.reportDir).toBe('/var/tmp/r');
  });

  it('target forms: URL string, { url }, { command, url }, { start } (start wins)', () => {
    const start = async () => ({ url: 'http://127.0.0.1:1', close: async () => {} });
    const kinds = [
      ['http://127.0.0.1:3000', 'url'],
      [{ url: 'https://api.example.test' }, 'url'],
      [{ command: 'npm start', url: 'http://127.0.0.1:3000' }, 'command'],
      [{ command: 'npm start', start }, 'start'],
    ] as const;
    for (const [target, kind] of kinds) {
      const r = resolveConfig({ target }, {}, BASE);
      expect(r.ok && r.value.target.kind, JSON.stringify(target)).toBe(kind);
    }
  });

  it('a partial contract keeps the default for the rest', () => {
    const readMobile = (b: unknown) => (b as { phone?: string }).phone;
    const r = resolveConfig({ contract: { phonePath: '/v2/phone', readMobile } }, {}, BASE);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.contract.phonePath).toBe('/v2/phone');
    expect(r.value.contract.readMobile).toBe(readMobile);
    expect(r.value.contract.healthPath).toBe('/healthz');
    expect(r.value.contract.readErrorCode).toBe(defaultContract.readErrorCode);
  });
});

describe('resolveConfig: each invalid field gets a reason naming it', () => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['not an object', 42, /must export an object/],
    ['an array', [], /must export an object/],
    ['null', null, /must export an object/],
    ['unknown top-level field', { tagret: 'http://x' }, /unknown field "tagret"/],
    ['target not a URL', { target: 'localhost:3000' }, /^target: "localhost:3000" is not an http\(s\) URL/],
    ['target ftp URL', { target: 'ftp://127.0.0.1' }, /^target: /],
    ['target a number', { target: 3000 }, /^target: must be a URL string/],
    ['target empty object', { target: {} }, /^target: give url/],
    ['target.url not a URL', { target: { url: 'nope' } }, /^target\.url: /],
    ['target.command empty', { target: { command: '  ' } }, /^target\.command: /],
    ['target.start not a function', { target: { start: 'npm start' } }, /^target\.start: /],
    [
      'target.readyTimeoutMs zero',
      { target: { url: 'http://a.test', readyTimeoutMs: 0 } },
      /^target\.readyTimeoutMs: /,
    ],
    [
      'target.readyTimeoutMs fractional',
      { target: { url: 'http://a.test', readyTimeoutMs: 1.5 } },
      /^target\.readyTimeoutMs/,
    ],
    ['unknown contract field', { contract: { phoneUrl: '/x' } }, /^contract: unknown field "phoneUrl"/],
    ['contract.phonePath without slash', { contract: { phonePath: 'api/phone' } }, /^contract\.phonePath: .*"\/"/],
    ['contract.healthPath not a string', { contract: { healthPath: 200 } }, /^contract\.healthPath: /],
    ['contract.loginPath without slash', { contract: { loginPath: 'login' } }, /^contract\.loginPath: /],
    ['contract.readMobile not a function', { contract: { readMobile: 'body.mobile' } }, /^contract\.readMobile: /],
    ['contract.readErrorCode not a function', { contract: { readErrorCode: 1 } }, /^contract\.readErrorCode: /],
    [
      'contract.buildPhoneRequest not a function',
      { contract: { buildPhoneRequest: {} } },
      /^contract\.buildPhoneRequest/,
    ],
    ['requireSignature a string', { requireSignature: 'yes' }, /^requireSignature: /],
    ['driver unknown', { driver: 'firefox' }, /^driver: "firefox" is not one of browser, http/],
    ['workers zero', { workers: 0 }, /^workers: /],
    ['workers too many', { workers: 65 }, /^workers: /],
    ['workers fractional', { workers: 2.5 }, /^workers: /],
    ['requestTimeoutMs too small', { requestTimeoutMs: 50 }, /^requestTimeoutMs: /],
    ['requestTimeoutMs too large', { requestTimeoutMs: 600_001 }, /^requestTimeoutMs: /],
    ['grep not a regular expression', { grep: '(' }, /^grep: "\(" is not a valid regular expression/],
    ['groups not an array', { groups: 'faq' }, /^groups: /],
    ['groups not names', { groups: ['faq', 'Perf Tests'] }, /^groups: must be a list of group names/],
    ['groups empty', { groups: [] }, /^groups: /],
    ['reporters unknown', { reporters: ['json', 'xml'] }, /^reporters: "xml" is not one of/],
    ['browser.screenshots unknown', { browser: { screenshots: 'sometimes' } }, /^browser\.screenshots: /],
    ['pageScript missing', { pageScript: 'no-such-page.js' }, /^pageScript: no file at \/srv\/team\/no-such-page\.js/],
    ['keysDir missing', { keysDir: 'no-keys' }, /^keysDir: no directory at \/srv\/team\/no-keys .*alimock keys/],
  ];
  for (const [what, user, reason] of cases) {
    it(what, () => {
      expect(reasonFor(user)).toMatch(reason);
    });
  }

  it('invalid CLI values are refused with the flag’s name', () => {
    expect(reasonFor({}, { driver: 'nope' })).toMatch(/^driver: "nope"/);
    expect(reasonFor({}, { target: 'not a url' })).toMatch(/^target: /);
    expect(reasonFor({}, { workers: 'three' })).toMatch(/^workers: "three"/);
    expect(reasonFor({}, { grep: '[' })).toMatch(/^grep: /);
    for (const shard of ['0/2', '3/2', '1/0', 'a/b', '1-2', '1/2/3', ''])
      expect(reasonFor({}, { shard }), shard).toMatch(/^shard: .* must be I\/N with 1 <= I <= N/);
  });
});

describe('resolveConfig: CLI overrides win over the config file', () => {
  it('target, driver, grep, reportDir, workers and shard', () => {
    const user: UserConfig = {
      target: { command: 'npm start', url: 'http://127.0.0.1:3000' },
      driver: 'browser',
      grep: 'faq1',
      reportDir: 'from-config',
      workers: 4,
    };
    const r = resolveConfig(
      user,
      {
        target: 'http://127.0.0.1:4000',
        driver: 'http',
        grep: 'faq5',
        reportDir: 'from-cli',
        workers: '2',
        shard: '2/3',
      },
      BASE,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.target).toEqual({ kind: 'url', url: 'http://127.0.0.1:4000' });
    expect(r.value.driver).toBe('http');
    expect(r.value.grep?.source).toBe('faq5');
    expect(r.value.reportDir).toBe(join(BASE, 'from-cli'));
    expect(r.value.workers).toBe(2);
    expect(r.value.shard).toEqual({ index: 2, total: 3 });
  });

  it('without CLI flags the config values are used', () => {
    const r = resolveConfig({ driver: 'http', grep: 'faq1', workers: 4, requireSignature: false }, {}, BASE);
    expect(r.ok && [r.value.driver, r.value.grep?.source, r.value.workers, r.value.requireSignature]).toEqual([
      'http',
      'faq1',
      4,
      false,
    ]);
  });

  it('a valid CLI value does not rescue an invalid config field elsewhere', () => {
    expect(reasonFor({ requestTimeoutMs: 1 }, { driver: 'http' })).toMatch(/^requestTimeoutMs: /);
  });
});

describe('loadConfig', () => {
  it('a .ts config with defineConfig (imported by absolute path), through jiti, keeps functions', async () => {
    const dir = dirs.make();
    writeFileSync(
      join(dir, 'alimock.config.ts'),
      [
        `import { defineConfig } from ${JSON.stringify(DEFINE_CONFIG)};`,
        `import type { UserConfig } from ${JSON.stringify(DEFINE_CONFIG)};`,
        'const timeout: number = 1234;',
        'const extra: Partial<UserConfig> = { requireSignature: false };',
        'export default defineConfig({',
        "  driver: 'http',",
        "  reportDir: 'reports',",
        '  requestTimeoutMs: timeout,',
        '  contract: { readMobile: (b: unknown) => (b as { phone?: string }).phone },',
        '  ...extra,',
        '});',
      ].join('\n'),
    );
    const loaded = await loadConfig(undefined, dir); // discovered in cwd
    expect(loaded.ok, loaded.ok ? '' : loaded.reason).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.value.path).toBe(join(dir, 'alimock.config.ts'));
    expect(loaded.value.dir).toBe(dir);
    const r = resolveConfig(loaded.value.config, {}, loaded.value.dir);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.driver).toBe('http');
    expect(r.value.requestTimeoutMs).toBe(1234);
    expect(r.value.requireSignature).toBe(false);
    expect(r.value.reportDir).toBe(join(dir, 'reports'));
    expect(r.value.contract.readMobile({ phone: '13800138000' }, 200)).toBe('13800138000');
  });

  it('a .ts config importing defineConfig by a relative path with the .js extension (NodeNext style)', async () => {
    const dir = dirs.make();
    const file = join(dir, 'nested', 'my.config.ts');
    mkdirSync(join(dir, 'nested'));
    const rel = relative(realpathSync(join(dir, 'nested')), DEFINE_CONFIG.replace(/\.ts$/, '.js'));
    writeFileSync(file, `import { defineConfig } from '${rel}';\nexport default defineConfig({ workers: 3 });\n`);
    const loaded = await loadConfig('nested/my.config.ts', dir);
    expect(loaded.ok, loaded.ok ? '' : loaded.reason).toBe(true);
    expect(loaded.ok && loaded.value.config).toEqual({ workers: 3 });
    expect(loaded.ok && loaded.value.dir).toBe(join(dir, 'nested'));
  });

  it('a .json config', async () => {
    const dir = dirs.make();
    writeFileSync(join(dir, 'alimock.config.json'), JSON.stringify({ target: 'http://127.0.0.1:3000', workers: 2 }));
    const loaded = await loadConfig(undefined, dir);
    expect(loaded.ok && loaded.value.config).toEqual({ target: 'http://127.0.0.1:3000', workers: 2 });
    const explicit = await loadConfig(join(dir, 'alimock.config.json'));
    expect(explicit.ok && explicit.value.path).toBe(join(dir, 'alimock.config.json'));
  });

  it('a .mjs config (default export, or a named `config` export)', async () => {
    const dir = dirs.make();
    writeFileSync(join(dir, 'alimock.config.mjs'), "export default { driver: 'http', grep: 'faq3' };\n");
    const loaded = await loadConfig(undefined, dir);
    expect(loaded.ok && loaded.value.config).toEqual({ driver: 'http', grep: 'faq3' });
    writeFileSync(join(dir, 'named.mjs'), 'export const config = { workers: 5 };\n');
    const named = await loadConfig('named.mjs', dir);
    expect(named.ok && named.value.config).toEqual({ workers: 5 });
  });

  it('no config file in cwd → an empty config, no path', async () => {
    const dir = dirs.make();
    expect(await loadConfig(undefined, dir)).toEqual({ ok: true, value: { config: {}, path: undefined, dir } });
  });

  it('a missing --config file → a reason with its absolute path', async () => {
    const dir = dirs.make();
    const r = await loadConfig('missing.ts', dir);
    expect(r).toEqual({ ok: false, reason: `config file not found: ${join(dir, 'missing.ts')}` });
  });

  it('a config that throws → a one-line reason naming the file and the error', async () => {
    const dir = dirs.make();
    writeFileSync(join(dir, 'alimock.config.ts'), "throw new Error('no DATABASE_URL\\nsecond line');\n");
    const r = await loadConfig(undefined, dir);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toContain(join(dir, 'alimock.config.ts'));
    expect(r.reason).toContain('could not load the config: no DATABASE_URL');
    expect(r.reason).not.toContain('\n');
    writeFileSync(join(dir, 'broken.mjs'), 'export default {;\n');
    const syntax = await loadConfig('broken.mjs', dir);
    expect(syntax.ok).toBe(false);
    expect(!syntax.ok && syntax.reason).toMatch(/broken\.mjs:1:\d+: syntax error: /);
    writeFileSync(join(dir, 'broken.json'), '{ "driver": ');
    const json = await loadConfig('broken.json', dir);
    expect(!json.ok && json.reason).toMatch(/broken\.json(:\d+:\d+)?: syntax error: /);
  });

  it('a config without a default export → a reason saying how to export it', async () => {
    const dir = dirs.make();
    writeFileSync(join(dir, 'alimock.config.mjs'), 'export const driver = "http";\n');
    const r = await loadConfig(undefined, dir);
    expect(!r.ok && r.reason).toMatch(/export the config as default/);
  });
});

describe('resolveConfig: wrongly typed fields (as a .json config can have them) return a reason, never throw', () => {
  const cases: Array<[string, Record<string, unknown>, RegExp]> = [
    ['reportDir: 5', { reportDir: 5 }, /reportDir/],
    ['keysDir: 5', { keysDir: 5 }, /keysDir/],
    ['pageScript: 5', { pageScript: 5 }, /pageScript/],
    ['reporters: "json"', { reporters: 'json' }, /reporters/],
    ['target.cwd: 5', { target: { command: 'x', cwd: 5 } }, /target\.cwd/],
    ['browser: "x"', { browser: 'x' }, /browser/],
    ['browser.executablePath: 5', { browser: { executablePath: 5 } }, /browser\.executablePath/],
    ['appId: 5', { appId: 5 }, /appId/],
    ['grep: 5', { grep: 5 }, /grep/],
    ['target.env: "y"', { target: { command: 'x', env: 'y' } }, /target\.env/],
    ['contract: "x"', { contract: 'x' }, /contract/],
  ];
  for (const [name, user, field] of cases) {
    it(name, () => {
      let r: ReturnType<typeof resolveConfig> | undefined;
      expect(() => {
        r = resolveConfig(user as UserConfig, {}, BASE);
      }).not.toThrow();
      expect(r?.ok).toBe(false);
      if (r && !r.ok) expect(r.reason).toMatch(field);
    });
  }
});

describe('resolveConfig: miniProgram', () => {
  it('a folder, or { root, page, hosts, button, tapPath }: the defaults filled in, the rest kept', () => {
    const folder = resolveConfig({ miniProgram: relative(BASE, PROJECT) }, {}, BASE);
    expect(folder.ok && folder.value.miniProgram).toEqual({
      root: PROJECT,
      page: undefined,
      hosts: {},
      button: PHONE_BUTTON,
      tapPath: [],
    });
    const full = resolveConfig(
      {
        miniProgram: {
          root: PROJECT,
          page: 'pages/result/result',
          hosts: { 'https://api.example-shop.com/': 'target', 'https://cdn.example-shop.com': 'passthrough' },
          button: '#bind-phone',
          tapPath: ['#open-bind', '.sheet .confirm'],
        },
      },
      {},
      BASE,
    );
    expect(full.ok && full.value.miniProgram).toEqual({
      root: PROJECT,
      page: 'pages/result/result',
      hosts: { 'https://api.example-shop.com': 'target', 'https://cdn.example-shop.com': 'passthrough' },
      button: '#bind-phone',
      tapPath: ['#open-bind', '.sheet .confirm'],
    });
  });

  it('--mini-program and --page win over the config (the folder from the current directory)', () => {
    const r = resolveConfig(
      { miniProgram: { root: 'elsewhere', page: 'pages/bind/bind', button: '#bind-phone' } },
      { miniProgram: relative(process.cwd(), PROJECT), page: 'pages/result/result' },
      BASE,
    );
    expect(r.ok && r.value.miniProgram).toMatchObject({
      root: PROJECT,
      page: 'pages/result/result',
      button: '#bind-phone',
    });
  });

  // each bad value and the exact reason it gets (a .json config can hold any of them)
  const SHAPE = 'miniProgram: must be a folder or { root, page?, hosts?, button?, tapPath? }';
  const ROOT_REASON = 'miniProgram.root: must be the folder with app.json';
  const PAGE = 'miniProgram.page: a route of app.json such as pages/bind/bind';
  const HOSTS_SHAPE = 'miniProgram.hosts must be an object: { "https://api.example.com": "target" }';
  const BUTTON = 'miniProgram.button: must be a CSS selector';
  const TAP_PATH = 'miniProgram.tapPath: must be a list of CSS selectors, tapped in order before the phone button';
  const cases: Array<[string, unknown, string, CliOverrides?]> = [
    ['a number', 5, SHAPE],
    ['an array', ['examples/mini-program'], SHAPE],
    ['null', null, SHAPE],
    [
      'an unknown field',
      { root: PROJECT, buton: '#bind-phone' },
      'miniProgram: unknown field "buton" (known: root, page, hosts, button, tapPath)',
    ],
    ['no root', { page: 'pages/bind/bind' }, ROOT_REASON],
    ['root a number', { root: 5 }, ROOT_REASON],
    ['an empty folder name', '', ROOT_REASON],
    [
      'a folder without app.json',
      'no-such-project',
      "miniProgram: no app.json in /srv/team/no-such-project (give the mini-program's root folder)",
    ],
    [
      '--mini-program without app.json',
      undefined,
      "miniProgram: no app.json in /srv/none (give the mini-program's root folder)",
      { miniProgram: '/srv/none' },
    ],
    ['page with a leading slash', { root: PROJECT, page: '/pages/bind/bind' }, PAGE],
    ['page with a space', { root: PROJECT, page: 'pages/bind bind' }, PAGE],
    ['page empty', { root: PROJECT, page: '' }, PAGE],
    ['page a number', { root: PROJECT, page: 5 }, PAGE],
    ['--page with a leading slash', PROJECT, PAGE, { page: '/pages/bind/bind' }],
    [
      '--page without a project',
      undefined,
      '--page needs --mini-program (or miniProgram in the config)',
      { page: 'pages/bind/bind' },
    ],
    ['hosts a string', { root: PROJECT, hosts: 'target' }, HOSTS_SHAPE],
    ['hosts an array', { root: PROJECT, hosts: ['https://api.example.com'] }, HOSTS_SHAPE],
    ['hosts null', { root: PROJECT, hosts: null }, HOSTS_SHAPE],
    [
      'a hosts key without a scheme',
      { root: PROJECT, hosts: { 'api.example.com': 'target' } },
      'miniProgram.hosts: "api.example.com" is not an http(s) origin such as https://api.example.com',
    ],
    [
      'a hosts key not http(s)',
      { root: PROJECT, hosts: { 'ftp://files.example.com': 'target' } },
      'miniProgram.hosts: "ftp://files.example.com" is not an http(s) origin such as https://api.example.com',
    ],
    [
      'a hosts value neither target, passthrough nor a URL',
      { root: PROJECT, hosts: { 'https://api.example.com': 'backend' } },
      'miniProgram.hosts["https://api.example.com"] must be "target", "passthrough" or a base URL, got "backend"',
    ],
    [
      'a hosts value a number',
      { root: PROJECT, hosts: { 'https://api.example.com': 8080 } },
      'miniProgram.hosts["https://api.example.com"] must be "target", "passthrough" or a base URL, got 8080',
    ],
    ['button a number', { root: PROJECT, button: 5 }, BUTTON],
    ['button empty', { root: PROJECT, button: '' }, BUTTON],
    ['button blank', { root: PROJECT, button: '   ' }, BUTTON],
    ['button null', { root: PROJECT, button: null }, BUTTON],
    ['button a list', { root: PROJECT, button: ['#bind-phone'] }, BUTTON],
    ['tapPath a string', { root: PROJECT, tapPath: '#open-bind' }, TAP_PATH],
    ['tapPath null', { root: PROJECT, tapPath: null }, TAP_PATH],
    ['tapPath with an empty selector', { root: PROJECT, tapPath: ['#open-bind', ''] }, TAP_PATH],
    ['tapPath with a blank selector', { root: PROJECT, tapPath: ['  '] }, TAP_PATH],
    ['tapPath with a number', { root: PROJECT, tapPath: [1] }, TAP_PATH],
  ];
  it.each(cases)('%s → its reason', (_what, miniProgram, reason, cli = {}) => {
    expect(reasonFor(miniProgram === undefined ? {} : { miniProgram }, cli)).toBe(reason);
  });

  it('pageScript and miniProgram exclude each other', () => {
    const dir = dirs.make();
    writeFileSync(join(dir, 'page.js'), 'Page({});\n');
    expect(reasonFor({ pageScript: 'page.js', miniProgram: PROJECT }, {}, dir)).toBe(
      'pageScript and miniProgram: give one (a page script is a one-page project; miniProgram a whole one)',
    );
  });
});
