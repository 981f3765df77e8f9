/**
 * `/admin/*`: the secretaries' dashboard. Every page but the login needs a session; a page
 * request without one is sent to the login (303), anything else gets 401. POSTs must come from
 * this origin (Sec-Fetch-Site / Origin) and carry the session's CSRF token (a form field
 * `csrf`, or the `X-CSRF-Token` header for scripted imports).
 *
 *   GET  /admin/                   members × bases table, per-question shares (filters: range=quarter|year|all, from, to, branch)
 *   GET  /admin/export.csv         the same table as CSV (same filters)
 *   GET  /admin/ledger             printable 学习台账 (same filters)
 *   GET  /admin/roster             the roster and the import form
 *   POST /admin/roster/import      import a roster file (multipart `file`, or a raw text/csv body)
 *   GET  /admin/login, POST /admin/login, POST /admin/logout
 *   GET  /admin/admin.css, /admin/admin.js
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RecordConfig } from '../../src/record/statements';
import type { Route, RouteContext } from '../app';
import type { DashboardQueries } from '../db/dashboard';
import type { RosterStore } from '../db/roster';
import { importRoster, type ImportOptions } from '../roster/import';
import { ADMIN_CSS, ADMIN_JS } from './assets';
import { contentDisposition, csvBytes } from './csv';
import { formatDate, formatDay, resolveRange } from './dates';
import { readBody } from '../app';
import { field, parseForm, redirect, sameOrigin, send, sendHtml, sendJson, wantsJson } from './http';
import { M } from './messages';
import { dashboardPage, importResultPage, ledgerPage, loginPage, messagePage, rosterPage, type Viewer } from './pages';
import { buildReport, rowTexts, tableHeader } from './report';
import { loadScenes } from './scenes';
import { csrfMatches, Sessions, type Session } from './session';

export interface AdminRoutesOptions {
  roster: RosterStore;
  queries: DashboardQueries;
  /** activityBase and homePage: the same the app writes with (see `/api/config`). */
  config: RecordConfig;
  scenesDir: string;
  timeZone: string;
  /** Largest roster upload. Default 5 MB. */
  maxImportBytes?: number;
  now?: () => number;
}

const FORM_LIMIT = 16 * 1024;

/** Only paths inside the dashboard may be a post-login destination (no open redirect). */
export function safeNext(next: string | undefined): string {
  if (!next || !next.startsWith('/admin') || next.startsWith('/admin/login') || /[\\\r\n\t]/.test(next) || next.includes('//')) return '/admin/';
  return next;
}

