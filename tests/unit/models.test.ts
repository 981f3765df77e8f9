/**
 * The generated room models: built fresh into a temp dir, read back through the meshopt decoder,
 * and checked against the budgets, the scene's floor plans and the committed files.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NodeIO, type Document, type Node } from '@gltf-transform/core';
import { EXTMeshGPUInstancing, EXTMeshoptCompression, KHRMeshQuantization, type InstancedMesh } from '@gltf-transform/extensions';
import { MeshoptDecoder } from 'meshoptimizer';
import { Matrix4, Quaternion, Vector3 } from 'three';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModels, type BuiltModel } from '../../tools/models/build';
import { loadAllScenes } from '../../tools/scenes';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Generated models no scene walks in (e.g. one rendered only into a panorama by a tool). */
const AUXILIARY_MODELS = new Set<string>(['xibaipo-plenum-hall.glb']);
const BUDGET = { drawCalls: 30, triangles: 60_000, bytes: 400 * 1024 };
/** Things wholly above this height (ceilings, lamps, lintels) do not block a walking visitor. */
const HEAD_ROOM = 2.0;
/** Anything lower than this is floor. */
const FLOOR_TOLERANCE = 0.05;
const EPS = 0.01;

const REQUIRED_NODES: Record<string, string[]> = {
  'yida-hall.glb': ['shikumen-gate', 'meeting-table', 'chairs', 'rear-door', 'walls', 'floor', 'ceiling', 'side-windows', 'ceiling-lamp'],
  'nanhu-boat.glb': ['red-boat', 'boat-cabin', 'lake', 'dock', 'railings', 'shore', 'willows', 'huxin-island'],
  'jinggangshan-bajiaolou.glb': ['octagonal-skylight', 'oil-lamp', 'writing-desk', 'east-window', 'north-window', 'bed', 'chairs', 'walls', 'floor', 'ceiling', 'stair-door'],
  'jinggangshan-huangyangjie.glb': ['sentry-post', 'defence-works', 'red-flag', 'terrain', 'pines', 'bamboo', 'cloud-sea', 'far-ridges'],
  'gutian-courtyard.glb': ['ancestral-hall', 'hall-gate', 'side-wings', 'roofs', 'ground', 'trees', 'hills'],
  'gutian-hall.glb': ['front-table', 'resolution', 'benches', 'tianjing', 'walls', 'floor', 'roofs', 'timber', 'rear-screen', 'lamps'],
  'yanan-yangjialing-yard.glb': ['cave-row', 'cave-lattice', 'cave-door', 'pagoda', 'spinning-wheel', 'vegetable-plot', 'stone-table', 'stone-mill', 'ground', 'hillside', 'sky'],
  'yanan-auditorium.glb': ['benches', 'rostrum', 'rostrum-chairs', 'lectern', 'banner', 'stage', 'backdrop', 'walls', 'vault', 'windows', 'floor', 'wall-flags'],
  'zunyi-exterior.glb': ['signboard', 'gate', 'shop-row', 'archway', 'main-building', 'verandas', 'windows', 'balustrades', 'roof', 'courtyard-walls', 'ground'],
  'zunyi-meeting-room.glb': ['meeting-table', 'chairs', 'wall-clock', 'cupboards', 'hanging-lamp', 'brazier', 'windows', 'door', 'walls', 'floor', 'ceiling'],
  'xibaipo-command-post.glb': ['war-room-building', 'side-houses', 'courtyard-gate', 'courtyard-tree', 'war-room-interior', 'war-room-maps', 'war-room-table', 'telephones', 'chairs', 'ground', 'hills'],
  'xibaipo-plenum-hall.glb': ['rostrum', 'rostrum-chairs', 'banner', 'tables', 'benches', 'hall-door', 'roof-frames', 'walls', 'windows', 'floor', 'outside'],
};

interface Rect {
  min: [number, number];
  max: [number, number];
}
interface SceneRoom {
  id: string;
  type: string;
  model?: string;
  walkable?: Rect[];
  obstacles?: Rect[];
}

let dirA = '';
let dirB = '';
let built: BuiltModel[] = [];
const docs = new Map<string, Document>();
let rooms: SceneRoom[] = [];

