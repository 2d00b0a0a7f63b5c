/** A realistic RunReport for the reporter tests, with its screenshots written to a report dir. */
import { createCipheriv, createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunReport, ScenarioResult } from '../report-types.js';
import { phonePng } from './png.js';

export const HOSTILE_BODY = '{"mobile":"13800138000","note":"<script>alert(1)</script> ]]> nul:\u0000 bell:\u0007"}';
export const SCREENSHOT_OK = 'screenshots/faq1-success-01.png';
export const SCREENSHOT_SHEET = 'screenshots/faq1-success-02.png';
export const SCREENSHOT_MISSING = 'screenshots/faq3-20000-busy-01.png';

const AES_KEY = Buffer.from('aGVsbG8tYWxpbW9jay1rZXk=', 'base64').subarray(0, 16);
const TARGET = 'http://127.0.0.1:4010';

function encrypt(plaintext: string): string {
  const c = createCipheriv('aes-128-cbc', AES_KEY, Buffer.alloc(16));
  return Buffer.concat([c.update(plaintext, 'utf8'), c.final()]).toString('base64');
}

function fakeSign(seed: string): string {
  let out = '';
  for (let i = 0; out.length < 344; i++) out += createHash('sha512').update(`${seed}:${i}`).digest('base64');
  return `${out.slice(0, 342)}==`;
}

function envelope(plaintext: string, signed: boolean): string {
  const response = encrypt(plaintext);
  const env: Record<string, string> = { response };
  if (signed) env.sign = fakeSign(response);
  return JSON.stringify({ ...env, sign_type: 'RSA2', encrypt_type: 'AES', charset: 'UTF-8' });
}

function phoneRequest(env: string) {
  return {
    method: 'POST',
    url: `${TARGET}/api/alipay/phone`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ encryptedData: env }),
  };
}

const successPt = '{"code":"10000","msg":"Success","mobile":"13800138000"}';
const successEnv = envelope(successPt, true);
const unsignedPt = '{"code":"10000","msg":"Success","mobile":"13912345678"}';
const unsignedEnv = envelope(unsignedPt, false);
const busyPt =
  '{"code":"20000","msg":"Service Currently Unavailable","subCode":"aop.unknow-error","subMsg":"系统繁忙"}';
const busyEnv = envelope(busyPt, true);
const isvPt =
  '{"code":"40006","msg":"Insufficient Permissions","subCode":"isv.insufficient-isv-permissions","subMsg":"ISV权限不足，建议在开发者中心检查对应功能是否已经添加，解决办法详见：https:\\/\\/docs.open.alipay.com\\/common\\/isverror"}';
const isvEnv = envelope(isvPt, true);

