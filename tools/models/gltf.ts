/**
 * Turns baked room nodes into an optimised GLB: a gltf-transform Document with positions, normals,
 * COLOR_0 and indices, then dedup → instance → weld → reorder → quantize, written with
 * EXT_meshopt_compression (decoded in the app by three's bundled MeshoptDecoder).
 */
import { Document, Logger, NodeIO, type Material } from '@gltf-transform/core';
import { EXTMeshGPUInstancing, EXTMeshoptCompression, KHRMeshQuantization, type InstancedMesh } from '@gltf-transform/extensions';
import { dedup, instance, prune, quantize, reorder, weld } from '@gltf-transform/functions';
import { MeshoptEncoder } from 'meshoptimizer';
import { Quaternion, Vector3 } from 'three';
import type { MaterialKind, RoomNode } from './room';

/** Written into every file's `asset.generator`. */
export const GENERATOR = 'RedTour XR tools/models';

/** Figures of one written model. */
export interface ModelStats {
  bytes: number;
  triangles: number;
  drawCalls: number;
}

function createMaterial(doc: Document, kind: MaterialKind): Material {
  const m = doc.createMaterial(kind).setBaseColorFactor([1, 1, 1, 1]).setMetallicFactor(0).setRoughnessFactor(0.92);
  if (kind === 'glow') m.setEmissiveFactor([0.62, 0.58, 0.5]).setRoughnessFactor(1);
  if (kind === 'water') m.setAlphaMode('BLEND').setBaseColorFactor([1, 1, 1, 0.86]).setRoughnessFactor(0.35);
  return m;
}

/** Builds the Document for one room. */
export function toDocument(roomName: string, nodes: RoomNode[]): Document {
  const doc = new Document().setLogger(new Logger(Logger.Verbosity.WARN));
  doc.getRoot().getAsset().generator = GENERATOR;
  const buffer = doc.createBuffer();
  const scene = doc.createScene(roomName);
  doc.getRoot().setDefaultScene(scene);
  const materials = new Map<MaterialKind, Material>();
  const material = (k: MaterialKind) => {
    let m = materials.get(k);
    if (!m) {
      m = createMaterial(doc, k);
      materials.set(k, m);
    }
    return m;
  };

  for (const n of nodes) {
    const mesh = doc.createMesh(n.name);
    for (const part of n.parts) {
      const g = part.geometry;
      const count = g.getAttribute('position').count;
      const acc = (name: string, array: Float32Array) => doc.createAccessor(`${n.name}-${part.material}-${name}`).setType('VEC3').setArray(array).setBuffer(buffer);
      const index = g.getIndex();
      if (!index) throw new Error(`${n.name}: geometry must be indexed`);
      const idx = count < 65536 ? Uint16Array.from(index.array as ArrayLike<number>) : Uint32Array.from(index.array as ArrayLike<number>);
      const prim = doc
        .createPrimitive()
        .setAttribute('POSITION', acc('position', Float32Array.from(g.getAttribute('position').array as ArrayLike<number>)))
        .setAttribute('NORMAL', acc('normal', Float32Array.from(g.getAttribute('normal').array as ArrayLike<number>)))
        .setAttribute('COLOR_0', acc('color', Float32Array.from(g.getAttribute('color').array as ArrayLike<number>)))
        .setIndices(doc.createAccessor(`${n.name}-${part.material}-index`).setType('SCALAR').setArray(idx).setBuffer(buffer))
        .setMaterial(material(part.material));
      mesh.addPrimitive(prim);
    }
    if (n.instances) {
      n.instances.forEach((it, i) => {
        const q = new Quaternion().setFromAxisAngle(new Vector3(0, 1, 0), it.yaw);
        scene.addChild(
          doc
            .createNode(`${n.name}-${i + 1}`)
            .setMesh(mesh)
            .setTranslation(it.at)
            .setRotation([q.x, q.y, q.z, q.w]),
        );
      });
    } else {
      scene.addChild(doc.createNode(n.name).setMesh(mesh));
    }
  }
  return doc;
}

/** Optimises a room Document in place (see the module comment for the steps). */
export async function optimise(doc: Document): Promise<void> {
  await MeshoptEncoder.ready;
  await doc.transform(dedup(), instance({ min: 2 }), weld(), prune());
  // instance() adds an unnamed batch node; name it after its mesh ("chairs").
  for (const node of doc.getRoot().listNodes()) {
    if (node.getExtension('EXT_mesh_gpu_instancing') && !node.getName()) node.setName(node.getMesh()?.getName() ?? 'instances');
  }
  await doc.transform(
    reorder({ encoder: MeshoptEncoder, target: 'size' }),
    // Normals are left to the meshopt octahedral filter; positions and colours are quantized here.
    // Colours get 10 bits: dark wood in linear space bands visibly at 8.
    quantize({ pattern: /^(POSITION|COLOR)(_\d+)?$/, quantizePosition: 14, quantizeColor: 8, quantizeNormal: 8 }),
  );
  doc.createExtension(EXTMeshoptCompression).setRequired(true).setEncoderOptions({ method: EXTMeshoptCompression.EncoderMethod.FILTER });
}

/** Counts draw calls (primitives × nodes, instanced batches count once) and triangles (× instances). */
export function measure(doc: Document): Omit<ModelStats, 'bytes'> {
  let triangles = 0;
  let drawCalls = 0;
  for (const node of doc.getRoot().listNodes()) {
    const mesh = node.getMesh();
    if (!mesh) continue;
    const batch = node.getExtension<InstancedMesh>('EXT_mesh_gpu_instancing');
    const copies = batch ? (batch.getAttribute('TRANSLATION') ?? batch.getAttribute('ROTATION'))?.getCount() ?? 1 : 1;
    for (const prim of mesh.listPrimitives()) {
      drawCalls++;
      const idx = prim.getIndices();
      const count = idx ? idx.getCount() : (prim.getAttribute('POSITION')?.getCount() ?? 0);
      triangles += (count / 3) * copies;
    }
  }
  return { triangles, drawCalls };
}

/** The NodeIO that reads and writes our models (meshopt, instancing, quantization). */
export async function modelIO(): Promise<NodeIO> {
  await MeshoptEncoder.ready;
  return new NodeIO().registerExtensions([EXTMeshoptCompression, EXTMeshGPUInstancing, KHRMeshQuantization]).registerDependencies({ 'meshopt.encoder': MeshoptEncoder });
}

/** Builds, optimises and serialises one room. */
export async function writeRoom(roomName: string, nodes: RoomNode[]): Promise<{ glb: Uint8Array; stats: ModelStats }> {
  const doc = toDocument(roomName, nodes);
  await optimise(doc);
  const figures = measure(doc);
  const io = await modelIO();
  const glb = await io.writeBinary(doc);
  return { glb, stats: { bytes: glb.byteLength, ...figures } };
}