export function adminRoutes(options: AdminRoutesOptions): Route[] {
  const { roster, queries, config, timeZone } = options;
  const now = options.now ?? Date.now;
  const sessions = new Sessions(roster, now);
  const maxImport = options.maxImportBytes ?? 5 * 1024 * 1024;

  const fail = (req: IncomingMessage, res: ServerResponse, status: number, message: string, viewer?: Viewer) => {
    if (wantsJson(req)) sendJson(req, res, status, { error: message });
    else sendHtml(req, res, status, messagePage(message, message, viewer));
  };

  async function viewerOf(session: Session): Promise<Viewer> {
    const branch = session.branchId === null ? null : ((await roster.getBranch(session.branchId)) ?? { id: session.branchId, name: session.branchId });
    return { username: session.username, branch, csrf: session.csrf };
  }

  /** The branch filter a viewer may use: their own branch, or the `branch` parameter; 'forbidden' for another branch. */
  function branchFilter(viewer: Viewer, url: URL): string | null | 'forbidden' {
    const asked = url.searchParams.get('branch') || null;
    if (viewer.branch === null) return asked;
    if (asked !== null && asked !== viewer.branch.id) return 'forbidden';
    return viewer.branch.id;
  }

  async function report(viewer: Viewer, url: URL) {
    const branch = branchFilter(viewer, url);
    if (branch === 'forbidden') return null;
    const range = resolveRange(url.searchParams, now(), timeZone);
    const scenes = await loadScenes(options.scenesDir);
    const built = await buildReport({ roster, queries, scenes, config, range, branch });
    return { range, branch, report: built };
  }

  async function login(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!sameOrigin(req)) return fail(req, res, 403, M.errors.forbidden);
    const body = await readBody(req, FORM_LIMIT);
    const form = body ? parseForm(req.headers['content-type'], body) : null;
    if (!form) return fail(req, res, 400, M.errors.badForm);
    const username = (field(form, 'username') ?? '').trim();
    const password = field(form, 'password') ?? '';
    const next = safeNext(field(form, 'next'));
    const result = await sessions.login(username, password, req.socket.remoteAddress ?? '');
    if (!result.ok) {
      const error = result.reason === 'throttled' ? M.login.tooMany : M.login.wrong;
      sendHtml(req, res, result.reason === 'throttled' ? 429 : 401, loginPage({ error, next, username }));
      return;
    }
    redirect(req, res, next, { 'Set-Cookie': sessions.cookie(req, result.token) });
  }

  async function importFile(req: IncomingMessage, res: ServerResponse, url: URL, session: Session, viewer: Viewer): Promise<void> {
    const body = await readBody(req, maxImport);
    if (body === null) return fail(req, res, 413, M.errors.tooLarge, viewer);
    const type = String(req.headers['content-type'] ?? '').toLowerCase();
    let file: Buffer | undefined;
    let token = typeof req.headers['x-csrf-token'] === 'string' ? req.headers['x-csrf-token'] : undefined;
    const flags: ImportOptions = {};
    if (type.startsWith('multipart/form-data') || type.startsWith('application/x-www-form-urlencoded')) {
      const form = parseForm(req.headers['content-type'], body);
      if (!form) return fail(req, res, 400, M.errors.badForm, viewer);
      token = field(form, 'csrf') ?? token;
      file = form.get('file')?.data;
      flags.branch = field(form, 'branch');
      flags.deactivateMissing = field(form, 'deactivateMissing') === '1';
      flags.allowRename = field(form, 'allowRename') === '1';
    } else {
      file = body;
      flags.branch = url.searchParams.get('branch') ?? undefined;
      flags.deactivateMissing = url.searchParams.get('deactivateMissing') === '1';
      flags.allowRename = url.searchParams.get('allowRename') === '1';
    }
    if (!csrfMatches(session, token)) return fail(req, res, 403, M.errors.forbidden, viewer);
    if (!file || file.length === 0) return fail(req, res, 400, M.errors.noFile, viewer);
    if (session.branchId !== null) {
      flags.restrictToBranch = session.branchId;
      flags.branch = undefined;
    }
    const result = await importRoster(roster, file, flags);
    const status = result.ok ? 200 : 422;
    if (wantsJson(req)) sendJson(req, res, status, result);
    else sendHtml(req, res, status, importResultPage(viewer, result));
  }

  async function handle(req: IncomingMessage, res: ServerResponse, ctx: RouteContext): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const read = method === 'GET' || method === 'HEAD';
    const path = ctx.rest.replace(/\/+$/, '');
    const allow = (methods: string) => send(req, res, 405, M.errors.methodNotAllowed, { Allow: methods, 'Content-Type': 'text/plain; charset=utf-8' });

    if (path === 'admin.css' || path === 'admin.js') {
      if (!read) return allow('GET, HEAD');
      send(req, res, 200, path === 'admin.css' ? ADMIN_CSS : ADMIN_JS, {
        'Content-Type': path === 'admin.css' ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8',
        'Cache-Control': 'no-cache',
      });
      return;
    }
    if (path === 'login') {
      if (method === 'POST') return login(req, res);
      if (!read) return allow('GET, HEAD, POST');
      const next = safeNext(ctx.url.searchParams.get('next') ?? undefined);
      if (await sessions.fromRequest(req)) return redirect(req, res, next);
      sendHtml(req, res, 200, loginPage({ next }));
      return;
    }

    const session = await sessions.fromRequest(req);
    if (!session) {
      if (read && !wantsJson(req)) {
        const next = safeNext(`${ctx.url.pathname}${ctx.url.search}`);
        redirect(req, res, `/admin/login?next=${encodeURIComponent(next)}`);
      } else fail(req, res, 401, M.login.required);
      return;
    }
    const viewer = await viewerOf(session);

    if (!read) {
      if (method !== 'POST' || (path !== 'logout' && path !== 'roster/import')) {
        return path === 'logout' || path === 'roster/import' ? allow('POST') : fail(req, res, 404, M.errors.notFound, viewer);
      }
      if (!sameOrigin(req)) return fail(req, res, 403, M.errors.forbidden, viewer);
      if (path === 'roster/import') return importFile(req, res, ctx.url, session, viewer);
      const body = await readBody(req, FORM_LIMIT);
      const form = body ? parseForm(req.headers['content-type'], body) : null;
      const token = (form && field(form, 'csrf')) ?? (typeof req.headers['x-csrf-token'] === 'string' ? req.headers['x-csrf-token'] : undefined);
      if (!csrfMatches(session, token)) return fail(req, res, 403, M.errors.forbidden, viewer);
      await sessions.logout(session);
      redirect(req, res, '/admin/login', { 'Set-Cookie': sessions.clearCookie(req) });
      return;
    }

    if (path === '' || path === 'export.csv' || path === 'ledger') {
      const data = await report(viewer, ctx.url);
      if (!data) return fail(req, res, 403, M.errors.branchNotAllowed, viewer);
      if (path === '') {
        sendHtml(req, res, 200, dashboardPage({ viewer, ...data, timeZone }));
      } else if (path === 'ledger') {
        sendHtml(req, res, 200, ledgerPage({ viewer, ...data, timeZone, printedOn: formatDay(now(), timeZone) }));
      } else {
        const { report: built, range, branch } = data;
        const rows = [tableHeader(built), ...built.rows.map((row) => rowTexts(row, timeZone))];
        const branchName = branch ? (built.branches.find((b) => b.id === branch)?.name ?? branch) : M.nav.allBranches;
        const span = range.from || range.to ? `${range.from ? formatDate(range.from) : ''}_${range.to ? formatDate(range.to) : ''}` : M.filters.all;
        const ascii = `redtour-study-records_${branch ?? 'all'}_${range.from || range.to ? span : 'all'}.csv`;
        send(req, res, 200, csvBytes(rows), {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': contentDisposition(`学习记录_${branchName}_${span}.csv`, ascii),
        });
      }
      return;
    }
    if (path === 'roster') {
      const [branches, members] = await Promise.all([
        roster.listBranches(),
        roster.listMembers({ includeInactive: true, ...(viewer.branch ? { branchId: viewer.branch.id } : {}) }),
      ]);
      sendHtml(req, res, 200, rosterPage({ viewer, branches: viewer.branch ? branches.filter((b) => b.id === viewer.branch!.id) : branches, members }));
      return;
    }
    if (path === 'logout' || path === 'roster/import') return allow('POST');
    fail(req, res, 404, M.errors.notFound, viewer);
  }

  return [
    {
      path: '/admin/*',
      handler: async (req, res, ctx) => {
        try {
          await handle(req, res, ctx);
        } catch (error) {
          console.error(`[admin] ${req.method} ${req.url}:`, error);
          fail(req, res, 500, M.errors.internal);
        }
      },
    },
  ];
}
