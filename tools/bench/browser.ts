/**
 * What the benchmark measures in headless Chromium: cold start-up marks, and per-frame cost at
 * every station of a base. The page-side instrumentation is an init script (below) installed
 * before any page script runs, so the app and the baseline are measured the same way and the
 * app's production chunks are not changed by it.
 */
import type { Browser, Page } from 'playwright-core';
import { openPage, type OpenedPage } from '../../tests/e2e/harness';
import { max, median, quantile } from './stats';

/** The viewport of every page the bench opens (device scale factor 1). */
export const VIEWPORT = { width: 960, height: 600 } as const;

const RING = 4096;

/**
 * Runs in the page before its own scripts:
 * - wraps requestAnimationFrame: per animation frame, the wall time spent in rAF callbacks
 *   (R3F's loop — global effects, useFrame, gl.render, after-effects — is the only rAF user in
 *   both apps; the callback count per frame is kept to check that), and the draw calls and
 *   triangles of `window.__redtour.gl` after the frame, in ring buffers;
 * - installs a React DevTools hook stub that counts commits per renderer (react-dom and
 *   @react-three/fiber's reconciler both report to it in production builds).
 */
const INIT_SCRIPT = `(() => {
  // tsx (esbuild keepNames) wraps named functions in __name(); the bench's evaluate() callbacks need it.
  if (!globalThis.__name) globalThis.__name = (f) => f;
  const N = ${RING};
  const b = { frames: 0, start: new Float64Array(N), js: new Float64Array(N), cbs: new Uint16Array(N),
    calls: new Uint32Array(N), tris: new Uint32Array(N), cm: new Float64Array(N), commits: 0, commitsBy: {}, renderers: {} };
  Object.defineProperty(window, '__bench', { value: b });
  const raf = window.requestAnimationFrame.bind(window);
  let lastTs = -1;
  let i = 0;
  window.requestAnimationFrame = function (cb) {
    return raf(function (ts) {
      const t0 = performance.now();
      if (ts !== lastTs) { lastTs = ts; b.frames++; i = b.frames % N; b.start[i] = t0; b.cm[i] = b.commits; b.js[i] = 0; b.cbs[i] = 0; }
      try { cb(ts); } finally {
        b.js[i] += performance.now() - t0;
        b.cbs[i]++;
        const gl = window.__redtour && window.__redtour.gl;
        if (gl) { b.calls[i] = gl.info.render.calls; b.tris[i] = gl.info.render.triangles; }
      }
    });
  };
  let ids = 0;
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    inject(internals) { const id = ++ids; b.renderers[id] = internals.rendererPackageName; b.commitsBy[id] = 0; return id; },
    onCommitFiberRoot(id) { b.commits++; b.commitsBy[id] = (b.commitsBy[id] || 0) + 1; },
    onCommitFiberUnmount() {},
    onPostCommitFiberRoot() {},
    checkDCE() {},
  };
})();`;

interface BenchProbe {
  frames: number;
  start: Float64Array;
  js: Float64Array;
  cbs: Uint16Array;
  calls: Uint32Array;
  tris: Uint32Array;
  /** The commit count when the frame started. */
  cm: Float64Array;
  commits: number;
  commitsBy: Record<string, number>;
  renderers: Record<string, string>;
}
type BenchWindow = Window & { __bench: BenchProbe };

/** Opens `url` in a fresh context (empty cache) with the instrumentation installed. */
export async function openInstrumented(browser: Browser, url: string, viewport: { width: number; height: number } = VIEWPORT): Promise<OpenedPage> {
  const opened = await openPage(browser, 'about:blank', { context: { viewport, locale: 'zh-CN' } });
  try {
    await opened.context.addInitScript({ content: INIT_SCRIPT });
    await opened.page.goto(url, { waitUntil: 'commit', timeout: 60_000 });
    return opened;
  } catch (error) {
    await opened.close();
    throw error;
  }
}

export interface StartupSample {
  /** ms from navigation start. */
  main: number;
  firstFrame: number;
  firstText: number;
  /** The app only: first frame with the room model drawn (> 1,000 triangles). */
  firstRoom: number | null;
  /** Script files (path) fetched before the first frame, with their encoded (as served) size. */
  scripts: { path: string; encoded: number }[];
  offHost: string[];
  errors: string[];
}

