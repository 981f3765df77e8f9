/**
 * Serves the WebXR input profiles (controller layouts and models, hand models) from our own
 * server, so headsets in a room without internet still see their controllers and hands.
 * @react-three/xr would otherwise fetch them from a public CDN; src/xr/xrStore.ts points its
 * `baseAssetPath` at `<base>xr-profiles/`.
 *
 * - `vite build`: copies the profiles we need from @webxr-input-profiles/assets into
 *   `dist/xr-profiles/`, with a profilesList.json that lists only those (so the loader falls
 *   back through a device's own profile ids to one we ship), and textures above 512 px scaled
 *   down (a controller is a hand-sized object; the generic model alone ships 3 MB of textures).
 * - `vite dev`: serves the same files straight from node_modules.
 * - Both: replaces @iwer/sem (the emulator's synthetic rooms, 4.6 MB of chunks fetched from a
 *   CDN when used) with a stub; our emulator runs with `syntheticEnvironment: false`.
 *
 * Source: @webxr-input-profiles/assets (MIT), models by their listed authors.
 */
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

/** The profiles we ship: the loader's fallbacks plus the controllers of the headsets we support. */
export const XR_PROFILES: readonly string[] = [
  'generic-trigger', // the loader's default when no profile matches
  'generic-hand', // hand-tracking model
  'meta-quest-touch-plus', // Quest 3 / 3S
  'meta-quest-touch-pro', // Quest Pro
  'oculus-touch-v3', // Quest 2
  'pico-4',
  'pico-neo3',
];

/** Where the input-profile assets are installed. */
export function profilesDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@webxr-input-profiles/assets/package.json')), 'dist', 'profiles');
}

type ProfilesList = Record<string, { path: string; deprecated?: boolean }>;

/** The profiles list with only the entries whose folder we ship. */
export function filterProfilesList(list: ProfilesList, shipped: readonly string[]): ProfilesList {
  const keep = new Set(shipped);
  return Object.fromEntries(Object.entries(list).filter(([, entry]) => keep.has(entry.path.split('/')[0] ?? '')));
}

/** The files of the shipped profiles, relative to the profiles folder ("pico-4/left.glb"). */
export function profileFiles(dir: string, shipped: readonly string[]): string[] {
  return shipped.flatMap((id) => {
    const folder = join(dir, id);
    if (!existsSync(folder)) return [];
    return readdirSync(folder)
      .filter((f) => f === 'profile.json' || f.endsWith('.glb'))
      .sort()
      .map((f) => `${id}/${f}`);
  });
}

/** Scales textures larger than `max` px down; returns the original bytes when nothing changed or processing failed. */
async function shrinkGlb(bytes: Uint8Array, max: number, warn: (msg: string) => void, name: string): Promise<Uint8Array> {
  try {
    const { NodeIO } = await import('@gltf-transform/core');
    const { ALL_EXTENSIONS } = await import('@gltf-transform/extensions');
    const { textureCompress } = await import('@gltf-transform/functions');
    const io = new NodeIO().registerExtensions(ALL_EXTENSIONS);
    const doc = await io.readBinary(bytes);
    const big = doc
      .getRoot()
      .listTextures()
      .some((t) => (t.getSize() ?? [0, 0]).some((d) => d > max));
    if (!big) return bytes;
    await doc.transform(textureCompress({ resize: [max, max] }));
    const out = await io.writeBinary(doc);
    return out.byteLength < bytes.byteLength ? out : bytes;
  } catch (e) {
    warn(`xr-profiles: kept ${name} as is (${e instanceof Error ? e.message : String(e)})`);
    return bytes;
  }
}

const SEM_STUB = '\0redtour:iwer-sem-stub';

const MIME: Record<string, string> = { '.json': 'application/json', '.glb': 'model/gltf-binary' };

export interface XRProfilesOptions {
  /** Profile folders to ship. */
  profiles?: readonly string[];
  /** Largest texture side kept, px (0 keeps textures as they are). */
  maxTextureSize?: number;
  /** Keep @iwer/sem out of the bundle (default true). */
  stubSyntheticEnvironments?: boolean;
}

/** The Vite plugin. */
export function xrProfiles(options: XRProfilesOptions = {}): Plugin {
  const shipped = options.profiles ?? XR_PROFILES;
  const maxTexture = options.maxTextureSize ?? 512;
  let base = '/';
  const listJson = (dir: string) =>
    `${JSON.stringify(filterProfilesList(JSON.parse(readFileSync(join(dir, 'profilesList.json'), 'utf8')) as ProfilesList, shipped), null, 1)}\n`;

  return {
    name: 'redtour:xr-profiles',
    // Before Vite's own resolver, so the @iwer/sem stub wins.
    enforce: 'pre',
    configResolved(config) {
      base = config.base;
    },
    resolveId(id) {
      return id === '@iwer/sem' && options.stubSyntheticEnvironments !== false ? SEM_STUB : null;
    },
    load(id) {
      if (id !== SEM_STUB) return null;
      return 'export class SyntheticEnvironmentModule {\n  constructor() {\n    throw new Error("synthetic environments are not bundled (tools/vite-xr-profiles.ts)");\n  }\n}\n';
    },
    configureServer(server) {
      const dir = profilesDir();
      const files = new Set(profileFiles(dir, shipped));
      const prefix = `${base.replace(/\/?$/, '/')}xr-profiles/`;
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0] ?? '';
        if (!path.startsWith(prefix)) return next();
        const rel = decodeURIComponent(path.slice(prefix.length));
        if (rel === 'profilesList.json') {
          res.setHeader('Content-Type', MIME['.json']!);
          res.end(listJson(dir));
          return;
        }
        if (!files.has(rel)) {
          res.statusCode = 404;
          res.end();
          return;
        }
        const file = join(dir, rel);
        res.setHeader('Content-Type', MIME[rel.slice(rel.lastIndexOf('.'))] ?? 'application/octet-stream');
        res.setHeader('Content-Length', String(statSync(file).size));
        createReadStream(file).pipe(res);
      });
    },
    async generateBundle() {
      const dir = profilesDir();
      this.emitFile({ type: 'asset', fileName: 'xr-profiles/profilesList.json', source: listJson(dir) });
      let total = 0;
      for (const rel of profileFiles(dir, shipped)) {
        let source: Uint8Array = readFileSync(join(dir, rel));
        if (rel.endsWith('.glb') && maxTexture > 0) source = await shrinkGlb(source, maxTexture, (m) => this.warn(m), rel);
        total += source.byteLength;
        this.emitFile({ type: 'asset', fileName: `xr-profiles/${rel}`, source });
      }
      this.info(`xr-profiles: ${shipped.length} profiles, ${(total / 1024).toFixed(0)} KiB`);
    },
  };
}
