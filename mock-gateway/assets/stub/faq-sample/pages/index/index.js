/*
 * The FAQ's sample page (如何处理调用 my.getPhoneNumber，报错“无效的授权关系”？):
 *
 *   <button a:if="{{canIUseAuthButton}}" open-type="getAuthorize" onGetAuthorize="onGetAuthorize"
 *           onError="onAuthError" scope="phoneNumber">授权手机号</button>
 *
 *   my.getPhoneNumber({
 *     success: res => {
 *       let encryptedData = res.response;
 *       my.request({ url: '你的服务端', data: encryptedData });
 *     },
 *     fail: res => { console.log(res); console.log('getPhoneNumber_fail'); },
 *   });
 *
 * The only departures: the request is the one the harness builds from the backend contract when it gives one
 * (window.__alimockPhoneRequest), else POST { encryptedData } as JSON to window.__ALIMOCK__.phoneUrl; and the page
 * shows what happened.
 */
Page({
  data: { canIUseAuthButton: false, message: '', mobile: '' },

  onLoad() {
    this.setData({ canIUseAuthButton: my.canIUse('button.open-type.getAuthorize') });
  },

  onGetAuthorize() {
    my.getPhoneNumber({
      success: async (res) => {
        // biome-ignore lint/style/useConst: quoted from the FAQ
        let encryptedData = res.response;
        const req = window.__alimockPhoneRequest
          ? await window.__alimockPhoneRequest(encryptedData)
          : { url: window.__ALIMOCK__.phoneUrl, method: 'POST', data: { encryptedData } };
        my.request({
          ...req,
          success: (r) => this.setData({ message: '手机号绑定成功', mobile: r.data?.mobile }),
          fail: (e) => this.setData({ message: `绑定失败：${e.data?.error?.code ?? e.errorMessage}` }),
        });
      },
      fail: (res) => {
        console.log(res);
        console.log('getPhoneNumber_fail');
        this.setData({ message: `获取手机号失败：${res.errorMessage}` });
      },
    });
  },

  onAuthError(e) {
    this.setData({ message: `你已拒绝授权：${e.detail.errorMessage}` });
    my.alert({ title: '授权失败', content: e.detail.errorMessage });
  },
});