export function makeScenarios(): ScenarioResult[] {
  return [
    {
      id: 'faq1-success',
      title: 'consent through the button gives the exact mobile',
      group: 'faq',
      faq: '如何处理调用 my.getPhoneNumber，报错“无效的授权关系”？',
      cause: '用户点击授权按钮并同意 (consent through the button)',
      remedy: '使用 button 组件 open-type="getAuthorize" scope="phoneNumber"，用户点击同意后再调用 my.getPhoneNumber。',
      expected: { kind: 'accepted', mobile: 'issued' },
      verdict: { kind: 'accepted', mobile: '13800138000' },
      status: 'passed',
      durationMs: 1840,
      driver: 'browser',
      steps: [
        {
          label: 'open the mini-program page',
          status: 'ok',
          startedAtMs: 0,
          durationMs: 620,
          screenshot: { label: 'page', path: SCREENSHOT_OK },
        },
        { label: 'tap 授权手机号', status: 'ok', startedAtMs: 640, durationMs: 180 },
        {
          label: 'tap 允许 on the consent sheet',
          status: 'ok',
          startedAtMs: 830,
          durationMs: 240,
          screenshot: { label: 'consent sheet', path: SCREENSHOT_SHEET },
        },
        {
          label: 'my.getPhoneNumber → my.request to the backend',
          status: 'ok',
          startedAtMs: 1080,
          durationMs: 700,
          detail: 'POST /api/alipay/phone → 200',
        },
      ],
      evidence: {
        envelope: successEnv,
        plaintext: successPt,
        outcome: 'success',
        backend: [
          {
            request: phoneRequest(successEnv),
            response: {
              status: 200,
              headers: { 'content-type': 'application/json' },
              body: '{"mobile":"13800138000"}',
            },
            durationMs: 41,
          },
        ],
        pageLog: ['[page] onGetAuthorize', '[page] getPhoneNumber success'],
        journal: [
          { api: 'jsapi.authorize', outcome: 'allow', at: '2025-01-15T08:00:00.700Z' },
          { api: 'jsapi.getPhoneNumber', outcome: 'success', at: '2025-01-15T08:00:01.050Z' },
        ],
      },
      failures: [],
    },
    {
      id: 'faq5-missing-sign-no-public-key',
      title: 'a payload without sign must be refused',
      group: 'faq',
      faq: '获取用户手机号为何没有返回 sign？',
      cause: 'the Alipay public key is not set in the console (支付宝公钥未设置): 10000, encrypted, no sign',
      remedy: '请确保已设置支付宝公钥，aes 密钥、应用网关。后端必须拒绝没有 sign 的数据 (SIGNATURE_MISSING)。',
      severity: 'critical',
      explanation: 'Anyone can post an unsigned plaintext and bind any phone number: <b>why it matters</b>',
      expected: { kind: 'rejected', codes: ['SIGNATURE_MISSING'] },
      verdict: { kind: 'accepted', mobile: '13912345678' },
      status: 'failed',
      durationMs: 95,
      driver: 'http',
      steps: [
        { label: 'unset the Alipay public key (console overlay)', status: 'ok', startedAtMs: 0, durationMs: 8 },
        { label: 'my.getPhoneNumber', status: 'ok', startedAtMs: 9, durationMs: 30 },
        {
          label: 'POST the envelope to the backend',
          status: 'failed',
          startedAtMs: 40,
          durationMs: 52,
          detail: 'backend answered 200 with a mobile | and a pipe',
        },
      ],
      evidence: {
        envelope: unsignedEnv,
        plaintext: unsignedPt,
        outcome: 'success (unsigned)',
        backend: [
          {
            request: phoneRequest(unsignedEnv),
            response: { status: 200, headers: { 'content-type': 'text/html' }, body: HOSTILE_BODY },
            durationMs: 52,
          },
        ],
      },
      failures: [
        {
          message: 'backend accepted a payload without sign (expected SIGNATURE_MISSING)',
          detail: 'expected: rejected SIGNATURE_MISSING\nactual:   accepted 13912345678\n<b>not bold</b>',
        },
        { message: 'the response body holds a phone number <13912345678>' },
      ],
    },
    {
      id: 'faq3-20000-busy',
      title: 'transient 20000 is a retryable refusal',
      group: 'faq',
      faq: '如何处理返回错误码 20000/40001/40002/40003？',
      cause: '系统繁忙: a transient fault on Alipay’s side (20000)',
      remedy: '20000 系统繁忙：稍后再试。后端应返回 503 ALIPAY_BUSY，而不是崩溃。',
      severity: 'medium',
      expected: { kind: 'rejected', codes: ['ALIPAY_BUSY'] },
      verdict: { kind: 'crashed', reason: 'HTTP 500 without the error body' },
      status: 'failed',
      durationMs: 1320,
      driver: 'browser',
      steps: [
        { label: 'inject fault 20000 (next call)', status: 'ok', startedAtMs: 0, durationMs: 12 },
        {
          label: 'tap 授权手机号 and 允许',
          status: 'ok',
          startedAtMs: 20,
          durationMs: 600,
          screenshot: { label: 'after tap', path: SCREENSHOT_MISSING },
        },
        { label: 'backend answers', status: 'failed', startedAtMs: 630, durationMs: 680 },
      ],
      evidence: {
        envelope: busyEnv,
        plaintext: busyPt,
        outcome: '20000',
        backend: [
          {
            request: phoneRequest(busyEnv),
            response: { status: 500, body: 'Internal Server Error\n    at decrypt (server.js:42)' },
            durationMs: 660,
          },
        ],
      },
      failures: [{ message: 'backend crashed on 20000 (HTTP 500) instead of rejecting with ALIPAY_BUSY' }],
    },
    {
      id: 'faq1-user-refuses',
      title: 'the user taps 拒绝',
      group: 'faq',
      faq: '如何处理调用 my.getPhoneNumber，报错“无效的授权关系”？',
      cause: '用户点击按钮后选择 拒绝',
      remedy: 'onError 回调中提示用户，不要调用后端。',
      expected: { kind: 'no-call' },
      verdict: { kind: 'no-call' },
      status: 'passed',
      durationMs: 910,
      driver: 'browser',
      steps: [
        { label: 'tap 授权手机号', status: 'ok', startedAtMs: 0, durationMs: 300 },
        { label: 'tap 拒绝 on the consent sheet', status: 'ok', startedAtMs: 310, durationMs: 580 },
      ],
      evidence: { backend: [], pageText: '你拒绝了授权，无法获取手机号' },
      failures: [],
    },
    {
      id: 'faq2-isv-package-missing',
      title: 'feature package not added gives 40006',
      group: 'faq',
      faq: '如何处理调用 my.getPhoneNumber，报错“ISV 权限不足”？',
      cause: '未添加获取会员手机号功能包 (feature package not added)',
      remedy: '请至小程序管理后台添加「获取会员手机号」功能包，并在 用户信息申请 中申请用户手机号。',
      expected: { kind: 'rejected', codes: ['ISV_PERMISSION_DENIED'] },
      verdict: { kind: 'rejected', code: 'ISV_PERMISSION_DENIED', message: 'ISV权限不足' },
      status: 'passed',
      durationMs: 64,
      driver: 'http',
      steps: [{ label: 'POST the envelope to the backend', status: 'ok', startedAtMs: 0, durationMs: 60 }],
      evidence: {
        envelope: isvEnv,
        plaintext: isvPt,
        outcome: '40006',
        backend: [
          {
            request: phoneRequest(isvEnv),
            response: { status: 502, body: '{"error":{"code":"ISV_PERMISSION_DENIED","message":"ISV权限不足"}}' },
            durationMs: 30,
          },
        ],
      },
      failures: [],
    },
    {
      id: 'login-oauth-token',
      title: 'auth code exchanged at the OpenAPI gateway',
      group: 'login',
      faq: 'my.getAuthCode → alipay.system.oauth.token',
      cause: 'a normal login before the phone step',
      remedy: '—',
      expected: { kind: 'informational' },
      status: 'passed',
      durationMs: 120,
      driver: 'http',
      steps: [{ label: 'exchange the auth code', status: 'ok', startedAtMs: 0, durationMs: 118 }],
      evidence: { backend: [] },
      failures: [],
    },
    {
      id: 'sec-forged-unsigned-plaintext',
      title: 'a forged unsigned plaintext must not be trusted',
      group: 'security',
      faq: 'forged plaintext envelope (startsWith("{") branch)',
      cause: 'an attacker posts {"response":{"code":"10000","mobile":"<any>"}} without sign',
      remedy: 'Require sign on every payload; never trust the plain-JSON branch.',
      severity: 'critical',
      expected: { kind: 'rejected', codes: ['SIGNATURE_MISSING', 'BAD_REQUEST'] },
      status: 'skipped',
      durationMs: 0,
      driver: 'http',
      steps: [
        {
          label: 'skipped: --grep excluded it',
          status: 'skipped',
          startedAtMs: 0,
          durationMs: 0,
          detail: 'not selected',
        },
      ],
      evidence: { backend: [] },
      failures: [],
    },
  ];
}

export function makeRunReport(): RunReport {
  const scenarios = makeScenarios();
  const count = (status: string) => scenarios.filter((s) => s.status === status).length;
  return {
    schemaVersion: 1,
    tool: { name: 'alimock', version: '0.1.0' },
    startedAt: '2025-01-15T08:00:00.000Z',
    target: { url: TARGET, description: 'team backend (staging build) <b>&</b>' },
    driver: 'browser',
    requireSignature: true,
    summary: {
      total: scenarios.length,
      passed: count('passed'),
      failed: count('failed'),
      skipped: count('skipped'),
      durationMs: 4349,
    },
    scenarios,
  };
}

/** Writes the fixture's screenshots (all but SCREENSHOT_MISSING) into `reportDir`. */
export async function writeFixtureScreenshots(reportDir: string): Promise<void> {
  await mkdir(join(reportDir, 'screenshots'), { recursive: true });
  await writeFile(join(reportDir, SCREENSHOT_OK), phonePng(false));
  await writeFile(join(reportDir, SCREENSHOT_SHEET), phonePng(true));
}
