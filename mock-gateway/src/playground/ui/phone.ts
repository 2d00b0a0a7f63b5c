/**
 * The phone: the mounted page in a frame, opened in the current session as the current member. Tap 授权手机号 in it
 * by hand; the buttons below do what the page cannot be tapped into: call my.getPhoneNumber without a tap (FAQ Q1),
 * log in (my.getAuthCode → the login request), reload.
 */
import { h } from './dom.js';
import { current, onChange } from './state.js';
import { say } from './status.js';

type PageWindow = Window & {
  getApp?: () => { login?: () => unknown };
  __alimockCallAuthorizeHandler?: (selector?: string) => boolean;
  __alimockReady?: boolean;
};

export function pageUrl(): string {
  const { config, session, userId } = current();
  const url = new URL(config.pagePath, location.origin);
  url.searchParams.set('session', session);
  if (userId !== config.demoUserId) url.searchParams.set('userId', userId);
  return `${url.pathname}${url.search}`;
}

export function phonePanel(): HTMLElement {
  const frame = h('iframe', { class: 'phone-frame', title: 'Mini-program page (the phone)', src: pageUrl() });
  const pageWindow = () => frame.contentWindow as PageWindow | null;
  const login = () => {
    const app = pageWindow()?.getApp?.();
    if (typeof app?.login !== 'function') {
      say('This page has no login() in its app.js: it logs in by itself, if at all', 'error');
      return;
    }
    void Promise.resolve(app.login()).catch(() => undefined);
    say('The page logs in: my.getAuthCode, then the login request');
  };
  frame.addEventListener('load', () => {
    if (!current().config.loginOnLaunch) return;
    // as under `alimock run`: with a mapped login, the page logs in on launch (once it is ready)
    const started = performance.now();
    const wait = () => {
      if (pageWindow()?.__alimockReady) login();
      else if (performance.now() - started < 10_000) setTimeout(wait, 50);
    };
    wait();
  });
  const noTap = h('button', { type: 'button' }, 'Call my.getPhoneNumber without a tap');
  noTap.addEventListener('click', () => {
    const { phoneButton } = current().config;
    const called = pageWindow()?.__alimockCallAuthorizeHandler?.(phoneButton);
    if (called) say("The page's phone-button handler ran without a tap: my.getPhoneNumber without consent (FAQ Q1)");
    else
      say(
        phoneButton !== undefined
          ? `The page shows no phone button ${phoneButton} (miniProgram.button) to call the handler of: if it appears only after other taps, tap there first`
          : 'The page shows no phone button (open-type="getAuthorize") to call the handler of',
        'error',
      );
  });
  const loginButton = h('button', { type: 'button' }, 'Log in (my.getAuthCode)');
  loginButton.addEventListener('click', login);
  const reload = h('button', { type: 'button' }, 'Reload the page');
  reload.addEventListener('click', () => {
    frame.src = pageUrl();
  });
  onChange((why) => {
    if (why === 'session' || why === 'member') frame.src = pageUrl();
  });
  return h(
    'section',
    { class: 'panel phone-panel', 'aria-labelledby': 'phone-title' },
    h('h2', { id: 'phone-title' }, 'Phone'),
    h('p', { class: 'hint' }, 'Tap 授权手机号 in the page, then 允许 or 拒绝, as a member would.'),
    frame,
    h('div', { class: 'buttons' }, noTap, loginButton, reload),
  );
}
