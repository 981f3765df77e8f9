/**
 * Shared helpers for browser tests: start the built app, launch Debian's Chromium through
 * playwright-core, open a page that may not reach the internet, and check a canvas rendered.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import type { Route } from '../../server/app';
import { startServer, type RunningServer } from '../../server/main';
import { projectRoot } from '../../server/tls';

/** Debian's Chromium; override with REDTOUR_CHROMIUM. */
export const CHROMIUM_PATH = process.env.REDTOUR_CHROMIUM ?? '/usr/bin/chromium';

export interface StartAppOptions {
  /** Default: the project's `dist/`. */
  distDir?: string;
  /** Extra API routes (e.g. the xAPI service under test). */
  routes?: Route[];
  /** Also start HTTPS on 127.0.0.1 with a throw-away certificate. Default false. */
  https?: boolean;
}

/**
 * Serves the built app on 127.0.0.1 with an ephemeral port (`app.httpUrl`, no trailing slash).
 * Loopback HTTP is a secure context, so WebXR and the emulator work without HTTPS.
 * Call `app.close()` in afterAll.
 */
export async function startApp(options: StartAppOptions = {}): Promise<RunningServer> {
  const distDir = options.distDir ?? join(projectRoot, 'dist');
  if (!existsSync(join(distDir, 'index.html'))) {
    throw new Error(`${join(distDir, 'index.html')} not found: run npm run build first`);
  }
  const dataDir = options.https ? mkdtempSync(join(tmpdir(), 'redtour-e2e-')) : undefined;
  const removeDataDir = () => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const server = await startServer({
      distDir,
      routes: options.routes,
      port: 0,
      host: '127.0.0.1',
      httpsPort: options.https ? 0 : false,
      httpsHost: '127.0.0.1',
      dataDir,
      lanAddresses: [],
      log: () => {},
    });
    return { ...server, close: () => server.close().finally(removeDataDir) };
  } catch (error) {
    removeDataDir();
    throw error;
  }
}

/** Flags from DESIGN.md §4: offline, SwiftShader WebGL, audio without a gesture. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--enable-unsafe-swiftshader',
  '--use-angle=swiftshader',
  '--ignore-gpu-blocklist',
  '--autoplay-policy=no-user-gesture-required',
];

/**
 * Chromium keeps only the last `--disable-features`, and playwright-core already passes one;
 * ours would silently replace it. So ours repeats playwright-core 1.65's list (chromiumSwitches)
 * and adds WebXR. Update it with playwright-core.
 */
const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
];

export interface LaunchOptions {
  /**
   * Disable Chromium's own WebXR so `navigator.xr` is absent and the WebXR emulator
   * (IWER, used by @react-three/xr) can install itself.
   */
  xrEmulator?: boolean;
  /** Default true. */
  headless?: boolean;
  /** Extra Chromium flags. */
  args?: string[];
}

/** Launches headless Debian Chromium with the project's flags. Close it in afterAll. */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium (or set REDTOUR_CHROMIUM)`);
  }
  const args = [...CHROMIUM_ARGS];
  if (options.xrEmulator) {
    args.push(`--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, 'WebXR'].join(',')}`);
  }
  args.push(...(options.args ?? []));
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: options.headless ?? true, args });
}

export interface OpenPageOptions {
  /** Options for the fresh browser context (viewport, locale, deviceScaleFactor …). */
  context?: BrowserContextOptions;
  /** Default 'load'. */
  waitUntil?: 'load' | 'domcontentloaded' | 'networkidle' | 'commit';
  /** Navigation timeout in ms. Default 60 s (SwiftShader is slow). */
  timeout?: number;
}

export interface OpenedPage {
  page: Page;
  context: BrowserContext;
  /** Every request (and WebSocket) to a host other than 127.0.0.1/localhost; all were aborted. */
  offHostRequests: string[];
  /** `console.error` messages, with their source location when known. */
  consoleErrors: string[];
  /** Uncaught exceptions and unhandled rejections in the page. */
  pageErrors: string[];
  /** Loopback requests that failed or answered 4xx/5xx, as "STATUS URL" (missing assets); requests the page cancelled itself are not counted. */
  failedRequests: string[];
  /** Closes the page's context. */
  close(): Promise<void>;
}

function isLoopbackUrl(raw: string): boolean {
  try {
    const { hostname, protocol } = new URL(raw);
    if (!/^(https?|wss?):$/.test(protocol)) return true;
    return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
  } catch {
    return false;
  }
}

/**
 * Opens `url` in a fresh context. Requests to any other host are recorded and aborted, so a
 * test can assert the app works offline (`expect(offHostRequests).toEqual([])`). Note that
 * each aborted request also adds a "Failed to load resource" entry to consoleErrors.
 */
export async function openPage(browser: Browser, url: string, options: OpenPageOptions = {}): Promise<OpenedPage> {
  const context = await browser.newContext(options.context);
  const offHostRequests: string[] = [];
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  const failedRequests: string[] = [];

  await context.route(
    (target) => !isLoopbackUrl(target.href),
    async (route) => {
      offHostRequests.push(route.request().url());
      await route.abort('blockedbyclient');
    },
  );
  await context.routeWebSocket(
    (target) => !isLoopbackUrl(target.href),
    async (ws) => {
      offHostRequests.push(ws.url());
      await ws.close({ code: 1008, reason: 'off-host WebSocket blocked by the test harness' });
    },
  );

  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const { url: source, lineNumber } = message.location();
    consoleErrors.push(source ? `${message.text()} (${source}:${lineNumber})` : message.text());
  });
  page.on('pageerror', (error) => pageErrors.push(error.stack ?? `${error.name}: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400 && isLoopbackUrl(response.url())) {
      failedRequests.push(`${response.status()} ${response.url()}`);
    }
  });
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? 'failed';
    // ERR_ABORTED is the page cancelling its own request (e.g. a stop's narration replaced by
    // the next one's before it finished loading): not a failure of the server or a missing file.
    if (isLoopbackUrl(request.url()) && reason !== 'net::ERR_ABORTED') {
      failedRequests.push(`${reason} ${request.url()}`);
    }
  });

  try {
    await page.goto(url, { waitUntil: options.waitUntil ?? 'load', timeout: options.timeout ?? 60_000 });
  } catch (error) {
    await context.close();
    throw error;
  }
  return {
    page,
    context,
    offHostRequests,
    consoleErrors,
    pageErrors,
    failedRequests,
    close: () => context.close(),
  };
}

