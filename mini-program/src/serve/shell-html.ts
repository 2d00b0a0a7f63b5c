/** The page shell of a compiled project: the stub page's phone frame, with the pages rendered in `#content`. */

const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

export function shellHtml(options: { title: string; version: string; runtimeVersion: string }): string {
  const v = encodeURIComponent(options.version);
  const r = encodeURIComponent(options.runtimeVersion);
  const title = escapeHtml(options.title);
  return `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
  <title>${title}</title>
  <link rel="stylesheet" href="./runtime.css?v=${r}">
  <link rel="stylesheet" href="./app.css?v=${v}">
</head>
<body>
  <div class="phone" id="phone">
    <div class="status-bar" aria-hidden="true">
      <span class="status-time">9:41</span>
      <span class="status-icons">●●●● 5G <span class="battery"><span></span></span></span>
    </div>
    <header class="nav-bar">
      <span class="nav-back" role="button" aria-label="返回" onclick="my.navigateBack()">‹</span>
      <span class="nav-title" id="nav-title">${title}</span>
      <span class="capsule" title="小程序菜单">
        <span class="capsule-more">···</span>
        <span class="capsule-divider"></span>
        <span class="capsule-close">◎</span>
      </span>
    </header>
    <div class="page-error" id="page-error" hidden></div>
    <main class="content mp-content" id="content"></main>
    <nav class="tab-bar" id="tab-bar" hidden></nav>
    <div class="overlay-root" id="overlay-root"></div>
  </div>
  <script src="./runtime.js?v=${r}"></script>
  <script src="./project.js?v=${v}"></script>
  <script src="./bundle.js?v=${v}" data-am-bundle></script>
</body>
</html>
`;
}
