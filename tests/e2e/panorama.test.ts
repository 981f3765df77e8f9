/**
 * A member in a 360° panorama room on desktop: the photo is drawn around the eye exactly as the
 * file has it (the centre of the view, turned several ways, shows the photo's pixel for that
 * direction), dragging and the arrow keys turn the view but never move the visitor, clicking a
 * hotspot goes to its stop and narrates it, the checkpoint's quiz is passed and recorded, and the
 * photo's texture stays within the 64 MB budget (allocations measured at the WebGL calls) and is
 * freed on leaving the room. Offline: no request may leave loopback, no console error.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directionTo, directionToPixel, fittedSize, PANORAMA_EYE, textureBytes, type Direction } from '../../src/content/panorama';
import type { PanoramaRoom, Scene } from '../../src/content/schema';
import { stations } from '../../src/tour/progress';
import { imageInfo } from '../../tools/panorama/check';
import { loadAllScenes, ROOT } from '../../tools/scenes';
import { canvasNotBlank, launchBrowser, openPage, startApp, type OpenedPage } from './harness';
import type { RunningServer } from '../../server/main';

/** The first base with a panorama room, and that room. */
const found = loadAllScenes()
  .flatMap((r) => (r.ok ? r.scene.rooms.map((room, index) => ({ scene: r.scene, room, index })) : []))
  .find((x) => x.room.type === 'panorama');
if (!found) throw new Error('no scene has a panorama room');
const scene: Scene = found.scene;
const room = found.room as PanoramaRoom;
const roomIndex = found.index;
const list = stations(scene);
const first = list.findIndex((s) => s.room === roomIndex);
const checkpointIndex = list.findIndex((s) => s.room === roomIndex && s.kind === 'checkpoint');
const photo = imageInfo(readFileSync(join(ROOT, 'public', room.image)))!;
const MB = 1024 * 1024;

/**
 * Counts the GPU memory of every live texture from the WebGL calls that allocate it
 * (texStorage2D with its mip levels, texImage2D per level) until deleteTexture.
 */
const TEXTURE_METER = `(() => {
  const P = WebGL2RenderingContext.prototype;
  const sizes = new Map(); // texture -> Map(level key -> bytes)
  const state = new WeakMap();
  const st = (gl) => { let s = state.get(gl); if (!s) state.set(gl, (s = { unit: 0, bound: new Map() })); return s; };
  const texel = (f) => ({ 0x8229: 1, 0x822b: 2, 0x881a: 8, 0x8814: 16, 0x822e: 4, 0x8d62: 2 })[f] || 4;
  const cube = (t) => (t >= 0x8515 && t <= 0x851a ? 0x8513 : t);
  const bound = (gl, target) => st(gl).bound.get(st(gl).unit + ':' + cube(target));
  const put = (tex, key, bytes) => { if (!tex) return; let m = sizes.get(tex); if (!m) sizes.set(tex, (m = new Map())); m.set(key, bytes); };
  const wrap = (name, fn) => { const orig = P[name]; P[name] = function (...a) { fn(this, a); return orig.apply(this, a); }; };
  wrap('activeTexture', (gl, [u]) => { st(gl).unit = u; });
  wrap('bindTexture', (gl, [target, tex]) => { st(gl).bound.set(st(gl).unit + ':' + target, tex); });
  wrap('deleteTexture', (gl, [tex]) => { sizes.delete(tex); });
  wrap('texStorage2D', (gl, [target, levels, format, w, h]) => {
    const faces = target === 0x8513 ? 6 : 1;
    let bytes = 0;
    for (let l = 0; l < levels; l++) bytes += Math.max(1, w >> l) * Math.max(1, h >> l) * texel(format) * faces;
    put(bound(gl, target), 'storage', bytes);
  });
  wrap('texImage2D', (gl, a) => {
    const [target, level, format] = a;
    const src = a.length === 6 ? a[5] : null;
    const w = src ? src.width || src.videoWidth || 0 : a[3];
    const h = src ? src.height || src.videoHeight || 0 : a[4];
    put(bound(gl, target), target + ':' + level, w * h * texel(format));
  });
  window.__textureMeter = () => {
    const each = [...sizes.values()].map((m) => [...m.values()].reduce((x, y) => x + y, 0));
    return { total: each.reduce((x, y) => x + y, 0), largest: Math.max(0, ...each), count: each.length };
  };
})();`;

