/**
 * The outcome catalogue: every decrypted plaintext `my.getPhoneNumber` can carry (docs/protocol.md), byte for byte,
 * with the FAQ's cause and remedy. The single source of truth for Alipay-side outcomes.
 */

export const OUTCOME_IDS = [
  'success',
  'empty-mobile',
  '20000',
  '40001-sign-type',
  '40001-encrypt-key',
  '40002',
  '40003',
  '40006',
] as const;

export type OutcomeId = (typeof OUTCOME_IDS)[number];

export function isOutcomeId(value: unknown): value is OutcomeId {
  return typeof value === 'string' && (OUTCOME_IDS as readonly string[]).includes(value);
}

export interface OutcomeDefinition {
  id: OutcomeId;
  code: string;
  msg: string;
  subCode?: string;
  subMsg?: string;
  /** the FAQ's Chinese wording of the error, for reports */
  title: string;
  /** what causes it, per the FAQ */
  cause: string;
  /** the FAQ's remedy */
  remedy: string;
  /** how Alipay delivers it by default: encrypted or as a plain nested object; signed or not */
  delivery: { encrypted: boolean; signed: boolean };
}

const CONSOLE = '开放平台控制台 > 设置 > 开发设置';

export const OUTCOMES: Readonly<Record<OutcomeId, OutcomeDefinition>> = {
  success: {
    id: 'success',
    code: '10000',
    msg: 'Success',
    title: '成功',
    cause: 'the member tapped the getAuthorize button and allowed access',
    remedy: 'none: verify the signature, decrypt, read mobile',
    delivery: { encrypted: true, signed: true },
  },
  'empty-mobile': {
    id: 'empty-mobile',
    code: '10000',
    msg: 'Success',
    title: '成功（未绑定手机号）',
    cause: 'the member has no phone number bound to the Alipay account',
    remedy: 'treat an empty mobile as "no phone bound": ask the user to enter a number another way',
    delivery: { encrypted: true, signed: true },
  },
  '20000': {
    id: '20000',
    code: '20000',
    msg: 'Service Currently Unavailable',
    subCode: 'aop.unknow-error',
    subMsg: '系统繁忙',
    title: '系统繁忙',
    cause: "a transient failure on Alipay's side",
    remedy: '稍后再试 (retry later): report it as retryable',
    delivery: { encrypted: true, signed: true },
  },
  '40001-sign-type': {
    id: '40001-sign-type',
    code: '40001',
    msg: 'Missing Required Arguments',
    subCode: 'isv.missing-default-signature-type',
    subMsg: '应用未设置默认签名类型',
    title: '应用未设置默认签名类型',
    cause: 'the app has no default signature type: the Alipay public key / app gateway are not set',
    remedy: `在 ${CONSOLE} 中，设置 支付宝公钥 和 应用网关`,
    delivery: { encrypted: true, signed: false },
  },
  '40001-encrypt-key': {
    id: '40001-encrypt-key',
    code: '40001',
    msg: 'Missing Required Arguments',
    subCode: 'isv.missing-encrypt-key',
    subMsg: '缺少加密配置',
    title: '缺少加密配置',
    cause: 'the AES key (接口内容加密方式) is not set, so nothing can be encrypted',
    remedy: `在 ${CONSOLE} 中，设置 aes 密钥`,
    delivery: { encrypted: false, signed: false },
  },
  '40002': {
    id: '40002',
    code: '40002',
    msg: 'Invalid Arguments',
    subCode: 'isv.invalid-encrypt',
    subMsg: '加密异常',
    title: '加密异常',
    cause: 'the AES key set in the console is unusable',
    remedy: `在 ${CONSOLE} 中，设置 aes 密钥（接口内容加密方式）`,
    delivery: { encrypted: false, signed: false },
  },
  '40003': {
    id: '40003',
    code: '40003',
    msg: 'Insufficient Conditions',
    subCode: 'isv.invalid-auth-relations',
    subMsg: '无效的授权关系',
    title: '无效的授权关系',
    cause: 'the member did not consent through the button, or the consent expired',
    remedy: '用户未同意授权，或授权已失效：show the getAuthorize button again and let the user tap it',
    delivery: { encrypted: true, signed: true },
  },
  '40006': {
    id: '40006',
    code: '40006',
    msg: 'Insufficient Permissions',
    subCode: 'isv.insufficient-isv-permissions',
    // JSON-escaped slashes are part of the wire bytes (see plaintextFor).
    subMsg:
      'ISV权限不足，建议在开发者中心检查对应功能是否已经添加，解决办法详见：https://docs.open.alipay.com/common/isverror',
    title: 'ISV权限不足',
    cause: 'the 获取会员手机号 feature package is not added, or 用户信息申请 for the phone scope is not approved',
    remedy:
      '在开放平台控制台的 功能列表 中添加 获取会员手机号 功能包，并在 用户信息申请 中申请用户手机号，等待审核通过',
    delivery: { encrypted: true, signed: true },
  },
};

/** JSON string literal with `/` escaped as `\/`, as Alipay's serializer writes it. */
function alipayString(value: string): string {
  return JSON.stringify(value).replace(/\//g, '\\/');
}

/**
 * The exact plaintext bytes for an outcome. `mobile` is used by `success` only (`empty-mobile` always has `""`).
 */
export function plaintextFor(outcome: OutcomeId, mobile = '13800138000'): string {
  const o = OUTCOMES[outcome];
  if (outcome === 'success') return `{"code":"10000","msg":"Success","mobile":${JSON.stringify(mobile)}}`;
  if (outcome === 'empty-mobile') return '{"code":"10000","msg":"Success","mobile":""}';
  return `{"code":"${o.code}","msg":"${o.msg}","subCode":"${o.subCode}","subMsg":${alipayString(o.subMsg ?? '')}}`;
}

/** Finds the catalogue entry for a decrypted plaintext's code/subCode (used by doctor and reports). */
export function outcomeForPlaintext(plain: {
  code?: unknown;
  subCode?: unknown;
  mobile?: unknown;
}): OutcomeDefinition | undefined {
  if (plain.code === '10000') return plain.mobile === '' ? OUTCOMES['empty-mobile'] : OUTCOMES.success;
  return Object.values(OUTCOMES).find(
    (o) => o.code === plain.code && (plain.subCode === undefined || o.subCode === plain.subCode),
  );
}
