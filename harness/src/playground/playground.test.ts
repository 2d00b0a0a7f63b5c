/**
 * The playground in real Chromium, served by the built `alimock serve --target <reference backend>`: controls found
 * by their role and accessible name. Unset the AES key and tap: the journal shows a plain 40001 without sign and the
 * backend's rejection; "next 2 calls 20000": two taps busy, the third succeeds; both sessions saved as scenarios run
 * and pass with `alimock run --scenarios`; the inspector explains an envelope from the journal; bound beyond loopback,
 * the playground needs the token and says one is in use.
 *
 * ALIMOCK_SCREENSHOTS=1 also writes the README's screenshots (docs/img/).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveKeys } from '../../../mock-gateway/src/app.js';
import { buildReferenceBackend } from '../../../reference-backend/src/app.js';
import { listenBackend, type StartedBackend } from '../../../reference-backend/src/server.js';
import { ensureBuilt, ROOT } from '../test-support/built-cli.js';
import { closeTestContexts, sharedTestBrowser } from '../test-support/chromium.js';
import { runCliInProcess } from '../test-support/cli-in-process.js';
import { type Serving, spawnServe, stopServe } from '../test-support/spawn-serve.js';
import { tempDirs } from '../test-support/temp-dir.js';

const dirs = tempDirs('playground');
const PHONE = 'Mini-program page (the phone)';

/** The built `alimock serve …`, once it printed the playground's address; `token` when it printed one. */
async function serve(args: string[]): Promise<Serving & { token: string | undefined }> {
  const s = await spawnServe(args);
  return { ...s, token: /^token (\S+) /m.exec(s.stdout())?.[1] };
}

let backend: StartedBackend;
let served: Awaited<ReturnType<typeof serve>>;
let browser: Browser;

beforeAll(async () => {
  ensureBuilt();
  const keys = resolveKeys(undefined);
  backend = await listenBackend(buildReferenceBackend({ alipayPublicKey: keys.alipayPublicKey, aesKey: keys.aesKey }));
  [served, browser] = await Promise.all([serve(['--target', backend.url]), sharedTestBrowser()]);
}, 120_000);

afterAll(async () => {
  await closeTestContexts();
  await stopServe(served?.child);
  await backend?.close();
  dirs.cleanup();
});

