/**
 * `npm run bench`: builds the app and a bare baseline with the same stack, then measures bytes,
 * cold start-up, per-station renderer/JS/React cost in headless Chromium, and the study-record
 * service under load; prints the report and writes it to BENCHMARKS.md.
 *
 *   npm run bench [-- --runs 5 --frames 300 --window-ms 5000 --only bytes,startup,stations,records --no-write]
 *
 * Targets are reported as PASS / FALL SHORT and never change the exit code. The run has a hard
 * time limit (`--time-limit`, seconds) after which it closes its browser and servers and exits 2.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../../tests/e2e/harness';
import { startServer, type RunningServer } from '../../server/main';
import { projectRoot } from '../../server/tls';
import { coldLoad, VIEWPORT, type StartupSample } from './browser';
import { baseBytes, fileSizes, filesOfPaths, jsBytes, sumSizes, viteBuild } from './bytes';
import { compositionOf } from './composition';
import { benchRecords } from './records';
import { renderReport, type BenchResults, type StartupResult } from './report';
import { measureBase, type BaseResult } from './stations';
import { withTimeout } from './stats';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    frames: { type: 'string', default: '300' },
    'window-ms': { type: 'string', default: '5000' },
    only: { type: 'string', default: 'bytes,startup,stations,records' },
    'no-write': { type: 'boolean', default: false },
    out: { type: 'string', default: join(projectRoot, 'BENCHMARKS.md') },
    'time-limit': { type: 'string', default: '900' },
  },
});

const runs = Math.max(1, Number(args.runs));
const frames = Math.max(10, Number(args.frames));
const windowMsArg = Number(args['window-ms']);
const windowMs = windowMsArg > 0 ? windowMsArg : 3_600_000;
const only = new Set(args.only.split(',').map((x) => x.trim()));
const timeLimitMs = Number(args['time-limit']) * 1000;
/** The per-station part shortens its windows to be done this long after the start (then ~25 s of record service). */
/** Time for the stations part, per base (about 10 stations each), counted from the start of the bench. */
const STATIONS_MS_PER_BASE = 110_000;
const STATION_VIEWPORT = { width: 240, height: 150 };
const BASELINE_DIR = join(projectRoot, 'bench', 'baseline');
const FONT_PATH = 'fonts/redtour-sc.woff';

const t0 = Date.now();
const log = (line: string) => process.stderr.write(`[bench ${((Date.now() - t0) / 1000).toFixed(0).padStart(3)} s] ${line}\n`);

const work = mkdtempSync(join(tmpdir(), 'redtour-bench-'));
const oursDir = join(work, 'ours');
const baselineDir = join(work, 'baseline');
let browser: Browser | undefined;
const servers: RunningServer[] = [];

let cleaning: Promise<void> | undefined;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await browser?.close().catch(() => {});
    await Promise.all(servers.map((s) => s.close().catch(() => {})));
    rmSync(work, { recursive: true, force: true });
  })();
  return cleaning;
}

