/**
 * A group screening in headless Chromium against our server on 127.0.0.1: the presenter sets up a
 * room and drives it from the keyboard/clicker keys, the projector window follows (camera glide
 * within the comfort limits, large subtitles, black screen, the question with its QR code and live
 * counts), three members answer on phone pages served by the phones' port, one phone reloads and is
 * still the same participant, the presenter reveals the answer and confirms attendance, and the
 * statements and the printable meeting record are stored. Offline, without console errors.
 */
import type { Browser, Page } from 'playwright-core';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/record/statements';
import { COMFORT } from '../../src/screening/glide';
import { stations } from '../../src/tour/progress';
import { driverOf } from '../../server/db/index';
import { importRoster } from '../../server/roster/import';
import { projectRoot } from '../../server/tls';
import { addSecretary, jiandang, startRecords, type RecordsServer } from '../unit/admin-helpers';
import { launchBrowser, openPage, type OpenedPage } from './harness';

const ROSTER = '姓名,工号/党员编号,支部\n张三,1001,第一党支部\n李四,1002,第一党支部\n王五,1003,第一党支部\n赵六,1004,第一党支部\n';
const scene = jiandang();
const list = stations(scene);
const checkpointAt = list.findIndex((s) => s.kind === 'checkpoint');
const question = scene.rooms[0]!.checkpoint!.questions[0]!;
const wrongOption = question.options.find((o) => !question.answer.includes(o.id))!.id;

let records: RecordsServer;
let browser: Browser;
let presenter: OpenedPage;
let projector: OpenedPage;
const phones: OpenedPage[] = [];
let code = '';
let meetingId = '';

const all = () => [presenter, projector, ...phones].filter(Boolean);
const station = (page: Page) => page.locator('[data-station]').first().getAttribute('data-station').then(Number);
const waitStation = (page: Page, n: number) => page.locator(`[data-station="${n}"]`).first().waitFor({ timeout: 30_000 });

beforeAll(async () => {
  records = await startRecords({ distDir: join(projectRoot, 'dist'), phone: true });
  expect((await importRoster(records.roster, Buffer.from(ROSTER))).ok).toBe(true);
  await addSecretary(records.roster, 'shuji', 'hongse-xuexi-2025');
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  for (const p of all()) await p.close().catch(() => undefined);
  await browser?.close();
  await records?.close();
});

