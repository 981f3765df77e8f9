/**
 * Geometry helpers for the build-time room generator: colours, a seeded random source,
 * axis-aligned boxes with optional face culling and subdivision, panels with rectangular holes,
 * brick masonry, and conversion of three.js primitives to plain indexed position+normal geometry.
 *
 * Everything here is deterministic: no Math.random, no time.
 */
import { BufferAttribute, BufferGeometry, Euler, Matrix4, Quaternion, Vector3 } from 'three';

/** A 3-vector as a plain tuple. */
export type Vec3 = [number, number, number];
/** A linear-light RGB colour, each channel in [0, 1]. */
export type RGB = [number, number, number];

/** Converts an sRGB hex colour (0xrrggbb) to linear RGB, the space glTF vertex colours use. */
export function srgb(hex: number): RGB {
  const c = (v: number) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
  };
  return [c((hex >> 16) & 255), c((hex >> 8) & 255), c(hex & 255)];
}

/** Linear interpolation between two colours. */
export function mix(a: RGB, b: RGB, t: number): RGB {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

/** Multiplies a colour by a scalar. */
export function shade(c: RGB, k: number): RGB {
  return [c[0] * k, c[1] * k, c[2] * k];
}

/** A small seeded PRNG (mulberry32): the same seed always yields the same sequence. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stable hash of a position to [0, 1), used for per-vertex jitter that never changes between builds. */
export function hash3(x: number, y: number, z: number): number {
  let h = Math.imul(Math.round(x * 1000), 73856093) ^ Math.imul(Math.round(y * 1000), 19349663) ^ Math.imul(Math.round(z * 1000), 83492791);
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

/**
 * Reduces any three.js geometry to what the pipeline carries: indexed, with only position and
 * normal attributes (uvs and groups dropped).
 */
export function plain(src: BufferGeometry): BufferGeometry {
  const g = new BufferGeometry();
  const pos = src.getAttribute('position');
  g.setAttribute('position', new BufferAttribute(Float32Array.from(pos.array as ArrayLike<number>), 3));
  if (!src.getAttribute('normal')) src.computeVertexNormals();
  const nor = src.getAttribute('normal');
  g.setAttribute('normal', new BufferAttribute(Float32Array.from(nor.array as ArrayLike<number>), 3));
  const index = src.getIndex();
  const n = pos.count;
  if (index) g.setIndex(new BufferAttribute(Uint32Array.from(index.array as ArrayLike<number>), 1));
  else g.setIndex(new BufferAttribute(Uint32Array.from({ length: n }, (_, i) => i), 1));
  return g;
}

/** Placement of a part: translation, Euler rotation (radians, XYZ order) and scale. */
export interface Placement {
  at?: Vec3;
  rot?: Vec3;
  scale?: Vec3;
}

/** Builds the matrix of a placement. */
export function matrixOf(p: Placement): Matrix4 {
  const q = new Quaternion().setFromEuler(new Euler(...(p.rot ?? [0, 0, 0])));
  return new Matrix4().compose(new Vector3(...(p.at ?? [0, 0, 0])), q, new Vector3(...(p.scale ?? [1, 1, 1])));
}

/** Returns a plain copy of `g` moved by the placement (normals follow). */
export function place(g: BufferGeometry, p: Placement): BufferGeometry {
  const out = plain(g);
  out.applyMatrix4(matrixOf(p));
  return out;
}

/** Appends raw quads/triangles into a growing geometry. */
export class GeometryWriter {
  private pos: number[] = [];
  private nor: number[] = [];
  private col: number[] = [];
  private idx: number[] = [];
  private tinted = false;
  /** Colour multiplier recorded on the vertices written next (stored as the `base` attribute). */
  tint: RGB = [1, 1, 1];

  /** Sets the tint for the vertices written next and returns this writer. */
  withTint(c: RGB): this {
    this.tint = c;
    this.tinted = true;
    return this;
  }

  /** Adds one vertex and returns its index. */
  vertex(p: Vec3, n: Vec3): number {
    this.pos.push(p[0], p[1], p[2]);
    this.nor.push(n[0], n[1], n[2]);
    this.col.push(this.tint[0], this.tint[1], this.tint[2]);
    return this.pos.length / 3 - 1;
  }

  /** Adds a triangle by vertex indices (counter-clockwise seen from the front). */
  tri(a: number, b: number, c: number): void {
    this.idx.push(a, b, c);
  }

  /**
   * Adds a quad grid spanning origin + s·u + t·v for s, t in [0, 1], split at the given
   * parameter lists (each from 0 to 1). Facing is u × v.
   */
  grid(origin: Vec3, u: Vec3, v: Vec3, ss: number[], ts: number[], skip?: (s0: number, s1: number, t0: number, t1: number) => boolean): void {
    const n = normalize(cross(u, v));
    const at = (s: number, t: number): Vec3 => [origin[0] + u[0] * s + v[0] * t, origin[1] + u[1] * s + v[1] * t, origin[2] + u[2] * s + v[2] * t];
    const ids = new Map<string, number>();
    const id = (i: number, j: number) => {
      const key = `${i},${j}`;
      let k = ids.get(key);
      if (k === undefined) {
        k = this.vertex(at(ss[i]!, ts[j]!), n);
        ids.set(key, k);
      }
      return k;
    };
    for (let i = 0; i + 1 < ss.length; i++) {
      for (let j = 0; j + 1 < ts.length; j++) {
        if (skip && skip(ss[i]!, ss[i + 1]!, ts[j]!, ts[j + 1]!)) continue;
        const a = id(i, j);
        const b = id(i + 1, j);
        const c = id(i + 1, j + 1);
        const d = id(i, j + 1);
        this.tri(a, b, c);
        this.tri(a, c, d);
      }
    }
  }

  /** A single quad with corners origin, origin+u, origin+u+v, origin+v. */
  quad(origin: Vec3, u: Vec3, v: Vec3, cell = 0): void {
    const lu = Math.hypot(...u);
    const lv = Math.hypot(...v);
    this.grid(origin, u, v, steps(cell > 0 ? Math.ceil(lu / cell) : 1), steps(cell > 0 ? Math.ceil(lv / cell) : 1));
  }

  /** True when nothing was written. */
  get empty(): boolean {
    return this.idx.length === 0;
  }

  /** Returns the geometry written so far. */
  build(): BufferGeometry {
    const g = new BufferGeometry();
    g.setAttribute('position', new BufferAttribute(Float32Array.from(this.pos), 3));
    g.setAttribute('normal', new BufferAttribute(Float32Array.from(this.nor), 3));
    if (this.tinted) g.setAttribute('base', new BufferAttribute(Float32Array.from(this.col), 3));
    g.setIndex(new BufferAttribute(Uint32Array.from(this.idx), 1));
    return g;
  }
}

/** [0, 1/n, …, 1]. */
export function steps(n: number): number[] {
  const k = Math.max(1, n);
  return Array.from({ length: k + 1 }, (_, i) => i / k);
}

/** Splits [0, 1] at the given sorted breakpoints, then subdivides so no step exceeds `maxStep`. */
export function splits(breaks: number[], maxStep: number): number[] {
  const pts = Array.from(new Set([0, 1, ...breaks.filter((b) => b > 0 && b < 1)])).sort((a, b) => a - b);
  const out: number[] = [pts[0]!];
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1]!;
    const b = pts[i]!;
    const n = Math.max(1, Math.ceil((b - a) / maxStep - 1e-9));
    for (let k = 1; k <= n; k++) out.push(a + ((b - a) * k) / n);
  }
  return out;
}

