/** my.navigateTo / redirectTo / navigateBack / switchTab / reLaunch (the navigation bar: page-apis.ts). */
import type { Router } from '../router.js';
import { api, type Outcome } from './api.js';

const fail = (message: string): Outcome => ({ ok: false, error: { error: 2, errorMessage: message } });

export function navigationApis(router: () => Router | undefined) {
  const go = (how: string) =>
    api(how, async (opts) => {
      const r = router();
      if (!r) return fail('小程序尚未启动');
      if (typeof opts.url !== 'string' || opts.url === '') return fail('url 不能为空');
      const res = await r.navigate(how, opts.url);
      return res.ok ? { ok: true, result: {} } : fail(res.message);
    });
  return {
    navigateTo: go('navigateTo'),
    redirectTo: go('redirectTo'),
    switchTab: go('switchTab'),
    reLaunch: go('reLaunch'),
    navigateBack: api('navigateBack', (opts) => {
      const r = router();
      if (!r) return fail('小程序尚未启动');
      const res = r.back(typeof opts.delta === 'number' ? opts.delta : 1);
      return res.ok ? { ok: true, result: {} } : fail(res.message);
    }),
  };
}