describe('a group screening with a projector, a presenter and three phones', { timeout: 150_000 }, () => {
  it('the presenter opens a room and the projector window starts', async () => {
    presenter = await openPage(browser, `${records.base}/screening/?test`, { context: { viewport: { width: 1280, height: 800 }, locale: 'zh-CN' } });
    const p = presenter.page;
    await p.locator('button[data-base="jiandang"]').waitFor();
    await p.selectOption('select[name="branch"]', { label: '第一党支部' });
    await p.selectOption('select[name="presenter"]', '1001');
    await Promise.all([p.waitForURL(/\/screening\/\d{4}\/presenter$/), p.click('[data-action="start-screening"]')]);
    code = /\/screening\/(\d{4})\//.exec(p.url())![1]!;
    await waitStation(p, 0);
    meetingId = records.server.screening!.roomState(code)!.meetingId;

    // The projector runs in the same browser profile as the presenter window (the token is there).
    projector = await openPage(browser, `${records.base}/screening/${code}/projector?test`, {
      context: { viewport: { width: 1280, height: 720 }, locale: 'zh-CN', storageState: await presenter.context.storageState() },
    });
    const j = projector.page;
    await j.click('[data-action="start-projector"]');
    await j.locator('canvas').waitFor({ timeout: 60_000 });
    await waitStation(j, 0);
    // Large subtitles: at least 5% of the screen height, readable from the back of the room.
    const subtitle = j.locator('.projector .subtitles');
    await subtitle.waitFor({ timeout: 60_000 });
    expect(await subtitle.textContent()).toBe(scene.rooms[0]!.stops[0]!.narration[Number(await subtitle.getAttribute('data-cue'))]!.zh);
    expect(parseFloat(await subtitle.evaluate((el) => getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(720 * 0.05);
    // The presenter's script marks the sentence the projector is speaking.
    await p.locator('.script li.speaking').waitFor({ timeout: 30_000 });
  });

  it('three members join from their phones by picking their names', async () => {
    const ids = ['1002', '1003', '1004'];
    phones.push(
      ...(await Promise.all(
        ids.map(() => openPage(browser, `${records.server.phoneUrl}/j/${code}`, { context: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' } })),
      )),
    );
    await Promise.all(
      phones.map(async (phone, i) => {
        await phone.page.click(`.names button[data-member="${ids[i]}"]`);
        await phone.page.locator(`strong[data-member="${ids[i]}"]`).waitFor();
        await phone.page.locator('.status.waiting').waitFor();
      }),
    );
    await presenter.page.locator('.joined[data-joined="3"]').waitFor();
    expect(await phones[0]!.page.locator('.status.waiting').textContent()).toContain(scene.rooms[0]!.stops[0]!.title.zh);
  });

  it('follows the clicker: next glides the camera within the comfort limits, black screen, pause, jump', async () => {
    const j = projector.page;
    const p = presenter.page;
    // Watch the camera glide: between two looks, each drawn frame may have advanced the glide by at
    // most 0.1 s (a slow frame is never a jump), so the camera may have moved at most that far.
    const look = () =>
      j.evaluate(() => {
        const r = window.__redtour!;
        const c = r.camera!;
        return { frame: r.gl!.info.render.frame, x: c.position.x, z: c.position.z, yaw: c.rotation.y, pitch: c.rotation.x };
      });
    const from = await look();
    await j.keyboard.press('PageDown');
    await waitStation(p, 1);
    await waitStation(j, 1);
    const samples = [from];
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && Math.hypot(samples.at(-1)!.x - from.x, samples.at(-1)!.z - from.z) < 0.15) {
      await j.waitForTimeout(200);
      samples.push(await look());
    }
    const target = scene.rooms[0]!.stops[1]!.position;
    const last = samples.at(-1)!;
    expect(Math.hypot(last.x - from.x, last.z - from.z)).toBeGreaterThanOrEqual(0.15);
    // Still on its way, not cut to the stop.
    expect(Math.hypot(last.x - target[0]!, last.z - target[2]!)).toBeGreaterThan(0.2);
    for (let i = 1; i < samples.length; i++) {
      const a = samples[i - 1]!;
      const b = samples[i]!;
      const frames = Math.max(1, b.frame - a.frame);
      expect(Math.hypot(b.x - a.x, b.z - a.z)).toBeLessThanOrEqual(COMFORT.maxSpeed * 0.1 * frames * 1.05);
      expect(Math.hypot(b.yaw - a.yaw, b.pitch - a.pitch)).toBeLessThanOrEqual(COMFORT.maxAngular * 0.1 * frames * 1.05);
    }

    await p.keyboard.press('b');
    await j.locator('.projector-black').waitFor();
    await p.keyboard.press('PageDown'); // first brings the picture back, without moving on
    await j.locator('.projector-black').waitFor({ state: 'detached' });
    expect(await station(p)).toBe(1);
    await p.keyboard.press('.');
    await j.locator('.projector-black').waitFor();
    await p.keyboard.press('b');
    await j.locator('.projector-black').waitFor({ state: 'detached' });

    await j.keyboard.press(' ');
    await j.waitForFunction(() => window.__redtour!.store.getState().narrationState === 'paused', undefined, { timeout: 30_000 });
    await p.locator('.narration-state[data-state="paused"]').waitFor();
    await p.keyboard.press(' ');
    await j.waitForFunction(() => ['playing', 'fallback', 'ended'].includes(window.__redtour!.store.getState().narrationState), undefined, { timeout: 30_000 });

    // F5 on a clicker: full screen, never a reload.
    await j.evaluate(() => ((window as unknown as { beforeF5: boolean }).beforeF5 = true));
    await j.keyboard.press('F5');
    expect(await j.evaluate(() => (window as unknown as { beforeF5?: boolean }).beforeF5)).toBe(true);

    // Type the stop number and Enter: straight to the first checkpoint.
    for (const key of String(checkpointAt + 1)) await p.keyboard.press(key);
    await p.keyboard.press('Enter');
    await waitStation(j, checkpointAt);
    await waitStation(p, checkpointAt);
  });

  it('shows the question and QR code; phones answer; the projector counts live; a phone reconnects', async () => {
    const j = projector.page;
    const pq = j.locator(`.projector-question[data-question="${question.id}"][data-phase="open"]`);
    await pq.waitFor({ timeout: 30_000 });
    expect(await j.locator('.projector-question .join-url').textContent()).toBe(`${records.server.phoneUrl}/j/${code}`);
    await expect.poll(() => j.locator('.projector-question .join-code img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);

    const [a, b, c] = phones.map((x) => x.page);
    for (const page of [a!, b!, c!]) await page.locator(`.question[data-question="${question.id}"]`).waitFor();
    await a!.click(`.option[data-option="${question.answer[0]}"]`);
    await b!.click(`.option[data-option="${wrongOption}"]`);
    await c!.click(`.option[data-option="${wrongOption}"]`);
    await j.locator('.pq-answered[data-answered="3"]').waitFor();
    // While answers are open the projector shows how many answered, not how they answered.
    expect(await j.locator('.pq-bar').count()).toBe(0);
    await presenter.page.locator(`.counts li[data-option="${wrongOption}"][data-count="2"]`).waitFor();

    // The third phone drops (a reload) and is the same participant with its answer when it is back.
    await c!.reload();
    await c!.locator('strong[data-member="1004"]').waitFor();
    await c!.locator(`.option[data-option="${wrongOption}"][aria-pressed="true"]`).waitFor();
    await c!.click(`.option[data-option="${question.answer[0]}"]`);
    await presenter.page.locator(`.counts li[data-option="${wrongOption}"][data-count="1"]`).waitFor();
    await j.locator('.pq-answered[data-answered="3"]').waitFor();
    // The presenter window reloads too and gets the room back.
    await presenter.page.reload();
    await presenter.page.locator(`.question-control[data-question="${question.id}"] .answered[data-answered="3"]`).waitFor();
  });

  it('reveals the right answer and its explanation on the projector and the phones', async () => {
    const j = projector.page;
    await j.keyboard.press('PageDown');
    await j.locator('.projector-question[data-phase="revealed"]').waitFor();
    expect(await j.locator('.pq-explanation').textContent()).toBe(question.explanation.zh);
    expect(await j.locator(`.pq-options li[data-option="${question.answer[0]}"] .pq-bar`).getAttribute('data-count')).toBe('2');
    expect(await j.locator(`.pq-options li[data-option="${wrongOption}"] .pq-bar`).getAttribute('data-count')).toBe('1');
    const [a, b, c] = phones.map((x) => x.page);
    await a!.locator('.result[data-result="right"]').waitFor();
    await b!.locator('.result[data-result="wrong"]').waitFor();
    await c!.locator('.result[data-result="right"]').waitFor();
    expect(await b!.locator('.result p').textContent()).toBe(question.explanation.zh);
  });

  it('confirms attendance (phones pre-ticked) and stores the records once', async () => {
    const p = presenter.page;
    await p.click('[data-action="end"]');
    for (const id of ['1002', '1003', '1004']) await p.locator(`input[data-member="${id}"]:checked`).waitFor();
    expect(await p.locator('input[data-member="1001"]').isChecked()).toBe(false);
    await p.check('input[data-member="1001"]');
    await p.click('[data-action="confirm"]');
    await p.locator('.recorded').waitFor({ timeout: 30_000 });
    expect(await p.locator('.recorded').textContent()).toContain('4');
    for (const phone of phones) await phone.page.locator('.ended').waitFor();
    expect(await phones[0]!.page.locator('.ended').textContent()).toContain('已记入学习记录');

    const driver = driverOf(records.server.records!);
    const rows = await driver.all<{ verb_id: string; actor_ifi: string }>('SELECT verb_id, actor_ifi FROM statements WHERE registration = ?', [meetingId]);
    expect(rows.filter((r) => r.verb_id === VERBS.attended.id)).toHaveLength(4);
    expect(rows.filter((r) => r.verb_id === VERBS.answered.id)).toHaveLength(3);
    // A second confirmation (a double click, a retry) stores nothing more.
    await p.evaluate(() => (document.querySelector('[data-action="confirm"]') as HTMLButtonElement | null)?.click());
    expect(await driver.all('SELECT id FROM statements WHERE registration = ?', [meetingId])).toHaveLength(7);
  });

  it('the secretary prints the meeting record and sees the screening in the members × bases table', async () => {
    const page = await presenter.context.newPage();
    await page.goto(`${records.base}/admin/meetings`);
    await page.fill('input[name="username"]', 'shuji');
    await page.fill('input[name="password"]', 'hongse-xuexi-2025');
    await Promise.all([page.waitForURL(/\/admin\/meetings$/), page.click('form.login button[type="submit"]')]);
    await Promise.all([page.waitForURL(new RegExp(`/admin/meetings/${meetingId}$`)), page.click(`tr[data-meeting="${meetingId}"] a`)]);
    await expect(page.locator('.meeting-base').textContent()).resolves.toBe(scene.title.zh);
    await expect(page.locator('.meeting-presenter').textContent()).resolves.toBe('张三');
    await expect(page.locator('.meeting-count').textContent()).resolves.toBe('4 人');
    const attendees = await page.locator('#attendees tbody tr').evaluateAll((trs) => trs.map((tr) => [...(tr as HTMLTableRowElement).cells].map((c) => c.textContent)));
    expect(attendees.map((r) => [r[1], r[3], r[4], r[5]])).toEqual([
      ['张三', '主讲人确认', '0', '0'],
      ['李四', '手机加入', '1', '1'],
      ['王五', '手机加入', '1', '0'],
      ['赵六', '手机加入', '1', '1'],
    ]);
    const q = await page.locator(`#questions tr[data-question="${question.id}"] td`).allTextContents();
    expect(q.slice(2, 5)).toEqual(['3', '2', '67%']);
    expect(await page.locator('#print-button').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#print-button').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });

    await page.goto(`${records.base}/admin/?range=all`);
    const cells = await page.locator('#study-table tr[data-member-id="1002"] td').allTextContents();
    expect(cells.at(-1)).toBe('集体放映');
    expect(cells[4]).toBe('未完成');
    await page.close();
  });

  it('stayed on our server and raised no error in any window', () => {
    for (const opened of all()) {
      expect(opened.offHostRequests).toEqual([]);
      expect(opened.pageErrors).toEqual([]);
      expect(opened.consoleErrors).toEqual([]);
      expect(opened.failedRequests).toEqual([]);
    }
  });
});
