/**
 * Per-station cost of one base: opens it with `?test&autostart=<id>`, goes to every station in
 * tour order through the store (passing each checkpoint with the right answers so the next room
 * opens), and at each records frames during narration, standing and walking.
 */
import type { Browser, Page } from 'playwright-core';
import { measureFrames, openInstrumented, type WindowStats } from './browser';

export interface StationMemory {
  textures: number;
  geometries: number;
  programs: number;
  /** GPU bytes of the textures the scene uses (width × height × 4, + ⅓ with mipmaps; cube maps × 6). */
  textureBytes?: number;
}

/** In the page: the textures reachable from the scene (materials, their uniforms, background) and their GPU bytes. */
const TEXTURE_BYTES = `
  const seen = new Set();
  const add = (t) => { if (t && t.isTexture) seen.add(t); };
  const scan = (m) => {
    if (!m) return;
    for (const v of Object.values(m)) add(v);
    if (m.uniforms) for (const u of Object.values(m.uniforms)) add(u && u.value);
  };
  r.scene.traverse((o) => { const ms = Array.isArray(o.material) ? o.material : [o.material]; ms.forEach(scan); });
  add(r.scene.background); add(r.scene.environment);
  let bytes = 0;
  for (const t of seen) {
    const img = t.image;
    const faces = t.isCubeTexture ? 6 : 1;
    const w = (img && (img.width || (img[0] && img[0].width))) || 0;
    const h = (img && (img.height || (img[0] && img[0].height))) || 0;
    const bpp = t.type === 1015 ? 16 : t.type === 1016 ? 8 : 4;
    bytes += w * h * bpp * faces * (t.generateMipmaps && t.minFilter !== 1006 && t.minFilter !== 1003 ? 4 / 3 : 1);
  }
  return bytes;`;

export interface StationRow {
  index: number;
  kind: 'stop' | 'checkpoint';
  id: string;
  room: string;
  narration?: WindowStats;
  /** The narration state at the end of the narration window (playing, or fallback: reading clock). */
  narrationState?: string;
  standing?: WindowStats;
  walking?: WindowStats;
  /** Metres walked during the walking window. */
  walked?: number;
  memory?: StationMemory;
  error?: string;
}

export interface BaseResult {
  baseId: string;
  rows: StationRow[];
  /** Renderers that registered with the React DevTools hook stub, and their commits up to the first station. */
  commitHook: { renderers: string[]; commitsAtStart: number };
  offHost: string[];
  errors: string[];
}

export interface StationOptions {
  frames: number;
  /** The longest a window may last; shortened (down to 2 s) when the deadline gets close. */
  windowMs: number;
  viewport: { width: number; height: number };
  /** Windows are shortened to end the base by then, and stations not started by then are skipped (Date.now()). */
  deadline: number;
  log: (line: string) => void;
}

interface StationInfo {
  kind: 'stop' | 'checkpoint';
  id: string;
  room: string;
  /** Other places in the same room (spawn, stops, checkpoint), x/z, to walk to. */
  places: [number, number][];
  answers: [string, string[]][];
}

const js = (body: string) => `(() => { const r = window.__redtour; const s = r && r.store.getState(); const p = r && r.player; ${body} })()`;

async function waitFor(page: Page, condition: string, timeout: number): Promise<void> {
  await page.waitForFunction(js(`return !!(r && (${condition}));`), undefined, { timeout, polling: 100 });
}

/** The stations of the open base, in the order of src/tour/progress.ts `stations()`. */
function listStations(page: Page): Promise<StationInfo[]> {
  return page.evaluate(
    js(`
    return s.scene.rooms.flatMap((room) => {
      const places = [room.spawn.position, ...room.stops.map((x) => x.position), ...(room.checkpoint ? [room.checkpoint.position] : [])].map((v) => [v[0], v[2]]);
      return [
        ...room.stops.map((x) => ({ kind: 'stop', id: x.id, room: room.id, places, answers: [] })),
        ...(room.checkpoint ? [{ kind: 'checkpoint', id: room.checkpoint.id, room: room.id, places, answers: room.checkpoint.questions.map((q) => [q.id, q.answer]) }] : []),
      ];
    });`),
  );
}

/** Waits until the visitor stands at the station and its room is drawn, then lets shaders settle. */
async function arrive(page: Page, index: number): Promise<void> {
  await waitFor(page, `s.progress && s.progress.station === ${index}`, 10_000);
  await waitFor(page, 'p.target === null', 40_000);
  await waitFor(page, 'window.__bench.tris[window.__bench.frames % window.__bench.tris.length] > 1000', 60_000);
  const frame = (await page.evaluate('window.__bench.frames')) as number;
  await page.waitForFunction(`window.__bench.frames > ${frame + 8}`, undefined, { timeout: 30_000, polling: 100 });
}

