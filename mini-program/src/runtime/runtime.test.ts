/**
 * The runtime in real Chromium, one line of the supported-subset table per test, on one fixture project
 * (test/fixtures/subset) served by the gateway. One browser and one page load for the file.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeBrowserContexts,
  type LoggedEvent,
  launchBrowser,
  newPage,
  serveProject,
  waitForEvents,
} from '../test/browser-fixture.js';

const FIXTURE = join(import.meta.dirname, '..', 'test', 'fixtures', 'subset');

let browser: Browser;
let gateway: FastifyInstance;
let pageUrl: string;
let page: Page;

const text = (selector: string) => page.evaluate((s) => document.querySelector(s)?.textContent ?? null, selector);
const events = () => page.evaluate(() => (window as unknown as { __alimockEvents: LoggedEvent[] }).__alimockEvents);

beforeAll(async () => {
  [browser, { gateway, pageUrl }] = await Promise.all([launchBrowser(), serveProject(FIXTURE)]);
  page = await newPage(browser);
  await page.goto(`${pageUrl}?x=1`);
  await waitForEvents(page, "(e) => e.some((x) => x.name === 'ready')");
});

afterAll(async () => {
  await closeBrowserContexts();
  await gateway?.close();
});

describe('AXML subset, rendered', () => {
  it('{{ }}: member access, arithmetic, ternary, comparison/logic, string concatenation, allowed methods; a missing path is empty', async () => {
    expect(await text('#expr')).toBe('amy/5/big/true/AMY/');
  });

  it('a:if / a:elif / a:else render the first branch that holds', async () => {
    expect(await page.$$eval('.cond', (els) => els.map((e) => e.textContent))).toEqual(['B']);
  });

  it('a:for with a:for-item, a:for-index, a:key; the default item/index', async () => {
    expect(await page.$$eval('#list .row', (els) => els.map((e) => e.textContent))).toEqual(['0:A', '1:B']);
    expect(await text('#default-for')).toBe('0-1;1-2;');
  });

  it('<block> renders its children only', async () => {
    expect(await page.$eval('#blk', (e) => [...e.children].map((c) => c.localName))).toEqual(['text', 'text']);
  });

  it('<template is data> with <import src>', async () => {
    expect(await text('#tpl .tplrow')).toBe('T:amy');
  });

  it('<include src>', async () => {
    expect(await text('#inc')).toBe('included 2');
  });

  it('hidden with a binding', async () => {
    expect(await page.isVisible('#hid')).toBe(true);
    expect(await page.isVisible('#hid2')).toBe(false);
  });

  it('class and style with bindings; rpx → px for a 750-wide design (375 px phone)', async () => {
    expect(await page.$eval('#cls', (e) => e.className)).toBe('a on');
    expect(await page.$eval('#cls', (e) => e.getBoundingClientRect().width)).toBe(150);
  });

  it('view text button image input textarea form icon navigator scroll-view swiper swiper-item as plain DOM; image src from the project root', async () => {
    expect(await page.$eval('#tags', (e) => [...e.children].map((c) => c.localName))).toEqual([
      'text',
      'button',
      'image',
      'input',
      'textarea',
      'form',
      'icon',
      'navigator',
      'scroll-view',
      'swiper',
    ]);
    await page.waitForFunction(
      () => (document.querySelector('#tags image img') as HTMLImageElement | null)?.naturalWidth === 64,
    );
  });

  it('an unsupported tag is shown in place with file:line and logged as an error event', async () => {
    expect(await text('.am-unsupported')).toBe('<picker> is not supported by alimock（pages/home/home.axml:23:1）');
    const err = (await events()).find((e) => e.kind === 'error' && e.name === 'template');
    expect(err?.error).toMatchObject({ file: 'pages/home/home.axml', line: 23, column: 1 });
    expect(await text('#page-error')).toContain('pages/home/home.axml:23:1');
  });

  it('onTap bubbles with target/currentTarget.dataset (data-*); catchTap stops it', async () => {
    await page.click('#inner');
    await page.click('#bubble');
    await page.waitForFunction(() => document.querySelector('#log')?.textContent?.includes('"outer"'));
    expect(JSON.parse((await text('#log')) ?? '[]')).toEqual(['inner', 'bubble:7:bubble', 'outer']);
    await page.click('#list .row:nth-child(2)');
    const tap = (await events()).filter((e) => e.kind === 'page' && e.name === 'onRow').pop();
    expect(tap?.args).toMatchObject({
      type: 'tap',
      currentTarget: { dataset: { id: 'b' } },
      target: { dataset: { id: 'b' } },
    });
  });

  it('onInput with detail.value; setData re-renders keeping the input focused', async () => {
    await page.click('#in');
    await page.keyboard.type('abc');
    await page.waitForFunction(() => (document.querySelector('#in') as HTMLInputElement).value === 'ABC');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('in');
  });

  it('onChange with detail.value', async () => {
    await page.fill('#ta', 'hello');
    await page.click('#expr');
    await page.waitForFunction(() => document.querySelector('#ta') !== null);
    const change = (await events()).find((e) => e.kind === 'page' && e.name === 'onChange');
    expect(change?.args).toMatchObject({ type: 'change', detail: { value: 'hello' } });
  });

  it('onSubmit with the form values by name', async () => {
    await page.click('#submit');
    await page.waitForFunction(() => document.querySelector('#submitted')?.textContent === 'x1');
  });

  it('custom component: props (as names and props.x), own data and lifecycle, function props, slot', async () => {
    expect(await text('#card .card')).toBe('amy|1|amyslot!');
    await page.click('#card .card');
    await page.waitForFunction(() => document.querySelector('#pinged')?.textContent === '2');
    expect(await text('#card .card')).toBe('amy|2|amyslot!');
  });

  it('a runtime error in page code is an error event with the project file:line:column (source map)', async () => {
    await page.evaluate(() => {
      const pages = (window as unknown as { getCurrentPages(): Array<{ throwNow(): void }> }).getCurrentPages();
      setTimeout(() => pages[0]?.throwNow());
    });
    const all = await waitForEvents(
      page,
      "(e) => e.some((x) => x.kind === 'error' && x.error && x.error.message === 'boom from home')",
    );
    const err = all.find((e) => e.kind === 'error' && e.error?.message === 'boom from home');
    expect(err?.error).toMatchObject({ file: 'pages/home/home.js', line: 43, column: 11 });
    expect(await text('#page-error')).toContain('boom from home（pages/home/home.js:43:11）');
  });
});

describe('app, navigation and my', () => {
  it('App onLaunch ran once; getApp() is that object', async () => {
    expect(
      await page.evaluate(
        () => (window as unknown as { getApp(): { globalData: { launched: number } } }).getApp().globalData.launched,
      ),
    ).toBe(1);
  });

  it('tabBar shown on a tab page; window title from app.json', async () => {
    expect(await page.$$eval('#tab-bar .tab-text', (els) => els.map((e) => e.textContent))).toEqual(['首页', '我的']);
    expect(await text('#nav-title')).toBe('Subset');
  });

  it('<navigator> opens a page with its query (onLoad(query)); navigateBack unloads it', async () => {
    await page.click('#nav');
    await page.waitForFunction(() => document.querySelector('#detail')?.textContent === 'from=nav n=1 pages=2');
    expect(await page.isVisible('#expr')).toBe(false);
    expect(await page.isVisible('#tab-bar')).toBe(false);
    await page.click('.nav-back');
    await page.waitForFunction(() => !document.querySelector('#detail'));
    expect(await page.isVisible('#expr')).toBe(true);
    expect(
      await page.evaluate(
        () =>
          (window as unknown as { getApp(): { globalData: { detailUnloaded?: boolean } } }).getApp().globalData
            .detailUnloaded,
      ),
    ).toBe(true);
  });

  it('my.setStorageSync / getStorageSync, my.switchTab via the tab bar', async () => {
    await page.evaluate(() =>
      (window as unknown as { my: { setStorageSync(o: unknown): void } }).my.setStorageSync({
        key: 'k',
        data: { v: 1 },
      }),
    );
    await page.click('#tab-bar .tab-item:nth-child(2)');
    await page.waitForFunction(() => document.querySelector('#tab2')?.textContent === 'tab two {"v":1}');
  });

  it('my.navigateTo to a page not in app.json fails; an API alimock lacks answers 该接口暂不支持 (logged)', async () => {
    const out = await page.evaluate(async () => {
      const my = (window as unknown as { my: Record<string, (o?: unknown) => Promise<unknown>> }).my;
      const nav = await my.navigateTo?.({ url: '/pages/nope/nope' }).catch((e: unknown) => e);
      const scan = await my.scan?.({}).catch((e: unknown) => e);
      const info = (my.getSystemInfoSync as unknown as () => { platform: string })();
      return {
        nav,
        scan,
        platform: info.platform,
        can: (my.canIUse as unknown as (s: string) => boolean)('getPhoneNumber'),
      };
    });
    expect(out.nav).toMatchObject({ errorMessage: expect.stringContaining('页面不存在') });
    expect(out.scan).toEqual({ error: 1, errorMessage: '该接口暂不支持' });
    expect(out.platform).toBe('iOS');
    expect(out.can).toBe(true);
    expect(
      (await events()).some(
        (e) =>
          e.kind === 'jsapi' &&
          e.name === 'scan' &&
          (e.error as { errorMessage?: string })?.errorMessage === '该接口暂不支持',
      ),
    ).toBe(true);
  });

  it("a real page's everyday APIs answer (title, network, account, env); an unmodelled Alipay API fired and forgotten is no page error; a WeChat name is undefined, as on a client", async () => {
    const errors = async () => (await events()).filter((e) => e.kind === 'error').length;
    const before = await errors();
    const out = await page.evaluate(async () => {
      type Api = (o?: unknown) => Promise<unknown>;
      const my = (window as unknown as { my: Record<string, unknown> }).my;
      const call = (name: string, o?: unknown) => (my[name] as Api)(o);
      await call('setNavigationBar', { backgroundColor: '#ff6600', frontColor: '#ffffff' });
      const bar = document.querySelector<HTMLElement>('.nav-bar');
      const colours = [bar?.style.background, bar?.style.color];
      await call('setNavigationBarTitle', { title: '我的小店' });
      await call('showToast', { content: 'x', duration: 60_000 });
      await call('hideToast');
      const toastLeft = document.getElementById('my-toast') !== null;
      const net = await call('getNetworkType');
      await call('stopPullDownRefresh');
      (my.reportAnalytics as (e: string, d: unknown) => void)('bind', { a: 1 });
      void call('chooseImage', { count: 1 }); // fired and forgotten: 该接口暂不支持, never a page error
      await new Promise((r) => setTimeout(r, 50));
      return {
        title: document.getElementById('nav-title')?.textContent,
        colours,
        toastLeft,
        net,
        account: (my.getAccountInfoSync as () => unknown)(),
        env: (my.env as { clientName: string }).clientName,
        wechat: typeof my.getUserProfile,
        banner: document.getElementById('page-error')?.textContent ?? '',
      };
    });
    expect(out).toMatchObject({
      title: '我的小店',
      colours: ['rgb(255, 102, 0)', 'rgb(255, 255, 255)'],
      toastLeft: false,
      net: { networkAvailable: true, networkType: 'WIFI' },
      account: { miniProgram: { envVersion: 'develop' } },
      env: 'ap',
      wechat: 'undefined',
    });
    expect(out.banner).not.toContain('该接口暂不支持');
    expect(await errors()).toBe(before);
  });
});

describe('the harness hooks', () => {
  it('a request hook the harness installed counts as work in flight until it answers (a slow harness is not a quiet page)', async () => {
    const own = await newPage(browser);
    let answer: (v: unknown) => void = () => undefined;
    await own.context().exposeBinding('__alimockPhoneRequest', () => new Promise((resolve) => (answer = resolve)));
    await own.goto(`${pageUrl}?x=2`);
    await waitForEvents(own, "(e) => e.some((x) => x.name === 'ready')");
    type Hooked = { __alimockPending(): number; __alimockPhoneRequest(v: string): Promise<unknown> };
    const pendingBefore = await own.evaluate(() => (window as unknown as Hooked).__alimockPending());
    await own.evaluate(() => {
      (window as unknown as Hooked & { done?: unknown }).__alimockPhoneRequest('enc').then((r) => {
        (window as unknown as { done?: unknown }).done = r;
      });
    });
    expect(await own.evaluate(() => (window as unknown as Hooked).__alimockPending())).toBe(pendingBefore + 1);
    answer({ url: 'http://backend.test/phone' });
    await own.waitForFunction(() => (window as unknown as { done?: unknown }).done !== undefined);
    expect(await own.evaluate(() => (window as unknown as Hooked).__alimockPending())).toBe(pendingBefore);
    await own.context().close();
  });
});
