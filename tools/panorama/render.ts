/**
 * Renders an equirectangular 360° photo from one of our own 3D rooms (a GLB in public/models),
 * at a given eye position, in headless Chromium (Debian's, offline, loopback only), exactly as the
 * app draws that room; writes `public/panoramas/<name>.jpg` with a provenance comment inside the
 * JPEG and a line in `public/panoramas/PROVENANCE.md`.
 *
 * Usage:
 *   npx tsx tools/panorama/render.ts                       every shot in tools/panorama/shots.ts
 *   npx tsx tools/panorama/render.ts --only yida-hall      one of them
 *   npx tsx tools/panorama/render.ts --model models/x.glb --eye 0,1.6,0 [--yaw 0] [--background '#c9d6df']
 *                                    [--width 4096] [--quality 0.85] --name x     an ad-hoc shot
 *   Add --out <dir> to write elsewhere (default public/panoramas; PROVENANCE.md only there).
 */
import { createReadStream, existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PANORAMA_LIMITS } from '../../src/content/panorama';
import { launchBrowser, openPage } from '../../tests/e2e/harness';
import { imageInfo } from './check';
import type { PanoramaResult } from './page/main';
import { SHOTS, type Shot } from './shots';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const PAGE_DIR = join(ROOT, 'tools/panorama/page');
export const PANORAMA_DIR = join(ROOT, 'public/panoramas');

/** The line that says where a rendered panorama came from (in the JPEG and in PROVENANCE.md). */
export function provenance(shot: Shot): string {
  return `Rendered by RedTour XR tools/panorama/render.ts from public/${shot.model}, eye ${shot.eye.join(',')}, yaw ${shot.yaw}, ${shot.width}x${shot.width / 2}, JPEG quality ${shot.quality}`;
}

/** `bytes` with a JPEG comment (COM) segment holding `text` right after the start-of-image marker. */
export function withJpegComment(bytes: Uint8Array, text: string): Buffer {
  const body = Buffer.from(text, 'utf8');
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new Error('not a JPEG');
  if (body.length > 0xfffd) throw new Error('comment too long');
  const com = Buffer.alloc(4);
  com.writeUInt16BE(0xfffe, 0);
  com.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([bytes.subarray(0, 2), com, body, bytes.subarray(2)]);
}

/** The text of a JPEG's first comment segment, or null. */
export function jpegComment(bytes: Buffer): string | null {
  let i = 2;
  while (i + 4 <= bytes.length && bytes[i] === 0xff) {
    const marker = bytes[i + 1]!;
    const length = bytes.readUInt16BE(i + 2);
    if (marker === 0xfe) return bytes.toString('utf8', i + 4, i + 2 + length);
    if (marker === 0xda) return null;
    i += 2 + length;
  }
  return null;
}

