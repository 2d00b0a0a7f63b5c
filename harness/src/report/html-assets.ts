/** The inline CSS and JS of report.html (kept apart from the markup so both stay readable). */

export const HTML_CSS = `
:root {
  --bg: #f6f8fa; --panel: #fff; --text: #1f2328; --muted: #59636e; --border: #d1d9e0; --soft: #eff2f5;
  --pass: #1a7f37; --pass-bg: #dafbe1; --fail: #cf222e; --fail-bg: #ffebe9; --skip: #9a6700; --skip-bg: #fff8c5;
  --accent: #0969da; --code-bg: #f6f8fa;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "PingFang SC", "Hiragino Sans GB",
    "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif;
  --mono: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", "Noto Sans Mono CJK SC",
    "Noto Sans CJK SC", monospace;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --panel: #151b23; --text: #e6edf3; --muted: #9198a1; --border: #3d444d; --soft: #212830;
    --pass: #3fb950; --pass-bg: #12261e; --fail: #f85149; --fail-bg: #2d1517; --skip: #d29922; --skip-bg: #272115;
    --accent: #4493f8; --code-bg: #0d1117;
  }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--text); font: 14px/1.5 var(--sans); }
code, pre, .mono { font-family: var(--mono); font-size: 12.5px; }
header.top { background: var(--panel); border-bottom: 1px solid var(--border); padding: 20px 32px 16px; }
.headline { display: flex; align-items: center; gap: 14px; flex-wrap: wrap; }
.brand { font-size: 20px; font-weight: 650; letter-spacing: -0.01em; }
.brand span { color: var(--muted); font-weight: 400; }
.pill { display: inline-flex; align-items: center; gap: 6px; border-radius: 999px; padding: 2px 12px;
  font-weight: 600; font-size: 13px; border: 1px solid transparent; }
.pill.big { font-size: 13px; padding: 3px 14px; text-transform: uppercase; letter-spacing: .05em; }
.pill.passed { color: var(--pass); background: var(--pass-bg); border-color: color-mix(in srgb, var(--pass) 30%, transparent); }
.pill.failed { color: var(--fail); background: var(--fail-bg); border-color: color-mix(in srgb, var(--fail) 30%, transparent); }
.pill.skipped { color: var(--skip); background: var(--skip-bg); border-color: color-mix(in srgb, var(--skip) 30%, transparent); }
dl.meta { display: flex; flex-wrap: wrap; gap: 6px 28px; margin: 14px 0 0; color: var(--muted); font-size: 13px; }
dl.meta div { display: flex; gap: 6px; min-width: 0; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; color: var(--text); overflow-wrap: anywhere; }
nav.toolbar { position: sticky; top: 0; z-index: 5; display: flex; gap: 12px; align-items: center; flex-wrap: wrap;
  padding: 10px 32px; background: color-mix(in srgb, var(--bg) 92%, transparent); backdrop-filter: blur(6px);
  border-bottom: 1px solid var(--border); }
.filters { display: inline-flex; border: 1px solid var(--border); border-radius: 8px; overflow: hidden; background: var(--panel); }
.filters button { font: inherit; font-size: 13px; border: 0; background: none; color: var(--text); padding: 5px 14px;
  cursor: pointer; border-right: 1px solid var(--border); display: inline-flex; gap: 6px; align-items: center; }
.filters button:last-child { border-right: 0; }
.filters button[aria-pressed="true"] { background: var(--soft); font-weight: 600; }
.count { color: var(--muted); font-size: 12px; background: var(--soft); border-radius: 999px; padding: 0 7px; }
.filters button[aria-pressed="true"] .count { background: var(--panel); }
input[type="search"] { font: inherit; font-size: 13px; flex: 1 1 260px; max-width: 420px; padding: 5px 10px;
  border: 1px solid var(--border); border-radius: 8px; background: var(--panel); color: var(--text); }
.toolbar .spacer { flex: 1; }
.toolbar .link { font: inherit; font-size: 13px; border: 0; background: none; color: var(--accent); cursor: pointer; padding: 4px; }
main { padding: 16px 32px 48px; max-width: 1280px; }
.card { background: var(--panel); border: 1px solid var(--border); border-radius: 10px; margin-bottom: 10px; overflow: hidden; }
.card[hidden], .empty[hidden] { display: none; }
.card.failed { border-left: 4px solid var(--fail); }
.card.passed { border-left: 4px solid var(--pass); }
.card.skipped { border-left: 4px solid var(--skip); }
.card > details > summary { list-style: none; cursor: pointer; display: flex; align-items: center; gap: 10px;
  padding: 10px 16px; user-select: none; }
.card > details > summary::-webkit-details-marker { display: none; }
.card > details > summary::before { content: "▸"; color: var(--muted); width: 10px; transition: transform .12s; }
.card > details[open] > summary::before { transform: rotate(90deg); }
.card > details[open] > summary { border-bottom: 1px solid var(--border); }
.icon { font-weight: 700; width: 16px; text-align: center; }
.icon.failed { color: var(--fail); } .icon.passed { color: var(--pass); } .icon.skipped { color: var(--skip); }
.sid { font-family: var(--mono); font-weight: 600; }
.stitle { color: var(--muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; flex: 1; min-width: 0; }
.badge { font-size: 11.5px; border-radius: 6px; padding: 0 7px; border: 1px solid var(--border); color: var(--muted); white-space: nowrap; }
.badge.sev-critical, .badge.sev-high { color: var(--fail); border-color: color-mix(in srgb, var(--fail) 40%, transparent); }
.badge.sev-medium { color: var(--skip); border-color: color-mix(in srgb, var(--skip) 40%, transparent); }
.dur { color: var(--muted); font-size: 12.5px; font-variant-numeric: tabular-nums; white-space: nowrap; }
.body { padding: 14px 18px 18px; display: grid; gap: 16px; }
.faq { font-size: 16px; font-weight: 600; margin: 0; }
.label .nocase { text-transform: none; letter-spacing: 0; font-size: 11.5px; }
.label { display: block; font-size: 11.5px; font-weight: 600; text-transform: uppercase; letter-spacing: .04em;
  color: var(--muted); margin-bottom: 4px; }
.grid2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(280px, 1fr)); gap: 12px; }
.box { border: 1px solid var(--border); border-radius: 8px; padding: 10px 12px; min-width: 0; }
.box p { margin: 0; overflow-wrap: anywhere; }
.box.good { background: var(--pass-bg); border-color: color-mix(in srgb, var(--pass) 35%, transparent); }
.box.bad { background: var(--fail-bg); border-color: color-mix(in srgb, var(--fail) 35%, transparent); }
.verdicts { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; }
.diagnosis { border: 1px solid color-mix(in srgb, var(--fail) 40%, transparent); background: var(--fail-bg);
  border-radius: 10px; padding: 12px 18px; margin: 0 0 16px; }
.diagnosis h2 { margin: 0 0 8px; font-size: 16px; color: var(--fail); }
.diagnosis ol { margin: 0; padding-left: 20px; }
.diagnosis li + li { margin-top: 12px; }
.diagnosis p { margin: 4px 0; overflow-wrap: anywhere; }
.diagnosis .cause-title { font-weight: 600; }
.diagnosis .cause-id, .diagnosis .cause-detail { color: var(--muted, #666); font-weight: 400; font-size: 12px; }
.interrupted { border: 1px solid var(--skip); background: var(--skip-bg); border-radius: 10px; padding: 10px 16px; }
.failures { border: 1px solid color-mix(in srgb, var(--fail) 40%, transparent); background: var(--fail-bg);
  border-radius: 8px; padding: 10px 14px; }
.failures ol { margin: 0; padding-left: 20px; }
.failures li + li { margin-top: 6px; }
.failures .msg { font-weight: 600; color: var(--fail); overflow-wrap: anywhere; }
.failures pre { margin: 4px 0 0; white-space: pre-wrap; background: none; padding: 0; border: 0; }
.remedy { border-left: 3px solid var(--accent); background: color-mix(in srgb, var(--accent) 7%, var(--panel));
  border-radius: 0 8px 8px 0; padding: 8px 12px; }
.remedy p { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
ol.steps { list-style: none; margin: 0; padding: 0; border: 1px solid var(--border); border-radius: 8px; }
ol.steps li { display: grid; grid-template-columns: 16px 1fr auto; gap: 2px 10px; padding: 7px 12px; align-items: start; }
ol.steps li + li { border-top: 1px solid var(--soft); }
.dot { width: 9px; height: 9px; border-radius: 50%; margin-top: 6px; background: var(--muted); }
.dot.ok { background: var(--pass); } .dot.failed { background: var(--fail); } .dot.skipped { background: var(--skip); }
.step-label { overflow-wrap: anywhere; }
.step-time { color: var(--muted); font-size: 12px; font-variant-numeric: tabular-nums; white-space: nowrap; }
.step-extra { grid-column: 2 / 4; }
.step-extra pre { margin: 2px 0 0; }
.bar { grid-column: 2 / 4; height: 3px; background: var(--soft); border-radius: 2px; position: relative; }
.bar i { position: absolute; top: 0; bottom: 0; border-radius: 2px; background: var(--accent); opacity: .55; min-width: 2px; }
.thumb { border: 1px solid var(--border); border-radius: 6px; padding: 0; margin-top: 6px; background: var(--soft);
  cursor: zoom-in; display: inline-block; line-height: 0; }
.thumb img { max-width: 220px; max-height: 160px; border-radius: 5px; }
.missing { display: inline-block; margin-top: 6px; border: 1px dashed var(--border); border-radius: 6px; padding: 14px 18px;
  color: var(--muted); font-size: 12.5px; background: var(--soft); }
pre.code { margin: 0; background: var(--code-bg); border: 1px solid var(--border); border-radius: 8px; padding: 10px 12px;
  overflow: auto; max-height: 360px; white-space: pre-wrap; overflow-wrap: anywhere; }
details.raw { margin-top: 6px; }
details.raw summary { cursor: pointer; color: var(--muted); font-size: 12.5px; }
details.raw pre { margin-top: 6px; }
.exchange { border: 1px solid var(--border); border-radius: 8px; overflow: hidden; }
.exchange + .exchange { margin-top: 8px; }
.exchange-head { display: flex; gap: 10px; align-items: center; padding: 7px 12px; background: var(--soft);
  font-family: var(--mono); font-size: 12.5px; overflow-wrap: anywhere; }
.exchange-head .url { flex: 1; min-width: 0; }
.status { border-radius: 6px; padding: 0 7px; font-weight: 600; white-space: nowrap; }
.status.s2 { color: var(--pass); background: var(--pass-bg); }
.status.s4 { color: var(--skip); background: var(--skip-bg); }
.status.s5, .status.none { color: var(--fail); background: var(--fail-bg); }
.exchange .grid2 { padding: 10px 12px; }
.sub { font-size: 12px; color: var(--muted); margin: 0 0 4px; }
ul.plain { margin: 0; padding-left: 18px; }
.empty { color: var(--muted); text-align: center; padding: 40px; }
footer { color: var(--muted); font-size: 12px; padding: 0 32px 32px; }
dialog.lightbox { border: 0; padding: 0; background: transparent; max-width: 96vw; max-height: 96vh; }
dialog.lightbox::backdrop { background: rgba(0, 0, 0, .78); }
dialog.lightbox img { max-width: 94vw; max-height: 88vh; min-height: min(60vh, 560px); width: auto; object-fit: contain; display: block; border-radius: 6px; background: #fff; }
dialog.lightbox p { color: #fff; margin: 8px 0 0; text-align: center; }
@media (max-width: 720px) {
  header.top, nav.toolbar, main { padding-left: 12px; padding-right: 12px; }
  .verdicts { grid-template-columns: 1fr; }
  .card > details > summary { flex-wrap: wrap; }
  .stitle { order: 9; flex-basis: 100%; white-space: normal; padding-left: 46px; }
  nav.toolbar { position: static; }
}
`;

