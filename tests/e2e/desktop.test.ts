/**
 * A member studies the first base on a desktop browser: start, hear and read the narration,
 * walk (and bump into walls), click a stop, fail then pass the first checkpoint, reload and
 * resume, pass the last checkpoint. Offline: no request may leave loopback, no console error.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canvasNotBlank, launchBrowser, openPage, startApp, type OpenedPage } from './harness';
import type { RunningServer } from '../../server/main';

let app: RunningServer;
let browser: Browser;
let opened: OpenedPage;
let page: Page;

const state = <T>(fn: string) => page.evaluate(`(() => { const r = window.__redtour; const s = r.store.getState(); const p = r.player; return ${fn}; })()`) as Promise<T>;
const waitFor = (fn: string, timeout = 30_000) =>
  page.waitForFunction(`(() => { const r = window.__redtour; if (!r) return false; const s = r.store.getState(); const p = r.player; return ${fn}; })()`, undefined, { timeout, polling: 100 });

/** Screen position of a named 3D object, or null when it is behind the camera or off screen. */
async function screenPos(name: string): Promise<{ x: number; y: number } | null> {
  return page.evaluate((objectName) => {
    const r = window.__redtour!;
    const o = r.scene!.getObjectByName(objectName);
    if (!o || !r.camera) return null;
    r.camera.updateMatrixWorld();
    const v = o.getWorldPosition(new (o.position.constructor as any)()).project(r.camera);
    if (v.z > 1 || Math.abs(v.x) > 0.95 || Math.abs(v.y) > 0.95) return null;
    const rect = r.gl!.domElement.getBoundingClientRect();
    return { x: rect.left + ((v.x + 1) / 2) * rect.width, y: rect.top + ((1 - v.y) / 2) * rect.height };
  }, name);
}

/** Answers questions from `start` on with number keys (1 = A), pressing Enter after each. */
async function answer(keys: string[][], start = 0) {
  for (const [i, options] of keys.entries()) {
    await waitFor(`s.quizIndex === ${start + i}`);
    for (const k of options) await page.keyboard.press(`Digit${k}`);
    await page.keyboard.press('Enter');
  }
}

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  opened = await openPage(browser, `${app.httpUrl}/?test`, { context: { viewport: { width: 960, height: 600 }, locale: 'zh-CN' } });
  page = opened.page;
});

afterAll(async () => {
  await opened?.close();
  await browser?.close();
  await app?.close();
});

