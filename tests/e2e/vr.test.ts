/**
 * A member studies the first base in VR, on the emulated Meta Quest 3 (IWER, via @react-three/xr,
 * only with `?emulate`): enter VR, teleport (and be stopped by a wall), snap-turn, read the
 * in-world subtitles, answer both checkpoints with the controller ray and the trigger, and
 * complete the base. Offline: no request may leave loopback, no console error.
 *
 * The emulated controllers are driven through IWER's own programmatic API,
 * `window.__redtour.xr.store.getState().emulator.remote.dispatch(method, params)`, with poses in
 * the XR origin's space. IWER's DevUI (installed by @react-three/xr) re-applies its own
 * controller poses every frame, so the test switches its per-frame update off first.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scene } from 'three';
import type { RunningServer } from '../../server/main';
import type { XRDebug } from '../../src/xr/debug';
import { launchBrowser, openPage, startApp, type OpenedPage } from './harness';

/** What the page offers tests in `?emulate`/`?test` mode (src/testHooks.ts, src/xr/debug.ts). */
type TestWindow = { __redtour?: { scene?: Scene; xr?: XRDebug } };

let app: RunningServer;
let browser: Browser;
let opened: OpenedPage;
let page: Page;

/** Evaluates `expr` with `r` = window.__redtour, `s` = the app state, `p` = the player. */
const state = <T>(expr: string) =>
  page.evaluate(`(() => { const r = window.__redtour; const s = r.store.getState(); const p = r.player; return ${expr}; })()`) as Promise<T>;
const waitFor = (expr: string, timeout = 30_000) =>
  page.waitForFunction(
    `(() => { const r = window.__redtour; if (!r || !r.xr) return false; const s = r.store.getState(); const p = r.player; return ${expr}; })()`,
    undefined,
    { timeout, polling: 100 },
  );

/** Calls the emulator's remote-control API. */
const remote = (method: string, params: Record<string, unknown>) =>
  page.evaluate(([m, a]) => (window as unknown as TestWindow).__redtour!.xr!.store.getState().emulator!.remote.dispatch(m, a), [method, params] as const);

type V3 = { x: number; y: number; z: number };

/** A point of the world in the XR origin's space (where IWER poses live). */
const toOrigin = (world: V3) =>
  page.evaluate((w) => {
    const o = (window as unknown as TestWindow).__redtour!.xr!.origin!;
    o.updateWorldMatrix(true, false);
    const v = o.worldToLocal(o.position.clone().set(w.x, w.y, w.z));
    return { x: v.x, y: v.y, z: v.z };
  }, world);

/** The world position of a named object. */
const worldPos = (name: string) =>
  page.evaluate((n) => {
    const o = (window as unknown as TestWindow).__redtour!.scene!.getObjectByName(n);
    if (!o) return null;
    const v = o.getWorldPosition(o.position.clone());
    return { x: v.x, y: v.y, z: v.z };
  }, name);

/**
 * Pulls the right trigger for 0.8 s (longer than a SwiftShader frame, so IWER sees the press and
 * the release in different frames; well under the app's 1.5 s click limit) until `done` holds.
 * A SwiftShader frame now and then takes over a second and swallows a pull: then it pulls again
 * (only when nothing happened, so a toggle is never pulled twice).
 */
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

/** Points the right controller's ray at a named object from 0.6 m away and pulls until `done`. */
async function pointAndPull(name: string, done: string) {
  await waitFor(`!!r.scene.getObjectByName(${JSON.stringify(name)})`);
  const at = await worldPos(name);
  await remote('look_at', { device: 'controller-right', target: await toOrigin(at!), moveToDistance: 0.6 });
  await page.waitForTimeout(400);
  await pullUntil(done);
}

/** Holds the right controller at hand height, turned to world heading `yaw` and tilted by `pitch`. */
async function holdController(yaw: number, pitch: number) {
  const originYaw = await state<number>('r.xr.origin.rotation.y');
  const y = yaw - originYaw;
  // heading about +y, then pitch about the controller's x
  const [sy, cy, sp, cp] = [Math.sin(y / 2), Math.cos(y / 2), Math.sin(pitch / 2), Math.cos(pitch / 2)];
  const head = await state<V3>('(() => { const c = r.xr.store.getState().emulator.position; return { x: c.x, y: c.y, z: c.z }; })()');
  await remote('set_transform', {
    device: 'controller-right',
    position: { x: head.x, y: 1.3, z: head.z },
    orientation: { x: cy * sp, y: sy * cp, z: -sy * sp, w: cy * cp },
  });
  await page.waitForTimeout(800); // the arc eases towards the controller's direction
}

