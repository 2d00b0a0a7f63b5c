const app = getApp();

Page({
  data: { tip: '' },

  onLoad() {
    // wrong: no tap, no consent — Alipay answers 无效的授权关系
    this.fetchPhone();
  },

  fetchPhone() {
    my.getPhoneNumber({
      success: (r) => {
        my.request({
          url: `${app.serverUrl}/api/alipay/phone`,
          method: 'POST',
          data: { encryptedData: r.response },
          headers: { 'Content-Type': 'application/json' },
          success: () => this.setData({ tip: '手机号绑定成功' }),
          fail: (e) => this.setData({ tip: `绑定失败：${e.errorMessage}` }),
        });
      },
      fail: (e) => this.setData({ tip: `获取手机号失败：${e.errorMessage}` }),
    });
  },

  onGetAuthorize() {
    this.fetchPhone();
  },
});