async function reader(): Promise<NodeIO> {
  await MeshoptDecoder.ready;
  return new NodeIO().registerExtensions([EXTMeshoptCompression, EXTMeshGPUInstancing, KHRMeshQuantization]).registerDependencies({ 'meshopt.decoder': MeshoptDecoder });
}

/** World matrices a node's mesh is drawn with: one, or one per GPU instance. */
function drawMatrices(node: Node): Matrix4[] {
  const world = new Matrix4().fromArray(node.getWorldMatrix());
  const batch = node.getExtension<InstancedMesh>('EXT_mesh_gpu_instancing');
  if (!batch) return [world];
  const t = batch.getAttribute('TRANSLATION');
  const r = batch.getAttribute('ROTATION');
  const s = batch.getAttribute('SCALE');
  const count = (t ?? r ?? s)!.getCount();
  return Array.from({ length: count }, (_, i) => {
    const tv = t ? new Vector3().fromArray(t.getElement(i, [0, 0, 0])) : new Vector3();
    const rq = r ? new Quaternion().fromArray(r.getElement(i, [0, 0, 0, 1])) : new Quaternion();
    const sv = s ? new Vector3().fromArray(s.getElement(i, [0, 0, 0])) : new Vector3(1, 1, 1);
    return world.clone().multiply(new Matrix4().compose(tv, rq, sv));
  });
}

function stats(doc: Document): { drawCalls: number; triangles: number } {
  let drawCalls = 0;
  let triangles = 0;
  for (const node of doc.getRoot().listNodes()) {
    const mesh = node.getMesh();
    if (!mesh) continue;
    const copies = drawMatrices(node).length;
    for (const prim of mesh.listPrimitives()) {
      drawCalls++;
      triangles += ((prim.getIndices()?.getCount() ?? prim.getAttribute('POSITION')!.getCount()) / 3) * copies;
    }
  }
  return { drawCalls, triangles };
}

/** Triangles (as world-space bounding boxes) that stand inside a walkable rectangle. */
function intrusions(doc: Document, room: SceneRoom): string[] {
  const walkable = room.walkable ?? [];
  const obstacles = room.obstacles ?? [];
  const found: string[] = [];
  const p = [new Vector3(), new Vector3(), new Vector3()];
  for (const node of doc.getRoot().listNodes()) {
    const mesh = node.getMesh();
    if (!mesh) continue;
    for (const m of drawMatrices(node)) {
      for (const prim of mesh.listPrimitives()) {
        const pos = prim.getAttribute('POSITION')!;
        const idx = prim.getIndices();
        const n = idx ? idx.getCount() : pos.getCount();
        for (let t = 0; t < n; t += 3) {
          for (let k = 0; k < 3; k++) p[k]!.fromArray(pos.getElement(idx ? idx.getScalar(t + k) : t + k, [0, 0, 0])).applyMatrix4(m);
          const minY = Math.min(p[0]!.y, p[1]!.y, p[2]!.y);
          const maxY = Math.max(p[0]!.y, p[1]!.y, p[2]!.y);
          if (maxY <= FLOOR_TOLERANCE || minY >= HEAD_ROOM) continue;
          const minX = Math.min(p[0]!.x, p[1]!.x, p[2]!.x);
          const maxX = Math.max(p[0]!.x, p[1]!.x, p[2]!.x);
          const minZ = Math.min(p[0]!.z, p[1]!.z, p[2]!.z);
          const maxZ = Math.max(p[0]!.z, p[1]!.z, p[2]!.z);
          const inObstacle = obstacles.some((o) => minX >= o.min[0] - EPS && maxX <= o.max[0] + EPS && minZ >= o.min[1] - EPS && maxZ <= o.max[1] + EPS);
          if (inObstacle) continue;
          const hit = walkable.find((w) => maxX > w.min[0] + EPS && minX < w.max[0] - EPS && maxZ > w.min[1] + EPS && minZ < w.max[1] - EPS);
          if (hit && found.length < 10) found.push(`${node.getName()}: x ${minX.toFixed(2)}…${maxX.toFixed(2)}, y ${minY.toFixed(2)}…${maxY.toFixed(2)}, z ${minZ.toFixed(2)}…${maxZ.toFixed(2)}`);
        }
      }
    }
  }
  return found;
}

