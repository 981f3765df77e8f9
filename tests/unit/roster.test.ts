/**
 * The roster: decoding and parsing Excel's CSV/TSV files, the all-or-nothing import with row
 * errors, idempotent re-import, the CLI, and `GET /api/roster` — over real HTTP on 127.0.0.1
 * with real SQLite in a temp dir and a throw-away PostgreSQL cluster.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driverOf, openStore, type StatementStore } from '../../server/db/index';
import { RosterStore } from '../../server/db/roster';
import { runRosterCli } from '../../server/roster/cli';
import { decodeText, parseDelimited } from '../../server/roster/csv';
import { importRoster, newBranchId } from '../../server/roster/import';
import { skipPostgres, startPostgres, type TestPostgres } from '../pg';
import { call, startRecords, type RecordsServer } from './admin-helpers';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const utf8 = (text: string, bom = false) => Buffer.concat([bom ? BOM : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
// "姓名,工号,支部\r\n张三,1001,第一党支部\r\n李四,1002,第一党支部\r\n" as Excel saves it on Chinese Windows (GBK).
const GBK_FILE = Buffer.from(
  'd0d5c3fb2cb9a4bac52cd6a7b2bf0d0ad5c5c8fd2c313030312cb5dad2bbb5b3d6a7b2bf0d0ac0eecbc42c313030322cb5dad2bbb5b3d6a7b2bf0d0a',
  'hex',
);

describe('decoding roster files', () => {
  it('reads UTF-8 with and without BOM', () => {
    expect(decodeText(utf8('姓名,工号\r\n张三,1', true))).toEqual({ text: '姓名,工号\r\n张三,1', encoding: 'utf-8' });
    expect(decodeText(utf8('姓名,工号\r\n张三,1'))).toEqual({ text: '姓名,工号\r\n张三,1', encoding: 'utf-8' });
  });

  it('falls back to GB18030 for GBK bytes (and its four-byte characters)', () => {
    expect(decodeText(GBK_FILE)).toEqual({ text: '姓名,工号,支部\r\n张三,1001,第一党支部\r\n李四,1002,第一党支部\r\n', encoding: 'gb18030' });
    // 𠀀 (U+20000), a rare character in names, is four bytes in GB18030.
    const rare = Buffer.concat([Buffer.from('d5c5', 'hex'), Buffer.from('95328236', 'hex')]);
    expect(decodeText(rare)).toEqual({ text: '张𠀀', encoding: 'gb18030' });
  });

  it('reads UTF-16 "Unicode text" with its BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('姓名\t工号\r\n张三\t1', 'utf16le')]);
    expect(decodeText(le)).toEqual({ text: '姓名\t工号\r\n张三\t1', encoding: 'utf-16le' });
  });
});

describe('parsing CSV and tab-separated text (RFC 4180)', () => {
  it('splits commas, CRLF, LF and CR, with or without a final line break', () => {
    const expected = [['a', 'b'], ['1', '2']];
    for (const text of ['a,b\r\n1,2\r\n', 'a,b\n1,2', 'a,b\r1,2\r', 'a,b\r\n1,2']) {
      expect(parseDelimited(text)).toEqual({ ok: true, table: { records: expected, delimiter: ',' } });
    }
  });

  it('handles quotes: commas, doubled quotes and line breaks inside', () => {
    const parsed = parseDelimited('姓名,备注\r\n"王, 五","他说""你好"""\r\n"多\r\n行",x\r\n"",\r\n');
    expect(parsed).toEqual({
      ok: true,
      table: { records: [['姓名', '备注'], ['王, 五', '他说"你好"'], ['多\r\n行', 'x'], ['', '']], delimiter: ',' },
    });
  });

  it('detects tabs from the header and keeps commas as data then', () => {
    const parsed = parseDelimited('姓名\t工号\t支部\n王,五\t1003\t"第二\t支部"\n');
    expect(parsed).toEqual({ ok: true, table: { records: [['姓名', '工号', '支部'], ['王,五', '1003', '第二\t支部']], delimiter: '\t' } });
  });

  it('keeps a quote inside an unquoted field, and reports an unclosed quote at its row', () => {
    expect(parseDelimited('a\r\n5"1\r\n')).toEqual({ ok: true, table: { records: [['a'], ['5"1']], delimiter: ',' } });
    expect(parseDelimited('a,b\r\n1,2\r\n"3,4\r\n5,6\r\n')).toEqual({ ok: false, row: 3, reason: 'unclosed-quote' });
  });

  it('keeps blank lines as records so row numbers match Excel', () => {
    const parsed = parseDelimited('a\r\n\r\nb\r\n');
    expect(parsed.ok && parsed.table.records).toEqual([['a'], [''], ['b']]);
  });
});

it('gives a new branch a stable id: its name when that is ASCII, else a hash', () => {
  expect(newBranchId('zhibu-3', new Set())).toBe('zhibu-3');
  const id = newBranchId('第一党支部', new Set());
  expect(id).toMatch(/^zb-[0-9a-f]{8}$/);
  expect(newBranchId('第一党支部', new Set())).toBe(id);
  expect(newBranchId('第一党支部', new Set([id]))).toMatch(/^zb-[0-9a-f]{12}$/);
  expect(newBranchId('zhibu-3', new Set(['zhibu-3']))).toMatch(/^zb-/);
});

let pg: TestPostgres | null = null;
const backends = [
  { name: 'SQLite', skip: false },
  { name: 'PostgreSQL', skip: skipPostgres },
] as const;

afterAll(async () => {
  await pg?.stop();
});

describe.each(backends)('roster import on $name', ({ name, skip }) => {
  let store: StatementStore;
  let roster: RosterStore;
  let dir: string;

  beforeAll(async () => {
    if (skip) return;
    dir = mkdtempSync(join(tmpdir(), 'redtour-roster-'));
    if (name === 'PostgreSQL') {
      pg ??= await startPostgres();
      store = await openStore({ databaseUrl: await pg.createDatabase('roster_import') });
    } else store = await openStore({ dataDir: dir });
    roster = new RosterStore(driverOf(store));
  }, 60_000);

  afterAll(async () => {
    if (skip) return;
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const members = async () =>
    (await roster.listMembers({ includeInactive: true })).map((m) => [m.id, m.name, m.branchId, m.active]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));

  it.skipIf(skip)('imports a GBK file, creating the branches it names, and re-imports it without changes', async () => {
    const first = await importRoster(roster, GBK_FILE);
    expect(first).toMatchObject({ ok: true, summary: { encoding: 'gb18030', delimiter: 'comma', rows: 2, created: 2, updated: 0, unchanged: 0 } });
    const branchId = newBranchId('第一党支部', new Set());
    expect(first.ok && first.summary.branchesCreated).toEqual([{ id: branchId, name: '第一党支部' }]);
    expect(await members()).toEqual([
      ['1001', '张三', branchId, true],
      ['1002', '李四', branchId, true],
    ]);
    const again = await importRoster(roster, GBK_FILE);
    expect(again).toMatchObject({ ok: true, summary: { created: 0, updated: 0, unchanged: 2, branchesCreated: [] } });
    // The same people saved as UTF-8 with BOM, tab-separated, with the combined header: still nothing to do.
    const tsv = utf8('工号/党员编号\t姓名\t支部\r\n1001\t张三\t第一党支部\r\n1002\t李四\t' + branchId + '\r\n', true);
    expect(await importRoster(roster, tsv)).toMatchObject({ ok: true, summary: { delimiter: 'tab', unchanged: 2, created: 0 } });
    expect((await roster.listBranches()).length).toBe(1);
  });

  it.skipIf(skip)('lists every bad row with its Excel row number and field, and imports nothing', async () => {
    const before = await members();
    const file = utf8(
      [
        '序号,姓名,党员编号,支部',
        '1,赵六,2001,第三党支部', // row 2: fine on its own
        '2,,2002,第三党支部', // row 3: empty name
        '3,钱七,,第三党支部', // row 4: empty id
        '4,孙八,2001,第三党支部', // row 5: duplicate of row 2
        ',,,', // row 6: blank, skipped
        '5,周九,1001,第三党支部', // row 7: 1001 is 张三
        '6,吴十,guest,第三党支部', // row 8: reserved
        '7,郑一,3001,', // row 9: no branch
        '8,王二,1.23E+11,第三党支部', // row 10: Excel's scientific notation
        '9,冯三,30 02,第三党支部', // row 11: space in id
      ].join('\r\n'),
    );
    const result = await importRoster(roster, file);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => [e.row, e.field])).toEqual([
      [3, '姓名'],
      [4, '党员编号'],
      [5, '党员编号'],
      [7, '姓名'],
      [8, '党员编号'],
      [9, '支部'],
      [10, '党员编号'],
      [11, '党员编号'],
    ]);
    const reasons = !result.ok ? result.errors.map((e) => e.reason) : [];
    expect(reasons[0]).toBe('姓名为空');
    expect(reasons[1]).toBe('编号为空');
    expect(reasons[2]).toBe('编号与第 2 行重复');
    expect(reasons[3]).toContain('张三');
    expect(reasons[3]).toContain('允许更新姓名');
    expect(reasons[4]).toContain('访客');
    expect(reasons[5]).toContain('支部为空');
    expect(reasons[6]).toContain('科学计数法');
    expect(await members()).toEqual(before);
    expect((await roster.listBranches()).map((b) => b.name)).not.toContain('第三党支部');
  });

  it.skipIf(skip)('reports header problems at row 1 and an unclosed quote at its row', async () => {
    const noId = await importRoster(roster, utf8('姓名,支部\r\n张三,一支部\r\n'));
    expect(noId).toEqual({ ok: false, errors: [{ row: 1, field: null, reason: expect.stringContaining('工号/党员编号') }] });
    const noBranch = await importRoster(roster, utf8('姓名,工号\r\n张三,1001\r\n'));
    expect(!noBranch.ok && noBranch.errors[0]).toMatchObject({ row: 1, reason: expect.stringContaining('支部') });
    const twoIds = await importRoster(roster, utf8('姓名,工号,党员编号,支部\r\n张三,1,2,x\r\n'));
    expect(!twoIds.ok && twoIds.errors[0]).toMatchObject({ row: 1, field: '党员编号' });
    const quote = await importRoster(roster, utf8('姓名,工号,支部\r\n张三,1001,一支部\r\n"李四,1002,一支部\r\n'));
    expect(quote).toEqual({ ok: false, errors: [{ row: 3, field: null, reason: expect.stringContaining('引号') }] });
    expect(await importRoster(roster, Buffer.alloc(0))).toMatchObject({ ok: false, errors: [{ row: 1 }] });
    expect(await importRoster(roster, utf8('姓名,工号,支部\r\n'))).toMatchObject({ ok: false, errors: [{ row: 2 }] });
  });

  it.skipIf(skip)('uses the chosen branch for empty cells, renames only when allowed, moves members, deactivates only on request', async () => {
    const file = utf8('姓名,工号\r\n赵六,2001\r\n钱七,2002\r\n');
    const result = await importRoster(roster, file, { branch: 'zhibu-4' });
    expect(result).toMatchObject({ ok: true, summary: { created: 2, branchesCreated: [{ id: 'zhibu-4', name: 'zhibu-4' }] } });

    const renamed = utf8('姓名,工号,支部\r\n赵六六,2001,zhibu-4\r\n');
    expect((await importRoster(roster, renamed)).ok).toBe(false);
    expect(await importRoster(roster, renamed, { allowRename: true })).toMatchObject({ ok: true, summary: { updated: 1, renamed: 1 } });

    // Missing members are kept…
    expect(await importRoster(roster, utf8('姓名,工号,支部\r\n赵六六,2001,zhibu-4\r\n'))).toMatchObject({ ok: true, summary: { deactivated: 0, unchanged: 1 } });
    expect((await roster.listMembers({ branchId: 'zhibu-4' })).length).toBe(2);
    // … unless asked; only in the branches the file covers (张三 and 李四 stay active).
    expect(
      await importRoster(roster, utf8('姓名,工号,支部\r\n赵六六,2001,zhibu-4\r\n'), { deactivateMissing: true }),
    ).toMatchObject({ ok: true, summary: { deactivated: 1 } });
    expect((await roster.listMembers()).map((m) => m.id).sort()).toEqual(['1001', '1002', '2001']);
    // Importing 钱七 again makes them active again; moving 赵六六 to another branch is allowed.
    expect(
      await importRoster(roster, utf8('姓名,工号,支部\r\n钱七,2002,zhibu-4\r\n赵六六,2001,第一党支部\r\n')),
    ).toMatchObject({ ok: true, summary: { updated: 2, reactivated: 1, moved: 1 } });
    expect((await roster.membersByIds(['2001'])).get('2001')?.branchId).toBe(newBranchId('第一党支部', new Set()));
  });

  it.skipIf(skip)('keeps a secretary of one branch inside it', async () => {
    const own = 'zhibu-4';
    const file = utf8('姓名,工号,支部\r\n新人,2100,\r\n张三,1001,zhibu-4\r\n外人,2101,第一党支部\r\n');
    const result = await importRoster(roster, file, { restrictToBranch: own });
    expect(!result.ok && result.errors.map((e) => [e.row, e.field])).toEqual([
      [3, '工号'],
      [4, '支部'],
    ]);
    expect(await importRoster(roster, utf8('姓名,工号\r\n新人,2100\r\n'), { restrictToBranch: own })).toMatchObject({
      ok: true,
      summary: { created: 1 },
    });
    expect((await roster.membersByIds(['2100'])).get('2100')?.branchId).toBe(own);
  });
});

describe('the roster CLI and GET /api/roster', () => {
  let records: RecordsServer;
  let dir: string;

  beforeAll(async () => {
    records = await startRecords();
    dir = mkdtempSync(join(tmpdir(), 'redtour-roster-cli-'));
  });

  afterAll(async () => {
    await records.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves an empty roster before any import (the app then offers only 访客)', async () => {
    const reply = await call(records.base, 'GET', '/api/roster');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(reply.json).toEqual({ branches: [], members: [] });
  });

  it('imports with the CLI (exit 1 and row errors for a bad file, exit 0 otherwise)', async () => {
    const lines: string[] = [];
    const errors: string[] = [];
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, utf8('姓名,工号,支部\r\n,1,一支部\r\n', true));
    expect(await runRosterCli(['import', bad, '--data-dir', dir], {}, (l) => lines.push(l), (l) => errors.push(l))).toBe(1);
    expect(errors.join('\n')).toContain('第 2 行【姓名】：姓名为空');
    const good = join(dir, 'good.csv');
    writeFileSync(good, utf8('姓名,工号,支部\r\n张三,1001,一支部\r\n', true));
    expect(await runRosterCli(['import', good, '--data-dir', dir], {}, (l) => lines.push(l), (l) => errors.push(l))).toBe(0);
    expect(lines.join('\n')).toContain('新增 1 人');
    expect(await runRosterCli(['list', '--data-dir', dir], {}, (l) => lines.push(l), (l) => errors.push(l))).toBe(0);
    expect(lines).toContain('一支部\t1001\t张三');
    expect(await runRosterCli(['import'], {}, () => {}, () => {})).toBe(2);
  });

  it('lists active members only, by branch then name in pinyin order', async () => {
    const file = utf8(
      [
        '姓名,工号/党员编号,支部',
        '赵六,3001,第二党支部',
        '安娜,3002,第二党支部',
        '王五,1003,第一党支部',
        '李四,1002,第一党支部',
        '阿强,1004,第一党支部',
        '张三,1001,第一党支部',
        '停用者,1009,第一党支部',
        '孤单,5001,只有停用者的支部',
      ].join('\r\n'),
      true,
    );
    expect((await importRoster(records.roster, file)).ok).toBe(true);
    expect((await importRoster(records.roster, utf8('姓名,工号,支部\r\n张三,1001,第一党支部\r\n李四,1002,第一党支部\r\n王五,1003,第一党支部\r\n阿强,1004,第一党支部\r\n'), { deactivateMissing: true })).ok).toBe(true);
    await records.roster.deactivateMembers(['5001']);
    const reply = await call(records.base, 'GET', '/api/roster');
    const one = newBranchId('第一党支部', new Set());
    const two = newBranchId('第二党支部', new Set());
    // 第二 (dì èr) sorts before 第一 (dì yī) in pinyin; 阿 (ā) < 李 (lǐ) < 王 (wáng) < 张 (zhāng).
    expect(reply.json).toEqual({
      branches: [
        { id: two, name: '第二党支部' },
        { id: one, name: '第一党支部' },
      ],
      members: [
        { id: '3002', name: '安娜', branch: two },
        { id: '3001', name: '赵六', branch: two },
        { id: '1004', name: '阿强', branch: one },
        { id: '1002', name: '李四', branch: one },
        { id: '1003', name: '王五', branch: one },
        { id: '1001', name: '张三', branch: one },
      ],
    });
    expect((await call(records.base, 'HEAD', '/api/roster')).body.length).toBe(0);
    expect((await call(records.base, 'POST', '/api/roster')).status).toBe(405);
  });
});
