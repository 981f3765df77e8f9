/**
 * Builds the app and the baseline into temp dirs (the checkout's dist/ is left alone) and
 * measures what they download: initial JS, total JS, and per base the first room's assets.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { promisify } from 'node:util';
import { build } from 'vite';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** Sizes of one file or a sum: raw, gzip -9, brotli quality 11 (NaN when not computed). */
export interface Sizes {
  raw: number;
  gzip: number;
  br: number;
}

export const zero = (): Sizes => ({ raw: 0, gzip: 0, br: 0 });
export const add = (a: Sizes, b: Sizes): Sizes => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, br: a.br + b.br });

const cache = new Map<string, Promise<Sizes>>();

/**
 * Raw, gzip and (unless `brotli: false`; quality 11 is slow, about 1 MB/s) brotli size of a
 * file, memoised.
 */
export function fileSizes(path: string, options: { brotli?: boolean } = {}): Promise<Sizes> {
  const brotli = options.brotli ?? true;
  const key = `${brotli ? 'br' : 'gz'}|${path}`;
  let sizes = cache.get(key);
  if (!sizes) {
    sizes = (async () => {
      const bytes = readFileSync(path);
      const [gz, br] = await Promise.all([
        gzipAsync(bytes, { level: 9 }),
        brotli
          ? brotliAsync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } })
          : null,
      ]);
      return { raw: bytes.length, gzip: gz.length, br: br ? br.length : Number.NaN };
    })();
    cache.set(key, sizes);
  }
  return sizes;
}

export async function sumSizes(paths: readonly string[], options: { brotli?: boolean } = {}): Promise<Sizes> {
  return (await Promise.all(paths.map((p) => fileSizes(p, options)))).reduce(add, zero());
}

/**
 * Builds with vite's API into `outDir`, with a manifest and hidden source maps (the .js files
 * are byte for byte those of a plain build: no sourceMappingURL comment; the maps only feed
 * tools/bench/composition.ts).
 */
export async function viteBuild(configFile: string, root: string, outDir: string): Promise<void> {
  await build({
    configFile,
    root,
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, manifest: true, sourcemap: 'hidden', reportCompressedSize: false },
  });
}

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

/** Every JS file under `dir` (relative, posix). */
function allJs(dir: string, sub = ''): string[] {
  return readdirSync(join(dir, sub)).flatMap((name) => {
    const rel = sub ? `${sub}/${name}` : name;
    if (statSync(join(dir, rel)).isDirectory()) return name === '.vite' ? [] : allJs(dir, rel);
    return /\.m?js$/.test(name) ? [rel] : [];
  });
}

export interface JsBytes {
  /** The entry chunk and its static imports (what index.html loads before any user action). */
  initialFiles: string[];
  initial: Sizes;
  totalFiles: number;
  /** Raw and gzip only. */
  total: Sizes;
}

/** Initial and total JS of a build, from its Vite manifest. */
export async function jsBytes(outDir: string): Promise<JsBytes> {
  const manifest = JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const entry = Object.entries(manifest).find(([key, chunk]) => chunk.isEntry && key.endsWith('index.html'));
  if (!entry) throw new Error(`${outDir}: no index.html entry in the Vite manifest`);
  const seen = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || seen.has(chunk.file)) return;
    seen.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(entry[0]);
  // Cross-check with what index.html itself references.
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  for (const match of html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="\/?([^"]+\.m?js)"/g)) seen.add(match[1]!);
  const initialFiles = [...seen].filter((f) => /\.m?js$/.test(f)).sort();
  const all = allJs(outDir);
  return {
    initialFiles,
    initial: await sumSizes(initialFiles.map((f) => join(outDir, f))),
    totalFiles: all.length,
    total: await sumSizes(all.map((f) => join(outDir, f)), { brotli: false }),
  };
}

/** URL paths as fetched → files relative to `outDir` that exist there. */
export function filesOfPaths(outDir: string, paths: readonly string[]): string[] {
  return [...new Set(paths)].map((p) => posix.normalize(p).replace(/^\/+/, '')).filter((f) => existsSync(join(outDir, f)));
}

/** JS files (URL paths as fetched) measured in `outDir`. */
export function sizesOfPaths(outDir: string, paths: readonly string[]): Promise<Sizes> {
  return sumSizes(filesOfPaths(outDir, paths).map((f) => join(outDir, f)));
}