export function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

export function normalize(a: Vec3): Vec3 {
  const l = Math.hypot(a[0], a[1], a[2]) || 1;
  return [a[0] / l, a[1] / l, a[2] / l];
}

/** Faces of an axis-aligned box. */
export type Face = 'px' | 'nx' | 'py' | 'ny' | 'pz' | 'nz';

/** Options for {@link box}. */
export interface BoxOptions {
  /** Faces to leave out (hidden against a wall or the floor). */
  skip?: Face[];
  /** Subdivide faces so cells are at most this size (metres), for smoother baked light. */
  cell?: number;
}

/** An axis-aligned box from its min and max corners. */
export function box(min: Vec3, max: Vec3, opts: BoxOptions = {}): BufferGeometry {
  const w = new GeometryWriter();
  const [x0, y0, z0] = min;
  const [x1, y1, z1] = max;
  const dx = x1 - x0;
  const dy = y1 - y0;
  const dz = z1 - z0;
  const skip = new Set(opts.skip ?? []);
  const c = opts.cell ?? 0;
  if (!skip.has('px')) w.quad([x1, y0, z1], [0, 0, -dz], [0, dy, 0], c);
  if (!skip.has('nx')) w.quad([x0, y0, z0], [0, 0, dz], [0, dy, 0], c);
  if (!skip.has('py')) w.quad([x0, y1, z1], [dx, 0, 0], [0, 0, -dz], c);
  if (!skip.has('ny')) w.quad([x0, y0, z0], [dx, 0, 0], [0, 0, dz], c);
  if (!skip.has('pz')) w.quad([x0, y0, z1], [dx, 0, 0], [0, dy, 0], c);
  if (!skip.has('nz')) w.quad([x1, y0, z0], [-dx, 0, 0], [0, dy, 0], c);
  return w.build();
}

