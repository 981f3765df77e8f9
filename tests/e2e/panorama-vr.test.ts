/**
 * A panorama room in VR, on the emulated Meta Quest 3: the photo is drawn around the headset,
 * there is no teleport arc (pulling the trigger at the floor moves nobody), snap turning still
 * turns, and the controller ray picks a hotspot, which goes to its stop. Offline, no errors.
 * (Driving the emulator: see vr.test.ts.)
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scene } from '../../src/content/schema';
import { stations } from '../../src/tour/progress';
import { loadAllScenes } from '../../tools/scenes';
import { canvasNotBlank, launchBrowser, openPage, startApp, type OpenedPage } from './harness';
import type { RunningServer } from '../../server/main';

const found = loadAllScenes()
  .flatMap((r) => (r.ok ? r.scene.rooms.map((room, index) => ({ scene: r.scene, room, index })) : []))
  .find((x) => x.room.type === 'panorama');
if (!found) throw new Error('no scene has a panorama room');
const scene: Scene = found.scene;
const list = stations(scene);
const first = list.findIndex((s) => s.room === found.index);
const target = list.findIndex((s, i) => i > first && s.room === found.index && s.kind === 'stop');

let app: RunningServer;
let browser: Browser;
let opened: OpenedPage;
let page: Page;

const state = <T>(expr: string) =>
  page.evaluate(`(() => { const r = window.__redtour; const s = r.store.getState(); const p = r.player; return ${expr}; })()`) as Promise<T>;
const waitFor = (expr: string, timeout = 30_000) =>
  page.waitForFunction(`(() => { const r = window.__redtour; if (!r || !r.xr || !r.scene) return false; const s = r.store.getState(); const p = r.player; return ${expr}; })()`, undefined, {
    timeout,
    polling: 100,
  });
const remote = (method: string, params: Record<string, unknown>) =>
  page.evaluate(([m, a]) => (window as any).__redtour.xr.store.getState().emulator.remote.dispatch(m, a), [method, params] as const);

/** Pulls the right trigger (0.8 s: longer than a slow frame) until `done` holds, a few times at most. */
async function pullUntil(done: string, tries = 5) {
  for (let i = 1; ; i++) {
    await remote('select', { device: 'controller-right', duration: 0.8 });
    try {
      await waitFor(done, 8_000);
      return;
    } catch (error) {
      if (i >= tries) throw error;
    }
  }
}

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser({ xrEmulator: true });
  opened = await openPage(browser, `${app.httpUrl}/?emulate&autostart=${scene.id}`, { context: { viewport: { width: 480, height: 320 }, locale: 'zh-CN' } });
  page = opened.page;
});

afterAll(async () => {
  await opened?.close();
  await browser?.close();
  await app?.close();
});

