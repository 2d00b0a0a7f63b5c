const app = getApp();

Page({
  data: {
    loggedIn: false,
    tip: '',
    benefits: [
      { id: 'order', text: '订单状态短信提醒' },
      { id: 'points', text: '会员积分同步' },
    ],
  },

  onShow() {
    this.setData({ loggedIn: app.globalData.loggedIn });
  },

  // called by the <button open-type="getAuthorize" scope="phoneNumber"> after the member agrees
  onGetAuthorize() {
    my.getPhoneNumber({
      success: (r) => {
        my.request({
          url: `${app.serverUrl}/api/alipay/phone`,
          method: 'POST',
          data: { encryptedData: r.response },
          headers: { 'Content-Type': 'application/json' },
          success: (res) => {
            if (res.data?.mobile) {
              app.globalData.mobile = res.data.mobile;
              my.navigateTo({ url: `/pages/result/result?mobile=${res.data.mobile}` });
            } else {
              my.showToast({ type: 'fail', content: '绑定失败' });
            }
          },
          fail: (err) => {
            const code = err.data?.error ? err.data.error.code : err.errorMessage;
            this.setData({ tip: `绑定失败：${code}` });
            my.showToast({ type: 'fail', content: `绑定失败：${code}` });
          },
        });
      },
      fail: (err) => {
        this.setData({ tip: `获取手机号失败：${err.errorMessage}` });
      },
    });
  },

  onAuthError(e) {
    this.setData({ tip: `你已拒绝授权：${e.detail.errorMessage}` });
  },
});