/** A box given by centre and size, optionally turned about its centre (Euler XYZ, radians). */
export function boxAt(center: Vec3, size: Vec3, rot?: Vec3, opts: BoxOptions = {}): BufferGeometry {
  const g = box([-size[0] / 2, -size[1] / 2, -size[2] / 2], [size[0] / 2, size[1] / 2, size[2] / 2], opts);
  g.applyMatrix4(matrixOf({ at: center, rot }));
  return g;
}

/** A 2D rectangle in a wall's own (s, t) coordinates, metres. */
export interface Rect2 {
  s0: number;
  s1: number;
  t0: number;
  t1: number;
}

/** Rectangle `r` minus rectangle `h`: up to four pieces. */
export function subtract(r: Rect2, h: Rect2): Rect2[] {
  if (h.s0 >= r.s1 || h.s1 <= r.s0 || h.t0 >= r.t1 || h.t1 <= r.t0) return [r];
  const out: Rect2[] = [];
  if (h.t0 > r.t0) out.push({ s0: r.s0, s1: r.s1, t0: r.t0, t1: h.t0 });
  if (h.t1 < r.t1) out.push({ s0: r.s0, s1: r.s1, t0: h.t1, t1: r.t1 });
  const t0 = Math.max(r.t0, h.t0);
  const t1 = Math.min(r.t1, h.t1);
  if (h.s0 > r.s0) out.push({ s0: r.s0, s1: h.s0, t0, t1 });
  if (h.s1 < r.s1) out.push({ s0: h.s1, s1: r.s1, t0, t1 });
  return out;
}

/** A planar frame on a wall: world point of (s, t) is origin + s·u + t·v (u, v unit vectors). */
export interface WallFrame {
  origin: Vec3;
  u: Vec3;
  v: Vec3;
}

/** World position of wall coordinates (s, t) pushed `d` metres along the wall's normal (u × v). */
export function onWall(f: WallFrame, s: number, t: number, d = 0): Vec3 {
  const n = normalize(cross(f.u, f.v));
  return [
    f.origin[0] + f.u[0] * s + f.v[0] * t + n[0] * d,
    f.origin[1] + f.u[1] * s + f.v[1] * t + n[1] * d,
    f.origin[2] + f.u[2] * s + f.v[2] * t + n[2] * d,
  ];
}

/**
 * A flat panel of size width × height on a wall frame with rectangular holes, as a tensor grid
 * split at every hole edge and subdivided to `cell` metres (so baked light has vertices to live on).
 */
export function panel(f: WallFrame, width: number, height: number, holes: Rect2[], cell: number, offset = 0): BufferGeometry {
  const w = new GeometryWriter();
  const ss = splits(holes.flatMap((h) => [h.s0 / width, h.s1 / width]), cell / width);
  const ts = splits(holes.flatMap((h) => [h.t0 / height, h.t1 / height]), cell / height);
  const origin = onWall(f, 0, 0, offset);
  const u: Vec3 = [f.u[0] * width, f.u[1] * width, f.u[2] * width];
  const v: Vec3 = [f.v[0] * height, f.v[1] * height, f.v[2] * height];
  w.grid(origin, u, v, ss, ts, (s0, s1, t0, t1) => {
    const cs = ((s0 + s1) / 2) * width;
    const ct = ((t0 + t1) / 2) * height;
    return holes.some((h) => cs > h.s0 && cs < h.s1 && ct > h.t0 && ct < h.t1);
  });
  return w.build();
}

/**
 * The reveals (inner faces) of a rectangular hole through a wall of the given thickness:
 * the wall's front face lies on the frame, the back face `depth` metres behind it.
 */
