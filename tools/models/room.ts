/**
 * A room under construction: named parts (one glTF node each), the boxes that block light, and
 * the light rig. `finish()` bakes vertex colours and merges each node's pieces per material, so a
 * node costs one draw call per material it uses.
 */
import type { BufferGeometry } from 'three';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';
import { onWall, subtract, type Rect2, type Vec3, type WallFrame } from './geometry';
import { bake, flat, OcclusionScene, type BakeOptions, type BaseColor, type LightRig, type Occluder } from './lighting';

/**
 * The few materials a room uses: `painted` is opaque, rough, vertex-coloured; `glow` adds a soft
 * emissive for window panes and lamps; `water` is semi-transparent.
 */
export type MaterialKind = 'painted' | 'glow' | 'water';

/** Fixed order of primitives inside a node (stable output). */
export const MATERIAL_ORDER: MaterialKind[] = ['painted', 'glow', 'water'];

/** Options for {@link Room.add}. */
export interface AddOptions {
  material?: MaterialKind;
  /** Light the piece with the rig (default) or store the base colour as is. */
  lit?: boolean;
  bake?: BakeOptions;
}

/** One copy of an instanced node. */
export interface Instance {
  at: Vec3;
  /** Turn about the vertical axis, radians. */
  yaw: number;
}

/** What the glTF writer receives for one node. */
export interface RoomNode {
  name: string;
  parts: { material: MaterialKind; geometry: BufferGeometry }[];
  /** Present for instanced nodes (e.g. chairs): the mesh is local and drawn once per instance. */
  instances?: Instance[];
}

interface Piece {
  geometry: BufferGeometry;
  base: BaseColor;
  material: MaterialKind;
  lit: boolean;
  bake: BakeOptions;
}

interface InstancedSpec {
  instances: Instance[];
  rig: LightRig;
  occluders: Occluder[];
}

/** Collects a room's parts and bakes them. */
export class Room {
  readonly occluders: Occluder[] = [];
  private readonly order: string[] = [];
  private readonly pieces = new Map<string, Piece[]>();
  private readonly instanced = new Map<string, InstancedSpec>();

  constructor(
    readonly name: string,
    readonly rig: LightRig,
  ) {}

  /** Adds a piece of geometry (world coordinates) with its base colour to the node `node`. */
  add(node: string, geometry: BufferGeometry, base: BaseColor, opts: AddOptions = {}): void {
    let list = this.pieces.get(node);
    if (!list) {
      list = [];
      this.pieces.set(node, list);
      this.order.push(node);
    }
    list.push({ geometry, base, material: opts.material ?? 'painted', lit: opts.lit ?? true, bake: opts.bake ?? {} });
  }

  /** Declares a solid box that blocks light (and casts baked shadows). */
  solid(min: Vec3, max: Vec3): void {
    this.occluders.push({ min: [Math.min(min[0], max[0]), Math.min(min[1], max[1]), Math.min(min[2], max[2])], max: [Math.max(min[0], max[0]), Math.max(min[1], max[1]), Math.max(min[2], max[2])] });
  }

  /**
   * Declares a wall on an axis-aligned frame as solid: the rectangle width × height minus its
   * holes, `depth` metres thick behind the frame, as a few boxes (light passes through the holes).
   */
  solidWall(f: WallFrame, width: number, height: number, depth: number, holes: Rect2[] = []): void {
    let rects: Rect2[] = [{ s0: 0, s1: width, t0: 0, t1: height }];
    for (const h of holes) rects = rects.flatMap((r) => subtract(r, h));
    for (const r of rects) this.solid(onWall(f, r.s0, r.t0, 0), onWall(f, r.s1, r.t1, -depth));
  }

  /**
   * Marks `node` as instanced: its pieces are in local coordinates, lit by their own rig and
   * occluders (so every copy looks alike), and drawn at each of `instances`.
   */
  instance(node: string, instances: Instance[], rig: LightRig, occluders: Occluder[]): void {
    this.instanced.set(node, { instances, rig, occluders });
  }

  /** Bakes every piece and merges each node's pieces per material. */
  finish(): RoomNode[] {
    const scene = new OcclusionScene(this.occluders);
    return this.order.map((name) => {
      const inst = this.instanced.get(name);
      const rig = inst ? inst.rig : this.rig;
      const occ = inst ? new OcclusionScene(inst.occluders) : scene;
      const pieces = this.pieces.get(name) ?? [];
      for (const p of pieces) {
        if (p.lit) bake(p.geometry, p.base, rig, occ, p.bake);
        else flat(p.geometry, p.base);
      }
      const parts = MATERIAL_ORDER.flatMap((material) => {
        const same = pieces.filter((p) => p.material === material).map((p) => p.geometry);
        if (same.length === 0) return [];
        const merged = mergeGeometries(same, false);
        if (!merged) throw new Error(`${this.name}/${name}: cannot merge ${material} pieces`);
        return [{ material, geometry: merged }];
      });
      return inst ? { name, parts, instances: inst.instances } : { name, parts };
    });
  }
}