let app: RunningServer;
let browser: Browser;
let opened: OpenedPage;
let page: Page;

const state = <T>(fn: string) => page.evaluate(`(() => { const r = window.__redtour; const s = r.store.getState(); const p = r.player; return ${fn}; })()`) as Promise<T>;
const waitFor = (fn: string, timeout = 30_000) =>
  page.waitForFunction(`(() => { const r = window.__redtour; if (!r || !r.scene || !r.camera) return false; const s = r.store.getState(); const p = r.player; return ${fn}; })()`, undefined, { timeout, polling: 100 });
const meter = () => page.evaluate('window.__textureMeter()') as Promise<{ total: number; largest: number; count: number }>;

/** Screen position of a named 3D object, or null when it is behind the camera or off screen. */
async function screenPos(name: string): Promise<{ x: number; y: number } | null> {
  return page.evaluate((objectName) => {
    const r = window.__redtour!;
    const o = r.scene!.getObjectByName(objectName);
    if (!o || !r.camera) return null;
    r.camera.updateMatrixWorld();
    const v = o.getWorldPosition(new (o.position.constructor as any)()).project(r.camera);
    if (v.z > 1 || Math.abs(v.x) > 0.9 || Math.abs(v.y) > 0.9) return null;
    const rect = r.gl!.domElement.getBoundingClientRect();
    return { x: rect.left + ((v.x + 1) / 2) * rect.width, y: rect.top + ((1 - v.y) / 2) * rect.height };
  }, name);
}

/** Turns the visitor to a direction at once, as a drag would, and waits for the camera to follow. */
async function face(d: Direction) {
  await state(`(Object.assign(p, { yaw: ${(-d.yaw * Math.PI) / 180}, pitch: ${(d.pitch * Math.PI) / 180}, target: null }), 0)`);
  await waitFor(`Math.abs(r.camera.rotation.y - p.yaw) < 1e-6 && Math.abs(r.camera.rotation.x - p.pitch) < 1e-6`);
}

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  opened = await openPage(browser, `${app.httpUrl}/?test&autostart=${scene.id}`, { context: { viewport: { width: 960, height: 600 }, locale: 'zh-CN' } });
  page = opened.page;
  // The meter must see every allocation from the first frame on: install it, then load again.
  await opened.context.addInitScript(TEXTURE_METER);
  await page.reload();
});

afterAll(async () => {
  await opened?.close();
  await browser?.close();
  await app?.close();
});