describe(`panorama room "${found.room.id}" of ${scene.id} in VR (emulated Meta Quest 3)`, () => {
  it('enters VR in the panorama room and draws the photo around the headset', async () => {
    await waitFor('s.progress && s.progress.station === 0');
    const passed = Object.fromEntries(
      scene.rooms.slice(0, found.index).flatMap((r) => (r.checkpoint ? [[r.checkpoint.id, { attempts: 1, passed: true, bestScore: 1, lastScore: 1 }]] : [])),
    );
    await page.evaluate(
      ({ station, checkpoints }) => {
        const st = (window as any).__redtour.store;
        st.setState({ progress: { ...st.getState().progress, station, checkpoints }, quizAnswers: {}, quizIndex: 0, quizResult: null });
      },
      { station: first, checkpoints: passed },
    );
    await waitFor('!!r.xr.store.getState().emulator');
    await page.evaluate(() => {
      const devui = (window as any).__redtour.xr.store.getState().emulator.devui as { render: () => void } | undefined;
      if (devui) devui.render = () => {};
    });
    const enter = page.locator('button[data-action="enter-vr"]:not([disabled])');
    await enter.waitFor({ timeout: 60_000 });
    await enter.click();
    await waitFor('r.xr.inSession && s.inXR && r.xr.store.getState().inputSourceStates.length >= 2', 30_000);
    await waitFor("!!r.scene.getObjectByName('panorama') && r.gl.info.render.triangles > 3000", 60_000);
    await page.waitForTimeout(2000);
    // the sphere is centred on the headset, the visitor at the photo's centre
    const at = await state<{ d: number; x: number; z: number }>(`(() => {
      const eye = r.xr.store.getState().emulator.position;
      const head = r.xr.origin.localToWorld(r.xr.origin.position.clone().set(eye.x, eye.y, eye.z));
      const sphere = r.scene.getObjectByName('panorama').getWorldPosition(head.clone());
      return { d: sphere.distanceTo(head), x: p.x, z: p.z };
    })()`);
    expect(at.d).toBeLessThan(0.05);
    expect(Math.hypot(at.x, at.z)).toBeLessThan(0.05);
    const stats = await canvasNotBlank(page);
    expect(stats.notBlank).toBe(true);
    expect(stats.distinctColours).toBeGreaterThan(100);
  });

  it('has no teleport arc: a trigger pull at the floor moves nobody', async () => {
    expect(await state('!!r.scene.getObjectByName("teleport-arc")')).toBe(false);
    await remote('set_transform', { device: 'controller-right', position: { x: 0.2, y: 1.3, z: -0.2 }, orientation: { x: -0.38, y: 0, z: 0, w: 0.92 } });
    await page.waitForTimeout(500);
    const before = await state<{ x: number; z: number; n: number; station: number }>('({ x: p.x, z: p.z, n: r.xr.teleportAttempts, station: s.progress.station })');
    await remote('select', { device: 'controller-right', duration: 0.8 });
    await page.waitForTimeout(2500);
    expect(await state('({ x: p.x, z: p.z, n: r.xr.teleportAttempts, station: s.progress.station })')).toEqual(before);
  });

  it('snap-turns 45° with the thumbstick', async () => {
    const yaw0 = await state<number>('p.yaw');
    await remote('set_gamepad_state', { device: 'controller-right', axes: [{ index: 0, value: 1 }] });
    await page.waitForTimeout(600);
    await remote('set_gamepad_state', { device: 'controller-right', axes: [{ index: 0, value: 0 }] });
    await page.waitForTimeout(300);
    expect(Math.cos((await state<number>('p.yaw')) - (yaw0 - Math.PI / 4))).toBeGreaterThan(0.9999);
  });

  it('picks a hotspot with the controller ray and goes to its stop, offline and without errors', async () => {
    expect(target).toBeGreaterThan(first);
    const spot = await state<{ x: number; y: number; z: number }>(`(() => {
      const o = r.xr.origin; o.updateWorldMatrix(true, false);
      const v = o.worldToLocal(r.scene.getObjectByName('hotspot-${target}').getWorldPosition(o.position.clone()));
      return { x: v.x, y: v.y, z: v.z };
    })()`);
    await remote('look_at', { device: 'controller-right', target: spot, moveToDistance: 1.5 });
    await page.waitForTimeout(400);
    await pullUntil(`s.progress.station === ${target}`);
    await waitFor('Math.hypot(p.x, p.z) < 0.05');
    // the arc is back in a model room (so its absence above was no accident of naming)
    const model = list.findIndex((s) => scene.rooms[s.room]!.type === 'model');
    if (model >= 0) {
      await page.evaluate((station) => {
        const st = (window as any).__redtour.store;
        const all = Object.fromEntries(st.getState().scene.rooms.flatMap((r: any) => (r.checkpoint ? [[r.checkpoint.id, { attempts: 1, passed: true, bestScore: 1, lastScore: 1 }]] : [])));
        st.setState({ progress: { ...st.getState().progress, station, checkpoints: all } });
      }, model);
      await waitFor('!!r.scene.getObjectByName("teleport-arc") && !r.scene.getObjectByName("panorama")', 60_000);
    }
    expect(opened.offHostRequests).toEqual([]);
    expect(opened.pageErrors).toEqual([]);
    expect(opened.consoleErrors).toEqual([]);
    expect(opened.failedRequests).toEqual([]);
  });
});
