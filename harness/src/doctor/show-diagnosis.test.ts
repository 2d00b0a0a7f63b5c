import { describe, expect, it } from 'vitest';
import { showAnswer, showPlaintext } from './show-diagnosis.js';

describe('what the doctor shows', () => {
  it("an accepting backend's answer carries the mobile masked", () => {
    const shown = showAnswer({ accepted: true, http: 200, mobile: '13800138000' });
    expect(shown).toBe('200 {"mobile":"138****8000"}');
    expect(shown).not.toContain('13800138000');
  });

  it("a rejecting backend's answer: its status and code, then the codes it may answer instead", () => {
    expect(showAnswer({ accepted: false, http: 400, code: 'SIGNATURE_INVALID' })).toBe(
      '400 {"error":{"code":"SIGNATURE_INVALID",…}}',
    );
    expect(showAnswer({ accepted: false, http: 400, code: 'SIGNATURE_MISSING', also: ['ALIPAY_MISCONFIGURED'] })).toBe(
      '400 {"error":{"code":"SIGNATURE_MISSING",…}} (or ALIPAY_MISCONFIGURED)',
    );
  });

  it('the plaintext: mobile masked, control characters escaped, cut to a bound', () => {
    expect(showPlaintext('{"code":"10000","msg":"Success","mobile":"13800138000"}')).toBe(
      '{"code":"10000","msg":"Success","mobile":"138****8000"}',
    );
    expect(showPlaintext('{"msg":"a\u001b[2Jb"}')).toBe('{"msg":"a\\u{1b}[2Jb"}');
    expect(showPlaintext('x'.repeat(5000))).toMatch(/^x{2000}… \(3000 more bytes\)$/);
  });
});