/** One cold load: fresh context, open `url`, wait for the start-up marks. */
export async function coldLoad(browser: Browser, url: string, options: { room: boolean; timeoutMs: number }): Promise<StartupSample> {
  const opened = await openInstrumented(browser, url);
  try {
    const { page } = opened;
    const names = ['redtour:first-frame', 'redtour:first-text', ...(options.room ? ['redtour:first-room'] : [])];
    await page.waitForFunction((wanted) => wanted.every((n) => performance.getEntriesByName(n).length > 0), names, {
      timeout: options.timeoutMs,
      polling: 50,
    });
    const sample = await page.evaluate(() => {
      const mark = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? null;
      const firstFrame = mark('redtour:first-frame')!;
      const scripts = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((e) => /\.m?js$/.test(new URL(e.name).pathname) && e.responseEnd <= firstFrame)
        .map((e) => ({ path: new URL(e.name).pathname, encoded: e.encodedBodySize }));
      return { main: mark('redtour:main')!, firstFrame, firstText: mark('redtour:first-text')!, firstRoom: mark('redtour:first-room'), scripts };
    });
    return { ...sample, offHost: [...opened.offHostRequests], errors: [...opened.pageErrors, ...opened.failedRequests] };
  } finally {
    await opened.close();
  }
}

export interface WindowStats {
  frames: number;
  /** Wall time of the window, ms. */
  ms: number;
  jsP50: number;
  jsP95: number;
  jsMax: number;
  /** rAF callbacks per frame (1 = only R3F's loop). */
  rafCallbacks: number;
  callsMedian: number;
  callsMax: number;
  trisMedian: number;
  trisMax: number;
  commits: number;
  commitsPerSecond: number;
  commitsPerFrame: number;
  /** Commits per renderer package in this window. */
  commitsBy: Record<string, number>;
  /** JS ms of every frame in the window, for pooled percentiles. */
  js: number[];
}

/** Commits so far, per renderer package name. */
function commitsByName(): Record<string, number> {
  const b = (window as unknown as BenchWindow).__bench;
  const by: Record<string, number> = {};
  for (const [id, count] of Object.entries(b.commitsBy)) by[b.renderers[id] ?? id] = (by[b.renderers[id] ?? id] ?? 0) + count;
  return by;
}

/**
 * Records the next `frames` animation frames, or as many as complete within `maxMs` (SwiftShader
 * may draw a heavy room at only a few frames per second), and summarises them.
 */
export async function measureFrames(page: Page, frames: number, maxMs: number): Promise<WindowStats> {
  const start = (await page.evaluate(
    `(() => { const by = (${commitsByName.toString()})(); return { frame: window.__bench.frames, t: performance.now(), by }; })()`,
  )) as { frame: number; t: number; by: Record<string, number> };
  await page.waitForFunction(
    ({ target, t, maxMs: limit }) => (window as unknown as BenchWindow).__bench.frames > target || performance.now() - t > limit,
    { target: start.frame + frames, t: start.t, maxMs },
    { timeout: maxMs + 30_000, polling: 100 },
  );
  const raw = await page.evaluate(
    ({ from, wanted, ring }) => {
      const b = (window as unknown as BenchWindow).__bench;
      // Frames from+1 … from+n are complete once frame from+n+1 has started.
      const n = Math.max(0, Math.min(wanted, b.frames - from - 1, ring - 64));
      const at = (k: number) => (from + 1 + k) % ring;
      const pick = (a: ArrayLike<number>) => Array.from({ length: n }, (_, k) => a[at(k)]!);
      return {
        n,
        js: pick(b.js),
        cbs: pick(b.cbs),
        calls: pick(b.calls),
        tris: pick(b.tris),
        ms: b.start[at(n)]! - b.start[at(0)]!,
        commits: b.cm[at(n)]! - b.cm[at(0)]!,
      };
    },
    { from: start.frame, wanted: frames, ring: RING },
  );
  const end = (await page.evaluate(`(${commitsByName.toString()})()`)) as Record<string, number>;
  const commitsBy: Record<string, number> = {};
  for (const [name, count] of Object.entries(end)) commitsBy[name] = count - (start.by[name] ?? 0);
  return {
    frames: raw.n,
    ms: raw.ms,
    jsP50: median(raw.js),
    jsP95: quantile(raw.js, 0.95),
    jsMax: max(raw.js),
    rafCallbacks: median(raw.cbs),
    callsMedian: median(raw.calls),
    callsMax: max(raw.calls),
    trisMedian: median(raw.tris),
    trisMax: max(raw.tris),
    commits: raw.commits,
    commitsPerSecond: raw.n > 0 ? raw.commits / (raw.ms / 1000) : Number.NaN,
    commitsPerFrame: raw.n > 0 ? raw.commits / raw.n : Number.NaN,
    commitsBy,
    js: raw.js,
  };
}
