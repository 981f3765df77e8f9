/**
 * Generates the 3D rooms of every base from code and writes meshopt-compressed GLB files with
 * baked vertex lighting. Deterministic: the same code always writes the same bytes.
 *
 * Each `tools/models/rooms/<name>.ts` default-exports a function returning a `Room`; it is written
 * to `<name>.glb`. Adding a room means adding one file there; nothing here lists them.
 *
 * Run: `npx tsx tools/models/build.ts [outDir] [--only yida-hall,nanhu-boat]` (default: public/models).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readdirSync } from 'node:fs';
import { writeRoom } from './gltf';
import type { Room } from './room';

/** One generated model file and its figures. */
export interface BuiltModel {
  file: string;
  bytes: number;
  triangles: number;
  drawCalls: number;
}

const ROOMS_DIR = join(fileURLToPath(new URL('.', import.meta.url)), 'rooms');

/** The rooms this pipeline generates, by output file name, sorted (from `tools/models/rooms/`). */
export async function roomGenerators(only?: readonly string[]): Promise<Record<string, () => Room>> {
  const names = readdirSync(ROOMS_DIR)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => f.slice(0, -3))
    .filter((n) => !only || only.includes(n))
    .sort();
  const rooms: Record<string, () => Room> = {};
  for (const name of names) {
    const mod = (await import(pathToFileURL(join(ROOMS_DIR, `${name}.ts`)).href)) as { default?: unknown };
    if (typeof mod.default !== 'function') throw new Error(`tools/models/rooms/${name}.ts: must default-export a function returning a Room`);
    rooms[`${name}.glb`] = mod.default as () => Room;
  }
  return rooms;
}

/** Builds every room (or only the named ones) into `outDir` and returns what was written. */
export async function buildModels(outDir: string, only?: readonly string[]): Promise<BuiltModel[]> {
  await mkdir(outDir, { recursive: true });
  const results: BuiltModel[] = [];
  for (const [file, make] of Object.entries(await roomGenerators(only))) {
    const room = make();
    const { glb, stats } = await writeRoom(room.name, room.finish());
    await writeFile(join(outDir, file), glb);
    results.push({ file, ...stats });
  }
  return results;
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  const root = resolve(fileURLToPath(import.meta.url), '../../..');
  // usage: build.ts [outDir] [--only name,name]
  const args = process.argv.slice(2);
  const onlyAt = args.indexOf('--only');
  const only = onlyAt >= 0 ? (args.splice(onlyAt, 2)[1] ?? '').split(',').filter(Boolean) : undefined;
  const outDir = resolve(args[0] ?? join(root, 'public/models'));
  const started = performance.now();
  const results = await buildModels(outDir, only);
  for (const r of results) {
    console.log(`${r.file}: ${(r.bytes / 1024).toFixed(1)} KB, ${r.triangles} triangles, ${r.drawCalls} draw calls`);
  }
  console.log(`models written to ${outDir} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
