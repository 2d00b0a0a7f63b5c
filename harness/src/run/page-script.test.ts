/** A team's own page script (Page({...}) using my) runs in place of the FAQ sample page, through the whole harness. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allScenarios } from '../../../scenarios/index.js';
import { sharedTestBrowser } from '../test-support/chromium.js';
import { resolvedConfig } from '../test-support/resolved-config.js';
import { tempDirs } from '../test-support/temp-dir.js';
import { runSuite } from './run-suite.js';

const dirs = tempDirs('page-script');
afterAll(() => dirs.cleanup());

const PAGE = `
Page({
  data: { canIUseAuthButton: true, message: '' },
  onGetAuthorize() {
    my.getPhoneNumber({
      success: (res) => {
        my.request({ url: window.__ALIMOCK__.phoneUrl, method: 'POST', data: { encryptedData: res.response },
          success: (r) => this.setData({ message: 'team page bound ' + r.data.mobile }),
          fail: (e) => this.setData({ message: 'team page failed ' + (e.data && e.data.error && e.data.error.code) }) });
      },
    });
  },
  onAuthError() { this.setData({ message: 'team page: refused' }); },
});
`;

describe('a custom page script', () => {
  it('drives the FAQ scenarios with the team page logic (success, refusal, a failure code)', async () => {
    const dir = dirs.make();
    const script = join(dir, 'team-page.js');
    writeFileSync(script, PAGE);
    const result = await runSuite(
      resolvedConfig({
        driver: 'browser',
        pageScript: script,
        grep: '^faq1-(success|user-refuses)$|^faq2-isv-package-missing$',
        reportDir: dirs.make(),
      }),
      { scenarios: allScenarios, reporters: [], browser: await sharedTestBrowser() },
    );
    if (!result.ok) throw new Error(result.reason);
    const byId = new Map(result.value.scenarios.map((s) => [s.id, s]));
    expect(result.value.summary.failed, JSON.stringify(result.value.scenarios.map((s) => s.failures))).toBe(0);
    expect(byId.get('faq1-success')?.evidence.pageText).toMatch(/^team page bound 1[3-9]\d{9}$/m);
    expect(byId.get('faq1-user-refuses')?.evidence.pageText?.split('\n')).toContain('team page: refused');
    expect(byId.get('faq2-isv-package-missing')?.evidence.pageText?.split('\n')).toContain(
      'team page failed ISV_PERMISSION_DENIED',
    );
  });
});

describe('scenarios sharing a browser context', () => {
  it('never see each other’s storage (contexts are reused, storage is cleared at each navigation)', async () => {
    const dir = dirs.make();
    const script = join(dir, 'storage-page.js');
    writeFileSync(
      script,
      `Page({
        data: { canIUseAuthButton: true, message: '' },
        onLoad() {
          const before = localStorage.getItem('seen') ?? 'nothing';
          localStorage.setItem('seen', 'a previous scenario');
          sessionStorage.setItem('seen', 'x');
          this.setData({ message: 'storage held: ' + before });
        },
        onGetAuthorize() {},
        onAuthError() {},
      });`,
    );
    const result = await runSuite(
      resolvedConfig({
        driver: 'browser',
        workers: 1,
        pageScript: script,
        grep: '^faq1-(no-consent|consent-expired)$|^faq3-20000-busy$',
        reportDir: dirs.make(),
      }),
      { scenarios: allScenarios, reporters: [], browser: await sharedTestBrowser() },
    );
    if (!result.ok) throw new Error(result.reason);
    const texts = result.value.scenarios.map((s) => s.evidence.pageText);
    expect(texts).toHaveLength(3);
    // the page shows the whole visible text: its status line says what storage held when it loaded
    for (const t of texts) expect(t?.split('\n')).toContain('storage held: nothing');
  });
});
