/** The playground's page: a shell the script fills in (the script and its styles are served next to it). */
export function playgroundHtml(version: string): string {
  const v = encodeURIComponent(version);
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>alimock playground</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/__playground/playground.css?v=${v}">
</head>
<body>
  <div id="app" class="app" aria-busy="true">
    <noscript>The alimock playground needs JavaScript. The admin API is described at /__admin/openapi.json.</noscript>
  </div>
  <script src="/__playground/playground.js?v=${v}"></script>
</body>
</html>
`;
}
