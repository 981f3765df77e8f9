/**
 * The dashboard's pages, all zh-CN, all built with the escaping `html` tag: login, the members ×
 * bases table with per-question shares, the printable ledger (学习台账), the roster with its
 * import form, and the import result.
 */
import type { Branch, Member } from '../db/roster';
import type { ImportResult } from '../roster/import';
import { formatDate, type DateRange } from './dates';
import { html, type SafeHtml } from './html';
import { M } from './messages';
import {
  baseCellTexts,
  completedLabel,
  formatDuration,
  formatRate,
  formatScore,
  rowTexts,
  statusLabel,
  type Report,
  type ReportRow,
} from './report';

/** Who is looking: shown in the header, and the CSRF token for its forms. */
export interface Viewer {
  username: string;
  /** The secretary's own branch, or null for every branch. */
  branch: Branch | null;
  csrf: string;
}

export type Section = 'dashboard' | 'ledger' | 'roster' | 'meetings';

/** The query string (with `?`) that reproduces a filter. */
export function filterQuery(range: DateRange, branch: string | null, preset?: DateRange['preset']): string {
  const params = new URLSearchParams();
  const kind = preset ?? range.preset;
  if (kind === 'custom') {
    if (range.from) params.set('from', formatDate(range.from));
    if (range.to) params.set('to', formatDate(range.to));
  } else params.set('range', kind);
  if (branch) params.set('branch', branch);
  return `?${params.toString()}`;
}

export function rangeText(range: DateRange): string {
  return M.filters.range(range.from ? formatDate(range.from) : null, range.to ? formatDate(range.to) : null);
}

