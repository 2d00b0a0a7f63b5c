/** The functions the browser driver runs inside the page, in a real Chromium page. */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTestContexts, sharedTestBrowser } from '../test-support/chromium.js';
import { settleInPage, tapTargetInPage, viewInPage, waitReadyInPage } from './in-page.js';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await sharedTestBrowser();
  page = await browser.newPage({ viewport: { width: 375, height: 667 } });
}, 60_000);

afterAll(async () => {
  await closeTestContexts();
});

/** A new document (setContent alone keeps the window and what earlier tests put on it). */
async function fresh(html: string): Promise<void> {
  await page.goto('about:blank');
  await page.setContent(html);
}

const BUTTONS = `
  <button id="free" style="position:absolute;left:10px;top:10px;width:100px;height:40px">free</button>
  <button id="covered" style="position:absolute;left:10px;top:100px;width:100px;height:40px">covered</button>
  <div style="position:absolute;left:0;top:90px;width:200px;height:60px;background:#0008"></div>
  <button id="hidden" style="visibility:hidden">hidden</button>
  <button id="later" hidden style="position:absolute;left:10px;top:200px;width:100px;height:40px">later</button>
  <p id="status"> done </p>`;

describe('tapTargetInPage', () => {
  it('answers the centre of a visible element on top, and the number of events logged so far', async () => {
    await fresh(BUTTONS);
    await page.evaluate(() => {
      (window as unknown as { __alimockEvents: unknown[] }).__alimockEvents = [{}, {}, {}];
    });
    expect(await page.evaluate(tapTargetInPage, ['#free', 500] as const)).toEqual({ x: 60, y: 30, events: 3 });
  });

  it('does not answer an element another one covers, a hidden one or a missing one (undefined after the timeout)', async () => {
    await fresh(BUTTONS);
    for (const selector of ['#covered', '#hidden', '#nothing', '#later']) {
      expect(await page.evaluate(tapTargetInPage, [selector, 60] as const), selector).toBeUndefined();
    }
  });

  it('scrolls an element below the fold into view and answers where it is then', async () => {
    await fresh(`<div style="height:2000px"></div><button id="low" style="width:100px;height:40px">low</button>`);
    const target = await page.evaluate(tapTargetInPage, ['#low', 500] as const);
    expect(target).toBeDefined();
    expect(target?.y).toBeGreaterThan(0);
    expect(target?.y).toBeLessThan(667);
    expect(await page.evaluate(() => scrollY)).toBeGreaterThan(1000);
  });

  it('waits for an element that appears', async () => {
    await fresh(BUTTONS);
    await page.evaluate(() => {
      setTimeout(() => {
        (document.getElementById('later') as HTMLElement).hidden = false;
      }, 50);
    });
    expect(await page.evaluate(tapTargetInPage, ['#later', 2_000] as const)).toMatchObject({ x: 60, y: 220 });
  });
});

describe('waitReadyInPage and settleInPage', () => {
  it('wait for a runtime that arrives later, and are woken by its change notification', async () => {
    await fresh('<p id="status">x</p>');
    const ready = page.evaluate(waitReadyInPage, 2_000);
    const settled = page.evaluate(settleInPage, [0, 'phone', 2_000, 300] as const);
    await page.evaluate(() => {
      setTimeout(() => {
        const events: Array<Record<string, unknown>> = [];
        const checks = new Set<() => boolean>();
        const w = window as unknown as Record<string, unknown>;
        w.__alimockEvents = events;
        w.__alimockPending = () => events.filter((e) => !('result' in e)).length;
        w.__alimockOnChange = (check: () => boolean) => {
          if (!check()) checks.add(check);
        };
        const changed = () => {
          for (const c of [...checks]) if (c()) checks.delete(c);
        };
        w.__alimockReady = true;
        const envelope = '{"response":"QUJDREVGR0hJSktMTU5PUFFSU1RVVg==","sign":"c2ln"}';
        events.push({ t: 0, kind: 'jsapi', name: 'getPhoneNumber', result: { response: envelope } });
        const request = {
          t: 1,
          kind: 'request',
          name: '/stub/request',
          args: { data: JSON.stringify({ encryptedData: envelope }) },
        } as Record<string, unknown>;
        events.push(request);
        changed(); // in flight: not settled yet
        setTimeout(() => {
          request.result = { status: 200 };
          changed();
        }, 30);
      }, 30);
    });
    expect(await ready).toBe(true);
    const ev = await settled;
    expect(ev?.map((e) => e.name)).toEqual(['getPhoneNumber', '/stub/request']);
    expect(ev?.[1]?.result).toEqual({ status: 200 });
  });

  it('a page that sends nothing with the envelope: settled after the quiet period; another request does not end it', async () => {
    await fresh('<p>x</p>');
    await page.evaluate(() => {
      const events: Array<Record<string, unknown>> = [];
      const w = window as unknown as Record<string, unknown>;
      w.__alimockEvents = events;
      w.__alimockPending = () => 0;
      events.push({ t: 0, kind: 'request', name: '/stub/request', args: { url: 'https://x/analytics' }, result: {} });
      events.push({
        t: 1,
        kind: 'jsapi',
        name: 'getPhoneNumber',
        result: { response: '{"response":"QUJDREVGR0hJSktMTU5PUFFS"}' },
      });
    });
    const t0 = Date.now();
    const ev = await page.evaluate(settleInPage, [0, 'phone', 2_000, 200] as const);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(150);
    expect(ev?.length).toBe(2);
  });

  it('answer false / undefined when nothing happens in time', async () => {
    await fresh('<p>no runtime</p>');
    expect(await page.evaluate(waitReadyInPage, 50)).toBe(false);
    expect(await page.evaluate(settleInPage, [0, 'phone', 50, 10] as const)).toBeUndefined();
  });

  it('viewInPage reads the visible text of the page and the events in one go', async () => {
    await fresh(`<main id="content">${BUTTONS}</main>`);
    await page.evaluate(() => {
      (window as unknown as { __alimockEvents: unknown[] }).__alimockEvents = [{ kind: 'page', name: 'ready' }];
    });
    const view = await page.evaluate(viewInPage);
    expect(view.text).toContain('done');
    expect(view.events).toEqual([{ kind: 'page', name: 'ready' }]);
  });
});