export const HTML_JS = `
(() => {
  const cards = Array.from(document.querySelectorAll('.card'));
  const buttons = Array.from(document.querySelectorAll('.filters button'));
  const search = document.getElementById('search');
  const empty = document.getElementById('empty');
  let status = 'all';
  function apply() {
    const q = search.value.trim().toLowerCase();
    let shown = 0;
    for (const card of cards) {
      const ok = (status === 'all' || card.dataset.status === status) && (!q || card.dataset.search.includes(q));
      card.hidden = !ok;
      if (ok) shown++;
    }
    empty.hidden = shown > 0;
    for (const b of buttons) b.setAttribute('aria-pressed', String(b.dataset.filter === status));
  }
  for (const b of buttons) b.addEventListener('click', () => { status = b.dataset.filter; apply(); });
  search.addEventListener('input', apply);
  for (const b of document.querySelectorAll('[data-expand]')) {
    b.addEventListener('click', () => {
      const open = b.dataset.expand === 'all';
      for (const card of cards) if (!card.hidden) card.querySelector('details').open = open;
    });
  }
  const box = document.getElementById('lightbox');
  const big = box.querySelector('img');
  const caption = box.querySelector('p');
  for (const t of document.querySelectorAll('.thumb')) {
    t.addEventListener('click', () => {
      const img = t.querySelector('img');
      big.src = img.src; big.alt = img.alt; caption.textContent = img.alt;
      box.showModal();
    });
  }
  box.addEventListener('click', () => box.close());
  apply();
})();
`;