async function buildPage(): Promise<string> {
  const { build } = await import('vite');
  const outDir = await mkdtemp(join(tmpdir(), 'redtour-panorama-page-'));
  await build({ configFile: false, root: PAGE_DIR, base: './', logLevel: 'warn', build: { outDir, emptyOutDir: true, target: 'es2022', minify: false, reportCompressedSize: false } });
  return outDir;
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.glb': 'model/gltf-binary', '.css': 'text/css' };

/** Serves the built page at / and public/models at /models/, on 127.0.0.1 only. */
function serve(pageDir: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const [base, rel] = path.startsWith('/models/') ? [join(ROOT, 'public/models'), path.slice('/models/'.length)] : [pageDir, path === '/' ? 'index.html' : path.slice(1)];
    const file = normalize(join(base, rel));
    if (!file.startsWith(base + sep) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

async function updateProvenance(file: string, line: string): Promise<void> {
  const path = join(PANORAMA_DIR, 'PROVENANCE.md');
  const head = `# Provenance of the panoramas in this folder

Each photo is a 2:1 equirectangular JPEG or WebP shown by a \`"type": "panorama"\` room. Rendered ones
carry the same line in a JPEG comment; rebuild them all with \`npx tsx tools/panorama/render.ts\`
(settings in \`tools/panorama/shots.ts\`). A branch's own photos name the photographer, date and licence.

| File | Made by | Licence |
| --- | --- | --- |
`;
  const text = existsSync(path) ? await readFile(path, 'utf8') : head;
  const row = `| \`${file}\` | ${line} | Same as the project |`;
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.startsWith(`| \`${file}\` |`));
  if (at >= 0) lines[at] = row;
  else {
    const last = lines.reduce((k, l, i) => (l.startsWith('|') ? i : k), -1);
    lines.splice(last + 1, 0, row);
  }
  await writeFile(path, lines.join('\n'));
}

export interface Rendered {
  file: string;
  bytes: number;
  width: number;
  height: number;
  faceSize: number;
  ms: number;
}

/** Renders shots into `outDir` (one browser for all); updates PROVENANCE.md when writing to public/panoramas. */
export async function renderShots(shots: readonly Shot[], outDir = PANORAMA_DIR, log: (line: string) => void = () => {}): Promise<Rendered[]> {
  for (const s of shots) {
    if (!existsSync(join(ROOT, 'public', s.model))) throw new Error(`public/${s.model} does not exist`);
    if (!(s.width > 0 && s.width <= PANORAMA_LIMITS.maxWidth && s.width % 4 === 0)) throw new Error(`${s.name}: width must be a multiple of 4 up to ${PANORAMA_LIMITS.maxWidth}`);
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(s.name)) throw new Error(`${s.name}: name must be lower-case words joined by "-"`);
  }
  await mkdir(outDir, { recursive: true });
  const pageDir = await buildPage();
  const server = await serve(pageDir);
  const browser = await launchBrowser();
  const out: Rendered[] = [];
  try {
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const shot of shots) {
      const started = Date.now();
      const query = new URLSearchParams({
        model: `/${shot.model}`,
        eye: shot.eye.join(','),
        yaw: String(shot.yaw),
        background: shot.background,
        width: String(shot.width),
        quality: String(shot.quality),
      });
      const opened = await openPage(browser, `${origin}/?${query}`);
      try {
        await opened.page.waitForFunction('window.__panorama !== undefined', undefined, { timeout: 300_000, polling: 250 });
        const result = (await opened.page.evaluate('window.__panorama')) as PanoramaResult;
        if (!result.ok) throw new Error(`${shot.name}: ${result.error}`);
        const problems = [...opened.offHostRequests.map((u) => `off-host request ${u}`), ...opened.pageErrors, ...opened.consoleErrors, ...opened.failedRequests];
        if (problems.length) throw new Error(`${shot.name}: ${problems.join('\n')}`);
        const jpeg = withJpegComment(Buffer.from(result.jpeg, 'base64'), provenance(shot));
        const info = imageInfo(jpeg);
        if (info?.width !== result.width || info.height !== result.height) throw new Error(`${shot.name}: the JPEG is not ${result.width}×${result.height}`);
        const file = `${shot.name}.jpg`;
        await writeFile(join(outDir, file), jpeg);
        if (resolve(outDir) === PANORAMA_DIR) await updateProvenance(file, provenance(shot));
        const r = { file: join(outDir, file), bytes: jpeg.length, width: result.width, height: result.height, faceSize: result.faceSize, ms: Date.now() - started };
        log(`${relative(process.cwd(), r.file) || r.file}  ${r.width}×${r.height}  ${(r.bytes / 1024).toFixed(0)} KB  (faces ${r.faceSize}², ${(r.ms / 1000).toFixed(1)} s)`);
        out.push(r);
      } finally {
        await opened.close();
      }
    }
  } finally {
    await browser.close();
    await new Promise((ok) => server.close(ok));
    await rm(pageDir, { recursive: true, force: true });
  }
  return out;
}

function parseArgs(argv: string[]): { shots: Shot[]; outDir: string } {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) throw new Error(`unexpected argument "${a}"`);
    const v = argv[i + 1];
    if (v === undefined) throw new Error(`${a} needs a value`);
    flags.set(a.slice(2), v);
    i++;
  }
  const outDir = resolve(flags.get('out') ?? PANORAMA_DIR);
  if (flags.has('only')) {
    const names = flags.get('only')!.split(',');
    const shots = SHOTS.filter((s) => names.includes(s.name));
    const unknown = names.filter((n) => !SHOTS.some((s) => s.name === n));
    if (unknown.length) throw new Error(`no shot named ${unknown.join(', ')} in tools/panorama/shots.ts`);
    return { shots, outDir };
  }
  if (flags.has('model')) {
    const eye = (flags.get('eye') ?? '0,1.6,0').split(',').map(Number);
    if (eye.length !== 3 || eye.some((n) => !Number.isFinite(n))) throw new Error('--eye must be x,y,z in metres');
    const model = flags.get('model')!;
    return {
      shots: [
        {
          name: flags.get('name') ?? model.replace(/^.*\//, '').replace(/\.glb$/, ''),
          model,
          eye: eye as [number, number, number],
          yaw: Number(flags.get('yaw') ?? 0),
          background: flags.get('background') ?? '#c9d6df',
          width: Number(flags.get('width') ?? 4096),
          quality: Number(flags.get('quality') ?? 0.85),
        },
      ],
      outDir,
    };
  }
  return { shots: SHOTS, outDir };
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  try {
    const { shots, outDir } = parseArgs(process.argv.slice(2));
    const done = await renderShots(shots, outDir, (l) => console.log(l));
    for (const r of done) if ((await stat(r.file)).size > PANORAMA_LIMITS.maxBytes) console.warn(`warning: ${r.file} is over ${PANORAMA_LIMITS.maxBytes} bytes; lower the quality`);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
