/**
 * Parts shared by the two Gutian rooms (a Hakka ancestral hall in the hills of western Fujian):
 * grey tiled roof pitches with tile rows and a ridge, broadleaf trees, and rings of wooded hills.
 * Like the rest of tools/models, everything is deterministic.
 */
import { CylinderGeometry, IcosahedronGeometry, Matrix4, Quaternion, Vector3 } from 'three';
import type { BufferGeometry } from 'three';
import { box, cross, GeometryWriter, hash3, mix, normalize, place, plain, rng, shade, srgb, tube, type RGB, type Vec3 } from './geometry';
import type { Room } from './room';

/** Colours of the site, sRGB picked from photographs of whitewashed Hakka halls, converted to linear. */
export const HAKKA = {
  tile: srgb(0x4a4c4d),
  tileDark: srgb(0x2c2d2e),
  ridge: srgb(0x3a3b3c),
  plaster: srgb(0xebe8df),
  plasterDim: srgb(0xc9c4b8),
  stone: srgb(0x8d8a82),
  stoneLight: srgb(0xb3aea2),
  wood: srgb(0x5a3826),
  woodDark: srgb(0x3a2418),
  lacquer: srgb(0x2a1a14),
  gold: srgb(0xb8943e),
  trunk: srgb(0x4e3f30),
  leaf: srgb(0x3e5a2c),
  leafLight: srgb(0x58753a),
  hill: srgb(0x56793f),
  hillFar: srgb(0x6a8c5e),
};

function add3(a: Vec3, b: Vec3, k = 1): Vec3 {
  return [a[0] + b[0] * k, a[1] + b[1] * k, a[2] + b[2] * k];
}

/** A quad spanned by u and v from origin, written so that it faces `up` (flips if needed). */
function facing(w: GeometryWriter, origin: Vec3, u: Vec3, v: Vec3, want: Vec3, cell: number): void {
  const n = cross(u, v);
  if (n[0] * want[0] + n[1] * want[1] + n[2] * want[2] >= 0) w.quad(origin, u, v, cell);
  else w.quad(origin, v, u, cell);
}

/** A short closed cylinder (a drip tile's round end) centred at `at`, its axis along `axis`. */
export function disc(at: Vec3, axis: Vec3, radius: number, length: number, sides = 8): BufferGeometry {
  const g = plain(new CylinderGeometry(radius, radius, length, sides));
  const q = new Quaternion().setFromUnitVectors(new Vector3(0, 1, 0), new Vector3(...normalize(axis)));
  g.applyMatrix4(new Matrix4().compose(new Vector3(...at), q, new Vector3(1, 1, 1)));
  return g;
}

/** Options for {@link roofPitch}. */
export interface PitchOptions {
  /** Spacing of the rows of cover tiles, metres. */
  row?: number;
  /** Also draw the underside (seen from below the eaves or from inside). */
  underside?: boolean;
  /** Colour of the underside (rafters and roof boards). */
  undersideColor?: RGB;
  /** Add occluder boxes under the pitch for the baked light. */
  solid?: boolean;
  /** Leave out the drip-tile ends along the eave. */
  noDrips?: boolean;
}

/**
 * One pitch of a grey tiled roof: `eave` is one end of the eave line, `along` runs along the eave
 * (its length is the pitch's width) and `up` runs from the eave to the ridge. Draws the tile bed,
 * rows of cover tiles with round drip ends, an eave board, and (optionally) the underside.
 */
