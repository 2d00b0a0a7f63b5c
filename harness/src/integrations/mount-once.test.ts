/** A page the Playwright fixture mounts per test is compiled once per gateway, however many tests open it. */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildGateway, miniProgramsOf } from '../../../mock-gateway/src/app.js';
import { ROOT } from '../test-support/built-cli.js';
import { mountPageOnce, pageId } from './sample-page.js';

const app = await buildGateway();
afterAll(() => app.close());

describe('mountPageOnce', () => {
  it('the same options: one compile, one path, the same program; other options: another page', async () => {
    const options = { project: join(ROOT, 'examples', 'mini-program') };
    const [a, b] = await Promise.all([mountPageOnce(app, options), mountPageOnce(app, options)]);
    expect(a).toEqual({ ok: true, value: `/mp/${pageId(options)}/` });
    expect(b).toEqual(a);
    const registry = miniProgramsOf(app);
    const first = await registry.resolve(pageId(options));
    expect(await mountPageOnce(app, options)).toEqual(a);
    const again = await registry.resolve(pageId(options));
    expect(first?.ok && again?.ok && again.value === first.value).toBe(true);
    const other = await mountPageOnce(app, { ...options, page: 'pages/result/result' });
    expect(other.ok && other.value).not.toBe(a.ok && a.value);
  });

  it('a project that does not build: the reason, every time', async () => {
    const broken = { project: join(ROOT, 'no-such-project') };
    const r = await mountPageOnce(app, broken);
    expect(r.ok).toBe(false);
    expect(await mountPageOnce(app, broken)).toEqual(r);
  });
});
