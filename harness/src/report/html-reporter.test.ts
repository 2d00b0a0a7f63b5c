import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { esc } from './html-render.js';
import { createHtmlReporter } from './html-reporter.js';
import { makeRunReport, SCREENSHOT_MISSING, SCREENSHOT_OK, writeFixtureScreenshots } from './test/fixture.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'alimock-html-'));
  await writeFixtureScreenshots(dir);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function render(report = makeRunReport()): Promise<string> {
  await createHtmlReporter({ reportDir: dir }).onRunEnd!(report);
  return readFile(join(dir, 'report.html'), 'utf8');
}

describe('html reporter', () => {
  it('is self-contained: utf-8, inline CSS/JS, no external resources', async () => {
    const html = await render();
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">/);
    expect(html).toContain('<style>');
    expect(html).toMatch(/<script>[\s\S]*<\/script>/);
    expect(html).not.toMatch(/<(link|script)[^>]+(href|src)=/);
    expect(html).not.toMatch(/src="(?!data:)/);
    expect(html).toContain('"Noto Sans CJK SC"');
  });

  it('escapes everything a backend sends: no live <script>alert(1), no raw control characters', async () => {
    const html = await render();
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; nul:\\u0000 bell:\\u0007');
    expect(html).not.toContain('\u0000');
    expect(html).not.toContain('<b>not bold</b>');
    expect(html).toContain('team backend (staging build) &lt;b&gt;&amp;&lt;/b&gt;');
    // the only <script> element is ours, at the end
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(esc(`"'<>&`)).toBe('&quot;&#39;&lt;&gt;&amp;');
  });

  it('embeds screenshots as data: URIs and shows a placeholder for a missing file', async () => {
    const html = await render();
    const png = await readFile(join(dir, SCREENSHOT_OK));
    expect(html).toContain(`src="data:image/png;base64,${png.toString('base64')}"`);
    expect(html).toContain(`screenshot unavailable: ${SCREENSHOT_MISSING} — file not found`);
  });

  it('refuses a screenshot path outside the report folder', async () => {
    const report = makeRunReport();
    report.scenarios[0]!.steps[0]!.screenshot = { label: 'x', path: '../../etc/passwd.png' };
    const html = await render(report);
    expect(html).toContain('screenshot unavailable: ../../etc/passwd.png — outside the report folder');
  });

  it('lists failures first (most severe first), then passed, then skipped', async () => {
    const html = await render();
    const order = [...html.matchAll(/<section class="card (\w+)" id="([^"]+)"/g)].map((m) => `${m[1]}:${m[2]}`);
    expect(order).toEqual([
      'failed:faq5-missing-sign-no-public-key',
      'failed:faq3-20000-busy',
      'passed:faq1-success',
      'passed:faq1-user-refuses',
      'passed:faq2-isv-package-missing',
      'passed:login-oauth-token',
      'skipped:sec-forged-unsigned-plaintext',
    ]);
  });

  it('shows, per scenario, the FAQ question, cause, expected vs got, remedy, envelope, plaintext and backend exchange', async () => {
    const html = await render();
    const card = html.slice(html.indexOf('id="faq5-missing-sign-no-public-key"'), html.indexOf('id="faq3-20000-busy"'));
    expect(card).toContain('<details open>');
    expect(card).toContain('获取用户手机号为何没有返回 sign？');
    expect(card).toContain('the Alipay public key is not set in the console');
    expect(card).toContain('rejected SIGNATURE_MISSING');
    expect(card).toContain('accepted 13912345678');
    expect(card).toContain('backend accepted a payload without sign (expected SIGNATURE_MISSING)');
    expect(card).toContain('请确保已设置支付宝公钥，aes 密钥、应用网关。');
    expect(card).toContain('&quot;encrypt_type&quot;: &quot;AES&quot;'); // pretty-printed envelope
    expect(card).toContain('&quot;mobile&quot;: &quot;13912345678&quot;'); // its plaintext
    expect(card).toContain('POST http://127.0.0.1:4010/api/alipay/phone');
    expect(card).toContain('data-status="failed"');
    expect(card).toContain('critical');
    const passed = html.slice(html.indexOf('id="faq1-success"'));
    expect(passed.slice(0, 400)).not.toContain('<details open>');
  });
});

describe('html report: security explanations', () => {
  it('shows why an attack matters, escaped', async () => {
    const { renderHtml } = await import('./html-render.js');
    const { makeRunReport } = await import('./test/fixture.js');
    const html = renderHtml(makeRunReport(), new Map());
    expect(html).toContain('Why it matters');
    expect(html).toContain('&lt;b&gt;why it matters&lt;/b&gt;');
  });
});
