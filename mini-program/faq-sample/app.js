/*
 * The FAQ's sample mini-program, as alimock runs it. `login()` is the login a page does on launch
 * (my.getAuthCode → the backend's login URL); the harness calls it when a scenario needs it.
 */
App({
  globalData: {},

  /** POSTs { authCode } to the backend's login URL (or the request the harness builds from its contract). */
  login() {
    return my.getAuthCode({ scopes: 'auth_base' }).then(async (res) => {
      const req =
        typeof window.__alimockLoginRequest === 'function'
          ? await window.__alimockLoginRequest(res.authCode)
          : {
              url: window.__ALIMOCK__.loginUrl,
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              data: JSON.stringify({ authCode: res.authCode }),
            };
      if (req.error) {
        window.__alimockReport?.(req.error);
        return undefined;
      }
      return my.request({ url: req.url, method: req.method, headers: req.headers, data: req.data });
    });
  },
});