export interface BaseBytes {
  baseId: string;
  room: string;
  model: { file: string; sizes: Sizes } | null;
  /** The first room's narration files (stops without a file are `missing`); sizes include the manifest. */
  audio: { files: number; missing: number; sizes: Sizes };
  font: { file: string; sizes: Sizes };
  /** What a first visit downloads for this room, as our server sends it (GLB brotli; mp3 and woff as they are). */
  download: number;
  /** The whole base: every room's model and image, every stop's narration, the manifest and the font. */
  whole: { models: number; images: number; audio: number; audioMissing: number; font: number; download: number };
}

interface SceneJson {
  id: string;
  rooms: ({ id: string; type?: string; model?: string; stops: { id: string }[] } & Record<string, unknown>)[];
}

/** Files under public/ a room names: its model, and any photo (e.g. a panorama's image). */
function roomAssets(room: SceneJson['rooms'][number]): { models: string[]; images: string[] } {
  const values = Object.values(room).filter((v): v is string => typeof v === 'string');
  return { models: values.filter((v) => /\.glb$/i.test(v)), images: values.filter((v) => /\.(jpe?g|webp|png|ktx2)$/i.test(v)) };
}

/** Per base (every scenes/<id>/scene.json): what its first room needs, from the built app. */
export async function baseBytes(projectRoot: string, outDir: string, fontPath: string): Promise<BaseBytes[]> {
  const scenesDir = join(projectRoot, 'scenes');
  const font = { file: fontPath, sizes: await fileSizes(join(outDir, fontPath)) };
  const out: BaseBytes[] = [];
  for (const dir of readdirSync(scenesDir).sort()) {
    const file = join(scenesDir, dir, 'scene.json');
    if (!existsSync(file)) continue;
    let scene: SceneJson;
    try {
      scene = JSON.parse(readFileSync(file, 'utf8')) as SceneJson;
    } catch {
      continue;
    }
    const room = scene.rooms?.[0];
    if (!room) continue;
    const modelPath = room.model ? join(outDir, room.model) : null;
    const model = modelPath && existsSync(modelPath) ? { file: room.model!, sizes: await fileSizes(modelPath) } : null;
    const manifestPath = join(outDir, 'audio', scene.id, 'manifest.json');
    const manifest = existsSync(manifestPath)
      ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as { stops?: Record<string, { file?: string }> })
      : { stops: {} };
    const audioFiles: string[] = [];
    let missing = 0;
    for (const stop of room.stops) {
      const entry = manifest.stops?.[stop.id]?.file;
      if (entry && existsSync(join(outDir, entry))) audioFiles.push(join(outDir, entry));
      else missing++;
    }
    const manifestSizes = existsSync(manifestPath) ? await fileSizes(manifestPath) : zero();
    const audio = { files: audioFiles.length, missing, sizes: add(await sumSizes(audioFiles, { brotli: false }), manifestSizes) };
    // The whole base: GLB brotli (as our server sends it), photos and mp3s as they are.
    const assets = scene.rooms.map(roomAssets);
    const existing = (files: string[]) => [...new Set(files)].map((f) => join(outDir, f)).filter((f) => existsSync(f));
    const models = (await sumSizes(existing(assets.flatMap((a) => a.models)))).br;
    const images = (await sumSizes(existing(assets.flatMap((a) => a.images)), { brotli: false })).raw;
    const allAudio: string[] = [];
    let audioMissing = 0;
    for (const stop of scene.rooms.flatMap((r) => r.stops)) {
      const entry = manifest.stops?.[stop.id]?.file;
      if (entry && existsSync(join(outDir, entry))) allAudio.push(join(outDir, entry));
      else audioMissing++;
    }
    const audioAll = (await sumSizes(allAudio, { brotli: false })).raw + manifestSizes.br;
    out.push({
      baseId: scene.id,
      room: room.id,
      model,
      audio,
      font,
      // mp3 and woff are sent as they are; GLB and the manifest (JSON) brotli-compressed.
      download: (model?.sizes.br ?? 0) + (audio.sizes.raw - manifestSizes.raw + manifestSizes.br) + font.sizes.raw,
      whole: { models, images, audio: audioAll, audioMissing, font: font.sizes.raw, download: models + images + audioAll + font.sizes.raw },
    });
  }
  return out;
}