describe('desktop walk-through of 建党 · 从上海到嘉兴', () => {
  it('lists the base and starts it with narration, subtitles and a highlighted exhibit', async () => {
    await page.click('[data-member="guest"]');
    await page.locator('[data-base="jiandang"] h2').filter({ hasText: '建党 · 从上海到嘉兴' }).waitFor();
    // The 3D view's code is fetched while the member is still on the menu (src/App.tsx).
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /\/assets\/TourView-[^/]+\.js$/.test(e.name)), undefined, { timeout: 30_000 });
    expect(await state<boolean>('s.scene === null')).toBe(true);
    await page.click('[data-base="jiandang"] [data-action="start"]');
    await waitFor('s.progress && s.progress.station === 0');
    await waitFor('r.gl && r.gl.info.render.triangles > 1000', 60_000);
    // Once the first room is shown, the second room's model loads (src/world/RoomView.tsx).
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/models/nanhu-boat.glb')), undefined, { timeout: 30_000 });
    expect(await state<number>('s.progress.station')).toBe(0);
    await waitFor("s.narrationState === 'playing'", 30_000);
    const subtitle = await page.locator('.subtitles').textContent({ timeout: 20_000 });
    expect(subtitle).toContain('我们来到上海');
    expect(await state<boolean>("r.scene.getObjectByName('highlight-shikumen-gate').visible")).toBe(true);
    const stats = await canvasNotBlank(page);
    expect(stats.notBlank).toBe(true);
    expect(stats.distinctColours).toBeGreaterThan(100);
  });

  it('pauses, replays and skips the narration', async () => {
    await page.keyboard.press('Space');
    await waitFor("s.narrationState === 'paused'");
    await page.keyboard.press('KeyR');
    await waitFor("s.narrationState === 'playing' && s.cueIndex === 0");
    await page.keyboard.press('KeyK');
    await waitFor("s.narrationState === 'ended'");
  });

  it('walks with the keyboard and stays inside the lane', async () => {
    await waitFor('p.target === null', 60_000);
    const before = await state<{ x: number; z: number }>('({ x: p.x, z: p.z })');
    // Hold W until the visitor has walked 0.2 m towards the gate (slow frames under load walk less per second).
    await page.keyboard.down('KeyW');
    await waitFor(`p.z < ${before.z - 0.2}`, 15_000).finally(() => page.keyboard.up('KeyW'));
    const after = await state<{ x: number; z: number }>('({ x: p.x, z: p.z })');
    expect(after.z).toBeLessThan(before.z - 0.2); // walked towards the gate
    expect(Math.abs(after.x - before.x)).toBeLessThan(0.05); // straight ahead
    // Stand near the lane's end wall and keep walking into it: the wall stops the visitor.
    await state('(Object.assign(p, { x: -3.3, z: 6.4, yaw: 0, target: null }), 0)');
    await page.keyboard.down('KeyA');
    await page.waitForTimeout(3000);
    await page.keyboard.up('KeyA');
    const stopped = await state<{ x: number; z: number }>('({ x: p.x, z: p.z })');
    expect(stopped.x).toBeLessThan(-3.5);
    expect(stopped.x).toBeGreaterThanOrEqual(-3.8 - 1e-6);
    expect(stopped.z).toBeCloseTo(6.4);
    await state('(Object.assign(p, { x: 0, z: 6.4, yaw: 0, target: null }), 0)');
  });

  it('clicks a stop’s light to walk there', async () => {
    // The camera follows the player on the next frame; aim only once it has.
    await waitFor('Math.abs(r.camera.position.x - p.x) < 0.01 && Math.abs(r.camera.position.z - p.z) < 0.01');
    const spot = await screenPos('hotspot-1');
    expect(spot).not.toBeNull();
    await page.mouse.click(spot!.x, spot!.y + 2);
    await waitFor('s.progress.station === 1');
    await waitFor("s.narrationState === 'playing'");
    expect(await page.locator('.subtitles').textContent()).toContain('出席大会的代表共13人');
  });

  it('fails the first checkpoint, retries and passes it, then enters the second room', async () => {
    await page.keyboard.press('KeyN');
    await page.keyboard.press('KeyN');
    await page.keyboard.press('KeyN');
    await waitFor('s.progress.station === 4');
    await page.keyboard.press('KeyN');
    expect(await state<number>('s.progress.station')).toBe(4); // the next room is locked
    await answer([['1'], ['1'], ['1'], ['1']]);
    await waitFor('s.quizResult !== null');
    expect(await state('({ right: s.quizResult.right, passed: s.quizResult.passed })')).toEqual({ right: 1, passed: false });
    await page.keyboard.press('Enter'); // retry
    await waitFor('s.quizResult === null');
    // Choose the first answer with the mouse on the in-world panel, the rest with keys.
    await waitFor('p.target === null', 60_000);
    const option = await screenPos('answer-q-opening-place-b');
    expect(option).not.toBeNull();
    await page.mouse.click(option!.x + 40, option!.y);
    await waitFor("s.quizAnswers['q-opening-place']?.[0] === 'b'");
    await page.keyboard.press('Enter');
    await answer([['2'], ['1', '3'], ['1']], 1);
    await waitFor('s.quizResult !== null');
    expect(await state('s.quizResult.right')).toBe(4);
    await page.keyboard.press('Enter'); // on to the next room
    await waitFor("s.progress.station === 5 && r.scene.getObjectByName('red-boat') !== undefined", 60_000);
  });

  it('resumes after a reload where the member stopped', async () => {
    await page.keyboard.press('KeyN');
    await waitFor('s.progress.station === 6');
    const registration = await state<string>('s.progress.registration');
    await page.reload();
    await page.click('[data-base="jiandang"] [data-action="resume"]');
    await waitFor('s.progress && s.progress.station === 6');
    expect(await state<string>('s.progress.registration')).toBe(registration);
    expect(await page.locator('.station').textContent()).toContain('大会的成果');
  });

  it('passes the last checkpoint and completes the base, offline and without errors', async () => {
    await page.keyboard.press('KeyN');
    await page.keyboard.press('KeyN');
    await waitFor('s.progress.station === 8');
    await answer([['2'], ['1', '2', '3'], ['1', '2', '3'], ['2']]);
    await waitFor('s.quizResult !== null && s.progress.completedAt !== undefined');
    await page.locator('[data-completed="true"]').waitFor();
    expect(await state<number>('s.progress.activeMs')).toBeGreaterThan(5000);
    expect(opened.offHostRequests).toEqual([]);
    expect(opened.pageErrors).toEqual([]);
    expect(opened.consoleErrors).toEqual([]);
    expect(opened.failedRequests).toEqual([]);
  });
});