describe(`panorama room "${room.id}" of ${scene.id} on desktop`, () => {
  it('shows the photo around the visitor, pixel for pixel in every direction', async () => {
    await waitFor('s.progress && s.progress.station === 0');
    // Enter the panorama room as a member who passed the rooms before it.
    const passed = Object.fromEntries(
      scene.rooms.slice(0, roomIndex).flatMap((r) => (r.checkpoint ? [[r.checkpoint.id, { attempts: 1, passed: true, bestScore: 1, lastScore: 1 }]] : [])),
    );
    await page.evaluate(
      ({ station, checkpoints }) => {
        const st = window.__redtour!.store;
        const p = st.getState().progress!;
        st.setState({ progress: { ...p, station, checkpoints }, quizAnswers: {}, quizIndex: 0, quizResult: null });
      },
      { station: first, checkpoints: passed },
    );
    await waitFor(`s.progress.station === ${first} && !!r.scene.getObjectByName('panorama')`, 60_000);
    await waitFor('p.target === null', 30_000);
    expect(await state('[p.x, p.z]')).toEqual([0, 0]);
    const stats = await canvasNotBlank(page);
    expect(stats.notBlank).toBe(true);
    expect(stats.distinctColours).toBeGreaterThan(100);

    // Directions where the photo is locally even (so filtering cannot blur the answer), from a grid
    // that also holds each direction mirrored, turned and flipped: for each such mistake in the
    // mapping, one checked direction whose photo colour it would change (a room can be symmetric).
    const url = `/${room.image}`;
    const grid: Direction[] = [];
    for (let yaw = -175; yaw <= 180; yaw += 5) for (let pitch = -60; pitch <= 60; pitch += 10) grid.push({ yaw, pitch });
    const pixels = grid.map((d) => directionToPixel(d, photo.width, photo.height).map(Math.floor));
    const samples = (await page.evaluate(
      async ({ url, pixels }) => {
        const bitmap = await createImageBitmap(await (await fetch(url)).blob());
        const g = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d')!;
        g.drawImage(bitmap, 0, 0);
        return pixels.map(([x, y]) => {
          const d = g.getImageData(x! - 4, y! - 4, 9, 9).data;
          let spread = 0;
          for (let i = 0; i < d.length; i += 4) for (let c = 0; c < 3; c++) spread = Math.max(spread, Math.abs(d[i + c]! - d[40 * 4 + c]!));
          return { rgb: [d[160]!, d[161]!, d[162]!], spread };
        });
      },
      { url, pixels },
    )) as { rgb: number[]; spread: number }[];
    const at = new Map(grid.map((d, i) => [`${d.yaw},${d.pitch}`, samples[i]!]));
    const wrap = (yaw: number) => (yaw <= -180 ? yaw + 360 : yaw > 180 ? yaw - 360 : yaw);
    const sample = (d: Direction) => at.get(`${wrap(d.yaw)},${d.pitch}`)!;
    const colourDiff = (a: number[], b: number[]) => Math.max(...a.map((v, c) => Math.abs(v - b[c]!)));
    const mistakes: Record<string, (d: Direction) => Direction> = {
      mirrored: (d) => ({ yaw: -d.yaw, pitch: d.pitch }),
      'turned 90° right': (d) => ({ yaw: d.yaw + 90, pitch: d.pitch }),
      'turned 90° left': (d) => ({ yaw: d.yaw - 90, pitch: d.pitch }),
      'turned around': (d) => ({ yaw: d.yaw + 180, pitch: d.pitch }),
      'upside down': (d) => ({ yaw: d.yaw, pitch: -d.pitch }),
    };
    const even = grid.filter((d) => sample(d).spread <= 3);
    const picked = new Map<string, Direction>(even.filter((_, i) => i % Math.ceil(even.length / 4) === 0).map((d) => [`${d.yaw},${d.pitch}`, d]));
    for (const [name, mistake] of Object.entries(mistakes)) {
      const best = even.reduce((a, d) => (colourDiff(sample(d).rgb, sample(mistake(d)).rgb) > colourDiff(sample(a).rgb, sample(mistake(a)).rgb) ? d : a));
      expect(colourDiff(sample(best).rgb, sample(mistakes[name]!(best)).rgb), `a direction that tells a ${name} photo apart`).toBeGreaterThan(30);
      picked.set(`${best.yaw},${best.pitch}`, best);
    }
    const checked = [...picked.values()].map((d) => ({ d, ...sample(d) }));

    // Render each direction and read the centre pixel of the frame (hotspots and highlights hidden).
    const shown = (await page.evaluate((dirs) => {
      const r = window.__redtour!;
      const gl = r.gl!;
      const ctx = gl.getContext();
      const hide = ['hotspots', 'quiz-panel'].map((n) => r.scene!.getObjectByName(n)).filter((o) => !!o);
      r.scene!.traverse((o) => o.name.startsWith('highlight-') && hide.push(o));
      hide.forEach((o) => (o!.visible = false));
      const out: number[][] = [];
      const grid: number[][] = [];
      for (const d of dirs) {
        r.camera!.rotation.set((d.pitch * Math.PI) / 180, (-d.yaw * Math.PI) / 180, 0, 'YXZ');
        r.camera!.updateMatrixWorld();
        gl.render(r.scene!, r.camera!);
        const w = ctx.drawingBufferWidth;
        const h = ctx.drawingBufferHeight;
        const px = new Uint8Array(4);
        ctx.readPixels(w >> 1, h >> 1, 1, 1, ctx.RGBA, ctx.UNSIGNED_BYTE, px);
        out.push([px[0]!, px[1]!, px[2]!]);
        const frame = new Uint8Array(w * h * 4);
        ctx.readPixels(0, 0, w, h, ctx.RGBA, ctx.UNSIGNED_BYTE, frame);
        const sig: number[] = [];
        for (let j = 1; j < 10; j++) for (let i = 1; i < 16; i++) sig.push(frame[(Math.floor((j * h) / 10) * w + Math.floor((i * w) / 16)) * 4]!);
        grid.push(sig);
      }
      hide.forEach((o) => (o!.visible = true));
      return { out, grid };
    }, checked.map((x) => x.d))) as { out: number[][]; grid: number[][] };
    const seen = new Set<string>();
    const wrong: string[] = [];
    checked.forEach((x, i) => {
      const got = shown.out[i]!;
      seen.add(x.rgb.map((c) => c >> 4).join());
      if (colourDiff(got, x.rgb) > 6) wrong.push(`yaw ${x.d.yaw} pitch ${x.d.pitch}: shown ${got}, photo ${x.rgb}`);
    });
    expect(wrong).toEqual([]);
    expect(seen.size, 'the directions checked show different colours').toBeGreaterThanOrEqual(3);
    // and the whole frame changes with the direction
    const [a, b] = [shown.grid[0]!, shown.grid[Math.floor(shown.grid.length / 2)]!];
    expect(a.reduce((sum, v, i) => sum + Math.abs(v - b[i]!), 0) / a.length).toBeGreaterThan(8);
  });

  it('keeps the photo within the texture budget: one texture the photo’s size, no mipmaps, under 64 MB in all', async () => {
    const m = await meter();
    const fit = fittedSize(photo.width, photo.height);
    expect(m.largest).toBe(textureBytes(fit.width, fit.height, false));
    expect(m.total).toBeLessThanOrEqual(64 * MB);
  });

  it('turns with a drag and the arrow keys, and never walks', async () => {
    await face({ yaw: 0, pitch: 0 });
    const before = await state<number>('p.yaw');
    await page.mouse.move(480, 300);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(480 + i * 20, 300);
    await page.mouse.up();
    const dragged = await state<number>('p.yaw');
    expect(before - dragged).toBeGreaterThan(0.5); // 200 px to the right turns right
    await page.keyboard.down('ArrowLeft');
    await page.keyboard.down('KeyW');
    // SwiftShader frames are slow and a frame turns at most 0.1 s worth: hold until it has turned.
    await waitFor(`p.yaw > ${dragged} + 0.2 && p.pitch > 0.2`, 20_000);
    await page.keyboard.up('KeyW');
    await page.keyboard.up('ArrowLeft');
    const after = await state<{ yaw: number; pitch: number; x: number; z: number }>('({ yaw: p.yaw, pitch: p.pitch, x: p.x, z: p.z })');
    expect(after.yaw).toBeGreaterThan(dragged + 0.2);
    expect(after.pitch).toBeGreaterThan(0.2);
    expect([after.x, after.z]).toEqual([0, 0]);
  });

  it('goes to a stop by clicking its hotspot: turns to it, narrates it, lights its exhibit', async () => {
    const target = list.findIndex((s, i) => i > first && s.room === roomIndex && s.kind === 'stop');
    expect(target).toBeGreaterThan(first);
    const stop = room.stops[target - first]!;
    await face(stop.direction);
    const spot = await screenPos(`hotspot-${target}`);
    expect(spot).not.toBeNull();
    await page.mouse.click(spot!.x, spot!.y);
    await waitFor(`s.progress.station === ${target}`);
    await waitFor("s.narrationState === 'playing' || s.narrationState === 'fallback'", 30_000);
    expect(await page.locator('.station').textContent()).toContain(stop.title.zh);
    const subtitle = await page.locator('.subtitles').textContent({ timeout: 20_000 });
    expect(stop.narration.some((c) => subtitle?.includes(c.zh))).toBe(true);
    if (stop.exhibit) expect(await state<boolean>(`r.scene.getObjectByName('highlight-${stop.exhibit}').visible`)).toBe(true);
    await page.keyboard.press('KeyK'); // heard to the end: recorded as experienced
    await waitFor("s.narrationState === 'ended'");
    await waitFor('p.target === null', 30_000);
    const look = directionTo(PANORAMA_EYE, stop.lookAt);
    const p = await state<{ yaw: number; pitch: number; x: number; z: number }>('({ yaw: p.yaw, pitch: p.pitch, x: p.x, z: p.z })');
    expect(Math.cos(p.yaw + (look.yaw * Math.PI) / 180)).toBeCloseTo(1, 6);
    expect(p.pitch).toBeCloseTo((look.pitch * Math.PI) / 180, 6);
    expect([p.x, p.z]).toEqual([0, 0]);
  });

  it('passes the checkpoint from its hotspot, and records it', async () => {
    expect(checkpointIndex).toBeGreaterThan(first);
    const cp = room.checkpoint!;
    await face(cp.direction);
    const spot = await screenPos(`hotspot-${checkpointIndex}`);
    expect(spot).not.toBeNull();
    await page.mouse.click(spot!.x, spot!.y);
    await waitFor(`s.progress.station === ${checkpointIndex} && !!r.scene.getObjectByName('quiz-panel')`);
    for (const [qi, question] of cp.questions.entries()) {
      await waitFor(`s.quizIndex === ${qi}`);
      for (const answer of question.answer) await page.keyboard.press(`Digit${question.options.findIndex((o) => o.id === answer) + 1}`);
      await page.keyboard.press('Enter');
    }
    await waitFor('s.quizResult !== null');
    expect(await state('({ right: s.quizResult.right, passed: s.quizResult.passed })')).toEqual({ right: cp.questions.length, passed: true });
    await waitFor(`s.progress.checkpoints[${JSON.stringify(cp.id)}]?.passed === true`);
    const records = (await page.evaluate(
      `window.__redtour.records.outbox.peek(500).then((xs) => xs.map((x) => x.verb.id.split('/').pop() + ' ' + x.object.id))`,
    )) as string[];
    expect(records).toContainEqual(expect.stringMatching(new RegExp(`^passed .*${cp.id}$`)));
    expect(records).toContainEqual(expect.stringMatching(new RegExp(`^experienced .*${room.stops[1]!.id}$`)));
  });

  it('frees the photo’s texture on leaving the room; offline and without errors', async () => {
    const inRoom = await meter();
    await page.evaluate(`window.__redtour.store.getState().goToStation(${first === 0 ? list.length - 1 : first - 1})`);
    await waitFor(`!r.scene.getObjectByName('panorama')`, 60_000);
    await page.waitForTimeout(500);
    const left = await meter();
    expect(inRoom.total - left.total).toBeGreaterThanOrEqual(textureBytes(fittedSize(photo.width, photo.height).width, fittedSize(photo.width, photo.height).height) * 0.99);
    expect(opened.offHostRequests).toEqual([]);
    expect(opened.pageErrors).toEqual([]);
    expect(opened.consoleErrors).toEqual([]);
    expect(opened.failedRequests).toEqual([]);
  });
});
