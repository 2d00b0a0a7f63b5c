import { answerWith } from '../../harness/src/target/answers.js';

/** The five questions of the phone-number FAQ (Alipay's FAQ), as titles for reports. */
export const FAQ = {
  q1: 'Q1 如何处理调用 my.getPhoneNumber，报错“无效的授权关系”？',
  q2: 'Q2 如何处理调用 my.getPhoneNumber，报错“ISV 权限不足”？',
  q3: 'Q3 如何处理返回错误码 20000/40001/40002/40003？',
  q4: 'Q4 为何返回的数据是密钥和签名，并没有获取到手机号？',
  q5: 'Q5 获取用户手机号为何没有返回 sign？',
} as const;

export const REMEDY = {
  button: `用户主动触发才能获取手机号：使用 <button open-type="getAuthorize" scope="phoneNumber">，在 onGetAuthorize 回调里调用 my.getPhoneNumber；backend: ${answerWith('AUTH_REQUIRED')} so the page shows the button again`,
  isv: `开放平台控制台 > 功能列表 > 添加功能 > 获取会员手机号；再到 用户信息申请 中申请用户手机号并等待审核通过；backend: ${answerWith('ISV_PERMISSION_DENIED')}`,
  busy: `20000 系统繁忙：稍后再试；backend: ${answerWith('ALIPAY_BUSY')} (retryable)`,
  signType: `开放平台控制台 > 设置 > 开发设置：设置 支付宝公钥 和 应用网关；backend: ${answerWith('ALIPAY_MISCONFIGURED')} (or SIGNATURE_MISSING)`,
  aes: `开放平台控制台 > 设置 > 开发设置：设置 aes 密钥（接口内容加密方式）；backend: ${answerWith('ALIPAY_MISCONFIGURED')} (or SIGNATURE_MISSING)`,
  auth: `40003 用户未同意授权，或授权已失效：让用户重新点击授权按钮；backend: ${answerWith('AUTH_REQUIRED')}`,
  decrypt:
    '在服务端结合签名算法和 AES 密钥解密（接口内容加密方式）：verify the sign over the quoted ciphertext with the Alipay public key, then AES-CBC decrypt; never expect the page to hold the plain number',
  emptyMobile: `mobile 为空：the member has no bound phone; backend: ${answerWith('NO_MOBILE_BOUND')} and let the user enter a number another way`,
  sign: `确保已设置 支付宝公钥、aes 密钥、应用网关；backend: never accept a payload without sign — ${answerWith('SIGNATURE_MISSING')}`,
} as const;