export function reveals(f: WallFrame, h: Rect2, depth: number, opts: { bottom?: boolean } = {}): BufferGeometry {
  const w = new GeometryWriter();
  const n = normalize(cross(f.u, f.v));
  const back: Vec3 = [-n[0] * depth, -n[1] * depth, -n[2] * depth];
  const sv = (a: Vec3, k: number): Vec3 => [a[0] * k, a[1] * k, a[2] * k];
  const hw = h.s1 - h.s0;
  const hh = h.t1 - h.t0;
  // left reveal faces +u, right reveal faces -u, top faces -v, bottom faces +v
  w.quad(onWall(f, h.s0, h.t0), back, sv(f.v, hh));
  w.quad(onWall(f, h.s1, h.t0), sv(f.v, hh), back);
  w.quad(onWall(f, h.s0, h.t1), back, sv(f.u, hw));
  if (opts.bottom !== false) w.quad(onWall(f, h.s0, h.t0), sv(f.u, hw), back);
  return w.build();
}

/** Options for {@link masonry}. */
export interface MasonryOptions {
  width: number;
  height: number;
  holes: Rect2[];
  /** Course height including mortar. */
  course: number;
  /** Brick length including mortar. */
  brick: number;
  /** Mortar joint width. */
  joint: number;
  /** How far bricks stand proud of the mortar bed. */
  relief: number;
  /** Colour of the brick in a course (row index from the bottom) and position along the course. */
  color: (row: number, col: number, s: number, t: number) => RGB;
}

/**
 * Brick faces in running bond over a wall frame, clipped around holes, each brick tinted with its
 * colour (the `base` attribute); the mortar bed behind them is a separate {@link panel}.
 */
export function masonry(f: WallFrame, o: MasonryOptions): BufferGeometry {
  const w = new GeometryWriter();
  const rows = Math.floor(o.height / o.course + 1e-6);
  for (let r = 0; r < rows; r++) {
    const t0 = r * o.course + o.joint / 2;
    const t1 = (r + 1) * o.course - o.joint / 2;
    const shift = r % 2 === 0 ? 0 : o.brick / 2;
    for (let c = -1; c * o.brick + shift < o.width; c++) {
      const s0 = Math.max(0, c * o.brick + shift + o.joint / 2);
      const s1 = Math.min(o.width, (c + 1) * o.brick + shift - o.joint / 2);
      if (s1 - s0 < 0.03) continue;
      let pieces: Rect2[] = [{ s0, s1, t0, t1 }];
      for (const h of o.holes) pieces = pieces.flatMap((p) => subtract(p, { s0: h.s0 - o.joint / 2, s1: h.s1 + o.joint / 2, t0: h.t0 - o.joint / 2, t1: h.t1 + o.joint / 2 }));
      w.withTint(o.color(r, c, (s0 + s1) / 2, (t0 + t1) / 2));
      for (const p of pieces) {
        if (p.s1 - p.s0 < 0.02 || p.t1 - p.t0 < 0.02) continue;
        const a = onWall(f, p.s0, p.t0, o.relief);
        const su: Vec3 = [f.u[0] * (p.s1 - p.s0), f.u[1] * (p.s1 - p.s0), f.u[2] * (p.s1 - p.s0)];
        const tv: Vec3 = [f.v[0] * (p.t1 - p.t0), f.v[1] * (p.t1 - p.t0), f.v[2] * (p.t1 - p.t0)];
        w.quad(a, su, tv);
      }
    }
  }
  return w.build();
}