export interface DecodedPng {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel, row by row. */
  rgba: Uint8Array;
}

/** Decodes an 8-bit, non-interlaced PNG (what Chromium screenshots are) without a dependency. */
export function decodePng(png: Buffer): DecodedPng {
  if (png.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  let colourType = 0;
  let palette: Buffer | null = null;
  let transparency: Buffer | null = null;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    offset += 12 + length;
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      colourType = data[9]!;
      if (data[8] !== 8 || data[12] !== 0) throw new Error('only 8-bit non-interlaced PNGs are supported');
    } else if (type === 'PLTE') palette = data;
    else if (type === 'tRNS') transparency = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
  }
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[colourType];
  if (channels === undefined) throw new Error(`unsupported PNG colour type ${colourType}`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const row = y * (stride + 1) + 1;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? pixels[y * stride + x - channels]! : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels]! : 0;
      let predictor = 0;
      if (filter === 1) predictor = a;
      else if (filter === 2) predictor = b;
      else if (filter === 3) predictor = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      pixels[y * stride + x] = (raw[row + x]! + predictor) & 0xff;
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const p = i * channels;
    let pixel: number[];
    if (colourType === 6) pixel = [pixels[p]!, pixels[p + 1]!, pixels[p + 2]!, pixels[p + 3]!];
    else if (colourType === 2) pixel = [pixels[p]!, pixels[p + 1]!, pixels[p + 2]!, 255];
    else if (colourType === 4) pixel = [pixels[p]!, pixels[p]!, pixels[p]!, pixels[p + 1]!];
    else if (colourType === 0) pixel = [pixels[p]!, pixels[p]!, pixels[p]!, 255];
    else {
      const index = pixels[p]!;
      pixel = [palette?.[index * 3] ?? 0, palette?.[index * 3 + 1] ?? 0, palette?.[index * 3 + 2] ?? 0, transparency?.[index] ?? 255];
    }
    rgba.set(pixel, i * 4);
  }
  return { width, height, rgba };
}

export type Rgb = [number, number, number];

export interface CanvasStats {
  width: number;
  height: number;
  /** Exact distinct RGB colours in the screenshot. A rendered 3D scene has hundreds. */
  distinctColours: number;
  dominantColour: Rgb;
  /** Share of pixels in the dominant colour (0–1). */
  dominantFraction: number;
  /** What "nothing drawn" would look like. */
  background: Rgb;
  /** Share of pixels that differ from `background` by more than the tolerance (0–1). */
  nonBackgroundFraction: number;
  /** `nonBackgroundFraction > 0.01`. For a 3D scene also check `distinctColours`. */
  notBlank: boolean;
}

export interface CanvasStatsOptions {
  /** Default 'canvas' (the first one). */
  selector?: string;
  /** Default: the CSS background behind the canvas (the page's, white if none), which is
   * what a transparent canvas that drew nothing shows. */
  background?: Rgb;
  /** Per-channel difference still counted as background. Default 8. */
  tolerance?: number;
}

/** Screenshots the canvas and measures how much was drawn on it. */
export async function canvasNotBlank(page: Page, options: CanvasStatsOptions = {}): Promise<CanvasStats> {
  const canvas = page.locator(options.selector ?? 'canvas').first();
  await canvas.waitFor({ state: 'visible' });
  const background =
    options.background ??
    (await canvas.evaluate((element): [number, number, number] => {
      for (let node: Element | null = element.parentElement; node; node = node.parentElement) {
        const match = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(
          getComputedStyle(node).backgroundColor,
        );
        if (match && (match[4] === undefined || Number(match[4]) > 0)) {
          return [Number(match[1]), Number(match[2]), Number(match[3])];
        }
      }
      return [255, 255, 255];
    }));
  const { width, height, rgba } = decodePng(await canvas.screenshot({ type: 'png', scale: 'css' }));
  const tolerance = options.tolerance ?? 8;
  const counts = new Map<number, number>();
  let differing = 0;
  for (let i = 0; i < rgba.length; i += 4) {
    const r = rgba[i]!;
    const g = rgba[i + 1]!;
    const b = rgba[i + 2]!;
    const key = (r << 16) | (g << 8) | b;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (
      Math.abs(r - background[0]) > tolerance ||
      Math.abs(g - background[1]) > tolerance ||
      Math.abs(b - background[2]) > tolerance
    ) {
      differing++;
    }
  }
  let dominant = 0;
  let dominantCount = 0;
  for (const [key, count] of counts) {
    if (count > dominantCount) [dominant, dominantCount] = [key, count];
  }
  const total = Math.max(1, width * height);
  return {
    width,
    height,
    distinctColours: counts.size,
    dominantColour: [(dominant >> 16) & 0xff, (dominant >> 8) & 0xff, dominant & 0xff],
    dominantFraction: dominantCount / total,
    background,
    nonBackgroundFraction: differing / total,
    notBlank: differing / total > 0.01,
  };
}
