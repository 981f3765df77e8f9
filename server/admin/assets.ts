/**
 * The dashboard's stylesheet and its one script, served from `/admin/admin.css` and
 * `/admin/admin.js` (the Content-Security-Policy allows no inline style or script).
 */

export const ADMIN_CSS = `
:root { --red: #b71c1c; --ink: #222; --muted: #666; --line: #d7d7d7; --bg: #faf7f2; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.6 "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: var(--ink); background: var(--bg); }
a { color: var(--red); }
.top { display: flex; flex-wrap: wrap; align-items: center; gap: 1rem 2rem; padding: .6rem 1.5rem; background: var(--red); color: #fff; }
.top a { color: #fff; text-decoration: none; padding: .2rem .5rem; border-radius: 4px; }
.top a[aria-current="page"], .top a:hover { background: rgba(255,255,255,.18); }
.brand { font-weight: 700; font-size: 1.1rem; }
.top nav { display: flex; gap: .5rem; flex: 1; }
.user { display: flex; align-items: center; gap: .6rem; }
.user form { margin: 0; }
.user button { background: transparent; color: #fff; border: 1px solid rgba(255,255,255,.6); border-radius: 4px; padding: .1rem .6rem; cursor: pointer; font: inherit; }
main { padding: 1rem 1.5rem 3rem; max-width: 100%; }
h1, h2, h3 { line-height: 1.3; }
h2 { margin: 1.5rem 0 .5rem; font-size: 1.25rem; }
h2 small { font-weight: 400; color: var(--muted); font-size: .9rem; margin-left: .5rem; }
.filters form { display: flex; flex-wrap: wrap; align-items: end; gap: .75rem 1rem; }
.filters label { display: flex; flex-direction: column; font-size: .85rem; color: var(--muted); }
input, select, button { font: inherit; }
input[type="date"], input[type="text"], input[type="password"], select { padding: .3rem .5rem; border: 1px solid var(--line); border-radius: 4px; background: #fff; }
button.primary, .button { background: var(--red); color: #fff; border: 0; border-radius: 4px; padding: .4rem 1rem; cursor: pointer; text-decoration: none; display: inline-block; }
.quick a { margin-right: .75rem; }
.quick a[aria-current="true"] { font-weight: 700; text-decoration: none; }
.actions { display: flex; gap: 1rem; margin: .5rem 0 1rem; }
.table-wrap { overflow-x: auto; background: #fff; border: 1px solid var(--line); border-radius: 6px; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: .35rem .6rem; text-align: left; white-space: nowrap; vertical-align: top; }
thead th { background: #f3ece4; font-weight: 600; }
th.base { text-align: center; border-left: 2px solid var(--line); }
td.first { border-left: 2px solid var(--line); }
td.done { color: #1b5e20; font-weight: 600; }
td.open { color: #8d6e00; }
td.none { color: #999; }
tr.unlisted td, tr.guest td { background: #fff8e1; }
.tag { display: inline-block; font-size: .8rem; padding: 0 .4rem; border-radius: 3px; background: #eee; color: var(--muted); }
.wrap { white-space: normal; min-width: 16rem; }
.notice { padding: .6rem 1rem; border-radius: 6px; background: #fff; border-left: 4px solid var(--red); }
.notice.ok { border-left-color: #2e7d32; }
.error { color: var(--red); }
.login { max-width: 22rem; margin: 10vh auto; background: #fff; padding: 2rem; border-radius: 8px; border: 1px solid var(--line); }
.login label { display: block; margin-bottom: 1rem; }
.login input { width: 100%; }
.import-form { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 1rem; display: grid; gap: .75rem; max-width: 46rem; }
.muted { color: var(--muted); }
.ledger-sheet { background: #fff; padding: 1.5rem 2rem; margin: 0 auto 2rem; max-width: 60rem; border: 1px solid var(--line); }
.ledger-sheet h1 { text-align: center; font-size: 1.4rem; margin: 0 0 1rem; }
.ledger-meta { display: flex; flex-wrap: wrap; gap: .5rem 2rem; margin-bottom: .75rem; }
.ledger-sheet th, .ledger-sheet td { border: 1px solid #999; white-space: normal; }
.signature { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 1rem; margin-top: 2.5rem; }
.signature .line { display: inline-block; min-width: 12rem; border-bottom: 1px solid #333; height: 1.4em; vertical-align: bottom; }
.signature .line.short { min-width: 7rem; }
.toolbar { display: flex; gap: 1rem; align-items: center; margin-bottom: 1rem; }
@media print {
  @page { size: A4 landscape; margin: 14mm; }
  body { background: #fff; font-size: 11pt; }
  .no-print, .top, .toolbar { display: none !important; }
  main { padding: 0; }
  .ledger-sheet { border: 0; padding: 0; margin: 0; max-width: none; break-after: page; }
  .ledger-sheet:last-of-type { break-after: auto; }
  .table-wrap { border: 0; overflow: visible; }
  a { color: inherit; text-decoration: none; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
}
`;

export const ADMIN_JS = `document.getElementById('print-button')?.addEventListener('click', () => window.print());
`;
