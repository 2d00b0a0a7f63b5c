/** Alipay's authorization sheet for the phone number (允许 / 拒绝), as the stub page shows it. */
import { byId, el } from './dom.js';
import { log } from './event-log.js';

let sheetOpen = false;

export function openConsentSheet(appName: string, decide: (decision: 'allow' | 'deny') => void): void {
  if (sheetOpen) return;
  sheetOpen = true;
  const allow = el('button', { id: 'consent-allow', class: 'sheet-button allow', type: 'button' }, '允许');
  const deny = el('button', { id: 'consent-deny', class: 'sheet-button deny', type: 'button' }, '拒绝');
  const sheet = el(
    'div',
    { class: 'mask sheet-mask', id: 'consent-mask' },
    el(
      'div',
      { class: 'sheet', id: 'consent-sheet', role: 'dialog', 'aria-label': '授权确认' },
      el(
        'div',
        { class: 'sheet-head' },
        el('span', { class: 'app-icon' }, appName.slice(0, 1)),
        el('span', { class: 'app-name' }, appName),
      ),
      el('div', { class: 'sheet-title' }, '申请获取你的手机号'),
      el(
        'div',
        { class: 'sheet-option' },
        el('span', { class: 'sheet-option-text' }, '你的支付宝绑定手机号'),
        el('span', { class: 'sheet-check', 'aria-hidden': 'true' }, '✓'),
      ),
      el('div', { class: 'sheet-note' }, '授权即同意该小程序按其隐私政策使用你的手机号'),
      el('div', { class: 'sheet-buttons' }, deny, allow),
    ),
  );
  const choose = (decision: 'allow' | 'deny') => {
    if (!sheetOpen) return;
    sheetOpen = false;
    log('ui', decision === 'allow' ? 'consent.allow' : 'consent.deny');
    sheet.remove();
    decide(decision);
  };
  allow.addEventListener('click', () => choose('allow'));
  deny.addEventListener('click', () => choose('deny'));
  byId('overlay-root').append(sheet);
  log('ui', 'consent.show', { scope: 'phoneNumber', appName });
  // the slide-in starts on the next frame; without motion the sheet is in place at once
  if (matchMedia('(prefers-reduced-motion: reduce)').matches) sheet.classList.add('open');
  else requestAnimationFrame(() => sheet.classList.add('open'));
}