export function roofPitch(room: Room, node: string, eave: Vec3, along: Vec3, up: Vec3, opts: PitchOptions = {}): void {
  const len = Math.hypot(...along);
  const a = normalize(along);
  const out = normalize(cross(a, up));
  const outward: Vec3 = out[1] >= 0 ? out : [-out[0], -out[1], -out[2]];
  const bed = new GeometryWriter();
  facing(bed, eave, along, up, outward, 0.9);
  room.add(node, bed.build(), HAKKA.tile, { bake: { ao: 0.4 } });
  if (opts.underside !== false) {
    const under = new GeometryWriter();
    facing(under, add3(eave, outward, -0.07), along, up, [-outward[0], -outward[1], -outward[2]], 0.9);
    room.add(node, under.build(), opts.undersideColor ?? shade(HAKKA.wood, 0.8), { bake: { ao: 0.6 } });
  }
  // eave board
  const edge = new GeometryWriter();
  const down: Vec3 = [-outward[0] * 0.09, -outward[1] * 0.09, -outward[2] * 0.09];
  const upN = normalize(up);
  const ahead: Vec3 = [-upN[0], -upN[1], -upN[2]];
  facing(edge, add3(eave, outward, 0.02), along, down, ahead, 1.2);
  room.add(node, edge.build(), HAKKA.tileDark, { bake: { ao: 0.3 } });
  const step = opts.row ?? 0.24;
  const n = Math.max(1, Math.round(len / step));
  const r = rng(Math.round(eave[0] * 31 + eave[2] * 17 + 1000));
  for (let i = 0; i <= n; i++) {
    const s = (len * (i + 0.5)) / (n + 1);
    const p0 = add3(add3(eave, a, s), outward, 0.035);
    const p1 = add3(p0, up, 0.985);
    room.add(node, tube([p0, p1], 0.042, 4), shade(HAKKA.tile, 0.82 + r() * 0.3), { bake: { ao: 0.35 } });
    if (!opts.noDrips) {
      room.add(node, disc(add3(p0, ahead, 0.01), ahead, 0.062, 0.04), HAKKA.tileDark, { bake: { ao: 0.2 } });
    }
  }
  if (opts.solid !== false) {
    // stepped boxes inside the roof volume (between the bed and a level at the eave height)
    const slices = 4;
    for (let k = 0; k < slices; k++) {
      const q0 = add3(eave, up, k / slices);
      const q1 = add3(add3(eave, up, (k + 1) / slices), along, 1);
      const lo: Vec3 = [Math.min(q0[0], q1[0]), Math.min(eave[1], q0[1]) - 0.12, Math.min(q0[2], q1[2])];
      const hi: Vec3 = [Math.max(q0[0], q1[0]), Math.min(q0[1], q1[1]) - 0.08, Math.max(q0[2], q1[2])];
      if (hi[1] > lo[1] + 0.02) room.solid(lo, hi);
    }
  }
}

/** A roof ridge from a to b (level), with short upturned ends, in the tile colour. */
export function ridge(room: Room, node: string, a: Vec3, b: Vec3, width = 0.32, height = 0.26): void {
  const d = normalize([b[0] - a[0], 0, b[2] - a[2]]);
  const side: Vec3 = [-d[2], 0, d[0]];
  const hw = width / 2;
  const corners = [add3(a, side, -hw), add3(a, side, hw), add3(b, side, -hw), add3(b, side, hw)];
  const min: Vec3 = [Math.min(...corners.map((c) => c[0])), a[1] - 0.05, Math.min(...corners.map((c) => c[2]))];
  const max: Vec3 = [Math.max(...corners.map((c) => c[0])), a[1] + height, Math.max(...corners.map((c) => c[2]))];
  room.add(node, box(min, max, { cell: 0.8 }), HAKKA.ridge, { bake: { ao: 0.3 } });
  // a lighter capping line and the curled ends
  const capMin: Vec3 = [min[0] + (d[0] === 0 ? 0.06 : 0), max[1], min[2] + (d[2] === 0 ? 0.06 : 0)];
  const capMax: Vec3 = [max[0] - (d[0] === 0 ? 0.06 : 0), max[1] + 0.05, max[2] - (d[2] === 0 ? 0.06 : 0)];
  room.add(node, box(capMin, capMax, { skip: ['ny'], cell: 0.8 }), shade(HAKKA.ridge, 0.8), { bake: { ao: 0.3 } });
  for (const [end, dir] of [
    [a, -1],
    [b, 1],
  ] as const) {
    const base = add3(end, d, -dir * 0.25);
    const pts: Vec3[] = [];
    for (let i = 0; i <= 6; i++) {
      const t = i / 6;
      pts.push([base[0] + d[0] * dir * 0.45 * t, end[1] + height * 0.55 + 0.42 * t * t, base[2] + d[2] * dir * 0.45 * t]);
    }
    room.add(node, tube(pts, 0.075, 5), HAKKA.ridge, { bake: { ao: 0.2 } });
  }
}

