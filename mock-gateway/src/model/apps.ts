import type { AppSettings } from './app-schema.js';

export function defaultApp(appId: string): AppSettings {
  return {
    appId,
    alipayPublicKeySet: true,
    signType: 'RSA2',
    aesKeyStatus: 'set',
    appGatewaySet: true,
    phonePackage: 'approved',
    envelopeForm: 'long',
    consentTtlMs: null,
  };
}
