/**
 * A branch secretary uses the dashboard in Chromium: logs in, imports the roster file, sees the
 * row of a member who finished the first base (the app's own statements, posted through
 * `/xapi/statements` with the device credential from `/api/config`), downloads the CSV through
 * the page's export link and finds the table in it, and opens the printable ledger. Offline,
 * with no console error (a Content-Security-Policy violation would be one).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvCell } from '../../server/admin/csv';
import { projectRoot } from '../../server/tls';
import { addSecretary, jiandang, postStatements, startRecords, tourStatements, type RecordsServer } from '../unit/admin-helpers';
import { launchBrowser, openPage, type OpenedPage } from './harness';

let records: RecordsServer;
let browser: Browser;
let opened: OpenedPage;
let page: Page;
const scene = jiandang();
let finishedAt = 0;

beforeAll(async () => {
  records = await startRecords({ distDir: join(projectRoot, 'dist') });
  await addSecretary(records.roster, 'shuji', 'hongse-xuexi-2025');
  browser = await launchBrowser();
  opened = await openPage(browser, `${records.base}/admin/`, {
    context: { viewport: { width: 1280, height: 800 }, locale: 'zh-CN', acceptDownloads: true },
  });
  page = opened.page;
});

afterAll(async () => {
  await opened?.close();
  await browser?.close();
  await records?.close();
});

/** The texts of the study table's body rows. */
const tableRows = () =>
  page.$$eval('#study-table tbody tr', (rows) => rows.map((row) => [...(row as HTMLTableRowElement).cells].map((cell) => cell.textContent ?? '')));

describe('the dashboard in a browser', () => {
  it('asks for a login first, then shows the dashboard', async () => {
    await page.locator('form.login').waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/login');
    await page.fill('input[name="username"]', 'shuji');
    await page.fill('input[name="password"]', 'wrong password');
    await page.click('form.login button[type="submit"]');
    await expect(page.locator('.error').textContent()).resolves.toBe('用户名或密码错误');
    await page.fill('input[name="password"]', 'hongse-xuexi-2025');
    await Promise.all([page.waitForURL(`${records.base}/admin/`), page.click('form.login button[type="submit"]')]);
    await expect(page.locator('h2').first().textContent()).resolves.toContain('党员学习情况');
  });

  it('imports the roster file through the upload form', async () => {
    await Promise.all([page.waitForURL(/\/admin\/roster$/), page.click('nav >> text=名册')]);
    const file = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('姓名,工号/党员编号,支部\r\n张三,1001,第一党支部\r\n李四,1002,第一党支部\r\n', 'utf8')]);
    await page.setInputFiles('input[name="file"]', { name: '名册.csv', mimeType: 'text/csv', buffer: file });
    await Promise.all([page.waitForURL(/\/admin\/roster\/import$/), page.click('.import-form button[type="submit"]')]);
    await expect(page.locator('.notice.ok').textContent()).resolves.toContain('新增 2 人');
    expect(await records.roster.countMembers()).toBe(2);
  });

  it("shows the row of a member who finished the base with the app's statements", async () => {
    const cps = scene.rooms.map((r) => r.checkpoint!);
    const right = (i: number) => Object.fromEntries(cps[i]!.questions.map((q) => [q.id, q.answer]));
    const statements = tourStatements(scene, records.config, {
      memberId: '1001',
      name: '张三',
      registration: randomUUID(),
      mode: 'headset',
      start: new Date(Date.now() - 15 * 60_000),
      // One wrong answer at the second checkpoint: 3 of 4 → base score (1 + 0.75) / 2.
      attempts: { [cps[0]!.id]: [right(0)], [cps[1]!.id]: [{ ...right(1), 'q-secretary': ['true'] }] },
      activeMs: 754_000,
    });
    await postStatements(records, statements);
    finishedAt = Date.parse(statements.at(-1)!.timestamp);

    await Promise.all([page.waitForURL(/\/admin\/(\?.*)?$/), page.click('nav >> text=学习情况')]);
    const row = page.locator('#study-table tr[data-member-id="1001"]');
    await row.waitFor();
    const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(finishedAt));
    const cells = await row.locator('td').allTextContents();
    expect(cells).toEqual(['第一党支部', '1001', '张三', '在册', '已完成', '88%', '12分34秒', day, '头显']);
    const other = await page.locator('#study-table tr[data-member-id="1002"] td').allTextContents();
    expect(other.slice(2, 5)).toEqual(['李四', '在册', '未学习']);
    await expect(page.locator('tr[data-question="q-secretary"] td').nth(4).textContent()).resolves.toBe('0%');
  });

  it('downloads the CSV through the export link, with the same rows as the table', async () => {
    const table = await tableRows();
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    expect(download.suggestedFilename()).toMatch(/^学习记录_全部支部_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines[0]!.split(',').slice(0, 5)).toEqual(['支部', '工号/党员编号', '姓名', '名册状态', '建党 · 从上海到嘉兴·完成情况']);
    expect(lines.slice(1)).toEqual(table.map((cells) => cells.map(csvCell).join(',')));
    expect(lines).toContain(table.find((cells) => cells[1] === '1001')!.join(','));
  });

  it('opens the printable ledger, whose navigation disappears on paper', async () => {
    await Promise.all([page.waitForURL(/\/admin\/ledger\?/), page.click('#ledger-link')]);
    await expect(page.locator('.ledger-sheet h1').textContent()).resolves.toBe('红色VR学习馆 · 党员学习台账');
    await expect(page.locator('.ledger-branch').textContent()).resolves.toBe('第一党支部');
    const cells = await page.locator('.ledger tr[data-member-id="1001"] td').allTextContents();
    expect(cells).toEqual(['2', '张三', '1001', '已完成', '88%', '12分34秒', '1 / 1', '12分34秒']);
    await expect(page.locator('.signature').textContent()).resolves.toContain('支部书记签字：');
    expect(await page.locator('#print-button').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#print-button').isVisible()).toBe(false);
    expect(await page.locator('header.top').isVisible()).toBe(false);
    expect(await page.locator('.filters').isVisible()).toBe(false);
    expect(await page.locator('.ledger-sheet').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
  });

  it('stayed offline and raised no console error', () => {
    expect(opened.offHostRequests).toEqual([]);
    expect(opened.pageErrors).toEqual([]);
    // The one 401 is the wrong password on purpose (Chromium logs any 4xx page); no CSP violation.
    expect(opened.consoleErrors).toEqual([expect.stringMatching(/status of 401 .*\/admin\/login/)]);
    expect(opened.failedRequests).toEqual([`401 ${records.base}/admin/login`]);
  });
});
