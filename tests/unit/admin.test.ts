/**
 * The dashboard over real HTTP on 127.0.0.1: login and sessions, CSRF, the aggregation rules
 * on the app's own statements posted through `/xapi/statements` (SQLite and PostgreSQL),
 * escaping, the CSV bytes and the ledger.
 */
import { randomUUID } from 'node:crypto';
import { request as httpsRequest } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answered, agent, questionActivity, type Statement } from '../../src/record/statements';
import { contentDisposition, csvBytes, csvCell } from '../../server/admin/csv';
import { dateAt, resolveRange, startOfDay } from '../../server/admin/dates';
import { escapeHtml, html } from '../../server/admin/html';
import { safeNext } from '../../server/admin/routes';
import { parseDuration } from '../../server/admin/report';
import { driverOf } from '../../server/db/index';
import { importRoster, newBranchId } from '../../server/roster/import';
import { skipPostgres, startPostgres, type TestPostgres } from '../pg';
import {
  addSecretary,
  call,
  form,
  jiandang,
  login,
  multipart,
  postStatements,
  startRecords,
  tourStatements,
  type RecordsServer,
} from './admin-helpers';

const TZ = 'Asia/Shanghai';
const ONE = newBranchId('第一党支部', new Set());
const TWO = newBranchId('第二党支部', new Set());
const day = (ms: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: TZ }).format(new Date(ms));
const utf8 = (text: string) => Buffer.from(text, 'utf8');

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&#39;': "'", '&#96;': '`' };
const unescape = (text: string) => text.replace(/&(lt|gt|amp|quot|#39|#96);/g, (e) => ENTITIES[e]!);
const cellsOf = (row: string) => [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => unescape(m[1]!.replace(/<[^>]+>/g, '')));

/** Rows of the members × bases table, by member id, as the texts a user sees. */
function tableRows(page: string): Map<string, string[]> {
  const body = /<table id="study-table">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(page)?.[1] ?? '';
  const rows = new Map<string, string[]>();
  for (const match of body.matchAll(/<tr class="[^"]*" data-member-id="([^"]*)">([\s\S]*?)<\/tr>/g)) rows.set(unescape(match[1]!), cellsOf(match[2]!));
  return rows;
}

/** Rows of the per-question table, by question id: [checkpoint, prompt, answered, correct, rate, wrong]. */
function questionRows(page: string): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const match of page.matchAll(/<tr data-question="([^"]*)">([\s\S]*?)<\/tr>/g)) rows.set(match[1]!, cellsOf(match[2]!));
  return rows;
}

describe('dashboard building blocks', () => {
  it('escapes every interpolated value and keeps nested html', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&\`</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&#96;&lt;/a&gt;');
    const name = '<script>alert(1)</script>';
    expect(html`<td>${name}</td>${[html`<b>${'<i>'}</b>`, null, false, 0]}`.value).toBe('<td>&lt;script&gt;alert(1)&lt;/script&gt;</td><b>&lt;i&gt;</b>0');
  });

  it('writes CSV cells per RFC 4180 and neutralises formulas', () => {
    expect(csvCell('张三')).toBe('张三');
    expect(csvCell('王, "五"')).toBe('"王, ""五"""');
    expect(csvCell('多\r\n行')).toBe('"多\r\n行"');
    expect(csvCell('=1+2')).toBe("'=1+2");
    expect(csvCell('+86')).toBe("'+86");
    expect(csvCell('-3')).toBe("'-3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect([...csvBytes([['a', 'b'], ['1', '2']])]).toEqual([0xef, 0xbb, 0xbf, ...Buffer.from('a,b\r\n1,2\r\n')]);
    expect(contentDisposition('学习记录 (一).csv', 'records.csv')).toBe(
      `attachment; filename="records.csv"; filename*=UTF-8''%E5%AD%A6%E4%B9%A0%E8%AE%B0%E5%BD%95%20%28%E4%B8%80%29.csv`,
    );
  });

  it('parses ISO 8601 durations', () => {
    expect(parseDuration('PT1M5.2S')).toBe(65_200);
    expect(parseDuration('PT1H2M3.45S')).toBe(3_723_450);
    expect(parseDuration('P1DT1S')).toBe(86_401_000);
    expect(parseDuration('PT0S')).toBe(0);
    for (const bad of ['P', 'PT', '1M', 'PT1X', 5]) expect(parseDuration(bad)).toBeNull();
  });

  it('resolves date filters in the branch time zone (default: this quarter)', () => {
    const now = Date.parse('2025-05-20T03:00:00Z');
    const q = resolveRange(new URLSearchParams(), now, TZ);
    expect(q).toMatchObject({ preset: 'quarter', from: { y: 2025, m: 4, d: 1 }, to: { y: 2025, m: 6, d: 30 } });
    expect(q.sinceMs).toBe(Date.parse('2025-03-31T16:00:00Z'));
    expect(q.untilMs).toBe(Date.parse('2025-06-30T16:00:00Z'));
    expect(resolveRange(new URLSearchParams('range=year'), now, TZ)).toMatchObject({ from: { y: 2025, m: 1, d: 1 }, to: { y: 2025, m: 12, d: 31 } });
    expect(resolveRange(new URLSearchParams('range=all'), now, TZ)).toEqual({ preset: 'all', from: null, to: null });
    const custom = resolveRange(new URLSearchParams('from=2025-02-10&to=2025-01-05'), now, TZ);
    expect(custom).toMatchObject({ preset: 'custom', from: { y: 2025, m: 1, d: 5 }, to: { y: 2025, m: 2, d: 10 } });
    expect(resolveRange(new URLSearchParams('from=2025-02-30'), now, TZ).preset).toBe('quarter');
    // A zone with daylight saving time: midnight is found on both sides of the change.
    expect(startOfDay({ y: 2025, m: 3, d: 30 }, 'Europe/Berlin')).toBe(Date.parse('2025-03-29T23:00:00Z'));
    expect(startOfDay({ y: 2025, m: 3, d: 31 }, 'Europe/Berlin')).toBe(Date.parse('2025-03-30T22:00:00Z'));
  });

  it('only sends a logged-in secretary back inside the dashboard', () => {
    expect(safeNext('/admin/ledger?range=all')).toBe('/admin/ledger?range=all');
    for (const bad of ['//evil.example/admin', 'https://evil.example/', '/admin//evil', '/admin\\x', '/xapi/', undefined, '/admin/login']) {
      expect(safeNext(bad)).toBe('/admin/');
    }
  });
});

describe('dashboard access', () => {
  let records: RecordsServer;

  beforeAll(async () => {
    records = await startRecords();
    await addSecretary(records.roster, 'admin', 'correct horse');
    await addSecretary(records.roster, 'victim', 'right password');
  });
  afterAll(() => records.close());

  it('sends pages to the login and answers other requests 401 without a session', async () => {
    const page = await call(records.base, 'GET', '/admin/?range=all');
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe('/admin/login?next=%2Fadmin%2F%3Frange%3Dall');
    expect((await call(records.base, 'GET', '/admin/ledger', { cookie: 'rt_admin=forged-token-forged-token-forged-token-xxxx' })).status).toBe(303);
    const json = await call(records.base, 'GET', '/admin/export.csv', { headers: { Accept: 'application/json' } });
    expect(json.status).toBe(401);
    expect(json.json).toEqual({ error: '请先登录' });
    const upload = await call(records.base, 'POST', '/admin/roster/import', { body: 'x', headers: { 'Content-Type': 'text/csv' } });
    expect(upload.status).toBe(401);
    const loginPage = await call(records.base, 'GET', '/admin/login?next=%2Fadmin%2Fledger');
    expect(loginPage.status).toBe(200);
    expect(loginPage.text).toContain('支部书记登录');
    expect(loginPage.text).toContain('value="/admin/ledger"');
    expect(loginPage.headers['content-security-policy']).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
  });

  it('refuses a wrong password or an unknown user alike, and throttles repeated failures', async () => {
    for (const [username, password] of [
      ['admin', 'wrong'],
      ['nobody', 'correct horse'],
    ]) {
      const reply = await call(records.base, 'POST', '/admin/login', form({ username: username!, password: password! }));
      expect(reply.status).toBe(401);
      expect(reply.headers['set-cookie']).toBeUndefined();
      expect(reply.text).toContain('用户名或密码错误');
    }
    for (let i = 0; i < 10; i++) expect((await call(records.base, 'POST', '/admin/login', form({ username: 'victim', password: `x${i}` }))).status).toBe(401);
    const throttled = await call(records.base, 'POST', '/admin/login', form({ username: 'victim', password: 'right password' }));
    expect(throttled.status).toBe(429);
    expect(throttled.text).toContain('尝试次数过多');
  });

  it('sets an HttpOnly, SameSite=Strict session cookie whose token is stored only hashed', async () => {
    const reply = await call(records.base, 'POST', '/admin/login', form({ username: 'admin', password: 'correct horse', next: '/admin/ledger?range=all' }));
    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe('/admin/ledger?range=all');
    const cookie = reply.headers['set-cookie']![0]!;
    expect(cookie).toMatch(/^rt_admin=[A-Za-z0-9_-]{43}; Path=\/admin; Max-Age=28800; HttpOnly; SameSite=Strict$/);
    const token = cookie.slice('rt_admin='.length, cookie.indexOf(';'));
    const rows = await driverOf(records.server.records!).all<{ token_hash: string; expires_ms: number }>('SELECT token_hash, expires_ms FROM admin_sessions');
    expect(rows.some((r) => r.token_hash === token)).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash) && Number(r.expires_ms) > Date.now())).toBe(true);
    const page = await call(records.base, 'GET', '/admin/', { cookie: cookie.split(';')[0]! });
    expect(page.status).toBe(200);
    // An open redirect is not possible through `next`.
    const evil = await call(records.base, 'POST', '/admin/login', form({ username: 'admin', password: 'correct horse', next: '//evil.example/' }));
    expect(evil.headers.location).toBe('/admin/');
  });

  it('adds Secure to the cookie over HTTPS', async () => {
    const secure = await startRecords({ https: true });
    try {
      await addSecretary(secure.roster, 'admin', 'correct horse');
      const url = new URL(secure.server.httpsUrl!);
      const body = new URLSearchParams({ username: 'admin', password: 'correct horse' }).toString();
      const setCookie = await new Promise<string>((resolve, reject) => {
        const req = httpsRequest(
          {
            host: url.hostname,
            port: url.port,
            path: '/admin/login',
            method: 'POST',
            ca: secure.server.tls!.cert,
            servername: 'localhost',
            agent: false,
            headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(Buffer.byteLength(body)) },
          },
          (res) => {
            res.resume();
            resolve(String(res.headers['set-cookie']?.[0] ?? ''));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
      expect(setCookie).toMatch(/; HttpOnly; SameSite=Strict; Secure$/);
    } finally {
      await secure.close();
    }
  });

  it('needs the session CSRF token and a same-origin request to import, and imports nothing otherwise', async () => {
    const session = await login(records.base, 'admin', 'correct horse');
    const file = { name: 'file', filename: '名册.csv', data: utf8('姓名,工号,支部\r\n张三,1001,第一党支部\r\n') };
    const attempts = [
      multipart({}, file),
      multipart({ csrf: 'not-the-token' }, file),
    ];
    for (const attempt of attempts) {
      const reply = await call(records.base, 'POST', '/admin/roster/import', { ...attempt, cookie: session.cookie });
      expect(reply.status).toBe(403);
    }
    const crossSite = multipart({ csrf: session.csrf }, file);
    for (const header of [{ Origin: 'http://evil.example' }, { 'Sec-Fetch-Site': 'cross-site' }] as Record<string, string>[]) {
      const reply = await call(records.base, 'POST', '/admin/roster/import', { body: crossSite.body, headers: { ...crossSite.headers, ...header }, cookie: session.cookie });
      expect(reply.status).toBe(403);
    }
    expect(await records.roster.countMembers()).toBe(0);

    const ok = multipart({ csrf: session.csrf }, file);
    const reply = await call(records.base, 'POST', '/admin/roster/import', {
      body: ok.body,
      headers: { ...ok.headers, Origin: records.base, 'Sec-Fetch-Site': 'same-origin' },
      cookie: session.cookie,
    });
    expect(reply.status).toBe(200);
    expect(reply.text).toContain('导入成功');
    expect(reply.text).toContain('新增 1 人');
    expect(await records.roster.countMembers()).toBe(1);

    // A scripted import: raw CSV with the token in a header; errors come back as JSON rows.
    const raw = await call(records.base, 'POST', '/admin/roster/import', {
      body: utf8('姓名,工号,支部\r\n李四,1002,第一党支部\r\n,1003,第一党支部\r\n'),
      headers: { 'Content-Type': 'text/csv', 'X-CSRF-Token': session.csrf, Accept: 'application/json' },
      cookie: session.cookie,
    });
    expect(raw.status).toBe(422);
    expect(raw.json).toEqual({ ok: false, errors: [{ row: 3, field: '姓名', reason: '姓名为空' }] });
    expect(await records.roster.countMembers()).toBe(1);
  });

  it('logs out only with the CSRF token, and the old cookie stops working', async () => {
    const session = await login(records.base, 'admin', 'correct horse');
    expect((await call(records.base, 'POST', '/admin/logout', { ...form({}), cookie: session.cookie })).status).toBe(403);
    const out = await call(records.base, 'POST', '/admin/logout', { ...form({ csrf: session.csrf }), cookie: session.cookie });
    expect(out.status).toBe(303);
    expect(out.headers['set-cookie']![0]).toMatch(/^rt_admin=; Path=\/admin; Max-Age=0/);
    expect((await call(records.base, 'GET', '/admin/', { cookie: session.cookie })).status).toBe(303);
    expect((await call(records.base, 'GET', '/admin/logout', { cookie: session.cookie })).status).toBe(303);
  });

  it('serves its stylesheet and script, and 404/405 for the rest', async () => {
    const css = await call(records.base, 'GET', '/admin/admin.css');
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.text).toContain('@media print');
    expect(css.text).toMatch(/\.no-print[^{]*\{ display: none !important; \}/);
    expect((await call(records.base, 'GET', '/admin/admin.js')).text).toContain('window.print()');
    const session = await login(records.base, 'admin', 'correct horse');
    expect((await call(records.base, 'GET', '/admin/nothing-here', { cookie: session.cookie })).status).toBe(404);
    expect((await call(records.base, 'GET', '/admin/roster/import', { cookie: session.cookie })).status).toBe(405);
    const head = await call(records.base, 'HEAD', '/admin/', { cookie: session.cookie });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
  });
});

let pg: TestPostgres | null = null;
afterAll(async () => {
  await pg?.stop();
});

const backends = [
  { name: 'SQLite', skip: false },
  { name: 'PostgreSQL', skip: skipPostgres },
] as const;

describe.each(backends)('the report on $name', ({ name, skip }) => {
  let records: RecordsServer;
  let admin: { cookie: string; csrf: string };
  let scoped: { cookie: string; csrf: string };
  const scene = jiandang();
  // Every statement of "this quarter" lies between the quarter's start and now, also in the
  // first hours of a quarter (the anchor is then a little in the future).
  const now = Math.max(Date.now(), resolveRange(new URLSearchParams(), Date.now(), TZ).sinceMs! + 6 * 3600_000);
  const regA = randomUUID();
  const regB = randomUUID();
  let zhangLast = 0;
  let liLast = 0;
  let strangerLast = 0;
  // 10:00 local time, 400 days ago: outside this quarter and this year.
  const zhaoStart = startOfDay(dateAt(Date.now() - 400 * 86_400_000, TZ), TZ) + 10 * 3600_000;

  beforeAll(async () => {
    if (skip) return;
    if (name === 'PostgreSQL') {
      pg ??= await startPostgres();
      records = await startRecords({ databaseUrl: await pg.createDatabase('admin_report') });
    } else records = await startRecords();
    const roster = [
      '姓名,工号,支部',
      '张三,1001,第一党支部',
      '李四,1002,第一党支部',
      '<script>alert(1)</script>,1003,第一党支部',
      '"=HYPERLINK(""http://x"",""点我"")",1004,第一党支部',
      '"王, ""五""",1005,第一党支部',
      '赵六,2001,第二党支部',
      '孙七,2002,第二党支部',
    ].join('\r\n');
    expect((await importRoster(records.roster, utf8(roster))).ok).toBe(true);
    await addSecretary(records.roster, 'admin', 'correct horse');
    await addSecretary(records.roster, 'yizhibu', 'first branch', ONE);
    admin = await login(records.base, 'admin', 'correct horse');
    scoped = await login(records.base, 'yizhibu', 'first branch');

    const config = records.config;
    const cps = scene.rooms.map((r) => r.checkpoint!);
    const right = (i: number) => Object.fromEntries(cps[i]!.questions.map((q) => [q.id, q.answer]));
    // 张三, attempt A in a headset: fails the first checkpoint once (2 of 4), then passes it; 3 of 4
    // at the second. Reports 10 min at completion and 12 min when leaving (longest = 12).
    const a = tourStatements(scene, config, {
      memberId: '1001',
      name: '张三',
      registration: regA,
      mode: 'headset',
      start: new Date(now - 3 * 3600_000),
      attempts: {
        [cps[0]!.id]: [{ ...right(0), 'q-opening-place': ['a'], 'q-delegates': ['a'] }, right(0)],
        [cps[1]!.id]: [{ ...right(1), 'q-secretary': ['true'] }],
      },
      activeMs: 10 * 60_000,
      afterMs: 2 * 60_000,
    });
    // Attempt B, in a group screening: everything right, 5 min.
    const b = tourStatements(scene, config, { memberId: '1001', name: '张三', registration: regB, mode: 'screening', start: new Date(now - 3600_000), activeMs: 5 * 60_000 });
    zhangLast = Date.parse(b.at(-1)!.timestamp);
    // 李四 looked around for 3 minutes and left without answering.
    const li = tourStatements(scene, config, {
      memberId: '1002',
      name: '李四',
      registration: randomUUID(),
      mode: 'desktop',
      start: new Date(now - 2 * 3600_000),
      attempts: { [cps[0]!.id]: [], [cps[1]!.id]: [] },
      complete: false,
      activeMs: 3 * 60_000,
    });
    liLast = Date.parse(li.at(-1)!.timestamp);
    // 赵六 completed 400 days ago.
    const zhao = tourStatements(scene, config, { memberId: '2001', name: '赵六', registration: randomUUID(), mode: 'desktop', start: new Date(zhaoStart), activeMs: 8 * 60_000 });
    // 孙七 completed, but the completion was voided.
    const sun = tourStatements(scene, config, { memberId: '2002', name: '孙七', registration: randomUUID(), mode: 'headset', start: new Date(now - 5 * 3600_000), activeMs: 6 * 60_000 });
    const sunCompleted = sun.find((s) => s.verb.id.endsWith('/completed'))!;
    // Not on the roster: 路人甲, and someone whose name and answer are HTML; and a guest.
    const stranger = tourStatements(scene, config, { memberId: '9999', name: '路人甲', registration: randomUUID(), mode: 'desktop', start: new Date(now - 4 * 3600_000), activeMs: 7 * 60_000 });
    strangerLast = Date.parse(stranger.at(-1)!.timestamp);
    const cp0 = cps[0]!;
    const q0 = cp0.questions[0]!;
    const hostile: Statement = answered(
      { config, actor: agent(config, { name: '<img src=x onerror=alert(2)>', memberId: '8888' }), registration: randomUUID(), mode: 'desktop', at: new Date(now - 600_000) },
      scene,
      cp0,
      q0,
      { id: q0.id, correct: false, given: ['a'], answer: q0.answer },
      1,
    );
    hostile.result!.response = '<b>bold</b>';
    const guest = tourStatements(scene, config, {
      memberId: 'guest',
      name: '访客',
      registration: randomUUID(),
      mode: 'headset',
      start: new Date(now - 1800_000),
      attempts: { [cps[0]!.id]: [], [cps[1]!.id]: [] },
      complete: false,
      activeMs: 60_000,
    });
    for (const batch of [a, b, li, zhao, sun, stranger, [hostile], guest]) await postStatements(records, batch);
    await postStatements(records, [
      {
        actor: agent(config, { name: '孙七', memberId: '2002' }),
        verb: { id: 'http://adlnet.gov/expapi/verbs/voided', display: { 'en-US': 'voided' } },
        object: { objectType: 'StatementRef', id: sunCompleted.id },
      },
    ]);
    expect(questionActivity(config, scene, cp0, q0).id).toBe(hostile.object.id);
  }, 120_000);

  afterAll(async () => {
    if (!skip) await records.close();
  });

  const get = (path: string, session = admin) => call(records.base, 'GET', path, { cookie: session.cookie });

  it.skipIf(skip)('shows completion, best score, time, last date and mode per member (this quarter by default)', async () => {
    const page = await get('/admin/');
    expect(page.status).toBe(200);
    const rows = tableRows(page.text);
    const d = day(zhangLast);
    expect(rows.get('1001')).toEqual(['第一党支部', '1001', '张三', '在册', '已完成', '100%', '17分0秒', d, '头显、集体放映']);
    expect(rows.get('1002')).toEqual(['第一党支部', '1002', '李四', '在册', '未完成', '—', '3分0秒', day(liLast), '电脑']);
    expect(rows.get('1003')).toEqual(['第一党支部', '1003', '<script>alert(1)</script>', '在册', '未学习', '—', '—', '—', '—']);
    // The voided completion does not count; the rest of 孙七's visit does.
    expect(rows.get('2002')!.slice(4, 7)).toEqual(['未完成', '—', '6分0秒']);
    expect(rows.get('2001')).toEqual(['第二党支部', '2001', '赵六', '在册', '未学习', '—', '—', '—', '—']);
    expect(rows.get('9999')).toEqual(['未登记支部（default）', '9999', '路人甲', '未在名册', '已完成', '100%', '7分0秒', day(strangerLast), '电脑']);
    expect(rows.get('8888')!.slice(2, 5)).toEqual(['<img src=x onerror=alert(2)>', '未在名册', '未完成']);
    expect(rows.get('guest')!.slice(2, 5)).toEqual(['访客', '访客', '未完成']);
    // Order: by branch name in pinyin (第二 dì èr, 第一 dì yī, 未登记 wèi), roster members before
    // others, then by name.
    expect([...rows.keys()]).toEqual(['2002', '2001', '1003', '1004', '1002', '1005', '1001', '8888', '9999', 'guest']);
    expect(page.text).toContain('共 10 人');
  });

  it.skipIf(skip)('filters by date range and branch; a branch secretary sees only their branch', async () => {
    const all = tableRows((await get('/admin/?range=all')).text);
    expect(all.get('2001')).toEqual(['第二党支部', '2001', '赵六', '在册', '已完成', '100%', '8分0秒', day(zhaoStart + 20_000), '电脑']);
    expect(tableRows((await get('/admin/?range=year')).text).get('2001')![4]).toBe('未学习');
    const then = day(zhaoStart);
    const custom = tableRows((await get(`/admin/?from=${then}&to=${then}`)).text);
    expect(custom.get('2001')![4]).toBe('已完成');
    expect(custom.get('1001')![4]).toBe('未学习');
    // Nothing but active roster members without records in a range where only 赵六 studied.
    expect([...custom.keys()].sort()).toEqual(['1001', '1002', '1003', '1004', '1005', '2001', '2002']);

    const second = tableRows((await get(`/admin/?range=all&branch=${TWO}`)).text);
    expect([...second.keys()]).toEqual(['2002', '2001']);
    const own = await get('/admin/?range=all', scoped);
    expect([...tableRows(own.text).keys()].sort()).toEqual(['1001', '1002', '1003', '1004', '1005']);
    expect(own.text).not.toContain('<select name="branch">');
    expect((await get(`/admin/?branch=${TWO}`, scoped)).status).toBe(403);
    expect((await get(`/admin/export.csv?branch=${TWO}`, scoped)).status).toBe(403);
  });

  it.skipIf(skip)('counts right answers per question over every attempt of the visible members', async () => {
    const questions = questionRows((await get('/admin/')).text);
    // q-opening-place: 张三 A wrong then right, B right; 孙七 right; 路人甲 right; 8888 wrong → 4 of 6.
    expect(questions.get('q-opening-place')).toEqual([
      '学习检验 · 上海会址',
      '1921年7月23日，中共一大在哪里开幕？',
      '6',
      '4',
      '67%',
      `<b>bold</b>（1 次）A. ${scene.rooms[0]!.checkpoint!.questions[0]!.options[0]!.text.zh}（1 次）`,
    ]);
    expect(questions.get('q-secretary')!.slice(2, 5)).toEqual(['4', '3', '75%']);
    expect(questions.get('q-comintern')!.slice(2, 5)).toEqual(['5', '5', '100%']);
    const first = questionRows((await get(`/admin/?branch=${ONE}`)).text);
    expect(first.get('q-opening-place')!.slice(2, 5)).toEqual(['3', '2', '67%']);
    const old = questionRows((await get(`/admin/?from=${day(zhaoStart)}&to=${day(zhaoStart)}`)).text);
    expect(old.get('q-opening-place')!.slice(2, 5)).toEqual(['1', '1', '100%']);
  });

  it.skipIf(skip)('escapes names, answers and branch names, and runs no inline script', async () => {
    for (const path of ['/admin/?range=all', '/admin/ledger?range=all', '/admin/roster']) {
      const page = await get(path);
      expect(page.status).toBe(200);
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      expect(page.text).not.toContain('<script>alert(1)</script>');
      expect(page.text).not.toContain('<img src=x');
      expect(page.text.match(/<script/g)).toEqual(['<script']);
      expect(page.text).toContain('<script src="/admin/admin.js" defer></script>');
      expect(page.text).not.toMatch(/<[^>]*\son[a-z]+=/i);
      expect(page.text).not.toMatch(/<style|style="/);
    }
    const dashboard = (await get('/admin/')).text;
    expect(dashboard).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(dashboard).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(dashboard).toContain('&lt;b&gt;bold&lt;/b&gt;');
    expect(dashboard).toContain('王, &quot;五&quot;');
  });

  it.skipIf(skip)('exports the table as CSV for Excel: BOM, CRLF, quoting, formulas neutralised, a UTF-8 file name', async () => {
    const page = await get('/admin/');
    const csv = await get('/admin/export.csv?range=quarter');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const range = resolveRange(new URLSearchParams(), Date.now(), TZ);
    const span = `${day(range.sinceMs!)}_${day(range.untilMs! - 1)}`;
    expect(csv.headers['content-disposition']).toBe(
      `attachment; filename="redtour-study-records_all_${span}.csv"; filename*=UTF-8''${encodeURIComponent(`学习记录_全部支部_${span}.csv`)}`,
    );
    expect([...csv.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.body.subarray(3).toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = text.slice(0, -2).split('\r\n');
    expect(lines[0]).toBe(
      '支部,工号/党员编号,姓名,名册状态,建党 · 从上海到嘉兴·完成情况,建党 · 从上海到嘉兴·最高分,建党 · 从上海到嘉兴·学习用时,建党 · 从上海到嘉兴·最近学习,建党 · 从上海到嘉兴·学习方式',
    );
    expect(lines).toContain(`第一党支部,1004,"'=HYPERLINK(""http://x"",""点我"")",在册,未学习,—,—,—,—`);
    expect(lines).toContain('第一党支部,1005,"王, ""五""",在册,未学习,—,—,—,—');
    expect(lines).toContain(`第一党支部,1001,张三,在册,已完成,100%,17分0秒,${day(zhangLast)},头显、集体放映`);
    // The same rows as the table, in the same order (apart from the CSV's formula guard).
    const table = [...tableRows(page.text).values()].map((cells) => cells.map((c) => csvCell(c)).join(','));
    expect(lines.slice(1)).toEqual(table);
    const scopedCsv = await get('/admin/export.csv', scoped);
    expect(decodeURIComponent(/filename\*=UTF-8''(.*)$/.exec(String(scopedCsv.headers['content-disposition']))![1]!)).toMatch(/^学习记录_第一党支部_/);
    expect(scopedCsv.body.subarray(3).toString('utf8').split('\r\n').filter(Boolean).length).toBe(6);
  });

  it.skipIf(skip)('prints a ledger per branch with members only, dates and a signature line', async () => {
    const ledger = await get(`/admin/ledger?branch=${ONE}`);
    expect(ledger.status).toBe(200);
    const text = ledger.text;
    const range = resolveRange(new URLSearchParams(), Date.now(), TZ);
    expect(text).toContain('党员学习台账');
    expect(text).toContain('<strong class="ledger-branch">第一党支部</strong>');
    expect(text).toContain(`统计期间：${day(range.sinceMs!)} 至 ${day(range.untilMs! - 1)}`);
    expect(text).toContain(`打印日期：<span class="printed-on">${day(Date.now())}</span>`);
    expect(text).toContain('支部书记签字：<span class="line"></span>');
    expect(text).toContain('id="print-button"');
    expect(text).toMatch(/<div class="toolbar no-print">/);
    const rows = [...text.matchAll(/<tr data-member-id="([^"]*)">([\s\S]*?)<\/tr>/g)].map((m) => [m[1], ...cellsOf(m[2]!)]);
    expect(rows.map((r) => r[0])).toEqual(['1003', '1004', '1002', '1005', '1001']);
    expect(rows.find((r) => r[0] === '1001')).toEqual(['1001', '5', '张三', '1001', '已完成', '100%', '17分0秒', '1 / 1', '17分0秒']);
    // Every branch on its own sheet; people not on the roster are not in a ledger.
    const all = (await get('/admin/ledger?range=all')).text;
    expect(all.match(/<section class="ledger-sheet">/g)?.length).toBe(2);
    expect(all).not.toContain('路人甲');
    expect(all).not.toContain('data-member-id="guest"');
    const scopedLedger = (await get('/admin/ledger', scoped)).text;
    expect(scopedLedger.match(/<section class="ledger-sheet">/g)?.length).toBe(1);
    expect(scopedLedger).not.toContain('赵六');
  });
});