async function open(session: string, base = served.url): Promise<{ page: Page; phone: Frame }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${base}/?session=${session}`);
  const phone = await page
    .getByTitle(PHONE)
    .elementHandle()
    .then((h) => h?.contentFrame());
  if (!phone) throw new Error('the phone frame did not load');
  await phone.getByRole('button', { name: '授权手机号' }).waitFor();
  return { page, phone };
}

/** Taps 授权手机号 in the phone, then 允许 on the consent sheet. */
async function tapAllow(phone: Frame): Promise<void> {
  await phone.getByRole('button', { name: '授权手机号' }).click();
  await phone.getByRole('button', { name: '允许' }).click();
}

const journal = (page: Page) => page.getByRole('log', { name: 'Journal' });
const saved = async (page: Page): Promise<string> => {
  await page.getByRole('button', { name: 'Save as scenario' }).click();
  const file = page.getByRole('textbox', { name: 'Scenario file' });
  await file.waitFor();
  return file.inputValue();
};

describe('the playground', () => {
  const files: string[] = [];

  it('every control stays inside its panel (a wide select once pushed the rules past the controls column)', async () => {
    const { page } = await open('pw-layout');
    const outside = await page.evaluate(() =>
      Array.from(document.querySelectorAll('.panel')).flatMap((panel) => {
        const edge = panel.getBoundingClientRect().right + 1;
        return Array.from(panel.querySelectorAll('fieldset, select, input, button, textarea'))
          .filter((c) => c.getBoundingClientRect().right > edge)
          .map((c) => c.getAttribute('aria-label') ?? c.textContent?.trim() ?? c.tagName);
      }),
    );
    expect(outside).toEqual([]);
    await page.context().close();
  });

  it('AES key not set → tap: the journal shows a plain 40001 without sign, and the backend rejecting it', async () => {
    const { page, phone } = await open('pw-aes');
    await page.getByRole('combobox', { name: 'AES 密钥 (AES key)' }).selectOption('not-set');
    await page.getByRole('status', { name: 'Last action' }).getByText('Console: AES 密钥 not-set').waitFor();
    await tapAllow(phone);
    const log = journal(page);
    await log
      .getByText(/my\.getPhoneNumber → 40001 isv\.missing-encrypt-key 缺少加密配置 · plain \(not encrypted\) · no sign/)
      .waitFor();
    await log
      .getByText(
        /page → backend \(phone request\): POST .*\/api\/alipay\/phone → HTTP 400 · verdict: rejected with SIGNATURE_MISSING/,
      )
      .waitFor();
    await phone.getByRole('status').getByText('绑定失败：SIGNATURE_MISSING').waitFor();

    // the envelope, inspected by the doctor from the journal
    const entry = log.getByRole('listitem').filter({ hasText: 'my.getPhoneNumber → 40001' });
    await entry.getByText('Details').click();
    await entry.getByRole('button', { name: 'Inspect this envelope' }).click();
    const findings = page.getByRole('region', { name: 'Findings' });
    await findings.getByText(/Problems: .*missing-sign/).waitFor();
    if (process.env.ALIMOCK_SCREENSHOTS === '1') {
      // the entry's details and the doctor's findings on its envelope, side by side with the journal
      await entry.scrollIntoViewIfNeeded();
      const top = await page.getByRole('region', { name: 'Journal' }).boundingBox();
      const scrollY = await page.evaluate(() => window.scrollY);
      if (top)
        await page.screenshot({
          path: join(ROOT, 'docs/img/playground-journal.png'),
          fullPage: true,
          clip: { x: top.x, y: top.y + scrollY, width: top.width, height: 1000 },
        });
    }

    const text = await saved(page);
    expect(JSON.parse(text)).toMatchObject({
      given: [{ app: { aesKeyStatus: 'not-set' } }],
      steps: [{ do: 'tap-authorize', choice: 'allow' }],
      expect: { kind: 'rejected', codes: ['SIGNATURE_MISSING'] },
    });
    const path = join(dirs.make(), 'aes.json');
    writeFileSync(path, text);
    files.push(path);
    await page.context().close();
  });

  it('"next 2 calls 20000": two taps busy, the third succeeds; the saved scenario is what the admin API answers', async () => {
    const { page, phone } = await open('pw-busy');
    const rule = page.getByRole('group', { name: 'Outcome rule' });
    await rule.getByRole('combobox', { name: 'Outcome' }).selectOption('20000');
    await rule.getByRole('spinbutton', { name: 'Calls' }).fill('2');
    await rule.getByRole('button', { name: 'Add outcome rule' }).click();
    const rules = page.getByRole('list', { name: 'Rules of this session' });
    await rules.getByText(/getPhoneNumber → answer 20000 \(2 of 2 left\)/).waitFor();

    const verdicts = journal(page).getByRole('listitem').filter({ hasText: 'page → backend (phone request)' });
    for (const n of [1, 2]) {
      await tapAllow(phone);
      await expect.poll(() => verdicts.count()).toBe(n);
      await phone.getByRole('status').getByText('绑定失败：ALIPAY_BUSY').waitFor();
    }
    await tapAllow(phone);
    await phone.getByRole('status').getByText('手机号绑定成功').waitFor();
    // the page shows its answer before the journal's third entry arrives: poll until it has
    const judged = async () => (await verdicts.allInnerTexts()).map((t) => /verdict: ([^(\n]*)/.exec(t)?.[1]?.trim());
    await expect
      .poll(judged)
      .toEqual(['rejected with ALIPAY_BUSY', 'rejected with ALIPAY_BUSY', 'accepted with mobile 13800138000']);
    await journal(page)
      .getByText(/my\.getPhoneNumber → 20000 aop\.unknow-error 系统繁忙 · encrypted, decrypts/)
      .first()
      .waitFor();
    await rules.getByText(/\(0 of 2 left\)/).waitFor();

    const text = await saved(page);
    await page.getByRole('link', { name: 'Download playground-pw-busy.json' }).waitFor();
    expect(JSON.parse(text)).toMatchObject({
      given: [{ rule: { action: { kind: 'outcome', outcome: '20000' }, times: 2 } }],
      steps: [1, 2, 3].map(() => ({ do: 'tap-authorize', choice: 'allow' })),
      expect: { kind: 'accepted', mobile: 'issued' },
    });
    const fromApi = await fetch(`${served.url}/__admin/sessions/pw-busy/scenario`);
    expect(await fromApi.json()).toEqual(JSON.parse(text));
    const path = join(dirs.make(), 'busy.json');
    writeFileSync(path, text);
    files.push(path);
    if (process.env.ALIMOCK_SCREENSHOTS === '1') {
      await page.setViewportSize({ width: 1280, height: 860 });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(ROOT, 'docs/img/playground.png') });
    }
    await page.context().close();
  });

  it('both saved sessions run and pass with alimock run --scenarios', async () => {
    expect(files).toHaveLength(2);
    const report = dirs.make();
    const run = await runCliInProcess([
      'run',
      ...files.flatMap((f) => ['--scenarios', f]),
      '--target',
      backend.url,
      '--report-dir',
      report,
    ]);
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toMatch(/2 passed, 0 failed/);
    expect(run.stdout).toContain('playground-pw-aes');
    expect(run.stdout).toContain('playground-pw-busy');
  }, 120_000);
});

describe('the playground without a backend', () => {
  it("says so, and leaves the page's own requests alone (the stub page's ?phoneUrl= still works)", async () => {
    const alone = await serve([]);
    try {
      const config = (await (await fetch(`${alone.url}/__admin/playground`)).json()) as Record<string, unknown>;
      expect(config).toMatchObject({ contractRequests: false, inspector: true, pagePath: '/mp/faq-sample/' });
      expect(config.targetUrl).toBeUndefined();
      expect(await (await fetch(`${alone.url}/mp/faq-sample/project.js`)).text()).not.toContain(
        '__alimockPageRequests',
      );
    } finally {
      await stopServe(alone.child);
    }
  });
});

describe('the playground beyond loopback', () => {
  it('needs the token (the page says one is in use); with it, the controls and the journal work', async () => {
    const exposed = await serve(['--host', '0.0.0.0', '--target', backend.url]);
    try {
      const local = exposed.url.replace('0.0.0.0', '127.0.0.1');
      expect((await fetch(`${local}/`)).status).toBe(401);
      expect((await fetch(`${local}/__admin/playground`)).status).toBe(401);
      expect(exposed.token).toBeDefined();
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${local}/?token=${exposed.token}&session=pw-token`);
      await page.getByRole('note', { name: 'Token in use' }).waitFor();
      const gateway = page.getByRole('checkbox', { name: '应用网关 (app gateway) set' });
      // the session's settings are shown (the app gateway is set by default), then changed
      await expect.poll(() => gateway.isChecked()).toBe(true);
      await gateway.uncheck();
      await page.getByRole('status', { name: 'Last action' }).getByText('Console: 应用网关 not set').waitFor();
      await journal(page)
        .getByText(/admin: PATCH \/__admin\/apps\/\d+ \{"appGatewaySet":false\}/)
        .waitFor();
      await context.close();
    } finally {
      await stopServe(exposed.child);
    }
  });
});
