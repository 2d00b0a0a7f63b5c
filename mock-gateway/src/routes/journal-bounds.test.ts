import { describe, expect, it } from 'vitest';
import { gatewayModel } from '../app.js';
import { DEFAULT_JOURNAL_FIELD_CHARS, truncationMarker } from '../model/journal.js';
import { call, testGateway } from '../test-support/gateway-client.js';

/**
 * Large requests and answers cannot grow the journal without bound: a `/gateway.do` call with a 900 KB parameter
 * and a wrong signature is answered with the whole sign string (as Alipay does), and the journal keeps that answer
 * cut to its field limit, within its byte bound.
 */
function hugeSignedWrong(appId: string): string {
  return new URLSearchParams({
    app_id: appId,
    method: 'alipay.system.oauth.token',
    charset: 'utf-8',
    sign_type: 'RSA2',
    timestamp: '2026-01-01 08:00:00',
    version: '1.0',
    grant_type: 'authorization_code',
    code: 'x',
    pad: 'p'.repeat(900 * 1024),
    sign: 'AAAA',
  }).toString();
}

const form = { 'content-type': 'application/x-www-form-urlencoded' };

describe('the journal is bounded in bytes', () => {
  it('900 KB gateway calls: each answer is journaled cut to the field limit with a marker', async () => {
    const { app } = await testGateway();
    const a = await call(app, 'POST', '/gateway.do', hugeSignedWrong(gatewayModel(app).keys.appId), { headers: form });
    expect(a.status).toBe(200);
    expect(a.text.length).toBeGreaterThan(900 * 1024); // the answer itself is whole
    const [entry] = gatewayModel(app).store.journal.query({ api: 'gateway' });
    expect(entry?.outcome).toBe('isv.invalid-signature');
    expect(entry?.envelope?.length).toBeLessThanOrEqual(DEFAULT_JOURNAL_FIELD_CHARS + 100);
    expect(entry?.envelope?.endsWith(truncationMarker(a.text.length))).toBe(true);
    expect(entry?.plaintext).toMatch(/truncated by the alimock journal/);
    await app.close();
  });

  it('many of them keep the journal within journalMaxBytes, dropping the oldest', async () => {
    // each kept entry is about 40 KB (its fields cut to 16 K characters): 12 calls are about three times the bound
    const maxBytes = 160 * 1024;
    const { app } = await testGateway({ journalMaxBytes: maxBytes });
    const body = hugeSignedWrong(gatewayModel(app).keys.appId);
    for (let i = 0; i < 12; i++) {
      const a = await call(app, 'POST', '/gateway.do', body, { headers: form });
      expect(a.status).toBe(200);
    }
    const { journal } = gatewayModel(app).store;
    expect(journal.byteSize).toBeLessThanOrEqual(maxBytes);
    expect(journal.size).toBeGreaterThan(1);
    expect(journal.size).toBeLessThan(12);
    expect(journal.query().at(-1)?.seq).toBe(12);
    await app.close();
  });
});