/** A broadleaf tree (camphor-like) as low-poly crown blobs on a forked trunk. */
export function tree(room: Room, node: string, base: Vec3, height: number, seed: number): void {
  const r = rng(seed);
  const top: Vec3 = [base[0], base[1] + height * 0.45, base[2]];
  room.add(node, tube([base, top], 0.2 * (height / 8), 6), HAKKA.trunk, { bake: { ao: 0.3 } });
  for (let k = 0; k < 3; k++) {
    const a = (k / 3) * Math.PI * 2 + r();
    room.add(node, tube([top, [top[0] + Math.cos(a) * height * 0.18, top[1] + height * 0.2, top[2] + Math.sin(a) * height * 0.18]], 0.11 * (height / 8), 5), HAKKA.trunk, { bake: { ao: 0.3 } });
  }
  const blobs = 6;
  for (let i = 0; i < blobs; i++) {
    const a = (i / blobs) * Math.PI * 2 + r() * 0.8;
    const d = i === 0 ? 0 : height * (0.16 + r() * 0.1);
    const s = height * (0.2 + r() * 0.08);
    const col = mix(HAKKA.leaf, HAKKA.leafLight, r() * 0.6);
    const at: Vec3 = [base[0] + Math.cos(a) * d, base[1] + height * (0.62 + r() * 0.14), base[2] + Math.sin(a) * d];
    room.add(node, place(new IcosahedronGeometry(1, 1), { at, scale: [s * 1.25, s * 0.85, s * 1.25] }), col, { bake: { ao: 0.25 } });
  }
}

/** Smooth periodic noise around the horizon (fixed phases, so always the same). */
function ridgeNoise(theta: number, seed: number): number {
  const r = rng(seed);
  let v = 0;
  for (let k = 1; k <= 7; k++) v += Math.sin(theta * (k * 2 - 1) + r() * 6.283) / k;
  return v;
}

/** Options for {@link hillRing}. */
export interface HillRingOptions {
  centre: Vec3;
  radius: number;
  /** Mean height of the crest, and how much it varies. */
  height: number;
  vary: number;
  color: RGB;
  /** Sky colour mixed in for distance. */
  haze: RGB;
  hazeAmount: number;
  seed: number;
  /** Segments around the ring. */
  segments?: number;
  /** Direction the sun light travels, for fake shading of the slopes. */
  sun: Vec3;
}

/**
 * A ring of wooded hills around the site: an inward-facing band from the foot to a noisy crest,
 * with a second row of vertices so the slopes can be shaded by the sun (stored unlit).
 */
export function hillRing(room: Room, node: string, o: HillRingOptions): void {
  const w = new GeometryWriter();
  const seg = o.segments ?? 96;
  const rows: number[][] = [];
  const l = normalize([-o.sun[0], -o.sun[1], -o.sun[2]]);
  for (let i = 0; i <= seg; i++) {
    const th = (i / seg) * Math.PI * 2;
    const dir: Vec3 = [Math.sin(th), 0, -Math.cos(th)];
    const h = Math.max(o.height * 0.35, o.height + o.vary * ridgeNoise(th, o.seed));
    const R = o.radius * (1 + 0.08 * ridgeNoise(th, o.seed + 7));
    const ring: number[] = [];
    const levels = [
      [R - o.height * 1.6, -0.5],
      [R - o.height * 0.7, h * 0.55],
      [R, h],
    ] as const;
    for (const [rr, y] of levels) {
      // slope normal: inward and up
      const n = normalize([-dir[0] * 0.8, 0.7, -dir[2] * 0.8]);
      const lit = 0.72 + 0.45 * Math.max(0, n[0] * l[0] + n[1] * l[1] + n[2] * l[2]);
      const wood = 0.86 + 0.28 * hash3(Math.round(th * 40), Math.round(y), o.seed);
      const base = shade(o.color, lit * wood * (0.85 + 0.15 * (y / Math.max(1, h))));
      w.withTint(mix(base, o.haze, o.hazeAmount));
      ring.push(w.vertex([o.centre[0] + dir[0] * rr, o.centre[1] + y, o.centre[2] + dir[2] * rr], n));
    }
    rows.push(ring);
  }
  for (let i = 0; i < seg; i++) {
    const a = rows[i]!;
    const b = rows[i + 1]!;
    for (let k = 0; k + 1 < a.length; k++) {
      w.tri(a[k]!, b[k]!, b[k + 1]!);
      w.tri(a[k]!, b[k + 1]!, a[k + 1]!);
    }
  }
  room.add(node, w.build(), [1, 1, 1], { lit: false });
}
