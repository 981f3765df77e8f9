/**
 * Every base, walked to its end on desktop by a member: each stop is reached with the station key,
 * its narration plays with the stop's first subtitle line and its exhibit lit, each checkpoint is
 * answered from the content's own answers and passed, and the base completes — offline, with no
 * missing file and no console error. (The first base has its own, more detailed walk in
 * desktop.test.ts; this test is the one that grows with the content.)
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scene } from '../../src/content/schema';
import { stations } from '../../src/tour/progress';
import { loadAllScenes, ROOT } from '../../tools/scenes';
import { canvasNotBlank, launchBrowser, openPage, startApp } from './harness';
import type { RunningServer } from '../../server/main';

/** Bases with a detailed walk-through of their own elsewhere. */
const WALKED_ELSEWHERE = new Set(['jiandang']);

const scenes: Scene[] = loadAllScenes().flatMap((r) => (r.ok && !WALKED_ELSEWHERE.has(r.scene.id) ? [r.scene] : []));

let app: RunningServer;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('desktop walk-through of every base', () => {
  it('finds the bases on disk', () => {
    const folders = readdirSync(join(ROOT, 'scenes'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(scenes.map((s) => s.id).sort()).toEqual(folders.filter((f) => !WALKED_ELSEWHERE.has(f)).sort());
  });

  it.each(scenes.map((s) => [s.id, s] as const))(
    '%s: every stop narrated with subtitles, both checkpoints passed, completed offline without errors',
    async (baseId, scene) => {
      const opened = await openPage(browser, `${app.httpUrl}/?test`, { context: { viewport: { width: 960, height: 600 }, locale: 'zh-CN' } });
      const page: Page = opened.page;
      const waitFor = (fn: string, timeout = 30_000) =>
        page.waitForFunction(`(() => { const r = window.__redtour; if (!r) return false; const s = r.store.getState(); const p = r.player; return ${fn}; })()`, undefined, {
          timeout,
          polling: 100,
        });
      const state = <T>(fn: string) => page.evaluate(`(() => { const r = window.__redtour; const s = r.store.getState(); return ${fn}; })()`) as Promise<T>;
      try {
        await page.click('[data-member="guest"]');
        await page.locator(`[data-base="${baseId}"] h2`).filter({ hasText: scene.title.zh }).waitFor();
        await page.click(`[data-base="${baseId}"] [data-action="start"]`);
        await waitFor('s.progress && s.progress.station === 0');

        const list = stations(scene);
        let room = -1;
        let arrived = true; // passing a checkpoint (Enter) moves on by itself
        for (const [index, station] of list.entries()) {
          if (!arrived) await page.keyboard.press('KeyN');
          await waitFor(`s.progress.station === ${index}`);
          arrived = false;
          if (station.room !== room) {
            room = station.room;
            // the room's own geometry is in the scene and drawn
            await waitFor('r.gl && r.gl.info.render.triangles > 500', 60_000);
            const stats = await canvasNotBlank(page);
            expect(stats.notBlank, `${baseId} room ${room} is blank`).toBe(true);
          }
          if (station.kind === 'stop') {
            const { stop } = station;
            await waitFor("s.narrationState === 'playing'", 60_000).catch(async (error: Error) => {
              const now = await state<unknown>('({ station: s.progress.station, narration: s.narrationState, cue: s.cueIndex })');
              throw new Error(`${stop.id}: narration did not play: ${JSON.stringify(now)}; console: ${opened.consoleErrors.join(' | ')}; failed: ${opened.failedRequests.join(' | ')}; ${error.message.split('\n')[0]}`);
            });
            await page.locator('.subtitles').waitFor({ timeout: 20_000 });
            // the subtitle shown is the cue the narration is at (read together, as time moves on)
            const shown = await state<{ cue: number; text: string }>("({ cue: s.cueIndex, text: document.querySelector('.subtitles')?.textContent ?? '' })");
            expect(shown.text, `${stop.id} subtitle`).toContain(stop.narration[shown.cue]!.zh);
            expect(await page.locator('.station').textContent()).toContain(stop.title.zh);
            if (stop.exhibit) expect(await state<boolean>(`!!r.scene.getObjectByName('highlight-${stop.exhibit}')?.visible`), `${stop.id} highlight`).toBe(true);
          } else {
            const { checkpoint } = station;
            await page.keyboard.press('KeyN');
            expect(await state<number>('s.progress.station'), 'a checkpoint must be passed to go on').toBe(index);
            for (const [qi, question] of checkpoint.questions.entries()) {
              await waitFor(`s.quizIndex === ${qi}`);
              for (const answer of question.answer) {
                const key = question.options.findIndex((o) => o.id === answer) + 1;
                await page.keyboard.press(`Digit${key}`);
              }
              await page.keyboard.press('Enter');
            }
            await waitFor('s.quizResult !== null');
            expect(await state('({ right: s.quizResult.right, passed: s.quizResult.passed })')).toEqual({ right: checkpoint.questions.length, passed: true });
            if (index < list.length - 1) {
              await page.keyboard.press('Enter');
              arrived = true;
            }
          }
        }
        await waitFor('s.progress.completedAt !== undefined');
        await page.locator('[data-completed="true"]').waitFor();
        expect(opened.offHostRequests).toEqual([]);
        expect(opened.pageErrors).toEqual([]);
        expect(opened.consoleErrors).toEqual([]);
        expect(opened.failedRequests).toEqual([]);
      } finally {
        await opened.close();
      }
    },
    240_000,
  );
});
