/**
 * my.alert, my.confirm, my.showToast, my.showLoading/hideLoading: overlays in the phone frame. An alert or confirm
 * that nobody answers closes itself after 1.5 s (confirmed), so an unattended run does not wait forever.
 */
import { byId, el } from '../dom.js';
import { log } from '../event-log.js';
import { api, type Outcome } from './api.js';

const AUTO_CLOSE_MS = 1500;
let closeCurrentDialog: (() => void) | null = null;

function dialog(kind: 'alert' | 'confirm', opts: Record<string, unknown>): Promise<Outcome> {
  return new Promise((resolve) => {
    closeCurrentDialog?.();
    const okText = String((kind === 'alert' ? opts.buttonText : opts.confirmButtonText) ?? '确定');
    const ok = el('button', { id: `my-${kind}-ok`, class: 'dialog-button', type: 'button' }, okText);
    const buttons: HTMLElement[] = [ok];
    let cancel: HTMLElement | undefined;
    if (kind === 'confirm') {
      cancel = el(
        'button',
        { id: 'my-confirm-cancel', class: 'dialog-button cancel', type: 'button' },
        String(opts.cancelButtonText ?? '取消'),
      );
      buttons.unshift(cancel);
    }
    const box = el(
      'div',
      { class: 'mask', id: `my-${kind}`, role: 'alertdialog' },
      el(
        'div',
        { class: 'dialog' },
        ...(opts.title ? [el('div', { class: 'dialog-title' }, String(opts.title))] : []),
        el('div', { class: 'dialog-content' }, String(opts.content ?? '')),
        el('div', { class: 'dialog-buttons' }, ...buttons),
      ),
    );
    log('ui', `${kind}.show`, { title: opts.title, content: opts.content });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const close = (how: string, confirm: boolean) => {
      clearTimeout(timer);
      box.remove();
      if (closeCurrentDialog === closeThis) closeCurrentDialog = null;
      log('ui', `${kind}.dismiss`, { how });
      resolve({ ok: true, result: kind === 'confirm' ? { confirm } : {} });
    };
    const closeThis = () => close('replaced', false);
    closeCurrentDialog = closeThis;
    ok.addEventListener('click', () => close('tap', true));
    cancel?.addEventListener('click', () => close('cancel', false));
    timer = setTimeout(() => close('auto', true), AUTO_CLOSE_MS);
    byId('overlay-root').append(box);
  });
}

export const alert = api('alert', (opts) => dialog('alert', opts));
export const confirm = api('confirm', (opts) => dialog('confirm', opts));

const TOAST_ID = 'my-toast';

export const hideToast = api('hideToast', () => {
  document.getElementById(TOAST_ID)?.remove();
  return { ok: true, result: {} };
});

export const showToast = api('showToast', (opts) => {
  const toast = el(
    'div',
    { class: `toast toast-${String(opts.type ?? 'none')}`, id: TOAST_ID },
    String(opts.content ?? ''),
  );
  document.getElementById(TOAST_ID)?.remove();
  byId('overlay-root').append(toast);
  log('ui', 'toast.show', { content: opts.content, type: opts.type });
  setTimeout(() => toast.remove(), Number(opts.duration ?? 2000));
  return { ok: true, result: {} };
});

export const showLoading = api('showLoading', (opts) => {
  document.getElementById('my-loading')?.remove();
  byId('overlay-root').append(el('div', { class: 'toast', id: 'my-loading' }, String(opts.content ?? '加载中...')));
  return { ok: true, result: {} };
});

export const hideLoading = api('hideLoading', () => {
  document.getElementById('my-loading')?.remove();
  return { ok: true, result: {} };
});