/** A dashboard page: head, the top bar with navigation (when logged in), and `body`. */
export function page(title: string, body: SafeHtml, options: { viewer?: Viewer; section?: Section; query?: string } = {}): SafeHtml {
  const { viewer, section } = options;
  const query = options.query ?? '';
  const current = (s: Section) => (section === s ? html` aria-current="page"` : '');
  const header = viewer
    ? html`<header class="top no-print">
  <div class="brand">${M.appName}</div>
  <nav>
    <a href="/admin/${query}"${current('dashboard')}>${M.nav.dashboard}</a>
    <a href="/admin/ledger${query}"${current('ledger')}>${M.nav.ledger}</a>
    <a href="/admin/roster"${current('roster')}>${M.nav.roster}</a>
    <a href="/admin/meetings"${current('meetings')}>${M.nav.meetings}</a>
  </nav>
  <div class="user">
    <span>${M.nav.user(viewer.username, viewer.branch?.name ?? M.nav.allBranches)}</span>
    <form method="post" action="/admin/logout"><input type="hidden" name="csrf" value="${viewer.csrf}"><button type="submit">${M.nav.logout}</button></form>
  </div>
</header>`
    : '';
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${M.appName}</title>
<link rel="stylesheet" href="/admin/admin.css">
<script src="/admin/admin.js" defer></script>
</head>
<body>
${header}
<main>
${body}
</main>
</body>
</html>
`;
}

export function loginPage(options: { error?: string; next?: string; username?: string }): SafeHtml {
  return page(
    M.login.title,
    html`<form class="login" method="post" action="/admin/login">
  <h1>${M.login.heading}</h1>
  ${options.error ? html`<p class="error" role="alert">${options.error}</p>` : ''}
  <label>${M.login.username}<input type="text" name="username" autocomplete="username" required value="${options.username ?? ''}"></label>
  <label>${M.login.password}<input type="password" name="password" autocomplete="current-password" required></label>
  <input type="hidden" name="next" value="${options.next ?? '/admin/'}">
  <button class="primary" type="submit">${M.login.submit}</button>
  <p class="muted">${M.login.noAccount}</p>
</form>`,
  );
}

export function messagePage(title: string, message: string, viewer?: Viewer): SafeHtml {
  return page(title, html`<p class="notice">${message}</p><p class="no-print"><a href="/admin/">${M.nav.dashboard}</a></p>`, { viewer });
}

function filtersForm(range: DateRange, branch: string | null, viewer: Viewer, branches: readonly Branch[], action: string): SafeHtml {
  const branchSelect =
    viewer.branch === null
      ? html`<label>${M.filters.branch}<select name="branch">
      <option value="">${M.nav.allBranches}</option>
      ${branches.map((b) => html`<option value="${b.id}"${b.id === branch ? html` selected` : ''}>${b.name}</option>`)}
    </select></label>`
      : '';
  const quick = (preset: 'quarter' | 'year' | 'all', label: string) =>
    html`<a href="${action}${filterQuery(range, branch, preset)}"${range.preset === preset ? html` aria-current="true"` : ''}>${label}</a>`;
  return html`<section class="filters no-print" aria-label="${M.filters.heading}">
  <form method="get" action="${action}">
    <label>${M.filters.from}<input type="date" name="from" value="${range.from ? formatDate(range.from) : ''}"></label>
    <label>${M.filters.to}<input type="date" name="to" value="${range.to ? formatDate(range.to) : ''}"></label>
    ${branchSelect}
    <button class="primary" type="submit">${M.filters.apply}</button>
  </form>
  <p class="quick">${quick('quarter', M.filters.quarter)}${quick('year', M.filters.year)}${quick('all', M.filters.all)}</p>
</section>`;
}

function studyRow(row: ReportRow, timeZone: string): SafeHtml {
  const texts = rowTexts(row, timeZone);
  const fixed = texts.slice(0, 4);
  const cells = row.cells.flatMap((cell, b) =>
    baseCellTexts(cell, timeZone).map((text, k) => {
      const classes = [k === 0 ? 'first' : '', k === 0 ? (cell === null ? 'none' : cell.completed ? 'done' : 'open') : ''].filter(Boolean).join(' ');
      return html`<td${classes ? html` class="${classes}"` : ''} data-base="${b}">${text}</td>`;
    }),
  );
  return html`<tr class="${row.status}" data-member-id="${row.id}">${fixed.map((text, i) =>
    i === 3 && row.status !== 'roster' ? html`<td><span class="tag">${text}</span></td>` : html`<td>${text}</td>`,
  )}${cells}</tr>`;
}

export function dashboardPage(input: {
  viewer: Viewer;
  report: Report;
  range: DateRange;
  branch: string | null;
  timeZone: string;
}): SafeHtml {
  const { viewer, report, range, branch, timeZone } = input;
  const query = filterQuery(range, branch);
  const completedAll = report.rows.filter((r) => r.cells.length > 0 && r.cells.every((c) => c?.completed)).length;
  const table =
    report.rows.length === 0
      ? html`<p class="notice">${M.table.empty}</p>`
      : html`<div class="table-wrap"><table id="study-table">
  <thead>
    <tr><th rowspan="2">${M.table.branch}</th><th rowspan="2">${M.table.id}</th><th rowspan="2">${M.table.name}</th><th rowspan="2">${M.table.status}</th>${report.bases.map(
      (b) => html`<th class="base" colspan="5">${b.title}</th>`,
    )}</tr>
    <tr>${report.bases.map(
      () => html`<th class="base">${M.table.completed}</th><th>${M.table.score}</th><th>${M.table.time}</th><th>${M.table.last}</th><th>${M.table.mode}</th>`,
    )}</tr>
  </thead>
  <tbody>
${report.rows.map((row) => html`    ${studyRow(row, timeZone)}\n`)}  </tbody>
</table></div>`;
  const questions = report.questions.map(
    ({ base, items }) => html`<h3>${base.title}</h3>
<div class="table-wrap"><table class="questions">
  <thead><tr><th>${M.questions.checkpoint}</th><th>${M.questions.question}</th><th>${M.questions.answered}</th><th>${M.questions.correct}</th><th>${M.questions.rate}</th><th>${M.questions.wrong}</th></tr></thead>
  <tbody>
${items.map(
  (q) => html`    <tr data-question="${q.questionId}"><td>${q.checkpoint}</td><td class="wrap">${q.prompt}</td><td>${q.answered}</td><td>${q.correct}</td><td>${formatRate(
    q.correct,
    q.answered,
  )}</td><td class="wrap">${q.wrong.length === 0 ? M.cell.none : q.wrong.map((w, i) => html`${i > 0 ? html`<br>` : ''}${w.label}（${M.questions.times(w.count)}）`)}</td></tr>\n`,
)}  </tbody>
</table></div>`,
  );
  return page(
    M.nav.dashboard,
    html`${filtersForm(range, branch, viewer, report.branches, '/admin/')}
<h2>${M.table.heading}<small>${rangeText(range)}${branch ? html` · ${report.branches.find((b) => b.id === branch)?.name ?? branch}` : ''}</small></h2>
<p>${M.table.summary(report.rows.length, completedAll)}</p>
<p class="actions no-print"><a class="button" id="export-csv" href="/admin/export.csv${query}" download>${M.table.export}</a><a id="ledger-link" href="/admin/ledger${query}">${M.table.ledger}</a></p>
${table}
<h2>${M.questions.heading}<small>${rangeText(range)}</small></h2>
${questions}`,
    { viewer, section: 'dashboard', query },
  );
}

/** The rows of a ledger: roster members only (the ledger is the branch's official record). */
export function ledgerRows(report: Report): ReportRow[] {
  return report.rows.filter((r) => r.status === 'roster' || r.status === 'inactive');
}

export function ledgerPage(input: {
  viewer: Viewer;
  report: Report;
  range: DateRange;
  branch: string | null;
  timeZone: string;
  printedOn: string;
}): SafeHtml {
  const { viewer, report, range, branch, timeZone } = input;
  const rows = ledgerRows(report);
  const groups = new Map<string, { name: string; rows: ReportRow[] }>();
  for (const row of rows) {
    const id = row.branchId ?? '';
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { name: row.branchName, rows: [] }));
    group.rows.push(row);
  }
  if (groups.size === 0) {
    const name = branch ? (report.branches.find((b) => b.id === branch)?.name ?? branch) : (viewer.branch?.name ?? M.nav.allBranches);
    groups.set(branch ?? '', { name, rows: [] });
  }
  const sheet = (name: string, members: ReportRow[]) => html`<section class="ledger-sheet">
  <h1>${M.ledger.heading}</h1>
  <div class="ledger-meta"><span>${M.ledger.branch}<strong class="ledger-branch">${name}</strong></span><span>${M.ledger.period}${rangeText(range)}</span></div>
  ${
    members.length === 0
      ? html`<p>${M.ledger.empty}</p>`
      : html`<table class="ledger">
    <thead>
      <tr><th rowspan="2">${M.ledger.seq}</th><th rowspan="2">${M.table.name}</th><th rowspan="2">${M.table.id}</th>${report.bases.map(
        (b) => html`<th colspan="3">${b.title}</th>`,
      )}<th rowspan="2">${M.ledger.completedCount}</th><th rowspan="2">${M.ledger.total}</th></tr>
      <tr>${report.bases.map(() => html`<th>${M.table.completed}</th><th>${M.table.score}</th><th>${M.table.time}</th>`)}</tr>
    </thead>
    <tbody>
${members.map(
  (row, i) => html`      <tr data-member-id="${row.id}"><td>${i + 1}</td><td>${row.name}${row.status === 'inactive' ? html` <span class="tag">${statusLabel(row.status)}</span>` : ''}</td><td>${row.id}</td>${row.cells.map(
    (cell) => html`<td>${completedLabel(cell)}</td><td>${formatScore(cell?.bestScaled ?? null)}</td><td>${formatDuration(cell?.timeMs ?? 0)}</td>`,
  )}<td>${row.cells.filter((c) => c?.completed).length} / ${report.bases.length}</td><td>${formatDuration(
    row.cells.reduce((sum, c) => sum + (c?.timeMs ?? 0), 0),
  )}</td></tr>\n`,
)}    </tbody>
  </table>`
  }
  <div class="signature"><span>${M.ledger.printed}<span class="printed-on">${input.printedOn}</span></span><span>${M.ledger.signature}<span class="line"></span></span><span>${M.ledger.date}<span class="line short"></span></span></div>
</section>`;
  const collator = new Intl.Collator('zh-CN');
  const sheets = [...groups.values()].sort((a, b) => collator.compare(a.name, b.name)).map((g) => sheet(g.name, g.rows));
  const query = filterQuery(range, branch);
  return page(
    M.ledger.title,
    html`${filtersForm(range, branch, viewer, report.branches, '/admin/ledger')}
<div class="toolbar no-print"><button class="primary" type="button" id="print-button">${M.ledger.print}</button><a href="/admin/${query}">${M.ledger.back}</a><span class="muted">${M.ledger.hint}</span></div>
${sheets}`,
    { viewer, section: 'ledger', query },
  );
}

export function rosterPage(input: { viewer: Viewer; branches: readonly Branch[]; members: readonly Member[] }): SafeHtml {
  const { viewer, branches, members } = input;
  const collator = new Intl.Collator('zh-CN');
  const branchName = new Map(branches.map((b) => [b.id, b.name]));
  const sorted = [...members].sort(
    (a, b) =>
      collator.compare(branchName.get(a.branchId) ?? a.branchId, branchName.get(b.branchId) ?? b.branchId) ||
      Number(b.active) - Number(a.active) ||
      collator.compare(a.name, b.name) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const active = members.filter((m) => m.active).length;
  const branchChoice =
    viewer.branch === null
      ? html`<label>${M.roster.defaultBranch} <select name="branch"><option value="">${M.roster.noDefault}</option>${[...branches]
          .sort((a, b) => collator.compare(a.name, b.name))
          .map((b) => html`<option value="${b.id}">${b.name}</option>`)}</select></label>`
      : html`<p>${M.filters.branch}：${viewer.branch.name}</p>`;
  return page(
    M.roster.title,
    html`<h2>${M.roster.importHeading}</h2>
<form class="import-form no-print" method="post" action="/admin/roster/import" enctype="multipart/form-data">
  <input type="hidden" name="csrf" value="${viewer.csrf}">
  <p class="muted">${M.roster.importHelp}</p>
  <label>${M.roster.file} <input type="file" name="file" accept=".csv,.txt,text/csv,text/plain" required></label>
  ${branchChoice}
  <label><input type="checkbox" name="deactivateMissing" value="1"> ${M.roster.deactivateMissing}</label>
  <label><input type="checkbox" name="allowRename" value="1"> ${M.roster.allowRename}</label>
  <div><button class="primary" type="submit">${M.roster.submit}</button></div>
</form>
<h2>${M.roster.heading}<small>${M.roster.count(active)}</small></h2>
${
  sorted.length === 0
    ? html`<p class="notice">${M.roster.empty}</p>`
    : html`<div class="table-wrap"><table id="roster-table"><thead><tr><th>${M.table.branch}</th><th>${M.table.id}</th><th>${M.table.name}</th><th>${M.table.status}</th></tr></thead><tbody>
${sorted.map(
  (m) => html`<tr data-member-id="${m.id}"><td>${branchName.get(m.branchId) ?? m.branchId}</td><td>${m.id}</td><td>${m.name}</td><td>${m.active ? M.status.roster : M.status.inactive}</td></tr>\n`,
)}</tbody></table></div>`
}`,
    { viewer, section: 'roster' },
  );
}

export function importResultPage(viewer: Viewer, result: ImportResult): SafeHtml {
  const body = result.ok
    ? html`<div class="notice ok" role="status"><p><strong>${M.importResult.ok}</strong></p>
  <p>${M.importResult.summary(result.summary)}</p>
  ${result.summary.branchesCreated.length > 0 ? html`<p>${M.importResult.branchesCreated}${result.summary.branchesCreated.map((b, i) => html`${i > 0 ? '、' : ''}${b.name}（${b.id}）`)}</p>` : ''}
  <p class="muted">${M.importResult.encoding(result.summary.encoding.toUpperCase(), result.summary.delimiter)}</p></div>`
    : html`<p class="notice" role="alert">${M.importResult.failed}</p>
<div class="table-wrap"><table id="import-errors"><thead><tr><th>${M.importResult.row}</th><th>${M.importResult.field}</th><th>${M.importResult.reason}</th></tr></thead><tbody>
${result.errors.map((e) => html`<tr><td>${e.row}</td><td>${e.field ?? M.cell.none}</td><td class="wrap">${e.reason}</td></tr>\n`)}</tbody></table></div>`;
  return page(M.importResult.title, html`<h2>${M.importResult.title}</h2>${body}<p><a href="/admin/roster">${M.importResult.back}</a></p>`, {
    viewer,
    section: 'roster',
  });
}
