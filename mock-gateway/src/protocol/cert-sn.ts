import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type forgeType from 'node-forge';

type Forge = typeof forgeType;
let forgeModule: Forge | undefined;
/** node-forge costs ~25 ms to load: only certificate work needs it, so it is loaded on first use. */
function forgeLib(): Forge {
  forgeModule ??= createRequire(import.meta.url)('node-forge') as Forge;
  return forgeModule;
}

export interface DnAttribute {
  shortName: string;
  value: string;
}

/**
 * Certificate SN (docs/protocol.md): lowercase hex MD5 of the issuer DN written `CN=…,OU=…,O=…,C=…` (attributes in reverse
 * order of the certificate) followed by the decimal serial number.
 */
export function certSn(issuer: readonly DnAttribute[], serialHex: string): string {
  const principal = [...issuer]
    .reverse()
    .map((a) => `${a.shortName}=${a.value}`)
    .join(',');
  const decimal = BigInt(`0x${serialHex.replace(/^0x/i, '') || '0'}`).toString(10);
  return createHash('md5')
    .update(principal + decimal, 'utf8')
    .digest('hex');
}

function forgeIssuer(cert: forgeType.pki.Certificate): DnAttribute[] {
  return cert.issuer.attributes.map((a) => ({
    shortName: String(a.shortName ?? a.name ?? a.type),
    value: String(a.value),
  }));
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** SN of the first certificate in a PEM text. */
export function certSnFromPem(pem: string): string {
  const cert = forgeLib().pki.certificateFromPem(pem);
  return certSn(forgeIssuer(cert), cert.serialNumber);
}

/**
 * Root SN: the SNs of the RSA-signed certificates of a root chain joined with `_` (certificates forge cannot parse,
 * such as SM2 ones in Alipay's real root file, are skipped as the official SDKs skip non-RSA ones).
 */
export function rootCertSnFromPem(pemChain: string): string {
  const sns: string[] = [];
  for (const block of pemChain.match(PEM_BLOCK) ?? []) {
    let cert: forgeType.pki.Certificate;
    try {
      cert = forgeLib().pki.certificateFromPem(block);
    } catch {
      continue;
    }
    const oid = cert.siginfo.algorithmOid ?? cert.signatureOid ?? '';
    if (oid.startsWith('1.2.840.113549.1.1')) sns.push(certSn(forgeIssuer(cert), cert.serialNumber));
  }
  return sns.join('_');
}
