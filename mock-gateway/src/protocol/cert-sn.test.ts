import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AlipaySdk } from 'alipay-sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { KEY_FILES } from '../keys/key-material.js';
import { defaultKeysDir } from '../keys/load-keys.js';
import { testKeySet } from '../test-support/key-sets.js';
import { certSn, certSnFromPem, rootCertSnFromPem } from './cert-sn.js';

const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');

interface Chain {
  root: string;
  alipay: string;
  app: string;
  appPrivate: string;
}

/** alipay-sdk's own SN computation (antcertutil's getSN, via the certificate-mode constructor). */
function sdkSns(chain: Chain, rootContent = chain.root) {
  const sdk = new AlipaySdk({
    appId: '2021000000000001',
    privateKey: chain.appPrivate,
    keyType: 'PKCS8',
    appCertContent: chain.app,
    alipayPublicCertContent: chain.alipay,
    alipayRootCertContent: rootContent,
  });
  return { app: sdk.config.appCertSn, alipay: sdk.config.alipayCertSn, root: sdk.config.alipayRootCertSn };
}

const chains: Record<string, Chain> = {};

beforeAll(() => {
  const dir = defaultKeysDir();
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  chains.committed = {
    root: read(KEY_FILES.rootCert),
    alipay: read(KEY_FILES.alipayCert),
    app: read(KEY_FILES.appCert),
    appPrivate: read(KEY_FILES.appPrivate),
  };
  const files = testKeySet('2021009999999999').files;
  chains.generated = {
    root: files[KEY_FILES.rootCert] as string,
    alipay: files[KEY_FILES.alipayCert] as string,
    app: files[KEY_FILES.appCert] as string,
    appPrivate: files[KEY_FILES.appPrivate] as string,
  };
});

describe('certSn', () => {
  it('is MD5 of the issuer DN in reverse order (CN first) + the decimal serial', () => {
    const issuer = [
      { shortName: 'C', value: 'CN' },
      { shortName: 'O', value: 'Ant Financial' },
      { shortName: 'OU', value: 'Certification Authority' },
      { shortName: 'CN', value: 'Ant Financial Certification Authority Class 2 R1' },
    ];
    const principal =
      'CN=Ant Financial Certification Authority Class 2 R1,OU=Certification Authority,O=Ant Financial,C=CN';
    expect(certSn(issuer, '1a2b')).toBe(md5(`${principal}6699`));
    expect(certSn(issuer, '0x1A2B')).toBe(md5(`${principal}6699`));
    // serials beyond 2^53 keep every digit
    expect(certSn(issuer, 'ffffffffffffffffffff')).toBe(md5(`${principal}1208925819614629174706175`));
  });
});

describe('SNs agree with alipay-sdk', () => {
  it.each(['committed', 'generated'])('%s chain: app, Alipay and root SNs', (name) => {
    const chain = chains[name] as Chain;
    const sdk = sdkSns(chain);
    expect(certSnFromPem(chain.app)).toBe(sdk.app);
    expect(certSnFromPem(chain.alipay)).toBe(sdk.alipay);
    expect(rootCertSnFromPem(chain.root)).toBe(sdk.root);
    expect(sdk.app).toMatch(/^[0-9a-f]{32}$/);
    // the leaf SNs are computed from the issuer (the root), not the subject
    expect(certSnFromPem(chain.app)).not.toBe(certSnFromPem(chain.alipay));
  });

  it('a root file with several RSA certificates joins their SNs with _ in file order', () => {
    const { committed, generated } = chains as { committed: Chain; generated: Chain };
    const multi = `${committed.root}\n${generated.root}`;
    const ours = rootCertSnFromPem(multi);
    expect(ours).toBe(`${rootCertSnFromPem(committed.root)}_${rootCertSnFromPem(generated.root)}`);
    expect(ours).toBe(sdkSns(committed, multi).root);
  });

  it('skips certificate blocks it cannot parse and gives "" when none is RSA', () => {
    const junk = '-----BEGIN CERTIFICATE-----\nQUJDRA==\n-----END CERTIFICATE-----\n';
    expect(rootCertSnFromPem(`${junk}${chains.committed?.root}`)).toBe(rootCertSnFromPem(chains.committed?.root ?? ''));
    expect(rootCertSnFromPem(junk)).toBe('');
    expect(rootCertSnFromPem('no certificates here')).toBe('');
  });
});