describe('generated room models', () => {
  beforeAll(async () => {
    dirA = await mkdtemp(join(tmpdir(), 'redtour-models-a-'));
    dirB = await mkdtemp(join(tmpdir(), 'redtour-models-b-'));
    built = await buildModels(dirA);
    await buildModels(dirB);
    const io = await reader();
    for (const b of built) docs.set(b.file, await io.read(join(dirA, b.file)));
    rooms = loadAllScenes().flatMap((r) => (r.ok ? (r.scene.rooms as SceneRoom[]) : []));
  }, 240_000);

  afterAll(async () => {
    await rm(dirA, { recursive: true, force: true });
    await rm(dirB, { recursive: true, force: true });
  });

  it('builds every model room a scene names, and nothing no scene uses', () => {
    expect(built.map((b) => b.file)).toEqual(expect.arrayContaining(['nanhu-boat.glb', 'yida-hall.glb']));
    const used = new Set(rooms.filter((r) => r.type === 'model').map((r) => r.model!.replace(/^models\//, '')));
    for (const b of built) expect(used.has(b.file) || AUXILIARY_MODELS.has(b.file), `${b.file} is built but no scene uses it`).toBe(true);
    for (const room of rooms.filter((r) => r.type === 'model')) expect(built.map((b) => `models/${b.file}`)).toContain(room.model);
  });

  it('names its generator and the parts a visitor looks at', async () => {
    const io = await reader();
    for (const [file, names] of Object.entries(REQUIRED_NODES)) {
      const doc = docs.get(file)!;
      // the reader does not keep asset.generator, so look at the file's own JSON
      const json = await io.binaryToJSON(await readFile(join(dirA, file)));
      expect(json.json.asset.generator).toBe('RedTour XR tools/models');
      const present = doc.getRoot().listNodes().map((n) => n.getName());
      for (const name of names) expect(present, `${file} lacks node "${name}"`).toContain(name);
    }
  });

  it('stays within the draw-call, triangle and size budgets', async () => {
    for (const b of built) {
      const doc = docs.get(b.file)!;
      const s = stats(doc);
      const bytes = (await readFile(join(dirA, b.file))).byteLength;
      expect(s.drawCalls, b.file).toBeLessThanOrEqual(BUDGET.drawCalls);
      expect(s.triangles, b.file).toBeLessThanOrEqual(BUDGET.triangles);
      expect(bytes, b.file).toBeLessThanOrEqual(BUDGET.bytes);
      expect({ ...s, bytes }).toEqual({ drawCalls: b.drawCalls, triangles: b.triangles, bytes: b.bytes });
      // meshopt-compressed, no textures
      expect(doc.getRoot().listExtensionsUsed().map((e) => e.extensionName)).toContain('EXT_meshopt_compression');
      expect(doc.getRoot().listTextures()).toHaveLength(0);
      expect(doc.getRoot().listMaterials().length).toBeLessThanOrEqual(3);
    }
  });

  it('keeps every walkable area clear of solid geometry', () => {
    for (const room of rooms.filter((r) => r.type === 'model')) {
      const file = room.model!.replace(/^models\//, '');
      const doc = docs.get(file);
      expect(doc, `no model built for ${room.id}`).toBeDefined();
      expect(intrusions(doc!, room), `${file}: solid geometry in a walkable area`).toEqual([]);
    }
  });

  it('is deterministic: two builds give identical bytes', async () => {
    for (const b of built) {
      const a = await readFile(join(dirA, b.file));
      const c = await readFile(join(dirB, b.file));
      expect(a.equals(c), b.file).toBe(true);
    }
  });

  it('matches the committed files in public/models (rebuild with `npx tsx tools/models/build.ts`)', async () => {
    for (const b of built) {
      const fresh = await readFile(join(dirA, b.file));
      const committed = await readFile(join(ROOT, 'public/models', b.file));
      expect(committed.equals(fresh), `public/models/${b.file} is stale`).toBe(true);
    }
    const provenance = await readFile(join(ROOT, 'public/models/PROVENANCE.md'), 'utf8');
    for (const b of built) expect(provenance).toContain(b.file);
    expect(provenance).toContain('tools/models/build.ts');
  });
});
