App({
  serverUrl: 'https://api.example-shop.com',
  globalData: {},
});
