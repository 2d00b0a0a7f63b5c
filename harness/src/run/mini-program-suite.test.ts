/**
 * A team's real mini-program through the same loader as the FAQ sample: the example project (its production API
 * host mapped to the target, a login on launch, a bind page with AXML/ACSS, a result page) passes every scenario in
 * the browser driver against the reference backend; the wrong variant (WeChat markup, my.getPhoneNumber in onLoad)
 * is flagged by the run (FAQ Q1, named as the root cause) and by its lint findings in the report.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allScenarios } from '../../../scenarios/index.js';
import type { RunReport } from '../core/types.js';
import { ROOT } from '../test-support/built-cli.js';
import { sharedTestBrowser } from '../test-support/chromium.js';
import { resolvedConfig } from '../test-support/resolved-config.js';
import { tempDirs } from '../test-support/temp-dir.js';
import { runSuite } from './run-suite.js';

const dirs = tempDirs('mini-program-suite');
afterAll(() => dirs.cleanup());

async function run(
  project: string | { root: string; tapPath?: string[]; button?: string },
  groups: string[],
  grep?: string,
): Promise<RunReport> {
  const config = resolvedConfig({
    driver: 'browser',
    workers: 2,
    groups,
    ...(grep ? { grep } : {}),
    reporters: [],
    reportDir: dirs.make(),
    browser: { screenshots: 'off' },
    miniProgram: typeof project === 'string' ? join(ROOT, 'examples', project) : project,
  });
  const result = await runSuite(config, { scenarios: allScenarios, reporters: [], browser: await sharedTestBrowser() });
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

/** The four faq1 scenarios ran, and each passed (the failures are the message when not). */
function expectFaq1Passed(report: RunReport): void {
  expect(report.scenarios.map((s) => s.id).sort()).toEqual([
    'faq1-consent-expired',
    'faq1-no-consent',
    'faq1-success',
    'faq1-user-refuses',
  ]);
  const failed = report.scenarios.filter((s) => s.status !== 'passed');
  expect(failed.map((s) => `${s.id}: ${s.failures.map((f) => f.message).join('; ')}`)).toEqual([]);
}
describe('a team’s own mini-program', () => {
  it('examples/mini-program passes every scenario in the browser driver; its API host is mapped to the target', async () => {
    const report = await run('mini-program', ['faq', 'login', 'security']);
    const failed = report.scenarios.filter((s) => s.status !== 'passed');
    expect(failed.map((s) => `${s.id}: ${s.failures.map((f) => f.message).join('; ')}`)).toEqual([]);
    expect(report.summary.passed).toBe(allScenarios.length);
    const success = report.scenarios.find((s) => s.id === 'faq1-success');
    const phone = success?.evidence.backend.find((x) => x.role === 'phone');
    expect(phone?.request.pageUrl).toMatch(/^https:\/\/api\.example-shop\.com\/api\/alipay\/phone$/);
    expect(phone?.request.url).toBe(`${report.target.url}/api/alipay/phone`);
    // the page logged in on launch, and its visible text is in the evidence
    expect(success?.evidence.backend[0]?.request.url).toMatch(/\/api\/alipay\/login$/);
    expect(success?.evidence.pageText).toBeTruthy();
    expect(report.miniProgram?.lint).toEqual([]);
  }, 180_000);

  it('examples/mini-program-wrong: faq1-success fails naming FAQ Q1, the root cause says so, lint findings are in the report', async () => {
    const report = await run('mini-program-wrong', ['faq'], '^faq1-');
    const success = report.scenarios.find((s) => s.id === 'faq1-success');
    expect(success?.status).toBe('failed');
    const said = success?.failures.map((f) => f.message).join('\n') ?? '';
    expect(said).toMatch(
      /the page calls my\.getPhoneNumber before the member taps the phone button \(FAQ Q1, 无效的授权关系\)/,
    );
    expect(said).toMatch(/the page shows no phone button/);
    const causes = report.diagnosis?.map((d) => d.cause) ?? [];
    expect(causes.slice(0, 2).sort()).toEqual(['no-phone-button', 'phone-before-tap']);
    const rules = new Set(report.miniProgram?.lint.map((f) => f.rule));
    for (const r of ['wechat-markup', 'phone-button-scope', 'missing-on-error', 'get-phone-number-outside-authorize'])
      expect(rules.has(r), r).toBe(true);
  }, 180_000);

  it('a phone button behind other taps (miniProgram.tapPath): the no-tap scenarios tap the path first, then call its handler', async () => {
    const root = dirs.make();
    cpSync(join(ROOT, 'examples', 'mini-program'), root, { recursive: true });
    const axml = join(root, 'pages', 'bind', 'bind.axml');
    const js = join(root, 'pages', 'bind', 'bind.js');
    writeFileSync(
      axml,
      readFileSync(axml, 'utf8')
        .replace(
          '<button class="bind-button"',
          '<button id="open-bind" onTap="openBind">去绑定</button>\n  <view a:if="{{open}}"><button class="bind-button"',
        )
        .replace('>授权手机号</button>', '>授权手机号</button></view>'),
    );
    writeFileSync(
      js,
      readFileSync(js, 'utf8').replace(
        '  onShow() {',
        '  openBind() {\n    this.setData({ open: true });\n  },\n\n  onShow() {',
      ),
    );
    const report = await run({ root, tapPath: ['#open-bind'] }, ['faq'], '^faq1-');
    expectFaq1Passed(report);
  }, 120_000);

  it('a phone button the default selector misses (miniProgram.button): the taps and the no-tap handler call use it', async () => {
    const root = dirs.make();
    cpSync(join(ROOT, 'examples', 'mini-program'), root, { recursive: true });
    const page = join(root, 'pages', 'bind', 'bind');
    // a hidden "change number" bar comes first with its own phone button: the default selector finds that one
    // (it never becomes visible, and its handler asks for no number); the member taps #bind-phone
    writeFileSync(
      `${page}.axml`,
      readFileSync(`${page}.axml`, 'utf8').replace(
        '<button class="bind-button"',
        '<view class="change-bar"><button open-type="getAuthorize" scope="phoneNumber" onGetAuthorize="onChangeNumber">更换手机号</button></view>\n  <button id="bind-phone" class="bind-button"',
      ),
    );
    writeFileSync(`${page}.acss`, `${readFileSync(`${page}.acss`, 'utf8')}\n.change-bar {\n  display: none;\n}\n`);
    writeFileSync(
      `${page}.js`,
      readFileSync(`${page}.js`, 'utf8').replace(
        '  onShow() {',
        "  onChangeNumber() {\n    this.setData({ tip: '请先绑定手机号' });\n  },\n\n  onShow() {",
      ),
    );
    const report = await run({ root, button: '#bind-phone' }, ['faq'], '^faq1-');
    expectFaq1Passed(report);
    // the number went to the backend from the page's own handler, after the tap and after the direct call alike
    for (const id of ['faq1-success', 'faq1-no-consent']) {
      const scenario = report.scenarios.find((s) => s.id === id);
      expect(
        scenario?.evidence.backend.some((x) => x.role === 'phone'),
        id,
      ).toBe(true);
    }
  }, 120_000);
});
