const { request } = require('./utils/request');

App({
  // the production API: alimock sends these requests to the backend under test
  serverUrl: 'https://api.example-shop.com',
  globalData: {
    userId: '',
    loggedIn: false,
    mobile: '',
  },

  onLaunch() {
    this.login();
  },

  /** Silent login: my.getAuthCode, then the backend exchanges the code for the member's user id. */
  login() {
    return new Promise((resolve) => {
      my.getAuthCode({
        scopes: 'auth_base',
        success: (res) => {
          request({ url: `${this.serverUrl}/api/alipay/login`, method: 'POST', data: { authCode: res.authCode } })
            .then((r) => {
              this.globalData.userId = r.data.userId;
              this.globalData.loggedIn = true;
              resolve(true);
            })
            .catch(() => resolve(false));
        },
        fail: () => resolve(false),
      });
    });
  },
});
