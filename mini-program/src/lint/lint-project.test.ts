import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findPackageRoot } from '../../../mock-gateway/src/package-root.js';
import { faqSampleRoot } from '../project/faq-sample.js';
import { tempProject } from '../test/temp-project.js';
import { lintProject } from './lint-project.js';

const made: Array<{ remove(): void }> = [];
afterEach(() => {
  for (const p of made.splice(0)) p.remove();
});

const GOOD_BUTTON =
  '<button open-type="getAuthorize" scope="phoneNumber" onGetAuthorize="onGetAuthorize" onError="onAuthError">授权</button>';

async function lint(axml: string, js: string, extra: Record<string, string> = {}) {
  const p = tempProject({
    'app.json': JSON.stringify({ pages: ['pages/a/a'] }),
    'pages/a/a.axml': axml,
    'pages/a/a.js': js,
    ...extra,
  });
  made.push(p);
  const r = await lintProject(p.root);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

const GOOD_JS = 'Page({ onGetAuthorize() { my.getPhoneNumber({ success() {} }); }, onAuthError() {} });';

describe('lintProject', () => {
  it('a correct page has no findings', async () => {
    expect(await lint(GOOD_BUTTON, GOOD_JS)).toEqual([]);
  });

  it('the examples: the realistic project and the FAQ sample are clean', async () => {
    for (const root of [join(findPackageRoot(), 'examples', 'mini-program'), faqSampleRoot()]) {
      const r = await lintProject(root);
      expect(r).toEqual({ ok: true, value: [] });
    }
  });

  it('a phone button without open-type="getAuthorize"', async () => {
    const f = await lint(
      '<button scope="phoneNumber" onGetAuthorize="onGetAuthorize" onError="onAuthError">授权</button>',
      GOOD_JS,
    );
    expect(f).toMatchObject([
      {
        rule: 'phone-button-open-type',
        file: 'pages/a/a.axml',
        line: 1,
        column: 1,
        fix: 'add open-type="getAuthorize" to the button',
      },
    ]);
  });

  it('a getAuthorize button without scope="phoneNumber"', async () => {
    const f = await lint(
      '<view>\n  <button open-type="getAuthorize" onGetAuthorize="onGetAuthorize" onError="onAuthError"/>\n</view>',
      GOOD_JS,
    );
    expect(f).toMatchObject([{ rule: 'phone-button-scope', line: 2, column: 3 }]);
  });

  it('WeChat\'s markup: open-type="getPhoneNumber" and bindgetphonenumber', async () => {
    const f = await lint(
      '<button open-type="getPhoneNumber" bindgetphonenumber="getPhone">x</button>',
      'Page({ getPhone() {} });',
    );
    expect(f.map((x) => [x.rule, x.column])).toEqual([
      ['wechat-markup', 1],
      ['wechat-markup', 36],
    ]);
  });

  it('no onError handler on the phone button', async () => {
    const f = await lint(
      '<button open-type="getAuthorize" scope="phoneNumber" onGetAuthorize="onGetAuthorize"/>',
      GOOD_JS,
    );
    expect(f).toMatchObject([{ rule: 'missing-on-error' }]);
  });

  it('a handler the page does not define (page, include, component methods)', async () => {
    const f = await lint(`${GOOD_BUTTON}\n<include src="./part"/>\n<card/>`, GOOD_JS, {
      'pages/a/part.axml': '<view onTap="goHome"/>',
      'pages/a/a.json': JSON.stringify({ usingComponents: { card: '/components/card/card' } }),
      'components/card/card.axml': '<view onTap="toggle" catchTap="close"/>',
      'components/card/card.js': 'Component({ methods: { toggle() {} } });',
    });
    expect(f.map((x) => [x.rule, x.file, x.message])).toEqual([
      [
        'undefined-handler',
        'components/card/card.axml',
        'catchTap="close": components/card/card.js defines no close in methods',
      ],
      ['undefined-handler', 'pages/a/part.axml', 'onTap="goHome": pages/a/a.js defines no goHome'],
    ]);
  });

  it('handlers are not checked when the page object is built (mixins, not a literal)', async () => {
    expect(await lint('<view onTap="fromMixin"/>', 'const mixin = {}; Page({ ...mixin });')).toEqual([]);
  });

  it('my.getPhoneNumber from onLoad (through a method), onShow, another tap, or the module top level', async () => {
    const js = `const that = 1;
function helper() { my.getPhoneNumber({}); }
Page({
  onLoad() { this.fetch(); },
  fetch() { my.getPhoneNumber({ success() {} }); },
  onShow() { helper(); },
  onTap() { my['getPhoneNumber']({}); },
  onGetAuthorize() { this.fetch(); },
  onAuthError() {},
});
my.getPhoneNumber({});`;
    const f = await lint(`${GOOD_BUTTON}<view onTap="onTap"/>`, js);
    expect(f.map((x) => [x.rule, x.line, x.message.split(',')[0]])).toEqual([
      ['get-phone-number-outside-authorize', 2, 'my.getPhoneNumber is reached from onShow (via helper)'],
      ['get-phone-number-outside-authorize', 5, 'my.getPhoneNumber is reached from onLoad (via fetch)'],
      ['get-phone-number-outside-authorize', 7, 'my.getPhoneNumber is reached from onTap="onTap"'],
      ['get-phone-number-outside-authorize', 11, 'my.getPhoneNumber is reached from the top level of the module'],
    ]);
    expect(f[0]?.message).toContain('无效的授权关系');
  });

  it('a callback inside onLoad counts (it still runs without the tap); `const self = this` is followed', async () => {
    const js =
      'Page({ onLoad() { const self = this; my.getAuthCode({ success() { self.phone(); } }); }, phone() { my.getPhoneNumber({}); }, onGetAuthorize() {}, onAuthError() {} });';
    const f = await lint(GOOD_BUTTON, js);
    expect(f).toMatchObject([
      { rule: 'get-phone-number-outside-authorize', message: expect.stringContaining('onLoad (via phone)') },
    ]);
  });

  it('app.js onLaunch counts too; TypeScript pages are read with their own lines', async () => {
    const p = tempProject({
      'app.json': JSON.stringify({ pages: ['pages/a/a'] }),
      'app.js': 'App({ onLaunch() { my.getPhoneNumber({}); } });',
      'pages/a/a.axml': GOOD_BUTTON,
      'pages/a/a.ts':
        'Page({\n  data: {} as Record<string, number>,\n  onGetAuthorize(): void {},\n  onAuthError(): void {},\n  onReady(): void {\n    my.getPhoneNumber({});\n  },\n});',
    });
    made.push(p);
    const r = await lintProject(p.root);
    expect(r.ok && r.value.map((x) => [x.file, x.line, x.column])).toEqual([
      ['app.js', 1, 20],
      ['pages/a/a.ts', 6, 5],
    ]);
  });

  it('a my API Alipay does not have (WeChat code) is a finding naming Alipay’s; Alipay’s own APIs (the legacy httpRequest too) are not', async () => {
    const js =
      'Page({\n  onLoad() {\n    my.login({ success() {} });\n    my.setNavigationBarTitle({ title: "x" });\n    my.chooseImage({});\n    my.httpRequest({ url: "/x" });\n  },\n  onGetAuthorize() { my.getPhoneNumber({}); },\n  onAuthError() {},\n});';
    const f = await lint(GOOD_BUTTON, js);
    expect(f.map((x) => [x.rule, x.line, x.column, x.message])).toEqual([
      [
        'unknown-my-api',
        3,
        8,
        'my.login is not an Alipay API: use my.getAuthCode; on a client it is undefined and calling it throws',
      ],
    ]);
  });

  it('a syntax error is a finding at its place', async () => {
    const f = await lint(GOOD_BUTTON, 'Page({\n  onLoad() { const = 1; }\n});');
    expect(f).toMatchObject([{ rule: 'syntax-error', file: 'pages/a/a.js', line: 2 }]);
  });

  it('the wrong example is flagged (getPhoneNumber in onLoad, WeChat markup)', async () => {
    const r = await lintProject(join(findPackageRoot(), 'examples', 'mini-program-wrong'));
    const rules = r.ok ? r.value.map((f) => f.rule) : [];
    expect(rules).toEqual(
      expect.arrayContaining([
        'get-phone-number-outside-authorize',
        'wechat-markup',
        'missing-on-error',
        'phone-button-scope',
        'undefined-handler',
      ]),
    );
  });

  it('misuse: no folder, no app.json', async () => {
    expect(await lintProject('/no/where')).toMatchObject({ ok: false });
    const p = tempProject({ 'a.txt': '' });
    made.push(p);
    expect(await lintProject(p.root)).toMatchObject({ ok: false, reason: expect.stringContaining('no app.json') });
  });
});