async function answerCheckpoint(checkpointId: string) {
  const cp = `s.scene.rooms.flatMap(x => x.checkpoint ? [x.checkpoint] : []).find(c => c.id === ${JSON.stringify(checkpointId)})`;
  const questions = await state<{ id: string; answer: string[] }[]>(`${cp}.questions.map(q => ({ id: q.id, answer: q.answer }))`);
  // In VR a new station places the visitor at once; aim only once the origin has moved there.
  await waitFor(`Math.hypot(p.x - ${cp}.position[0], p.z - ${cp}.position[2]) < 0.05`);
  await page.waitForTimeout(500);
  for (const [i, q] of questions.entries()) {
    await waitFor(`s.quizIndex === ${i}`);
    for (const option of q.answer) {
      await pointAndPull(`answer-${q.id}-${option}`, `(s.quizAnswers[${JSON.stringify(q.id)}] ?? []).includes(${JSON.stringify(option)})`);
    }
    expect((await state<string[]>(`s.quizAnswers[${JSON.stringify(q.id)}]`)).sort()).toEqual([...q.answer].sort());
    if (i < questions.length - 1) await pointAndPull('quiz-next', `s.quizIndex === ${i + 1}`);
    else await pointAndPull('quiz-submit', 's.quizResult !== null');
  }
  expect(await state('({ right: s.quizResult.right, total: s.quizResult.total, passed: s.quizResult.passed })')).toEqual({
    right: questions.length,
    total: questions.length,
    passed: true,
  });
}

beforeAll(async () => {
  app = await startApp({ distDir: process.env.REDTOUR_DIST_DIR });
  browser = await launchBrowser({ xrEmulator: true });
  // A small window: SwiftShader frames then take ~0.2 s rather than ~0.6 s.
  opened = await openPage(browser, `${app.httpUrl}/?emulate`, { context: { viewport: { width: 480, height: 320 }, locale: 'zh-CN' } });
  page = opened.page;
});

afterAll(async () => {
  await opened?.close();
  await browser?.close();
  await app?.close();
});

