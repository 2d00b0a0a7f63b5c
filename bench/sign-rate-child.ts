/**
 * Baseline for unique-envelopes: one core's RSA-2048 SHA256withRSA sign rate with node:crypto, signing what the
 * gateway signs (a quoted ~90-byte Base64 ciphertext) with the committed Alipay key. Run as its own process;
 * prints `{"signsPerSecond":N}`.
 */
import { createPrivateKey, createSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './paths.js';

const key = createPrivateKey(readFileSync(join(packageRoot(), 'keys/alipay-private.pem'), 'utf8'));
const content = `"${Buffer.alloc(64, 7).toString('base64')}${'A'.repeat(4)}"`;

function signFor(ms: number): number {
  const end = performance.now() + ms;
  let n = 0;
  while (performance.now() < end) {
    createSign('RSA-SHA256').update(content, 'utf8').sign(key, 'base64');
    n++;
  }
  return n;
}

const seconds = Number(process.argv[2] ?? '2');
signFor(200); // warm-up
const started = performance.now();
const n = signFor(seconds * 1000);
process.stdout.write(`${JSON.stringify({ signsPerSecond: n / ((performance.now() - started) / 1000) })}\n`);