const watchdog = setTimeout(() => {
  log(`hard time limit of ${timeLimitMs / 1000} s reached: closing the browser and servers`);
  void cleanup().finally(() => process.exit(2));
}, timeLimitMs);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    log(`${signal}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  });
}

/** Every base (scenes/<id>/scene.json), in menu order. */
function baseIds(): string[] {
  const dir = join(projectRoot, 'scenes');
  const scenes: { id: string; order: number }[] = [];
  for (const name of readdirSync(dir)) {
    try {
      const scene = JSON.parse(readFileSync(join(dir, name, 'scene.json'), 'utf8')) as { id?: string; order?: number };
      if (scene.id) scenes.push({ id: scene.id, order: scene.order ?? 1e9 });
    } catch {
      // not a base folder, or a broken scene (the app shows those as broken cards)
    }
  }
  return scenes.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id)).map((x) => x.id);
}

function gitCommit(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: projectRoot, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: projectRoot, encoding: 'utf8' }).split('\n').filter(Boolean).length;
    return dirty ? `${sha} + uncommitted changes in ${dirty} paths` : sha;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

/**
 * Serves a build on 127.0.0.1. The app is served as `npm start` serves it, with the study-record
 * service on (a fresh SQLite store in a temp data dir), so `/api/config` and `/api/roster` answer
 * and the app records its study events as it would in use.
 */
async function serve(distDir: string, withRecords: boolean): Promise<RunningServer> {
  const dataDir = withRecords ? mkdtempSync(join(work, 'data-')) : undefined;
  const server = await startServer({
    distDir,
    port: 0,
    host: '127.0.0.1',
    httpsPort: false,
    lanAddresses: [],
    log: () => {},
    ...(withRecords ? { dataDir, records: {} } : {}),
  });
  servers.push(server);
  return server;
}

async function startup(oursUrl: string, baselineUrl: string, firstBase: string): Promise<StartupResult> {
  const ours: StartupSample[] = [];
  const baseline: StartupSample[] = [];
  const failures: string[] = [];
  const load = async (which: 'ours' | 'baseline', record: boolean): Promise<boolean> => {
    const url = which === 'ours' ? `${oursUrl}/?test&autostart=${encodeURIComponent(firstBase)}` : `${baselineUrl}/`;
    try {
      const sample = await withTimeout(coldLoad(browser!, url, { room: which === 'ours', timeoutMs: 60_000 }), 90_000, `cold load of ${url}`);
      if (record) (which === 'ours' ? ours : baseline).push(sample);
      return true;
    } catch (error) {
      failures.push(`${which}: ${(error as Error).message.split('\n')[0]}`);
      return false;
    }
  };
  log('start-up: one untimed load of each');
  // If either page never reaches its marks, do not spend minutes timing out again.
  const warm = [await load('ours', false), await load('baseline', false)];
  for (let i = 0; i < runs && failures.length < 3 && warm.every(Boolean); i++) {
    await load('ours', true);
    await load('baseline', true);
    const last = (xs: StartupSample[]) => xs.at(-1)?.firstFrame.toFixed(0) ?? '–';
    log(`start-up run ${i + 1}/${runs}: first frame ours ${last(ours)} ms, baseline ${last(baseline)} ms`);
  }
  // The scripts every timed load had fetched before its first frame: what the first frame needs.
  const before = async (dir: string, samples: StartupSample[]) => {
    const sets = samples.map((x) => new Set(filesOfPaths(dir, x.scripts.map((y) => y.path))));
    const files = sets.length ? [...sets[0]!].filter((f) => sets.every((set) => set.has(f))).sort() : [];
    return { ...(await sumSizes(files.map((f) => join(dir, f)))), files };
  };
  return {
    ours,
    baseline,
    oursJsBeforeFrame: await before(oursDir, ours),
    baselineJsBeforeFrame: await before(baselineDir, baseline),
    ...(ours.length === 0 || baseline.length === 0 ? { error: failures.join('; ') || 'no samples' } : {}),
  };
}

async function main(): Promise<void> {
  const loadStart = loadavg()[0]!.toFixed(2);
  const results: BenchResults = {
    machine: {
      date: new Date().toISOString(),
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
      memoryGb: totalmem() / 1e9,
      kernel: release(),
      node: process.version,
      chromium: '–',
      vite: (JSON.parse(readFileSync(join(projectRoot, 'node_modules', 'vite', 'package.json'), 'utf8')) as { version: string }).version,
      commit: gitCommit(),
      loadStart,
      loadEnd: '',
      durationS: 0,
    },
    settings: {
      runs,
      frames,
      windowMs: windowMsArg > 0 ? windowMsArg : 0,
      viewport: `${STATION_VIEWPORT.width}×${STATION_VIEWPORT.height} CSS px`,
      startupViewport: `${VIEWPORT.width}×${VIEWPORT.height}`,
    },
    bytes: { error: 'skipped' },
    startup: null,
    stations: [],
    records: null,
  };

  log(`building the app into ${oursDir} (dist/ is left alone)`);
  await viteBuild(join(projectRoot, 'vite.config.ts'), projectRoot, oursDir);
  log('building the baseline (bench/baseline)');
  await viteBuild(join(BASELINE_DIR, 'vite.config.ts'), BASELINE_DIR, baselineDir);

  if (only.has('bytes')) {
    log('bytes');
    const [ours, baseline, bases] = await Promise.all([jsBytes(oursDir), jsBytes(baselineDir), baseBytes(projectRoot, oursDir, FONT_PATH)]);
    const baselineFontFile = readdirSync(join(baselineDir, 'assets')).find((f) => f.endsWith('.woff'));
    const baselineFont = baselineFontFile ? await fileSizes(join(baselineDir, 'assets', baselineFontFile)) : { raw: 0, gzip: 0, br: 0 };
    results.bytes = { ours, baseline, bases, baselineFont };
  }

  const browserParts = ['startup', 'stations'].filter((x) => only.has(x));
  if (browserParts.length) {
    const oursServer = await serve(oursDir, true);
    const baselineServer = await serve(baselineDir, false);
    browser = await launchBrowser();
    results.machine.chromium = browser.version();
    const bases = baseIds();
    if (only.has('startup') && bases[0]) results.startup = await startup(oursServer.httpUrl, baselineServer.httpUrl, bases[0]);
    if (only.has('stations')) {
      for (const [i, baseId] of bases.entries()) {
        // Each base gets an equal share of the time left for stations.
        const deadline = Date.now() + Math.max(60_000, (t0 + STATIONS_MS_PER_BASE * bases.length - Date.now()) / (bases.length - i));
        log(`stations of ${baseId}`);
        try {
          const result: BaseResult = await withTimeout(
            measureBase(browser, oursServer.httpUrl, baseId, { frames, windowMs, viewport: STATION_VIEWPORT, deadline, log }),
            // the base's own deadline, plus a minute for a station already started to finish
            deadline - Date.now() + 60_000,
            `stations of ${baseId}`,
          );
          results.stations.push(result);
        } catch (error) {
          results.stationsError = `${baseId}: ${(error as Error).message.split('\n')[0]}`;
          log(results.stationsError);
          break;
        }
      }
    }
    await browser.close();
    browser = undefined;
  }

  if (only.has('records')) {
    log('study-record service: load generator in a second process');
    results.records = await benchRecords({
      distDir: oursDir,
      connections: 4,
      batchSeconds: 4,
      singleSeconds: 3,
      rate: 200,
      rateSeconds: 5,
      graceSeconds: 5,
      timeoutMs: 90_000,
    });
    if (!results.records.available) log(`study-record service not available: ${results.records.reason}`);
  }

  if (!('error' in results.bytes)) {
    // What the first frame's JS is made of (by package), for deciding what to split off.
    const oursFiles = results.startup?.oursJsBeforeFrame.files.length ? results.startup.oursJsBeforeFrame.files : results.bytes.ours.initialFiles;
    const baselineFiles = results.startup?.baselineJsBeforeFrame.files.length ? results.startup.baselineJsBeforeFrame.files : results.bytes.baseline.initialFiles;
    results.composition = {
      ours: [...compositionOf(oursDir, oursFiles)],
      baseline: [...compositionOf(baselineDir, baselineFiles)],
      initial: [...compositionOf(oursDir, results.bytes.ours.initialFiles)],
    };
  }

  results.machine.loadEnd = loadavg()[0]!.toFixed(2);
  results.machine.durationS = (Date.now() - t0) / 1000;
  const { markdown, verdicts } = renderReport(results);
  process.stdout.write(`${markdown}\n`);
  if (!args['no-write']) {
    writeFileSync(args.out, `${markdown}\n`);
    log(`wrote ${args.out}`);
  }
  log(`targets: ${verdicts.map((v) => `${v.ok === null ? 'n/a' : v.ok ? 'PASS' : 'FALL SHORT'} — ${v.target}`).join('; ')}`);
}

main()
  .then(
    () => 0,
    (error: unknown) => {
      log(`failed: ${(error as Error)?.stack ?? error}`);
      return 1;
    },
  )
  .then(async (code) => {
    clearTimeout(watchdog);
    await cleanup();
    process.exit(code);
  });
