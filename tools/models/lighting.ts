/**
 * Baked vertex lighting. The app lights rooms with only a hemisphere and an ambient light and no
 * realtime shadows, so the "believable light" is computed here once, per vertex:
 *
 *   light = ambient × AO + sky × (open sky seen) + ground × (open ground seen)
 *         + Σ sun × N·L × (sun visible) + Σ lamp × N·L × falloff
 *
 * Occlusion is ray-cast against a list of axis-aligned boxes that stand for the solid parts of the
 * room (walls split around their openings, table, boat hull …). Ray sets are fixed and rotated per
 * vertex by a hash of its position, so builds are deterministic.
 */
import type { BufferGeometry } from 'three';
import { BufferAttribute } from 'three';
import { hash3, normalize, type RGB, type Vec3 } from './geometry';

/** A directional light: `dir` is the direction the light travels. */
export interface Sun {
  dir: Vec3;
  color: RGB;
  /** Angular radius of the soft-shadow cone, radians. */
  spread: number;
}

/** A point light (lamp, bright window) with a smooth distance falloff. */
export interface Lamp {
  at: Vec3;
  color: RGB;
  /** Distance at which the light has fallen to half. */
  range: number;
  shadow: boolean;
}

/** A solid axis-aligned box that blocks light. */
export interface Occluder {
  min: Vec3;
  max: Vec3;
}

/** Everything that lights one room. */
export interface LightRig {
  ambient: RGB;
  sky: RGB;
  ground: RGB;
  suns: Sun[];
  lamps: Lamp[];
  /** Rays shorter than this darken a vertex (ambient occlusion). */
  aoRadius: number;
  aoStrength: number;
  /** Rays that travel this far without a hit see open sky (or open ground). */
  skyDistance: number;
}

/** How one piece of geometry takes the light. */
export interface BakeOptions {
  /** Multiplies the rig's AO strength (0 turns AO off). */
  ao?: number;
  /** Skip occlusion tests entirely (far scenery, water): faster and flatter. */
  unshadowed?: boolean;
  /** Extra light added to every vertex (lit-from-within paper, sky-facing water). */
  glow?: number;
  /** Never darker than this fraction of the base colour. */
  floor?: number;
  /**
   * Light axis-aligned faces from a lattice of this spacing (metres) in the face's plane,
   * interpolated: for dense coplanar detail (bricks, boards, paving) that needs smooth light only.
   */
  grid?: number;
}

const RAYS = 24;
const GOLDEN = Math.PI * (3 - Math.sqrt(5));
/** Cosine-weighted hemisphere directions around +z (tangent space). */
const HEMI: Vec3[] = Array.from({ length: RAYS }, (_, i) => {
  const r = Math.sqrt((i + 0.5) / RAYS);
  const phi = i * GOLDEN;
  return [r * Math.cos(phi), r * Math.sin(phi), Math.sqrt(Math.max(0, 1 - r * r))] as Vec3;
});
const SUN_SAMPLES: [number, number][] = [
  [0, 0],
  [1, 0],
  [-0.5, 0.87],
  [-0.5, -0.87],
  [0.5, 0.5],
  [-0.7, 0.1],
];

/** Ray casting against a fixed set of boxes, through a small bounding-volume hierarchy. */
export class OcclusionScene {
  readonly count: number;
  /** Per tree node: min xyz, max xyz. */
  private readonly bounds: Float64Array;
  /** Per tree node: left child (or -1 for a leaf), right child (or box count for a leaf), first box. */
  private readonly links: Int32Array;
  private readonly boxes: Float64Array;
  private readonly stack = new Int32Array(128);

