Page({
  data: { mobile: '' },

  onLoad(query) {
    this.setData({ mobile: query.mobile || getApp().globalData.mobile });
  },

  onBack() {
    my.navigateBack();
  },
});
