/**
 * Generates the 3D rooms of the first base (jiandang) from code and writes meshopt-compressed GLB
 * files with baked vertex lighting. Deterministic: the same code always writes the same bytes.
 *
 * Run: `npx tsx tools/models/build.ts [outDir]` (default: public/models).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeRoom } from './gltf';
import { nanhuBoat } from './nanhu-boat';
import type { Room } from './room';
import { yidaHall } from './yida-hall';

/** One generated model file and its figures. */
export interface BuiltModel {
  file: string;
  bytes: number;
  triangles: number;
  drawCalls: number;
}

/** The rooms this pipeline generates, by output file name. */
export const ROOMS: Record<string, () => Room> = {
  'yida-hall.glb': yidaHall,
  'nanhu-boat.glb': nanhuBoat,
};

/** Builds every room into `outDir` and returns what was written. */
export async function buildModels(outDir: string): Promise<BuiltModel[]> {
  await mkdir(outDir, { recursive: true });
  const results: BuiltModel[] = [];
  for (const [file, make] of Object.entries(ROOMS)) {
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
  const outDir = resolve(process.argv[2] ?? join(root, 'public/models'));
  const started = performance.now();
  const results = await buildModels(outDir);
  for (const r of results) {
    console.log(`${r.file}: ${(r.bytes / 1024).toFixed(1)} KB, ${r.triangles} triangles, ${r.drawCalls} draw calls`);
  }
  console.log(`models written to ${outDir} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