  constructor(boxes: Occluder[]) {
    this.count = boxes.length;
    const order: number[] = [];
    const nodes: { min: Vec3; max: Vec3; left: number; right: number; first: number }[] = [];
    const build = (ids: number[]): number => {
      const min: Vec3 = [Infinity, Infinity, Infinity];
      const max: Vec3 = [-Infinity, -Infinity, -Infinity];
      for (const i of ids) {
        const o = boxes[i]!;
        for (let k = 0; k < 3; k++) {
          min[k] = Math.min(min[k]!, o.min[k]!);
          max[k] = Math.max(max[k]!, o.max[k]!);
        }
      }
      const id = nodes.length;
      nodes.push({ min, max, left: -1, right: ids.length, first: order.length });
      if (ids.length <= 2) {
        order.push(...ids);
        return id;
      }
      const ext = [max[0] - min[0], max[1] - min[1], max[2] - min[2]];
      const axis = ext[0]! >= ext[1]! && ext[0]! >= ext[2]! ? 0 : ext[1]! >= ext[2]! ? 1 : 2;
      const centre = (i: number) => boxes[i]!.min[axis]! + boxes[i]!.max[axis]!;
      const sorted = [...ids].sort((a, b) => centre(a) - centre(b) || a - b);
      const half = sorted.length >> 1;
      const left = build(sorted.slice(0, half));
      const right = build(sorted.slice(half));
      nodes[id]!.left = left;
      nodes[id]!.right = right;
      return id;
    };
    if (boxes.length > 0) build(boxes.map((_, i) => i));
    this.bounds = new Float64Array(nodes.length * 6);
    this.links = new Int32Array(nodes.length * 3);
    nodes.forEach((n, i) => {
      this.bounds.set([...n.min, ...n.max], i * 6);
      this.links.set([n.left, n.right, n.first], i * 3);
    });
    this.boxes = new Float64Array(order.length * 6);
    order.forEach((b, i) => {
      const o = boxes[b]!;
      this.boxes.set([o.min[0], o.min[1], o.min[2], o.max[0], o.max[1], o.max[2]], i * 6);
    });
  }

  /** Entry distance of the ray into box i of `arr` (at offset i*6), or -1 on a miss beyond `best`. */
  private static slab(arr: Float64Array, o: number, ox: number, oy: number, oz: number, ix: number, iy: number, iz: number, best: number): number {
    let t0 = (arr[o]! - ox) * ix;
    let t1 = (arr[o + 3]! - ox) * ix;
    let tn = t0 < t1 ? t0 : t1;
    let tf = t0 < t1 ? t1 : t0;
    t0 = (arr[o + 1]! - oy) * iy;
    t1 = (arr[o + 4]! - oy) * iy;
    if (t0 > t1) {
      const s = t0;
      t0 = t1;
      t1 = s;
    }
    if (t0 > tn) tn = t0;
    if (t1 < tf) tf = t1;
    if (tn > tf) return -1;
    t0 = (arr[o + 2]! - oz) * iz;
    t1 = (arr[o + 5]! - oz) * iz;
    if (t0 > t1) {
      const s = t0;
      t0 = t1;
      t1 = s;
    }
    if (t0 > tn) tn = t0;
    if (t1 < tf) tf = t1;
    if (tn > tf || tf < 0) return -1;
    const t = tn < 0 ? 0 : tn;
    return t < best ? t : -1;
  }

  /** Distance to the nearest box along the ray (unit direction), or Infinity beyond `tmax`. */
  cast(ox: number, oy: number, oz: number, dx: number, dy: number, dz: number, tmax: number): number {
    if (this.count === 0) return Infinity;
    const ix = 1 / (dx === 0 ? 1e-12 : dx);
    const iy = 1 / (dy === 0 ? 1e-12 : dy);
    const iz = 1 / (dz === 0 ? 1e-12 : dz);
    let best = tmax;
    let hit = false;
    const stack = this.stack;
    let sp = 0;
    stack[sp++] = 0;
    while (sp > 0) {
      const n = stack[--sp]!;
      if (OcclusionScene.slab(this.bounds, n * 6, ox, oy, oz, ix, iy, iz, best) < 0) continue;
      const left = this.links[n * 3]!;
      if (left >= 0) {
        stack[sp++] = left;
        stack[sp++] = this.links[n * 3 + 1]!;
        continue;
      }
      const count = this.links[n * 3 + 1]!;
      const first = this.links[n * 3 + 2]!;
      for (let b = first; b < first + count; b++) {
        const t = OcclusionScene.slab(this.boxes, b * 6, ox, oy, oz, ix, iy, iz, best);
        if (t >= 0) {
          best = t;
          hit = true;
        }
      }
    }
    return hit ? best : Infinity;
  }
}

/** A per-vertex base colour: flat, or a function of world position and normal. */
export type BaseColor = RGB | ((p: Vec3, n: Vec3) => RGB);