async function walk(page: Page, info: StationInfo, frames: number, windowMs: number): Promise<{ stats: WindowStats; walked: number }> {
  const here = (await page.evaluate(js('return [p.x, p.z];'))) as [number, number];
  const far = info.places.reduce((a, b) => (Math.hypot(b[0] - here[0], b[1] - here[1]) > Math.hypot(a[0] - here[0], a[1] - here[1]) ? b : a), here);
  await page.evaluate(
    ({ a, b }) => {
      const w = window as unknown as { __redtour: { player: { x: number; z: number; yaw: number; pitch: number; target: unknown } }; __benchWalk?: { timer: number; walked: number } };
      const p = w.__redtour.player;
      let flip = false;
      let last = [p.x, p.z];
      const state = { timer: 0, walked: 0 };
      state.timer = window.setInterval(() => {
        state.walked += Math.hypot(p.x - last[0]!, p.z - last[1]!);
        last = [p.x, p.z];
        if (p.target) return;
        flip = !flip;
        const to = flip ? b : a;
        p.target = { x: to[0], z: to[1], yaw: p.yaw, pitch: p.pitch };
      }, 10);
      w.__benchWalk = state;
    },
    { a: here, b: far },
  );
  try {
    const stats = await measureFrames(page, frames, windowMs);
    const walked = (await page.evaluate('window.__benchWalk.walked')) as number;
    return { stats, walked };
  } finally {
    // The next station's walk replaces whatever target is left.
    await page.evaluate('clearInterval(window.__benchWalk.timer)');
  }
}

/** Measures every station of one base. */
export async function measureBase(browser: Browser, appUrl: string, baseId: string, options: StationOptions): Promise<BaseResult> {
  const opened = await openInstrumented(browser, `${appUrl}/?test&autostart=${encodeURIComponent(baseId)}`, options.viewport);
  const { page } = opened;
  const rows: StationRow[] = [];
  try {
    await waitFor(page, 'r.gl && s.progress && s.progress.station === 0', 60_000);
    const stations = await listStations(page);
    const hook = (await page.evaluate('({ renderers: Object.values(window.__bench.renderers), commits: window.__bench.commits })')) as {
      renderers: string[];
      commits: number;
    };
    for (const [index, info] of stations.entries()) {
      const row: StationRow = { index, kind: info.kind, id: info.id, room: info.room };
      rows.push(row);
      if (Date.now() > options.deadline) {
        row.error = 'skipped: time budget used up';
        continue;
      }
      try {
        if (index > 0) {
          const previous = stations[index - 1]!;
          if (previous.kind === 'checkpoint') {
            const passed = await page.evaluate(
              ({ answers }) => {
                const store = (window as unknown as { __redtour: { store: { getState(): Record<string, (...a: string[]) => unknown> } } }).__redtour.store;
                for (const [question, options] of answers) for (const option of options) store.getState().chooseOption!(question, option);
                const result = store.getState().submitQuiz!() as { passed: boolean } | null;
                return result?.passed ?? false;
              },
              { answers: previous.answers },
            );
            if (!passed) throw new Error(`checkpoint ${previous.id} was not passed with the answers from the scene`);
          }
          await page.evaluate(js(`s.goToStation(${index}); return 0;`));
        }
        await arrive(page, index);
        // Share the time left between the windows left, keeping ~7 s per station for moving between them.
        const windowsLeft = stations.slice(index).reduce((n, x) => n + (x.kind === 'stop' ? 3 : 2), 0);
        const stationsLeft = stations.length - index;
        const windowMs = Math.max(2_000, Math.min(options.windowMs, (options.deadline - Date.now() - 7_000 * stationsLeft) / windowsLeft));
        options.log(`  ${baseId} #${index} ${info.id} (windows of ${options.frames} frames or ${(windowMs / 1000).toFixed(1)} s)`);
        if (info.kind === 'stop') {
          await waitFor(page, "s.narrationState === 'playing' || s.narrationState === 'fallback'", 15_000).catch(() => {});
          row.narration = await measureFrames(page, options.frames, windowMs);
          row.narrationState = (await page.evaluate(js('return s.narrationState;'))) as string;
          await page.keyboard.press('KeyK'); // skip the rest of the narration
          await waitFor(page, "s.narrationState !== 'playing' && s.narrationState !== 'fallback'", 5_000).catch(() => {});
        }
        row.standing = await measureFrames(page, options.frames, windowMs);
        row.memory = (await page.evaluate(
          js(`const i = r.gl.info; const textureBytes = (() => { ${TEXTURE_BYTES} })(); return { textures: i.memory.textures, geometries: i.memory.geometries, programs: i.programs ? i.programs.length : 0, textureBytes };`),
        )) as StationMemory;
        const walked = await walk(page, info, options.frames, windowMs);
        row.walking = walked.stats;
        row.walked = walked.walked;
      } catch (error) {
        row.error = (error as Error).message.split('\n')[0];
        options.log(`  ${baseId} #${index} ${info.id}: ${row.error}`);
        // A broken station leaves the tour somewhere unknown: stop this base here.
        break;
      }
    }
    return {
      baseId,
      rows,
      commitHook: { renderers: hook.renderers, commitsAtStart: hook.commits },
      offHost: [...opened.offHostRequests],
      errors: [...opened.pageErrors, ...opened.failedRequests],
    };
  } finally {
    await opened.close();
  }
}