describe('VR walk-through of 建党 · 从上海到嘉兴 (emulated Meta Quest 3)', () => {
  it('starts the base and enters VR at 72 or 90 Hz', async () => {
    await page.click('[data-member="guest"]');
    await page.click('[data-base="jiandang"] [data-action="start"]');
    await waitFor('s.progress && s.progress.station === 0');
    await waitFor('!!r.xr.store.getState().emulator');
    // IWER's DevUI would overwrite the poses set below on every frame.
    await page.evaluate(() => {
      const devui = (window as unknown as TestWindow).__redtour!.xr!.store.getState().emulator!.devui as { render: () => void } | undefined;
      if (devui) devui.render = () => {};
    });
    const enter = page.locator('button[data-action="enter-vr"]:not([disabled])');
    await enter.waitFor({ timeout: 60_000 });
    await enter.click();
    await waitFor('r.xr.inSession && s.inXR', 30_000);
    await waitFor('r.xr.store.getState().inputSourceStates.length >= 2');
    const rate = await state<{ requested: number | null; current: number | undefined }>('r.xr.frameRate');
    expect([72, 90]).toContain(rate.requested);
    expect(rate.current).toBe(rate.requested);
    await page.locator('button[data-action="exit-vr"]').waitFor();
    await page.waitForTimeout(3000); // let the first, slow frames (shader compiles) pass
  });

  it('shows the narration as in-world subtitles about 1.8 m ahead', async () => {
    await waitFor("s.narrationState === 'playing' && s.cueIndex >= 0", 30_000);
    await waitFor("r.scene.getObjectByName('vr-subtitles').visible");
    const d = await state<{ distance: number; below: number }>(`(() => {
      const panel = r.scene.getObjectByName('vr-subtitles').getWorldPosition(r.xr.origin.position.clone());
      const eye = r.xr.store.getState().emulator.position;
      const head = r.xr.origin.localToWorld(r.xr.origin.position.clone().set(eye.x, eye.y, eye.z));
      return { distance: Math.hypot(panel.x - head.x, panel.z - head.z), below: head.y - panel.y };
    })()`);
    expect(d.distance).toBeGreaterThan(1.5);
    expect(d.distance).toBeLessThan(2.1);
    expect(d.below).toBeGreaterThan(0.1);
    expect(d.below).toBeLessThan(0.6);
  });

  it('teleports onto walkable floor with the arc', async () => {
    const before = await state<{ x: number; z: number }>('({ x: p.x, z: p.z })');
    // Facing the gate (−z); aim right (+x), a little down: open courtyard floor.
    await holdController(-Math.PI / 2, -0.2);
    const attempts = await state<number>('r.xr.teleportAttempts');
    await pullUntil(`r.xr.teleportAttempts > ${attempts}`);
    const hit = await state<{ x: number; z: number; accepted: boolean }>('r.xr.lastTeleport');
    expect(hit.accepted).toBe(true);
    await waitFor(`Math.abs(p.x - ${hit.x}) < 0.01 && Math.abs(p.z - ${hit.z}) < 0.01`);
    expect(hit.x - before.x).toBeGreaterThan(1);
    const walkable = await state<boolean>(
      `s.scene.rooms[0].walkable.some(w => p.x >= w.min[0] && p.x <= w.max[0] && p.z >= w.min[1] && p.z <= w.max[1])`,
    );
    expect(walkable).toBe(true);
  });

  it('is stopped by the courtyard wall', async () => {
    const before = await state<{ x: number; z: number }>('({ x: p.x, z: p.z })');
    // Aimed up to the right, the arc would land beyond the lane's east end wall (x ≈ 4.6).
    await holdController(-Math.PI / 2, 0.35);
    const attempts = await state<number>('r.xr.teleportAttempts');
    await pullUntil(`r.xr.teleportAttempts > ${attempts}`);
    const hit = await state<{ x: number; z: number; accepted: boolean }>('r.xr.lastTeleport');
    expect(hit.accepted).toBe(false);
    expect(hit.x).toBeLessThan(4.85); // on the wall, not on some floor behind it
    expect(await state('({ x: p.x, z: p.z })')).toEqual(before);
  });

  it('snap-turns 45° with the thumbstick, once per flick', async () => {
    const yaw0 = await state<number>('p.yaw');
    await remote('set_gamepad_state', { device: 'controller-right', axes: [{ index: 0, value: 1 }] });
    await page.waitForTimeout(600);
    await remote('set_gamepad_state', { device: 'controller-right', axes: [{ index: 0, value: 0 }] });
    await page.waitForTimeout(300);
    const yaw1 = await state<number>('p.yaw');
    expect(Math.cos(yaw1 - (yaw0 - Math.PI / 4))).toBeGreaterThan(0.9999);
    await remote('set_gamepad_state', { device: 'controller-right', axes: [{ index: 0, value: -1 }] });
    await page.waitForTimeout(600);
    await remote('set_gamepad_state', { device: 'controller-right', axes: [{ index: 0, value: 0 }] });
    await page.waitForTimeout(300);
    expect(Math.cos((await state<number>('p.yaw')) - yaw0)).toBeGreaterThan(0.9999);
  });

  it('recenters the view on the station with B', async () => {
    await remote('set_gamepad_state', { device: 'controller-right', axes: [{ index: 0, value: 1 }] });
    await page.waitForTimeout(600);
    await remote('set_gamepad_state', { device: 'controller-right', axes: [{ index: 0, value: 0 }] });
    const expected = await state<number>(`(() => { const at = s.scene.rooms[0].stops[0].lookAt; return Math.atan2(-(at[0] - p.x), -(at[2] - p.z)); })()`);
    await remote('set_gamepad_state', { device: 'controller-right', buttons: [{ index: 4, value: 1 }] });
    await page.waitForTimeout(600);
    await remote('set_gamepad_state', { device: 'controller-right', buttons: [{ index: 4, value: 0 }] });
    await waitFor(`Math.cos(p.yaw - ${expected}) > 0.9999`);
  });

  it('lifts a seated visitor to standing eye height', async () => {
    await remote('set_transform', { device: 'headset', position: { x: 0, y: 1.15, z: 0 } });
    await state('s.setSeated(true)');
    await waitFor('Math.abs(r.xr.lift - 0.45) < 0.02 && Math.abs(r.xr.origin.position.y - r.xr.lift) < 1e-6');
    await state('s.setSeated(false)');
    await waitFor('r.xr.lift === 0 && r.xr.origin.position.y === 0');
    await remote('set_transform', { device: 'headset', position: { x: 0, y: 1.6, z: 0 } });
  });

  it('answers the first checkpoint with the controller ray and moves on to the boat', async () => {
    await state('s.goToStation(4)');
    await waitFor("s.progress.station === 4 && !!r.scene.getObjectByName('quiz-panel')");
    await answerCheckpoint('yida-quiz');
    await pointAndPull('quiz-continue', 's.progress.station === 5');
  });

  it('passes the last checkpoint and completes the base, offline and without errors', async () => {
    await state('s.goToStation(8)');
    await waitFor("s.progress.station === 8 && !!r.scene.getObjectByName('quiz-panel')", 60_000);
    await answerCheckpoint('nanhu-quiz');
    await waitFor('s.progress.completedAt !== undefined');
    expect(await state('s.inXR')).toBe(true);
    expect(opened.offHostRequests).toEqual([]);
    expect(opened.pageErrors).toEqual([]);
    expect(opened.consoleErrors).toEqual([]);
    expect(opened.failedRequests).toEqual([]);
  });

  it('leaves VR with the Exit VR button', async () => {
    // The emulator lays its view over the page, so the button is clicked directly.
    await page.locator('button[data-action="exit-vr"]').dispatchEvent('click');
    await waitFor('!r.xr.inSession && !s.inXR');
  });

  it('never loads the emulator without ?emulate, and says when VR is unavailable', async () => {
    const plain = await openPage(browser, `${app.httpUrl}/?test`, { context: { viewport: { width: 960, height: 600 } } });
    try {
      await plain.page.click('[data-member="guest"]');
      await plain.page.click('[data-base="jiandang"] [data-action="start"]');
      await plain.page.locator('[data-vr="unsupported"]').waitFor({ timeout: 60_000 });
      const loaded = await plain.page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
      expect(loaded.filter((u) => /emulate|iwer|devui/i.test(u))).toEqual([]);
      expect(await plain.page.evaluate(() => (window as unknown as TestWindow).__redtour?.xr?.store.getState().emulator === undefined)).toBe(true);
      expect(plain.offHostRequests).toEqual([]);
      expect(plain.consoleErrors).toEqual([]);
    } finally {
      await plain.close();
    }
  });
});