/** Base colour of vertex i: the piece's colour times the per-vertex tint (`base` attribute) if any. */
function baseOf(geometry: BufferGeometry, base: BaseColor, i: number, p: Vec3, n: Vec3): RGB {
  const c = typeof base === 'function' ? base(p, n) : base;
  const tint = geometry.getAttribute('base');
  if (!tint) return c;
  return [c[0] * tint.getX(i), c[1] * tint.getY(i), c[2] * tint.getZ(i)];
}

/**
 * Computes linear vertex colours for `geometry` (world-space positions and normals) lit by `rig`,
 * and stores them as its `color` attribute.
 */
export function bake(geometry: BufferGeometry, base: BaseColor, rig: LightRig, scene: OcclusionScene, opts: BakeOptions = {}): void {
  const pos = geometry.getAttribute('position');
  const nor = geometry.getAttribute('normal');
  const out = new Float32Array(pos.count * 3);
  const cache = new Map<string, RGB>();
  const grid = opts.grid ?? 0;
  for (let i = 0; i < pos.count; i++) {
    const p: Vec3 = [pos.getX(i), pos.getY(i), pos.getZ(i)];
    const n = normalize([nor.getX(i), nor.getY(i), nor.getZ(i)]);
    const axis = grid <= 0 ? undefined : Math.abs(n[0]) > 0.999 ? 0 : Math.abs(n[1]) > 0.999 ? 1 : Math.abs(n[2]) > 0.999 ? 2 : undefined;
    let light: RGB;
    if (axis === undefined) {
      light = lightAt(p, n, rig, scene, opts);
    } else {
      // bilinear interpolation between lattice points in the face's plane
      const a = (axis + 1) % 3;
      const b = (axis + 2) % 3;
      const fa = p[a]! / grid;
      const fb = p[b]! / grid;
      const ia = Math.floor(fa);
      const ib = Math.floor(fb);
      const ta = fa - ia;
      const tb = fb - ib;
      const an: Vec3 = [0, 0, 0];
      an[axis] = Math.sign(n[axis]!);
      light = [0, 0, 0];
      for (const [da, db, w] of [
        [0, 0, (1 - ta) * (1 - tb)],
        [1, 0, ta * (1 - tb)],
        [0, 1, (1 - ta) * tb],
        [1, 1, ta * tb],
      ] as const) {
        if (w === 0) continue;
        const key = `${axis}${an[axis]}${Math.round(p[axis]! * 1e4)}:${ia + da}:${ib + db}`;
        let l = cache.get(key);
        if (!l) {
          const q: Vec3 = [0, 0, 0];
          q[axis] = p[axis]!;
          q[a] = (ia + da) * grid;
          q[b] = (ib + db) * grid;
          l = lightAt(q, an, rig, scene, opts);
          cache.set(key, l);
        }
        light[0] += l[0] * w;
        light[1] += l[1] * w;
        light[2] += l[2] * w;
      }
    }
    const c = baseOf(geometry, base, i, p, n);
    const g = opts.glow ?? 0;
    const fl = opts.floor ?? 0;
    for (let k = 0; k < 3; k++) {
      const lk = Math.max(fl, light[k]! + g);
      out[i * 3 + k] = Math.min(1, c[k]! * lk);
    }
  }
  geometry.setAttribute('color', new BufferAttribute(out, 3));
  geometry.deleteAttribute('base');
}

