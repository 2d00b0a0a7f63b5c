/**
 * The app's console settings, as the FAQ names them (开放平台控制台 > 设置 > 开发设置, and the feature list). Each change
 * is a PATCH of the app in this session: a missing setting produces the FAQ's outcome.
 */
import { get, patch } from './api.js';
import { h, labelled, select } from './dom.js';
import { latestOnly } from './latest.js';
import { current, onChange } from './state.js';
import { report } from './status.js';

interface AppSettings {
  alipayPublicKeySet: boolean;
  signType: 'RSA2' | 'RSA' | null;
  aesKeyStatus: 'set' | 'not-set' | 'unusable';
  appGatewaySet: boolean;
  phonePackage: 'not-added' | 'added' | 'approved';
  envelopeForm: 'long' | 'short';
}

export function settingsPanel(): HTMLElement {
  const publicKey = h('input', { type: 'checkbox' });
  const aesKey = select([
    ['set', 'set'],
    ['not-set', 'not set (→ 40001, plain, no sign)'],
    ['unusable', 'unusable (→ 40002)'],
  ]);
  const gateway = h('input', { type: 'checkbox' });
  const signType = select([
    ['RSA2', 'RSA2'],
    ['RSA', 'RSA'],
    ['none', 'none (→ 40001, no sign)'],
  ]);
  const phonePackage = select([
    ['not-added', 'not added (→ 40006)'],
    ['added', 'added, 用户信息申请 pending (→ 40006)'],
    ['approved', 'added, 用户信息申请 approved'],
  ]);
  const form = select([
    ['long', 'long (apps)'],
    ['short', 'short (ISV template apps)'],
  ]);

  const controls = [publicKey, aesKey, gateway, signType, phonePackage, form];
  const path = () => `/__admin/apps/${encodeURIComponent(current().config.appId)}`;
  // the controls wait for the session's settings: a change made before they show would be overwritten; a read that
  // started before the person's last change (or before a newer read) is dropped for the same reason
  const reads = latestOnly();
  const load = async () => {
    const isLatest = reads.begin();
    group.setAttribute('aria-busy', 'true');
    for (const c of controls) c.disabled = true;
    const got = await get<AppSettings>(path());
    if (!got.ok || !isLatest()) return;
    const a = got.value;
    publicKey.checked = a.alipayPublicKeySet;
    aesKey.value = a.aesKeyStatus;
    gateway.checked = a.appGatewaySet;
    signType.value = a.signType ?? 'none';
    phonePackage.value = a.phonePackage;
    form.value = a.envelopeForm;
    for (const c of controls) c.disabled = false;
    group.removeAttribute('aria-busy');
  };
  const set = async (field: keyof AppSettings, value: unknown, words: string) => {
    reads.invalidate();
    const done = await patch(path(), { [field]: value });
    report(done, `Console: ${words}`);
    await load();
  };
  publicKey.addEventListener('change', () =>
    set('alipayPublicKeySet', publicKey.checked, `支付宝公钥 ${publicKey.checked ? 'set' : 'not set'}`),
  );
  aesKey.addEventListener('change', () => set('aesKeyStatus', aesKey.value, `AES 密钥 ${aesKey.value}`));
  gateway.addEventListener('change', () =>
    set('appGatewaySet', gateway.checked, `应用网关 ${gateway.checked ? 'set' : 'not set'}`),
  );
  signType.addEventListener('change', () =>
    set('signType', signType.value === 'none' ? null : signType.value, `默认签名类型 ${signType.value}`),
  );
  phonePackage.addEventListener('change', () =>
    set('phonePackage', phonePackage.value, `获取会员手机号 ${phonePackage.value}`),
  );
  form.addEventListener('change', () => set('envelopeForm', form.value, `envelope form ${form.value}`));
  const row = (...children: HTMLElement[]) => h('div', { class: 'row' }, ...children);
  const group = h(
    'fieldset',
    { class: 'group' },
    h('legend', {}, 'Console settings (开放平台控制台)'),
    row(publicKey, labelled('支付宝公钥 (Alipay public key) set', publicKey)[0]),
    row(...labelled('AES 密钥 (AES key)', aesKey)),
    row(gateway, labelled('应用网关 (app gateway) set', gateway)[0]),
    row(...labelled('默认签名类型 (default sign type)', signType)),
    row(...labelled('获取会员手机号 (member phone) feature package', phonePackage)),
    row(...labelled('Envelope form', form)),
  );
  onChange((why) => {
    if (why !== 'member') void load();
  });
  void load();
  return group;
}