/** A tube along a polyline with a round (n-gon) section: rails, ropes, ribs. */
export function tube(points: Vec3[], radius: number, sides = 6): BufferGeometry {
  const w = new GeometryWriter();
  const rings: number[][] = [];
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    const prev = points[Math.max(0, i - 1)]!;
    const next = points[Math.min(points.length - 1, i + 1)]!;
    const t = normalize([next[0] - prev[0], next[1] - prev[1], next[2] - prev[2]]);
    const ref: Vec3 = Math.abs(t[1]) < 0.9 ? [0, 1, 0] : [1, 0, 0];
    const a = normalize(cross(t, ref));
    const b = cross(t, a);
    const ring: number[] = [];
    for (let k = 0; k < sides; k++) {
      const ang = (k / sides) * Math.PI * 2;
      const n: Vec3 = [a[0] * Math.cos(ang) + b[0] * Math.sin(ang), a[1] * Math.cos(ang) + b[1] * Math.sin(ang), a[2] * Math.cos(ang) + b[2] * Math.sin(ang)];
      ring.push(w.vertex([p[0] + n[0] * radius, p[1] + n[1] * radius, p[2] + n[2] * radius], n));
    }
    rings.push(ring);
  }
  for (let i = 0; i + 1 < rings.length; i++) {
    const r0 = rings[i]!;
    const r1 = rings[i + 1]!;
    for (let k = 0; k < sides; k++) {
      const k1 = (k + 1) % sides;
      w.tri(r0[k]!, r0[k1]!, r1[k1]!);
      w.tri(r0[k]!, r1[k1]!, r1[k]!);
    }
  }
  return w.build();
}

/**
 * Lofts a surface through `sections` (each a polyline with the same number of points, e.g. hull
 * cross-sections along the keel). Each segment between consecutive section points becomes its own
 * strip, so edges between segments stay sharp while the surface is smooth along the loft.
 * A segment's face normal is (loft direction) × (segment direction).
 */
export function loft(sections: Vec3[][]): BufferGeometry {
  const parts: BufferGeometry[] = [];
  const m = sections[0]?.length ?? 0;
  for (let j = 0; j + 1 < m; j++) {
    const pos: number[] = [];
    const idx: number[] = [];
    sections.forEach((sec) => {
      const a = sec[j]!;
      const b = sec[j + 1]!;
      pos.push(...a, ...b);
    });
    for (let i = 0; i + 1 < sections.length; i++) {
      const a0 = i * 2;
      const b0 = i * 2 + 1;
      const a1 = (i + 1) * 2;
      const b1 = (i + 1) * 2 + 1;
      idx.push(a0, a1, b1, a0, b1, b0);
    }
    const g = new BufferGeometry();
    g.setAttribute('position', new BufferAttribute(Float32Array.from(pos), 3));
    g.setIndex(idx);
    g.computeVertexNormals();
    parts.push(plain(g));
  }
  return concat(parts);
}

/** Concatenates plain indexed geometries (position, normal, optional base) into one. */
export function concat(parts: BufferGeometry[]): BufferGeometry {
  const pos: number[] = [];
  const nor: number[] = [];
  const idx: number[] = [];
  let offset = 0;
  for (const g of parts) {
    const p = g.getAttribute('position');
    const n = g.getAttribute('normal');
    for (let i = 0; i < p.count; i++) {
      pos.push(p.getX(i), p.getY(i), p.getZ(i));
      nor.push(n.getX(i), n.getY(i), n.getZ(i));
    }
    const index = g.getIndex();
    if (index) for (let i = 0; i < index.count; i++) idx.push(index.getX(i) + offset);
    else for (let i = 0; i < p.count; i++) idx.push(i + offset);
    offset += p.count;
  }
  const out = new BufferGeometry();
  out.setAttribute('position', new BufferAttribute(Float32Array.from(pos), 3));
  out.setAttribute('normal', new BufferAttribute(Float32Array.from(nor), 3));
  out.setIndex(new BufferAttribute(Uint32Array.from(idx), 1));
  return out;
}

/** A flat polygon (convex or star-shaped around its centroid) as a triangle fan facing `normal`. */
export function fan(points: Vec3[], normal: Vec3): BufferGeometry {
  const w = new GeometryWriter();
  const c: Vec3 = [0, 0, 0];
  for (const p of points) {
    c[0] += p[0] / points.length;
    c[1] += p[1] / points.length;
    c[2] += p[2] / points.length;
  }
  const ci = w.vertex(c, normal);
  const ids = points.map((p) => w.vertex(p, normal));
  for (let i = 0; i < ids.length; i++) {
    const a = ids[i]!;
    const b = ids[(i + 1) % ids.length]!;
    const pa = points[i]!;
    const pb = points[(i + 1) % points.length]!;
    const face = cross([pa[0] - c[0], pa[1] - c[1], pa[2] - c[2]], [pb[0] - c[0], pb[1] - c[1], pb[2] - c[2]]);
    if (face[0] * normal[0] + face[1] * normal[1] + face[2] * normal[2] >= 0) w.tri(ci, a, b);
    else w.tri(ci, b, a);
  }
  return w.build();
}
