/**
 * Step "sign": is `sign` there? Alipay omits it when any of 支付宝公钥, aes 密钥, 应用网关 is not set (Alipay's FAQ, Q5);
 * the plaintext (when readable) hints at which one.
 */
import type { ParsedEnvelope } from '../../../mock-gateway/src/protocol/envelope.js';
import type { OutcomeId } from '../../../mock-gateway/src/protocol/outcomes.js';
import type { DiagnosisStep } from './types.js';

function hint(env: ParsedEnvelope, outcomeId: OutcomeId | undefined): string {
  switch (outcomeId) {
    case '40001-encrypt-key':
      return 'the plaintext says 40001 缺少加密配置 (isv.missing-encrypt-key): the aes 密钥 (接口内容加密方式) is not set';
    case '40001-sign-type':
      return 'the plaintext says 40001 应用未设置默认签名类型 (isv.missing-default-signature-type): 支付宝公钥 (接口加签方式) and/or 应用网关 are not set';
    case '40002':
      return 'the plaintext says 40002 加密异常 (isv.invalid-encrypt): the aes 密钥 is not usable';
    default:
      return env.encrypted
        ? 'the response is encrypted, so the aes 密钥 is set: 支付宝公钥 (接口加签方式) or 应用网关 is missing'
        : 'the response is not encrypted: the aes 密钥 is probably not set (and maybe more)';
  }
}

export function signPresenceStep(env: ParsedEnvelope, outcomeId: OutcomeId | undefined): DiagnosisStep {
  if (env.sign !== undefined) {
    return {
      step: 'sign',
      status: 'ok',
      finding: 'sign-present',
      message: `sign present (${env.sign.length} characters)`,
    };
  }
  return {
    step: 'sign',
    status: 'fail',
    finding: 'missing-sign',
    message: `no sign: Alipay adds sign only when 支付宝公钥, aes 密钥 and 应用网关 are all set in the console (Alipay's FAQ, Q5); ${hint(env, outcomeId)}`,
    fix:
      '开放平台控制台 > 设置 > 开发设置: set 接口加签方式 (支付宝公钥), 接口内容加密方式 (aes 密钥) and 应用网关. Until then a correct backend ' +
      'answers SIGNATURE_MISSING and never trusts a mobile from an unsigned payload: anyone can write one',
  };
}
