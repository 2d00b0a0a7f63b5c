import type { Given, Step } from '../scenario/types.js';

/** Step labels in domain words, for reports. */
export function describeGiven(g: Given): string {
  if ('app' in g) {
    const parts = Object.entries(g.app).map(([k, v]) => {
      switch (k) {
        case 'alipayPublicKeySet':
          return v ? 'Alipay public key set' : 'Alipay public key NOT set';
        case 'appGatewaySet':
          return v ? 'app gateway set' : 'app gateway NOT set';
        case 'aesKeyStatus':
          return v === 'not-set' ? 'AES key NOT set' : v === 'unusable' ? 'AES key unusable' : 'AES key set';
        case 'signType':
          return v === null ? 'no default sign type' : `default sign type ${String(v)}`;
        case 'phonePackage':
          return v === 'not-added'
            ? '获取会员手机号 package NOT added'
            : v === 'added'
              ? 'package added, 用户信息申请 pending'
              : 'package approved';
        default:
          return `${k} = ${JSON.stringify(v)}`;
      }
    });
    return `console: ${parts.join(', ')}`;
  }
  if ('member' in g)
    return g.member.noMobile
      ? 'a member without a bound phone'
      : `a new member${g.member.mobile ? ` (mobile ${g.member.mobile})` : ''}`;
  if ('consent' in g)
    return g.consent === 'none'
      ? 'the member has never consented'
      : `the member consented${g.ttlMs ? ` (lifetime ${Math.round(g.ttlMs / 60_000)} min)` : ''}`;
  const a = g.rule.action;
  const what =
    a.kind === 'outcome'
      ? `Alipay answers ${a.outcome}`
      : a.kind === 'tamper'
        ? `tampering: ${a.tampering}`
        : a.kind === 'envelope'
          ? `envelope variant ${a.variant}`
          : `transport fault ${a.kind}`;
  return `rule: ${what}${g.rule.times ? ` (next ${g.rule.times} call${g.rule.times > 1 ? 's' : ''})` : ''}`;
}

export function describeStep(s: Step): string {
  switch (s.do) {
    case 'tap-authorize':
      return `tap 授权手机号, then ${s.choice === 'allow' ? '允许' : '拒绝'}`;
    case 'login':
      return 'log in: my.getAuthCode, then the backend exchanges the code (alipay.system.oauth.token)';
    case 'call-get-phone-number':
      return 'the page calls my.getPhoneNumber without a tap and forwards res.response';
    case 'advance-clock':
      return `${Math.round(s.ms / 60_000)} minutes pass`;
    case 'expire-consent':
      return "the member's consent expires";
    case 'post-raw':
      return `post to the backend: ${s.label}`;
    case 'post-envelope':
      return `send to the backend as the page would: ${s.label}`;
  }
}
