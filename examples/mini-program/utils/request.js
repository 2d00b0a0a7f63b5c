/** my.request as a Promise, JSON by default. Resolves 2xx answers, rejects the rest with Alipay's fail object. */
function request(options) {
  return new Promise((resolve, reject) => {
    my.request({
      ...options,
      headers: { 'Content-Type': 'application/json', ...(options.headers || {}) },
      success: resolve,
      fail: reject,
    });
  });
}

module.exports = { request };