/** The light (irradiance, as a multiplier of base colour) arriving at point p with normal n. */
export function lightAt(p: Vec3, n: Vec3, rig: LightRig, scene: OcclusionScene, opts: BakeOptions = {}): RGB {
  const aoK = rig.aoStrength * (opts.ao ?? 1);
  const shadows = !opts.unshadowed && scene.count > 0;
  const ox = p[0] + n[0] * 0.012;
  const oy = p[1] + n[1] * 0.012;
  const oz = p[2] + n[2] * 0.012;
  // tangent frame, turned by a stable per-point angle so the fixed ray set does not band
  const ref: Vec3 = Math.abs(n[1]) < 0.95 ? [0, 1, 0] : [1, 0, 0];
  const ta = normalize([ref[1] * n[2] - ref[2] * n[1], ref[2] * n[0] - ref[0] * n[2], ref[0] * n[1] - ref[1] * n[0]]);
  const tb: Vec3 = [n[1] * ta[2] - n[2] * ta[1], n[2] * ta[0] - n[0] * ta[2], n[0] * ta[1] - n[1] * ta[0]];
  const rot = hash3(p[0], p[1], p[2]) * Math.PI * 2;
  const cr = Math.cos(rot);
  const sr = Math.sin(rot);

  let occl = 0;
  let sky = 0;
  let ground = 0;
  for (const h of HEMI) {
    const hx = h[0] * cr - h[1] * sr;
    const hy = h[0] * sr + h[1] * cr;
    const dx = ta[0] * hx + tb[0] * hy + n[0] * h[2];
    const dy = ta[1] * hx + tb[1] * hy + n[1] * h[2];
    const dz = ta[2] * hx + tb[2] * hy + n[2] * h[2];
    const t = shadows ? scene.cast(ox, oy, oz, dx, dy, dz, rig.skyDistance) : Infinity;
    if (t < rig.aoRadius) occl += 1 - t / rig.aoRadius;
    if (t === Infinity) {
      if (dy > 0) sky += 1;
      else ground += 1;
    }
  }
  const ao = Math.max(0, 1 - (aoK * occl) / RAYS);
  sky /= RAYS;
  ground /= RAYS;
  const light: RGB = [
    rig.ambient[0] * ao + rig.sky[0] * sky + rig.ground[0] * ground,
    rig.ambient[1] * ao + rig.sky[1] * sky + rig.ground[1] * ground,
    rig.ambient[2] * ao + rig.sky[2] * sky + rig.ground[2] * ground,
  ];

  for (const s of rig.suns) {
    const l = normalize([-s.dir[0], -s.dir[1], -s.dir[2]]);
    const ndl = n[0] * l[0] + n[1] * l[1] + n[2] * l[2];
    if (ndl <= 0) continue;
    let vis = 1;
    if (shadows) {
      const ref2: Vec3 = Math.abs(l[1]) < 0.95 ? [0, 1, 0] : [1, 0, 0];
      const ua = normalize([ref2[1] * l[2] - ref2[2] * l[1], ref2[2] * l[0] - ref2[0] * l[2], ref2[0] * l[1] - ref2[1] * l[0]]);
      const ub: Vec3 = [l[1] * ua[2] - l[2] * ua[1], l[2] * ua[0] - l[0] * ua[2], l[0] * ua[1] - l[1] * ua[0]];
      let seen = 0;
      for (const [a, b] of SUN_SAMPLES) {
        const k = s.spread;
        const d = normalize([l[0] + (ua[0] * a + ub[0] * b) * k, l[1] + (ua[1] * a + ub[1] * b) * k, l[2] + (ua[2] * a + ub[2] * b) * k]);
        if (scene.cast(ox, oy, oz, d[0], d[1], d[2], 200) === Infinity) seen++;
      }
      vis = seen / SUN_SAMPLES.length;
    }
    light[0] += s.color[0] * ndl * vis;
    light[1] += s.color[1] * ndl * vis;
    light[2] += s.color[2] * ndl * vis;
  }

  for (const lamp of rig.lamps) {
    const lx = lamp.at[0] - p[0];
    const ly = lamp.at[1] - p[1];
    const lz = lamp.at[2] - p[2];
    const d = Math.hypot(lx, ly, lz) || 1e-6;
    const ndl = (n[0] * lx + n[1] * ly + n[2] * lz) / d;
    if (ndl <= 0) continue;
    if (shadows && lamp.shadow && scene.cast(ox, oy, oz, lx / d, ly / d, lz / d, d - 0.05) !== Infinity) continue;
    const fall = (lamp.range * lamp.range) / (lamp.range * lamp.range + d * d);
    light[0] += lamp.color[0] * ndl * fall;
    light[1] += lamp.color[1] * ndl * fall;
    light[2] += lamp.color[2] * ndl * fall;
  }
  return light;
}

/** Stores an unlit base colour as the vertex colour (emissive parts, sky-coloured far things). */
export function flat(geometry: BufferGeometry, base: BaseColor): void {
  const pos = geometry.getAttribute('position');
  const nor = geometry.getAttribute('normal');
  const out = new Float32Array(pos.count * 3);
  for (let i = 0; i < pos.count; i++) {
    const c = baseOf(geometry, base, i, [pos.getX(i), pos.getY(i), pos.getZ(i)], [nor.getX(i), nor.getY(i), nor.getZ(i)]);
    out.set([Math.min(1, c[0]), Math.min(1, c[1]), Math.min(1, c[2])], i * 3);
  }
  geometry.setAttribute('color', new BufferAttribute(out, 3));
  geometry.deleteAttribute('base');
}
