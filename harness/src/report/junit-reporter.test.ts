import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { create } from 'xmlbuilder2';
import { createJunitReporter, renderJunit } from './junit-reporter.js';
import { makeRunReport } from './test/fixture.js';

/** Parses with xmlbuilder2 and walks the DOM (its object output re-escapes text, the DOM does not). */
function parse(xml: string): Element {
  return (create(xml).node as unknown as Document).documentElement;
}
const children = (el: Element, tag: string): Element[] => Array.from(el.children).filter((c) => c.tagName === tag);
const attrs = (el: Element | undefined): Record<string, string> =>
  Object.fromEntries(Array.from(el?.attributes ?? []).map((a) => [a.name, a.value]));
const child = (el: Element, tag: string): Element | undefined => children(el, tag)[0];

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'alimock-junit-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('junit reporter', () => {
  it('writes junit.xml that parses back with the right suites, counts and failure messages', async () => {
    const report = makeRunReport();
    await createJunitReporter({ reportDir: dir }).onRunEnd!(report);
    const xml = await readFile(join(dir, 'junit.xml'), 'utf8');
    const root = parse(xml);
    expect(root.tagName).toBe('testsuites');
    expect(attrs(root)).toMatchObject({ tests: '7', failures: '2', errors: '0', skipped: '1', time: '4.349' });

    const suites = children(root, 'testsuite');
    expect(suites.map((s) => s.getAttribute('name'))).toEqual(['faq', 'login', 'security']);
    const faq = suites[0]!;
    expect(attrs(faq)).toMatchObject({ tests: '5', failures: '2', errors: '0', skipped: '0' });
    expect(faq.getAttribute('time')).toBe(((1840 + 95 + 1320 + 910 + 64) / 1000).toFixed(3));
    expect(attrs(suites[2])).toMatchObject({ tests: '1', skipped: '1', failures: '0' });

    const cases = children(faq, 'testcase');
    expect(cases).toHaveLength(5);
    const byId = (id: string) => cases.find((c) => c.getAttribute('name')!.startsWith(`${id}: `))!;
    const success = byId('faq1-success');
    expect(attrs(success)).toEqual({
      name: 'faq1-success: consent through the button gives the exact mobile',
      classname: 'alimock.faq',
      time: '1.840',
    });
    expect(child(success, 'failure')).toBeUndefined();
    const out = child(success, 'system-out')!.textContent!;
    expect(out).toContain('tap 允许 on the consent sheet');
    expect(out).toContain('screenshot: screenshots/faq1-success-01.png');

    const failure = child(byId('faq5-missing-sign-no-public-key'), 'failure')!;
    expect(failure.getAttribute('message')).toBe(
      'backend accepted a payload without sign (expected SIGNATURE_MISSING)',
    );
    expect(failure.getAttribute('type')).toBe('rejected');
    const body = failure.textContent!;
    expect(body).toContain('1. backend accepted a payload without sign');
    expect(body).toContain('2. the response body holds a phone number <13912345678>');
    expect(body).toContain('expected: rejected SIGNATURE_MISSING');
    expect(body).toContain('got:      accepted 13912345678');
    expect(body).toContain('remedy: 请确保已设置支付宝公钥，aes 密钥、应用网关。');
    // the hostile backend body survives as text, with the NUL and BEL made visible
    expect(body).toContain('<script>alert(1)</script> ]]> nul:\\u0000 bell:\\u0007');

    const busy = child(byId('faq3-20000-busy'), 'failure')!;
    expect(busy.getAttribute('message')).toBe(
      'backend crashed on 20000 (HTTP 500) instead of rejecting with ALIPAY_BUSY',
    );
    expect(busy.textContent).toContain('got:      crashed: HTTP 500 without the error body');

    const skipped = children(suites[2]!, 'testcase')[0]!;
    expect(skipped.getAttribute('classname')).toBe('alimock.security');
    expect(child(skipped, 'skipped')).toBeDefined();
    expect(child(skipped, 'failure')).toBeUndefined();
  });

  it('is well-formed XML 1.0: everything escaped, no illegal characters, no raw ]]> or <script>', () => {
    const xml = renderJunit(makeRunReport());
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    // no character outside XML 1.0's Char production
    expect(xml).not.toMatch(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u);
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain(']]>');
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt; ]]&gt;');
    // every tag that opens closes (a cheap structural check on top of the round trip)
    const opened = (xml.match(/<(testsuite|testcase|failure|system-out)[\s>]/g) ?? []).length;
    const closed = (xml.match(/<\/(testsuite|testcase|failure|system-out)>/g) ?? []).length;
    expect(opened).toBe(closed);
    // attribute values stay on one line
    expect(xml).not.toMatch(/="[^"]*\n[^"]*"/);
  });
});
