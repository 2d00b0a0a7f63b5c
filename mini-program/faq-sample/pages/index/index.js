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
 * The only departures: the request is the backend contract's (under the harness, window.__alimockPhoneRequest
 * builds it from the team's contract: method, URL, headers and body; otherwise the default contract: POST phoneUrl
 * with { "encryptedData": "<res.response, unchanged>" }), and the page shows what happened.
 */

/** The request that carries `res.response` to the backend (the harness's, built from the team's contract, or the default). */
function phoneRequest(encryptedData) {
  if (typeof window.__alimockPhoneRequest === 'function')
    return Promise.resolve(window.__alimockPhoneRequest(encryptedData));
  return Promise.resolve({
    url: window.__ALIMOCK__.phoneUrl,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    data: JSON.stringify({ encryptedData }),
  });
}

Page({
  data: { canIUseAuthButton: false, message: '', mobile: '' },

  onLoad() {
    this.setData({ canIUseAuthButton: my.canIUse('button.open-type.getAuthorize') });
  },

  onGetAuthorize() {
    my.getPhoneNumber({
      success: (res) => {
        // biome-ignore lint/style/useConst: quoted from the FAQ
        let encryptedData = res.response;
        phoneRequest(encryptedData).then((req) => {
          if (req.error) {
            window.__alimockReport?.(req.error);
            this.setData({ message: `绑定失败：${req.error}` });
            return;
          }
          my.request({
            url: req.url,
            method: req.method,
            headers: req.headers,
            data: req.data,
            success: (r) => this.setData({ message: '手机号绑定成功', mobile: r.data?.mobile }),
            fail: (e) => this.setData({ message: `绑定失败：${e.data?.error?.code ?? e.errorMessage}` }),
          });
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
