/**
 * The old site of the CPC Central Committee at Xibaipo (西柏坡), Pingshan County, Hebei: a north-China
 * village courtyard of flat-roofed houses (stone footings, loess-plastered walls) with a tree, and
 * the Central Military Commission's operations room (军委作战室): maps on every wall, a long table
 * with field telephones and hurricane lamps, a few chairs. An illustrative reconstruction.
 *
 * Plan (metres, y up, floor at 0): courtyard x∈[-5.5, 5.5], z∈[0, 9]; the operations-room building
 * x∈[-4.4, 4.4], z∈[-6.4, 0] with walls 0.4 thick (room x∈[-4, 4], z∈[-6, -0.4], ceiling 3.0) and
 * its door x∈[-0.7, 0.7]; the side wings face the courtyard at x = ±5.5; the courtyard wall with
 * its gate closes the south side at z = 9. Walkable areas and obstacles come from
 * scenes/xibaipo/scene.json.
 */
import { CylinderGeometry, IcosahedronGeometry, LatheGeometry, SphereGeometry, TorusGeometry, Vector2 } from 'three';
import type { BufferGeometry } from 'three';
import { box, boxAt, GeometryWriter, hash3, masonry, mix, normalize, onWall, panel, place, plain, reveals, rng, shade, srgb, tube, type Rect2, type RGB, type Vec3, type WallFrame } from '../geometry';
import type { LightRig, Occluder } from '../lighting';
import { Room, type Instance } from '../room';

const C = {
  earth: srgb(0x9d8a6c),
  earthDark: srgb(0x7f6f57),
  flag: srgb(0x938d82),
  stone: srgb(0xa0978a),
  stoneWarm: srgb(0xab9a82),
  mortar: srgb(0xb9ae98),
  loess: srgb(0xc8b28e),
  loessDim: srgb(0xb29c79),
  whitewash: srgb(0xe9e4d7),
  dado: srgb(0xc9c2b2),
  wood: srgb(0x5e4531),
  woodDark: srgb(0x3f2d20),
  door: srgb(0x4b3526),
  paper: srgb(0xe6dcc4),
  paperGlow: srgb(0xf4ecd8),
  tile: srgb(0x6c6a66),
  brickGrey: srgb(0x77746e),
  mat: srgb(0xb49b73),
  purlin: srgb(0x6a4c32),
  floor: srgb(0x807c75),
  table: srgb(0x5a3a24),
  chair: srgb(0x5c3f29),
  phone: srgb(0x2c2622),
  metal: srgb(0x6f6b63),
  enamel: srgb(0xe8e6de),
  enamelRim: srgb(0x2f4f7f),
  lampGlass: srgb(0xffe6b0),
  mapPaper: srgb(0xe4d9b8),
  mapHill: srgb(0xcfb88e),
  mapPlain: srgb(0xd9d8a8),
  mapSea: srgb(0xb5cbd2),
  mapGrid: srgb(0x9d8d6c),
  river: srgb(0x4f7ea0),
  red: srgb(0xb22a1f),
  blue: srgb(0x2f4c8a),
  ink: srgb(0x2a2420),
  trunk: srgb(0x54463a),
  leaf: srgb(0x5e7a39),
  haze: srgb(0xc4d3de),
  hillNear: srgb(0x6f7f5c),
  hillFar: srgb(0x8a9aa4),
};

/** Late-morning sun from the south-east over the courtyard wall; lamps and daylight light the room. */
const RIG: LightRig = {
  ambient: [0.3, 0.3, 0.29],
  sky: [0.62, 0.68, 0.78],
  ground: [0.22, 0.19, 0.15],
  suns: [{ dir: normalize([-0.42, -0.72, -0.55]), color: [1.6, 1.44, 1.16], spread: 0.03 }],
  lamps: [
    { at: [-1.25, 1.05, -3.1], color: [0.34, 0.25, 0.13], range: 1.1, shadow: true },
    { at: [1.35, 1.05, -3.1], color: [0.34, 0.25, 0.13], range: 1.1, shadow: true },
    { at: [0, 2.6, -3.2], color: [0.2, 0.19, 0.17], range: 3.2, shadow: true },
  ],
  aoRadius: 0.7,
  aoStrength: 0.9,
  skyDistance: 50,
};

const ROOM_X = 4;
const ROOM_BACK = -6;
const ROOM_FRONT = -0.4;
const CEIL = 3.0;
const WALL_H = 3.3;
const COURT_X = 5.5;
const COURT_S = 9;
const DOOR: Rect2 = { s0: 4.4 - 0.7, s1: 4.4 + 0.7, t0: 0, t1: 2.2 };
const FRONT_WINDOWS: Rect2[] = [
  { s0: 4.4 - 3.3, s1: 4.4 - 1.6, t0: 0.85, t1: 2.2 },
  { s0: 4.4 + 1.6, s1: 4.4 + 3.3, t0: 0.85, t1: 2.2 },
];
const TABLE = { x0: -2.0, x1: 2.0, z0: -3.55, z1: -2.65, top: 0.78 };

function vary(c: RGB, h: number, amount: number): RGB {
  const k = 1 + (h - 0.5) * 2 * amount;
  return [c[0] * k, c[1] * k, c[2] * k];
}

function frame(origin: Vec3, u: Vec3): WallFrame {
  return { origin, u, v: [0, 1, 0] };
}

/** An axis-aligned box given in a wall's (s, t, d) coordinates (d outward from the face). */
function wallBox(f: WallFrame, s0: number, s1: number, t0: number, t1: number, d0: number, d1: number, skip?: ('px' | 'nx' | 'py' | 'ny' | 'pz' | 'nz')[]): BufferGeometry {
  const a = onWall(f, s0, t0, d0);
  const b = onWall(f, s1, t1, d1);
  return box([Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.min(a[2], b[2])], [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.max(a[2], b[2])], { skip });
}

/** A flat quad on a wall in (s, t) coordinates at offset d, facing out. */
function wallQuad(w: GeometryWriter, f: WallFrame, s0: number, s1: number, t0: number, t1: number, d: number): void {
  const o = onWall(f, s0, t0, d);
  const su: Vec3 = [f.u[0] * (s1 - s0), f.u[1] * (s1 - s0), f.u[2] * (s1 - s0)];
  w.quad(o, su, [0, t1 - t0, 0]);
}

/** A band along a polyline on a wall (s, t points), `width` wide, with an optional arrowhead. */
function strip(w: GeometryWriter, f: WallFrame, pts: [number, number][], width: number, d: number, head = 0): void {
  const n = normalize([-f.u[2], 0, f.u[0]]);
  const hw = width / 2;
  for (let i = 0; i + 1 < pts.length; i++) {
    const [as, at] = pts[i]!;
    const [bs, bt] = pts[i + 1]!;
    const l = Math.hypot(bs - as, bt - at) || 1;
    const ls = -(bt - at) / l;
    const lt = (bs - as) / l;
    const e = i + 2 < pts.length ? hw * 0.4 : 0; // overlap joints a little so bends stay closed
    const ds = ((bs - as) / l) * e;
    const dt = ((bt - at) / l) * e;
    const ids = [
      [as - ls * hw, at - lt * hw],
      [bs + ds - ls * hw, bt + dt - lt * hw],
      [bs + ds + ls * hw, bt + dt + lt * hw],
      [as + ls * hw, at + lt * hw],
    ].map(([s, t]) => w.vertex(onWall(f, s!, t!, d), n));
    w.tri(ids[0]!, ids[1]!, ids[2]!);
    w.tri(ids[0]!, ids[2]!, ids[3]!);
  }
  if (head > 0 && pts.length >= 2) {
    const [as, at] = pts[pts.length - 2]!;
    const [bs, bt] = pts[pts.length - 1]!;
    const l = Math.hypot(bs - as, bt - at) || 1;
    const fs = (bs - as) / l;
    const ft = (bt - at) / l;
    const ids = [
      [bs + ft * head * 0.6, bt - fs * head * 0.6],
      [bs + fs * head, bt + ft * head],
      [bs - ft * head * 0.6, bt + fs * head * 0.6],
    ].map(([s, t]) => w.vertex(onWall(f, s!, t!, d), n));
    w.tri(ids[0]!, ids[1]!, ids[2]!);
  }
}

// ---------------------------------------------------------------- ground and far hills

function ground(room: Room): void {
  const N = 'ground';
  const r = rng(7);
  // packed loess of the courtyard, a little darker near the walls
  const yard = new GeometryWriter();
  yard.quad([-COURT_X, 0, COURT_S], [2 * COURT_X, 0, 0], [0, 0, -COURT_S], 0.5);
  room.add(N, yard.build(), (p) => {
    const edge = Math.min(COURT_X - Math.abs(p[0]), p[2], COURT_S - p[2]);
    const h = hash3(Math.round(p[0] * 2), 0, Math.round(p[2] * 2));
    return vary(mix(C.earthDark, C.earth, Math.min(1, edge / 1.2)), h, 0.06);
  }, { bake: { grid: 0.25 } });
  // a path of flagstones from the gate to the door
  const path = new GeometryWriter();
  let z = 0.05;
  while (z < COURT_S - 0.1) {
    const len = Math.min(0.45 + r() * 0.3, COURT_S - 0.05 - z);
    let x = -0.75;
    while (x < 0.75 - 0.05) {
      const w = Math.min(0.4 + r() * 0.4, 0.75 - x);
      path.withTint(vary([1, 1, 1], r(), 0.12));
      path.quad([x + 0.015, 0.012, z + len - 0.015], [w - 0.03, 0, 0], [0, 0, -(len - 0.03)]);
      x += w;
    }
    z += len;
  }
  room.add(N, path.build(), C.flag, { bake: { grid: 0.25 } });
  // the land outside, seen through the gate and under the hills
  const out = new GeometryWriter();
  // no far-ground triangles under the courtyard and the rooms: huge ones there can draw over the floor
  out.grid([-160, -0.02, 160], [320, 0, 0], [0, 0, -320], [0, 0.3, 0.4, 0.45, 0.48, 0.52, 0.55, 0.6, 0.7, 1], [0, 0.3, 0.4, 0.45, 0.47, 0.522, 0.55, 0.6, 0.7, 1], (s0, s1, t0, t1) => s0 >= 0.48 && s1 <= 0.52 && t0 >= 0.47 && t1 <= 0.522);
  room.add(N, out.build(), (p) => mix(C.earth, C.haze, Math.min(0.7, Math.hypot(p[0], p[2] - 5) / 140)), { bake: { unshadowed: true } });
  room.solid([-12, -0.5, -12], [12, -0.005, 14]);
}

/** Smooth periodic noise around the horizon (fixed phases, so always the same). */
function ridge(theta: number, seed: number): number {
  const r = rng(seed);
  let v = 0;
  for (let k = 1; k <= 6; k++) v += Math.sin(theta * (k * 2 + 1) + r() * 6.283) / k;
  return v;
}

/** Rings of Taihang foothills round the village, nearer ones greener, far ones in haze. */
function hills(room: Room): void {
  const w = new GeometryWriter();
  const layer = (R: number, h0: number, amp: number, seed: number, col: RGB, haze: number, bias: (th: number) => number) => {
    const seg = 96;
    const ring: [number, number][] = [];
    for (let i = 0; i <= seg; i++) {
      const th = (i / seg) * Math.PI * 2;
      const dir: Vec3 = [Math.sin(th), 0, -Math.cos(th)];
      const h = Math.max(3, h0 + amp * ridge(th, seed) + bias(th));
      const RR = R + 8 * ridge(th, seed + 1);
      w.withTint(mix(col, C.haze, haze + 0.1));
      const b = w.vertex([dir[0] * (RR - 10), -0.1, dir[2] * (RR - 10)], [-dir[0], 0.2, -dir[2]]);
      w.withTint(mix(shade(col, 1.08), C.haze, haze));
      const t = w.vertex([dir[0] * RR, h, dir[2] * RR], normalize([-dir[0], 0.7, -dir[2]]));
      ring.push([b, t]);
    }
    for (let i = 0; i < seg; i++) {
      const [a0, a1] = ring[i]!;
      const [b0, b1] = ring[i + 1]!;
      w.tri(a0, b0, b1);
      w.tri(a0, b1, a1);
    }
  };
  // the hill behind the village (to the north) rises higher
  const north = (th: number) => 10 * Math.max(0, Math.cos(th)) ** 2;
  layer(150, 26, 9, 21, C.hillFar, 0.55, (th) => north(th) * 1.5);
  layer(80, 12, 5, 33, C.hillNear, 0.3, north);
  room.add('hills', w.build(), [1, 1, 1], { lit: false });
}

// ---------------------------------------------------------------- walls, windows, doors

/**
 * A house wall seen from the courtyard: stone footing up to `base`, loess plaster above, the
 * openings' reveals; `depth` is the wall's thickness.
 */
function houseWall(room: Room, node: string, f: WallFrame, width: number, height: number, holes: Rect2[], base: number, depth: number, seed: number): void {
  const baseHoles = holes.filter((h) => h.t0 < base).map((h) => ({ ...h, t1: Math.min(h.t1, base) }));
  room.add(node, panel(f, width, base, baseHoles, 0.5), C.mortar, { bake: { grid: 0.25 } });
  room.add(
    node,
    masonry(f, {
      width,
      height: base,
      holes: baseHoles,
      course: base / Math.max(1, Math.round(base / 0.27)),
      brick: 0.46,
      joint: 0.035,
      relief: 0.02,
      color: (row, col) => {
        const h = hash3(row, col, seed);
        return vary(mix(C.stone, C.stoneWarm, hash3(col, row, seed + 1)), h, 0.16);
      },
    }),
    [1, 1, 1],
    { bake: { grid: 0.25 } },
  );
  const up: WallFrame = { origin: [f.origin[0], base, f.origin[2]], u: f.u, v: f.v };
  const upHoles = holes.filter((h) => h.t1 > base).map((h) => ({ ...h, t0: Math.max(0, h.t0 - base), t1: h.t1 - base }));
  room.add(node, panel(up, width, height - base, upHoles, 0.45), (p) => vary(mix(C.loessDim, C.loess, Math.min(1, (p[1] - base) / 0.8)), hash3(Math.round(p[0] * 1.5), Math.round(p[1] * 1.5), Math.round(p[2] * 1.5)), 0.04), { bake: { grid: 0.25 } });
  for (const h of holes) room.add(node, reveals(f, h, depth, { bottom: h.t0 > 0 }), C.loessDim);
}

/**
 * A paper-covered lattice window in a hole of a wall: paper (lit) facing out, and when `inside`
 * the glowing paper and a second lattice facing into the room behind.
 */
function paperWindow(room: Room, node: string, f: WallFrame, h: Rect2, depth: number, inside: boolean): void {
  const dp = -depth * 0.4;
  const outer = new GeometryWriter();
  wallQuad(outer, f, h.s0, h.s1, h.t0, h.t1, dp);
  room.add(node, outer.build(), (p) => mix(C.paper, shade(C.paper, 0.85), Math.max(0, 1 - (p[1] - h.t0) / (h.t1 - h.t0)) * 0.3), { bake: { ao: 0.6 } });
  const bars = (d0: number, d1: number) => {
    const fr = 0.06;
    const b = 0.022;
    const parts: BufferGeometry[] = [
      wallBox(f, h.s0, h.s1, h.t0, h.t0 + fr, d0, d1),
      wallBox(f, h.s0, h.s1, h.t1 - fr, h.t1, d0, d1),
      wallBox(f, h.s0, h.s0 + fr, h.t0, h.t1, d0, d1),
      wallBox(f, h.s1 - fr, h.s1, h.t0, h.t1, d0, d1),
    ];
    const nx = Math.max(2, Math.round((h.s1 - h.s0) / 0.17));
    const ny = Math.max(2, Math.round((h.t1 - h.t0) / 0.17));
    for (let i = 1; i < nx; i++) {
      const s = h.s0 + ((h.s1 - h.s0) * i) / nx;
      parts.push(wallBox(f, s - b / 2, s + b / 2, h.t0 + fr, h.t1 - fr, d0, d1 - 0.004));
    }
    for (let j = 1; j < ny; j++) {
      const t = h.t0 + ((h.t1 - h.t0) * j) / ny;
      parts.push(wallBox(f, h.s0 + fr, h.s1 - fr, t - b / 2, t + b / 2, d0, d1 - 0.004));
    }
    return parts;
  };
  for (const g of bars(dp, dp + 0.035)) room.add(node, g, C.wood);
  if (inside) {
    const inner = new GeometryWriter();
    const fb: WallFrame = { origin: onWall(f, h.s1, 0, dp - 0.004), u: [-f.u[0], -f.u[1], -f.u[2]], v: f.v };
    wallQuad(inner, fb, 0, h.s1 - h.s0, h.t0, h.t1, 0);
    room.add(node, inner.build(), (p) => mix(C.paperGlow, shade(C.paperGlow, 0.9), 1 - (p[1] - h.t0) / (h.t1 - h.t0)), { material: 'glow', lit: false });
    for (const g of bars(dp - 0.04, dp - 0.006)) room.add(node, g, C.wood);
  }
  // a stone sill outside
  room.add(node, wallBox(f, h.s0 - 0.05, h.s1 + 0.05, h.t0 - 0.06, h.t0, -depth * 0.4, 0.06), C.stone);
}

/** A closed two-leaf board door set back in its opening, with a plain frame and iron rings. */
function closedDoor(room: Room, node: string, f: WallFrame, h: Rect2, seed: number): void {
  const d = -0.12;
  const w = new GeometryWriter();
  const boards = 6;
  for (let i = 0; i < boards; i++) {
    const s0 = h.s0 + ((h.s1 - h.s0) * i) / boards;
    const s1 = h.s0 + ((h.s1 - h.s0) * (i + 1)) / boards;
    w.withTint(vary([1, 1, 1], hash3(i, seed, 3), 0.14));
    wallQuad(w, f, s0 + 0.003, s1 - 0.003, h.t0 + 0.02, h.t1 - 0.02, d);
  }
  room.add(node, w.build(), C.door, { bake: { ao: 0.7 } });
  const mid = (h.s0 + h.s1) / 2;
  room.add(node, wallBox(f, mid - 0.008, mid + 0.008, h.t0, h.t1, d, d + 0.012), C.woodDark);
  for (const tt of [0.35, h.t1 - 0.4]) room.add(node, wallBox(f, h.s0 + 0.02, h.s1 - 0.02, tt - 0.04, tt + 0.04, d, d + 0.02), shade(C.door, 0.85));
  for (const k of [-1, 1]) {
    const at = onWall(f, mid + k * 0.09, 1.15, d + 0.025);
    const n = normalize([-f.u[2], 0, f.u[0]]);
    room.add(node, place(new TorusGeometry(0.05, 0.008, 5, 12), { at, rot: [0, Math.atan2(n[0], n[2]), 0] }), C.phone);
  }
  // frame: jambs and lintel in front of the leaves
  room.add(node, wallBox(f, h.s0 - 0.08, h.s0, h.t0, h.t1 + 0.1, -0.02, 0.03), C.wood);
  room.add(node, wallBox(f, h.s1, h.s1 + 0.08, h.t0, h.t1 + 0.1, -0.02, 0.03), C.wood);
  room.add(node, wallBox(f, h.s0 - 0.08, h.s1 + 0.08, h.t1, h.t1 + 0.12, -0.02, 0.04), C.wood);
}

/** The flat roof's edge over a wall: slab, rafter ends, a row of grey tiles and a low parapet. */
function eave(room: Room, node: string, f: WallFrame, s0: number, s1: number, height: number): void {
  const over = 0.32;
  room.add(node, wallBox(f, s0, s1, height, height + 0.14, -0.02, over), shade(C.loessDim, 0.85));
  for (let s = s0 + 0.12; s < s1 - 0.05; s += 0.26) room.add(node, wallBox(f, s - 0.035, s + 0.035, height - 0.08, height, 0, over - 0.06, ['py']), C.purlin);
  room.add(node, wallBox(f, s0, s1, height - 0.1, height - 0.08, 0, over - 0.06), shade(C.purlin, 0.8));
  // tiles laid along the edge: a sloping band with ridges
  const tiles = new GeometryWriter();
  const a = onWall(f, s0, height + 0.14, over + 0.04);
  const b = onWall(f, s0, height + 0.3, 0.05);
  const su: Vec3 = [f.u[0] * (s1 - s0), 0, f.u[2] * (s1 - s0)];
  tiles.quad(a, su, [b[0] - a[0], b[1] - a[1], b[2] - a[2]]);
  room.add(node, tiles.build(), C.tile, { bake: { ao: 0.4 } });
  for (let s = s0 + 0.1; s < s1; s += 0.2) room.add(node, tube([onWall(f, s, height + 0.15, over + 0.04), onWall(f, s, height + 0.31, 0.05)], 0.025, 4), vary(C.tile, hash3(s, height, 2), 0.1), { bake: { ao: 0.4 } });
  room.add(node, wallBox(f, s0, s1, height + 0.14, height + 0.52, -0.28, 0.05), C.brickGrey);
  room.add(node, wallBox(f, s0, s1, height + 0.52, height + 0.57, -0.3, 0.08), shade(C.brickGrey, 0.85));
}

// ---------------------------------------------------------------- the operations-room building

function warRoomBuilding(room: Room): void {
  const N = 'war-room-building';
  const W = 8.8;
  const f = frame([-4.4, 0, 0], [1, 0, 0]);
  houseWall(room, N, f, W, WALL_H, [DOOR, ...FRONT_WINDOWS], 0.85, 0.4, 11);
  for (const h of FRONT_WINDOWS) paperWindow(room, N, f, h, 0.4, true);
  eave(room, N, f, -0.3, W + 0.3, WALL_H);
  // the door: frame, a flat stone threshold, and two leaves opened in against the inner wall
  room.add(N, wallBox(f, DOOR.s0 - 0.09, DOOR.s0, 0, DOOR.t1 + 0.1, -0.03, 0.03), C.wood);
  room.add(N, wallBox(f, DOOR.s1, DOOR.s1 + 0.09, 0, DOOR.t1 + 0.1, -0.03, 0.03), C.wood);
  room.add(N, wallBox(f, DOOR.s0 - 0.09, DOOR.s1 + 0.09, DOOR.t1, DOOR.t1 + 0.14, -0.03, 0.04), C.wood);
  room.add(N, box([-0.75, 0, -0.4], [0.75, 0.03, 0.12], { skip: ['ny'] }), C.stone);
  for (const side of [-1, 1]) {
    const x0 = side < 0 ? -1.4 : 0.7;
    room.add(N, box([x0, 0.02, ROOM_FRONT - 0.065], [x0 + 0.7, DOOR.t1 - 0.02, ROOM_FRONT - 0.015]), C.door);
    for (let i = 1; i < 4; i++) room.add(N, box([x0 + (i * 0.7) / 4 - 0.004, 0.05, ROOM_FRONT - 0.07], [x0 + (i * 0.7) / 4 + 0.004, DOOR.t1 - 0.05, ROOM_FRONT - 0.065]), C.woodDark);
  }
  // a small plaque beside the door (characters suggested by strokes only)
  const px = 1.05;
  room.add(N, box([px, 1.45, 0], [px + 0.32, 2.05, 0.03], { skip: ['nz'] }), srgb(0xe9e6dc));
  const ink = new GeometryWriter();
  const r = rng(19);
  for (let ch = 0; ch < 5; ch++) {
    for (let k = 0; k < 3; k++) {
      const horizontal = r() < 0.55;
      const w = horizontal ? 0.08 + r() * 0.05 : 0.014;
      const h = horizontal ? 0.014 : 0.05 + r() * 0.04;
      ink.quad([px + 0.16 - w / 2 + (r() - 0.5) * 0.04, 1.95 - ch * 0.1 - h / 2 + (r() - 0.5) * 0.03, 0.032], [w, 0, 0], [0, h, 0]);
    }
  }
  room.add(N, ink.build(), C.ink);
  room.solidWall(frame([-4.4, 0, 0], [1, 0, 0]), W, WALL_H + 0.2, 0.4, [DOOR, ...FRONT_WINDOWS]);
  room.solid([-4.4, 0, -6.4], [-4.0, WALL_H, -0.4]);
  room.solid([4.0, 0, -6.4], [4.4, WALL_H, -0.4]);
  room.solid([-4.4, 0, -6.4], [4.4, WALL_H, -6.0]);
  room.solid([-4.7, CEIL, -6.6], [4.7, WALL_H + 0.15, 0.3]);
}

function sideHouses(room: Room): void {
  const N = 'side-houses';
  const H = 3.1;
  // east wing faces west (x = 5.5), west wing faces east (x = -5.5); both run z ∈ [0, 9]
  const L = COURT_S;
  const east = frame([COURT_X, 0, 0], [0, 0, 1]);
  const west = frame([-COURT_X, 0, COURT_S], [0, 0, -1]);
  const doorsE: Rect2[] = [{ s0: 2.0, s1: 3.0, t0: 0, t1: 2.05 }, { s0: 6.4, s1: 7.4, t0: 0, t1: 2.05 }];
  const winsE: Rect2[] = [{ s0: 0.6, s1: 1.6, t0: 0.95, t1: 1.95 }, { s0: 3.6, s1: 5.0, t0: 0.95, t1: 2.0 }, { s0: 7.8, s1: 8.6, t0: 0.95, t1: 1.95 }];
  const doorsW: Rect2[] = [{ s0: 3.4, s1: 4.4, t0: 0, t1: 2.05 }];
  const winsW: Rect2[] = [{ s0: 0.7, s1: 2.3, t0: 0.95, t1: 2.0 }, { s0: 5.0, s1: 6.4, t0: 0.95, t1: 2.0 }, { s0: 7.2, s1: 8.4, t0: 0.95, t1: 1.95 }];
  for (const [f, doors, wins, seed] of [
    [east, doorsE, winsE, 31],
    [west, doorsW, winsW, 37],
  ] as const) {
    houseWall(room, N, f, L, H, [...doors, ...wins], 0.7, 0.4, seed);
    for (const h of wins) paperWindow(room, N, f, h, 0.4, false);
    doors.forEach((h, i) => closedDoor(room, N, f, h, seed + i));
    eave(room, N, f, 0, L, H);
    // the wing's body starts behind the door and window recesses, so they are lit
    const x0 = f === east ? COURT_X + 0.2 : -COURT_X - 4;
    room.solid([x0, 0, -0.5], [x0 + 3.8, H + 0.2, COURT_S + 0.5]);
  }
  // the short walls joining the operations-room building to the wings
  for (const side of [-1, 1]) {
    const f = side < 0 ? frame([-COURT_X, 0, 0], [1, 0, 0]) : frame([4.4, 0, 0], [1, 0, 0]);
    houseWall(room, N, f, COURT_X - 4.4, 3.0, [], 0.85, 0.4, 41 + side);
    room.add(N, wallBox(f, 0, COURT_X - 4.4, 3.0, 3.12, -0.3, 0.06), C.brickGrey);
    room.solid(side < 0 ? [-COURT_X, 0, -0.4] : [4.4, 0, -0.4], side < 0 ? [-4.4, 3.1, 0] : [COURT_X, 3.1, 0]);
  }
}

/** The courtyard wall on the south, with a gateway under a small tiled roof; leaves open inward. */
function courtyardGate(room: Room): void {
  const N = 'courtyard-gate';
  const H = 2.5;
  const f = frame([COURT_X, 0, COURT_S], [-1, 0, 0]);
  const W = 2 * COURT_X;
  const gate: Rect2 = { s0: COURT_X - 0.8, s1: COURT_X + 0.8, t0: 0, t1: 2.25 };
  houseWall(room, N, f, W, H, [gate], 0.9, 0.45, 53);
  room.add(N, wallBox(f, 0, W, H, H + 0.06, -0.5, 0.06), C.brickGrey);
  for (let s = 0.1; s < W; s += 0.2) {
    if (s > gate.s0 - 0.6 && s < gate.s1 + 0.6) continue;
    room.add(N, tube([onWall(f, s, H + 0.06, 0.06), onWall(f, s, H + 0.16, -0.22), onWall(f, s, H + 0.06, -0.5)], 0.024, 4), vary(C.tile, hash3(s, 1, 5), 0.1), { bake: { ao: 0.4 } });
  }
  // the gateway roof: two small tiled pitches along x
  const gz0 = COURT_S - 0.75;
  const gz1 = COURT_S + 1.2;
  const gzm = (gz0 + gz1) / 2;
  for (const [za, zb] of [
    [gz0, gzm],
    [gz1, gzm],
  ] as const) {
    const w = new GeometryWriter();
    const down: Vec3 = [0, -0.55, za - zb];
    const facing = za < zb ? 1 : -1;
    if (facing > 0) w.quad([-1.4, H + 0.95, zb], [2.8, 0, 0], down);
    else w.quad([1.4, H + 0.95, zb], [-2.8, 0, 0], down);
    room.add(N, w.build(), C.tile, { bake: { ao: 0.4 } });
    for (let x = -1.3; x <= 1.31; x += 0.2) room.add(N, tube([[x, H + 0.97, zb], [x, H + 0.42, za]], 0.03, 4), vary(C.tile, hash3(x, za, 1), 0.1), { bake: { ao: 0.4 } });
    const under = new GeometryWriter();
    if (facing > 0) under.quad([1.4, H + 0.93, zb], [-2.8, 0, 0], down);
    else under.quad([-1.4, H + 0.93, zb], [2.8, 0, 0], down);
    room.add(N, under.build(), shade(C.purlin, 0.7));
  }
  room.add(N, place(new CylinderGeometry(0.07, 0.07, 3.0, 8), { at: [0, H + 1.0, gzm], rot: [0, 0, Math.PI / 2] }), C.tile);
  room.add(N, box([-1.4, H, gz0 + 0.2], [1.4, H + 0.4, gz1 - 0.2]), shade(C.loessDim, 0.8));
  // the gate leaves, opened inward against the wall
  for (const side of [-1, 1]) {
    const x0 = side < 0 ? -1.62 : 0.82;
    room.add(N, box([x0, 0.03, COURT_S - 0.1], [x0 + 0.8, gate.t1 - 0.03, COURT_S - 0.05]), C.door);
    for (const y of [0.4, 1.8]) room.add(N, box([x0 + 0.03, y - 0.04, COURT_S - 0.12], [x0 + 0.77, y + 0.04, COURT_S - 0.1]), shade(C.door, 0.85));
  }
  room.add(N, wallBox(f, gate.s0 - 0.1, gate.s1 + 0.1, gate.t1, gate.t1 + 0.15, -0.45, 0.04), C.wood);
  room.solidWall(frame([COURT_X, 0, COURT_S + 0.45], [-1, 0, 0]), W, H, 0.1, [gate]);
  room.solid([-COURT_X, 0, COURT_S], [-0.8, H, COURT_S + 0.45]);
  room.solid([0.8, 0, COURT_S], [COURT_X, H, COURT_S + 0.45]);
  room.solid([-1.4, H + 0.2, gz0 + 0.3], [1.4, H + 0.7, gz1 - 0.3]);
}

// ---------------------------------------------------------------- the courtyard tree and stone table

export const TREE: Vec3 = [-3.3, 0, 5.4];

function courtyardTree(room: Room): void {
  const N = 'courtyard-tree';
  const [tx, , tz] = TREE;
  const r = rng(91);
  // the trunk leans a little and forks above head height
  const trunk: Vec3[] = [
    [tx, -0.05, tz],
    [tx + 0.03, 0.8, tz - 0.02],
    [tx + 0.08, 1.7, tz + 0.03],
    [tx + 0.1, 2.3, tz + 0.02],
  ];
  const bark = (p: Vec3) => vary(C.trunk, hash3(Math.round(p[0] * 20), Math.round(p[1] * 8), Math.round(p[2] * 20)), 0.12);
  room.add(N, tube(trunk, 0.19, 9), bark);
  room.add(N, place(new CylinderGeometry(0.2, 0.3, 0.25, 9, 1, true), { at: [tx, 0.1, tz] }), bark);
  const blobs: { c: Vec3; s: number }[] = [];
  for (let i = 0; i < 5; i++) {
    const a = (i / 5) * Math.PI * 2 + r() * 0.5;
    const len = 1.3 + r() * 0.7;
    const top: Vec3 = [tx + 0.1 + Math.cos(a) * len, 3.6 + r() * 1.2, tz + Math.sin(a) * len];
    const mid: Vec3 = [tx + 0.1 + Math.cos(a) * len * 0.4, 2.8 + r() * 0.3, tz + Math.sin(a) * len * 0.4];
    room.add(N, tube([[tx + 0.1, 2.25, tz + 0.02], mid, top], 0.09 - i * 0.008, 6), bark);
    blobs.push({ c: [top[0], top[1] + 0.6, top[2]], s: 1.2 + r() * 0.4 });
  }
  blobs.push({ c: [tx + 0.1, 5.6, tz], s: 1.7 });
  blobs.push({ c: [tx + 0.6, 4.8, tz - 0.8], s: 1.3 });
  for (const [i, b] of blobs.entries()) {
    const s = b.s;
    const cy = Math.max(b.c[1], 2.2 + s * 0.75 * 1.15);
    const g = place(new IcosahedronGeometry(1, 2), { at: [b.c[0], cy, b.c[2]], scale: [s, s * 0.75, s] });
    // lumpy: push vertices in and out by a stable hash
    const pos = g.getAttribute('position');
    for (let k = 0; k < pos.count; k++) {
      const p: Vec3 = [pos.getX(k), pos.getY(k), pos.getZ(k)];
      const j = 0.85 + 0.3 * hash3(Math.round(p[0] * 4), Math.round(p[1] * 4), Math.round(p[2] * 4) + i);
      pos.setXYZ(k, b.c[0] + (p[0] - b.c[0]) * j, cy + (p[1] - cy) * j, b.c[2] + (p[2] - b.c[2]) * j);
    }
    g.computeVertexNormals();
    room.add(N, plain(g), (p, n) => vary(mix(C.leaf, srgb(0x7f9a45), Math.max(0, n[1]) * 0.4), hash3(Math.round(p[0] * 3), Math.round(p[1] * 3), Math.round(p[2] * 3)), 0.14), { bake: { ao: 0.5, glow: 0.12 } });
    room.solid([b.c[0] - s * 0.6, cy - s * 0.4, b.c[2] - s * 0.6], [b.c[0] + s * 0.6, cy + s * 0.4, b.c[2] + s * 0.6]);
  }
  room.solid([tx - 0.15, 0, tz - 0.15], [tx + 0.15, 2.3, tz + 0.15]);
}

export const STONE_TABLE: Vec3 = [3.4, 0, 5.6];

function stoneTable(room: Room): void {
  const N = 'stone-table';
  const [x, , z] = STONE_TABLE;
  room.add(N, place(new CylinderGeometry(0.55, 0.55, 0.1, 20), { at: [x, 0.75, z] }), C.stone);
  room.add(N, place(new LatheGeometry([new Vector2(0.26, 0), new Vector2(0.2, 0.25), new Vector2(0.16, 0.5), new Vector2(0.22, 0.7), new Vector2(0, 0.7)], 14), { at: [x, 0, z] }), C.stoneWarm);
  for (let i = 0; i < 4; i++) {
    const a = Math.PI / 4 + (i * Math.PI) / 2;
    room.add(N, place(new LatheGeometry([new Vector2(0.17, 0), new Vector2(0.2, 0.2), new Vector2(0.16, 0.42), new Vector2(0, 0.42)], 12), { at: [x + Math.cos(a) * 0.78, 0, z + Math.sin(a) * 0.78] }), vary(C.stone, i / 4, 0.08));
  }
  room.solid([x - 0.5, 0.7, z - 0.5], [x + 0.5, 0.8, z + 0.5]);
  room.solid([x - 0.18, 0, z - 0.18], [x + 0.18, 0.7, z + 0.18]);
}

// ---------------------------------------------------------------- the operations room inside

function interior(room: Room): void {
  const N = 'war-room-interior';
  // floor of square grey bricks
  const fl = new GeometryWriter();
  const size = 0.4;
  for (let x = -ROOM_X; x < ROOM_X - 1e-6; x += size) {
    for (let z = ROOM_BACK; z < ROOM_FRONT - 1e-6; z += size) {
      const z1 = Math.min(z + size, ROOM_FRONT);
      fl.withTint(vary([1, 1, 1], hash3(x, 0, z), 0.1));
      fl.quad([x + 0.006, 0, z1 - 0.006], [size - 0.012, 0, 0], [0, 0, -(z1 - z - 0.012)]);
    }
  }
  room.add(N, fl.build(), C.floor, { bake: { grid: 0.2 } });
  const bed = new GeometryWriter();
  bed.quad([-ROOM_X, -0.004, ROOM_FRONT], [2 * ROOM_X, 0, 0], [0, 0, ROOM_BACK - ROOM_FRONT], 0.8);
  room.add(N, bed.build(), shade(C.floor, 0.5));
  // whitewashed walls with a grey dado
  const back = frame([-ROOM_X, 0, ROOM_BACK], [1, 0, 0]);
  const left = frame([-ROOM_X, 0, ROOM_FRONT], [0, 0, -1]);
  const right = frame([ROOM_X, 0, ROOM_BACK], [0, 0, 1]);
  const front = frame([ROOM_X, 0, ROOM_FRONT], [-1, 0, 0]);
  const L = ROOM_FRONT - ROOM_BACK;
  const wash = (p: Vec3) => (p[1] < 1.0 ? C.dado : C.whitewash);
  const frontHoles: Rect2[] = [DOOR, ...FRONT_WINDOWS].map((h) => ({ ...h, s0: 8.8 - h.s1 - 0.4, s1: 8.8 - h.s0 - 0.4 }));
  for (const [f, w, holes] of [
    [back, 2 * ROOM_X, []],
    [left, L, []],
    [right, L, []],
    [front, 2 * ROOM_X, frontHoles],
  ] as [WallFrame, number, Rect2[]][]) {
    room.add(N, panel(f, w, 1.0, holes.map((h) => ({ ...h, t1: Math.min(h.t1, 1.0) })).filter((h) => h.t0 < 1.0), 0.35), C.dado);
    const up: WallFrame = { origin: [f.origin[0], 1.0, f.origin[2]], u: f.u, v: f.v };
    room.add(N, panel(up, w, CEIL - 1.0, holes.map((h) => ({ ...h, t0: Math.max(0, h.t0 - 1.0), t1: h.t1 - 1.0 })), 0.35), wash);
    // a dark line atop the dado, broken at the openings it meets
    let runs: [number, number][] = [[0, w]];
    for (const h of holes.filter((hh) => hh.t0 < 1.02 && hh.t1 > 0.99)) runs = runs.flatMap(([a, b]) => (h.s1 <= a || h.s0 >= b ? [[a, b]] : ([[a, h.s0], [h.s1, b]] as [number, number][]).filter(([c, d]) => d - c > 0.01)));
    for (const [a, b] of runs) room.add(N, wallBox(f, a, b, 0.99, 1.02, 0, 0.008), shade(C.dado, 0.8));
  }
  // the ceiling: reed mats on round purlins, carried by two beams
  const ceil = new GeometryWriter();
  ceil.quad([-ROOM_X, CEIL, ROOM_BACK], [2 * ROOM_X, 0, 0], [0, 0, L], 0.4);
  room.add(N, ceil.build(), (p) => vary(C.mat, hash3(Math.round(p[0] * 6), 1, 0), 0.08));
  for (let z = ROOM_BACK + 0.35; z < ROOM_FRONT - 0.1; z += 0.55) room.add(N, place(new CylinderGeometry(0.065, 0.065, 2 * ROOM_X, 7, 1, true), { at: [0, CEIL - 0.065, z], rot: [0, 0, Math.PI / 2] }), vary(C.purlin, hash3(z, 2, 2), 0.12));
  for (const x of [-1.4, 1.4]) room.add(N, box([x - 0.11, CEIL - 0.37, ROOM_BACK], [x + 0.11, CEIL - 0.13, ROOM_FRONT], { skip: ['py'] }), C.purlin);
  // skirting
  for (const [a, b] of [
    [[-ROOM_X, 0, ROOM_BACK], [ROOM_X, 0.1, ROOM_BACK + 0.015]],
    [[-ROOM_X, 0, ROOM_BACK], [-ROOM_X + 0.015, 0.1, ROOM_FRONT]],
    [[ROOM_X - 0.015, 0, ROOM_BACK], [ROOM_X, 0.1, ROOM_FRONT]],
  ] as [Vec3, Vec3][])
    room.add(N, box(a, b, { skip: ['ny'] }), shade(C.dado, 0.6));
  // inside reveals and sills of the front windows
  for (const h of FRONT_WINDOWS) {
    const x0 = h.s0 - 4.4;
    const x1 = h.s1 - 4.4;
    room.add(N, box([x0 - 0.05, h.t0 - 0.04, ROOM_FRONT - 0.06], [x1 + 0.05, h.t0, ROOM_FRONT + 0.2]), C.wood);
  }
}

/** A sheet of a military map: land tints, a coast, rivers, a grid, towns, red and blue arrows. */
function mapSheet(room: Room, node: string, f: WallFrame, s0: number, t0: number, w: number, h: number, seed: number): void {
  const r = rng(seed);
  const nrm = normalize([-f.u[2], 0, f.u[0]]);
  const sOf = (p: Vec3) => (p[0] - f.origin[0]) * f.u[0] + (p[2] - f.origin[2]) * f.u[2] - s0;
  const coast = (t: number) => w * (0.74 + 0.06 * Math.sin(t * 2.1 + seed) + 0.04 * Math.sin(t * 5.3 + seed * 2));
  const ph = r() * 6;
  // a dark wooden batten at the top and bottom, the paper between
  room.add(node, wallBox(f, s0 - 0.04, s0 + w + 0.04, t0 + h, t0 + h + 0.04, 0, 0.025), C.woodDark);
  room.add(node, wallBox(f, s0 - 0.04, s0 + w + 0.04, t0 - 0.035, t0, 0, 0.025), C.woodDark);
  const pg = panel({ origin: onWall(f, s0, t0, 0), u: f.u, v: f.v }, w, h, [], 0.07, 0.006);
  room.add(
    node,
    pg,
    (p) => {
      const s = sOf(p);
      const t = p[1] - t0;
      if (s > coast(t)) return mix(C.mapSea, shade(C.mapSea, 0.92), 0.5 + 0.5 * Math.sin(s * 9 + t * 3));
      const hill = 0.5 + 0.5 * Math.sin(s * 3.1 + ph) * Math.sin(t * 4.3 - ph) + (1 - s / w) * 0.5 - 0.35;
      return mix(C.mapPlain, C.mapHill, Math.max(0, Math.min(1, hill)));
    },
    { bake: { ao: 0.3 } },
  );
  const lines = new GeometryWriter();
  for (let s = 0.35; s < w; s += 0.45) wallQuad(lines, f, s0 + s - 0.003, s0 + s + 0.003, t0, t0 + h, 0.008);
  for (let t = 0.3; t < h; t += 0.45) wallQuad(lines, f, s0, s0 + w, t0 + t - 0.003, t0 + t + 0.003, 0.008);
  room.add(node, lines.build(), C.mapGrid, { bake: { ao: 0.3 } });
  // rivers wander from the western hills to the coast
  const rivers = new GeometryWriter();
  for (let k = 0; k < 3; k++) {
    const tBase = h * (0.2 + 0.3 * k) + (r() - 0.5) * 0.15;
    const pts: [number, number][] = [];
    for (let i = 0; i <= 16; i++) {
      const s = (i / 16) * coast(tBase);
      pts.push([s0 + s, t0 + tBase + 0.08 * Math.sin(s * 5 + k * 2 + ph) + 0.04 * Math.sin(s * 11 + k)]);
    }
    strip(rivers, f, pts, 0.011, 0.009);
  }
  room.add(node, rivers.build(), C.river, { bake: { ao: 0.3 } });
  // towns and their names (strokes only)
  const towns = new GeometryWriter();
  const townAt: [number, number][] = [];
  for (let i = 0; i < Math.round(w * 3); i++) {
    const ts = t0 + 0.1 + r() * (h - 0.2);
    const ss = s0 + 0.1 + r() * (coast(ts - t0) - 0.2);
    townAt.push([ss, ts]);
    wallQuad(towns, f, ss - 0.014, ss + 0.014, ts - 0.014, ts + 0.014, 0.01);
    for (let k = 0; k < 3; k++) {
      const ls = ss + 0.03 + k * 0.028;
      wallQuad(towns, f, ls, ls + 0.02, ts - 0.004, ts + 0.004 + (k % 2) * 0.01, 0.01);
    }
  }
  room.add(node, towns.build(), C.ink, { bake: { ao: 0.3 } });
  // red arrows of advance converging on a few towns, blue lines of the other side's positions
  const red = new GeometryWriter();
  const blue = new GeometryWriter();
  const targets = townAt.slice(0, Math.max(2, Math.round(w / 1.5)));
  for (const [i, [ts, tt]] of targets.entries()) {
    for (let k = 0; k < 2; k++) {
      const a = r() * Math.PI * 2;
      const len = 0.35 + r() * 0.4;
      const ss = Math.min(s0 + w - 0.05, Math.max(s0 + 0.05, ts + Math.cos(a) * len));
      const st = Math.min(t0 + h - 0.05, Math.max(t0 + 0.05, tt + Math.sin(a) * len * 0.6));
      const bend = (r() - 0.5) * 0.2;
      const pts: [number, number][] = [];
      for (let j = 0; j <= 6; j++) {
        const u = j / 6;
        const e = 0.9 * u;
        pts.push([ss + (ts - ss) * e - bend * Math.sin(Math.PI * u) * (tt - st), st + (tt - st) * e + bend * Math.sin(Math.PI * u) * (ts - ss)]);
      }
      strip(red, f, pts, 0.03, 0.012 + i * 0.0004, 0.06);
    }
    // a ring of short blue dashes round the target
    for (let j = 0; j < 8; j++) {
      const a0 = (j / 8) * Math.PI * 2;
      const a1 = a0 + 0.45;
      strip(blue, f, [
        [ts + Math.cos(a0) * 0.12, tt + Math.sin(a0) * 0.09],
        [ts + Math.cos(a1) * 0.12, tt + Math.sin(a1) * 0.09],
      ], 0.012, 0.011);
    }
  }
  room.add(node, red.build(), C.red, { bake: { ao: 0.3 } });
  room.add(node, blue.build(), C.blue, { bake: { ao: 0.3 } });
  // pins with small red flags
  for (let i = 0; i < Math.round(w * 2); i++) {
    const [ts, tt] = townAt[(i * 3 + 1) % townAt.length]!;
    const base = onWall(f, ts + 0.05, tt + 0.04, 0.01);
    room.add(node, tube([base, [base[0] + nrm[0] * 0.03, base[1] + 0.005, base[2] + nrm[2] * 0.03]], 0.003, 3), C.metal);
    const flag = new GeometryWriter();
    const tip: Vec3 = [base[0] + nrm[0] * 0.03, base[1] + 0.005, base[2] + nrm[2] * 0.03];
    const a = flag.vertex(tip, nrm);
    const b = flag.vertex([tip[0] + f.u[0] * 0.04, tip[1] - 0.012, tip[2] + f.u[2] * 0.04], nrm);
    const c = flag.vertex([tip[0], tip[1] - 0.025, tip[2]], nrm);
    flag.tri(a, c, b);
    flag.tri(a, b, c);
    room.add(node, flag.build(), C.red, { bake: { ao: 0.2 } });
  }
}

function maps(room: Room): void {
  const N = 'war-room-maps';
  mapSheet(room, N, frame([-ROOM_X, 0, ROOM_BACK], [1, 0, 0]), 1.0, 0.92, 6.0, 1.62, 3);
  mapSheet(room, N, frame([-ROOM_X, 0, ROOM_FRONT], [0, 0, -1]), 1.3, 1.0, 3.0, 1.5, 5);
  mapSheet(room, N, frame([ROOM_X, 0, ROOM_BACK], [0, 0, 1]), 0.8, 1.0, 3.4, 1.5, 8);
}

// ---------------------------------------------------------------- table, telephones, lamps, chairs

function lathe(points: [number, number][], segments = 14): BufferGeometry {
  return plain(new LatheGeometry(points.map(([x, y]) => new Vector2(x, y)), segments));
}

function warRoomTable(room: Room): void {
  const N = 'war-room-table';
  const { x0, x1, z0, z1, top } = TABLE;
  // two plain tables pushed end to end
  for (const [a, b] of [
    [x0, -0.01],
    [0.01, x1],
  ] as const) {
    room.add(N, box([a, top - 0.04, z0], [b, top, z1], { cell: 0.3 }), vary(C.table, a < 0 ? 0.3 : 0.7, 0.08));
    room.add(N, box([a + 0.05, top - 0.12, z0 + 0.05], [b - 0.05, top - 0.04, z1 - 0.05], { skip: ['py'] }), shade(C.table, 0.85));
    for (const [lx, lz] of [
      [a + 0.04, z0 + 0.04],
      [b - 0.1, z0 + 0.04],
      [a + 0.04, z1 - 0.1],
      [b - 0.1, z1 - 0.1],
    ] as const) {
      room.add(N, box([lx, 0, lz], [lx + 0.06, top - 0.04, lz + 0.06], { skip: ['ny', 'py'] }), C.table);
      room.solid([lx, 0, lz], [lx + 0.06, top - 0.04, lz + 0.06]);
    }
  }
  room.solid([x0, top - 0.12, z0], [x1, top, z1]);
  // papers, a rolled map, a ruler, enamel mugs
  const r = rng(17);
  for (const [px, pz, w, d] of [
    [-1.55, -3.05, 0.3, 0.42],
    [-0.8, -2.95, 0.42, 0.32],
    [0.2, -3.2, 0.6, 0.45],
    [0.95, -2.9, 0.3, 0.4],
    [1.7, -3.15, 0.32, 0.44],
    [-0.25, -2.9, 0.26, 0.36],
  ] as const) {
    room.add(N, boxAt([px, top + 0.003, pz], [w, 0.005, d], [0, (r() - 0.5) * 0.4, 0]), vary(srgb(0xe6e0cd), r(), 0.05));
  }
  room.add(N, boxAt([0.2, top + 0.007, -3.2], [0.5, 0.004, 0.36], [0, 0.1, 0]), C.mapPlain);
  room.add(N, place(new CylinderGeometry(0.035, 0.035, 0.9, 10), { at: [-0.4, top + 0.035, -3.42], rot: [0, 0.15, Math.PI / 2] }), C.mapPaper);
  room.add(N, boxAt([0.15, top + 0.012, -3.0], [0.5, 0.006, 0.035], [0, -0.3, 0]), srgb(0xc9b27c));
  const mug = lathe([
    [0, 0],
    [0.04, 0],
    [0.042, 0.09],
    [0.038, 0.09],
    [0.036, 0.01],
    [0, 0.01],
  ]);
  for (const [mx, mz] of [
    [-1.1, -2.8],
    [0.65, -3.4],
    [1.45, -2.78],
  ] as const) {
    room.add(N, place(mug, { at: [mx, top, mz] }), (p) => (p[1] > top + 0.08 ? C.enamelRim : C.enamel));
    room.add(N, place(new TorusGeometry(0.028, 0.006, 4, 10, Math.PI), { at: [mx + 0.045, top + 0.045, mz], rot: [0, 0, -Math.PI / 2] }), C.enamel);
  }
  // two hurricane lamps
  for (const lx of [-1.25, 1.35]) {
    const at: Vec3 = [lx, top, -3.1];
    room.add(N, place(new CylinderGeometry(0.08, 0.09, 0.07, 12), { at: [at[0], top + 0.035, at[2]] }), C.metal);
    room.add(N, place(lathe([[0.03, 0], [0.07, 0.05], [0.075, 0.11], [0.06, 0.17], [0.03, 0.2]], 12), { at: [at[0], top + 0.07, at[2]] }), C.lampGlass, { material: 'glow', lit: false });
    for (let k = 0; k < 4; k++) {
      const a = (k / 4) * Math.PI * 2 + Math.PI / 4;
      room.add(N, tube([[at[0] + Math.cos(a) * 0.085, top + 0.07, at[2] + Math.sin(a) * 0.085], [at[0] + Math.cos(a) * 0.085, top + 0.28, at[2] + Math.sin(a) * 0.085]], 0.005, 3), C.metal);
    }
    room.add(N, place(new CylinderGeometry(0.05, 0.085, 0.06, 12), { at: [at[0], top + 0.3, at[2]] }), C.metal);
    room.add(N, place(new TorusGeometry(0.07, 0.005, 4, 12, Math.PI), { at: [at[0], top + 0.33, at[2]] }), C.metal);
  }
}

function telephones(room: Room): void {
  const N = 'telephones';
  const { top, z0 } = TABLE;
  const r = rng(29);
  for (const [i, px] of [-1.7, -0.55, 0.6, 1.75].entries()) {
    const pz = -3.35;
    const yaw = (r() - 0.5) * 0.3;
    const parts: { g: BufferGeometry; c: RGB }[] = [];
    // a field telephone: wooden case, handset on a cradle, crank on the side
    parts.push({ g: box([-0.13, 0, -0.1], [0.13, 0.15, 0.1]), c: vary(C.phone, i / 4, 0.2) });
    parts.push({ g: box([-0.1, 0.15, -0.03], [0.1, 0.17, 0.03]), c: C.metal });
    parts.push({ g: place(new CylinderGeometry(0.012, 0.012, 0.2, 6), { at: [0, 0.2, 0], rot: [0, 0, Math.PI / 2] }), c: C.phone });
    for (const s of [-1, 1]) parts.push({ g: place(new CylinderGeometry(0.03, 0.022, 0.04, 10), { at: [s * 0.1, 0.19, 0] }), c: C.phone });
    parts.push({ g: tube([[0.13, 0.08, 0], [0.16, 0.08, 0], [0.16, 0.03, 0.04], [0.18, 0.03, 0.04]], 0.006, 4), c: C.metal });
    parts.push({ g: place(new SphereGeometry(0.012, 6, 4), { at: [0.18, 0.03, 0.04] }), c: C.woodDark });
    for (const p of parts) {
      p.g.rotateY(yaw);
      p.g.translate(px, top, pz);
      room.add(N, p.g, p.c);
    }
    // the line runs off the back of the table and along the floor to the wall
    room.add(N, tube([[px, top + 0.05, pz - 0.1], [px + 0.05, top + 0.01, z0 + 0.03], [px + 0.07, top - 0.02, z0 - 0.03], [px + 0.08, 0.3, z0 - 0.06], [px + 0.1, 0.008, z0 - 0.25], [px + 0.1 + i * 0.05, 0.008, ROOM_BACK + 0.03], [px + 0.1 + i * 0.05, 0.6, ROOM_BACK + 0.02]], 0.006, 4), C.phone);
  }
}

function chairs(room: Room): void {
  const N = 'chairs';
  const seatY = 0.45;
  const hw = 0.21;
  const hd = 0.2;
  const parts: BufferGeometry[] = [];
  parts.push(box([-hw, seatY - 0.03, -hd], [hw, seatY, hd]));
  for (const [lx, lz] of [
    [-hw + 0.02, hd - 0.02],
    [hw - 0.02, hd - 0.02],
  ])
    parts.push(box([lx! - 0.017, 0, lz! - 0.017], [lx! + 0.017, seatY - 0.03, lz! + 0.017], { skip: ['ny', 'py'] }));
  for (const lx of [-hw + 0.02, hw - 0.02]) parts.push(box([lx - 0.018, 0, -hd + 0.005], [lx + 0.018, 0.9, -hd + 0.04], { skip: ['ny'] }));
  for (const y of [0.62, 0.84]) parts.push(box([-hw + 0.02, y - 0.035, -hd + 0.01], [hw - 0.02, y + 0.035, -hd + 0.035]));
  for (const [a, b] of [
    [[-hw + 0.02, 0.15, hd - 0.03], [hw - 0.02, 0.18, hd - 0.01]],
    [[-hw + 0.01, 0.13, -hd + 0.03], [-hw + 0.03, 0.16, hd - 0.03]],
    [[hw - 0.03, 0.13, -hd + 0.03], [hw - 0.01, 0.16, hd - 0.03]],
  ] as [Vec3, Vec3][])
    parts.push(box(a, b));
  for (const g of parts) room.add(N, g, C.chair);
  // chairs face the table from both long sides, a little askew
  const places: Instance[] = [];
  for (const [x, yaw] of [
    [-1.45, 0.08],
    [-0.35, -0.05],
    [0.8, 0.1],
  ] as const)
    places.push({ at: [x, 0, TABLE.z1 + 0.28], yaw: Math.PI + yaw });
  for (const [x, yaw] of [
    [-1.0, -0.06],
    [0.3, 0.05],
    [1.5, -0.1],
  ] as const)
    places.push({ at: [x, 0, TABLE.z0 - 0.28], yaw });
  const floor: Occluder = { min: [-3, -0.3, -3], max: [3, 0, 3] };
  const seat: Occluder = { min: [-hw, seatY - 0.03, -hd], max: [hw, seatY, hd] };
  room.instance(N, places, { ...RIG, suns: [], lamps: [{ at: [0, 2.4, 0.6], color: [0.25, 0.22, 0.18], range: 1.6, shadow: false }] }, [floor, seat]);
  for (const p of places) room.solid([p.at[0] - hw, seatY - 0.03, p.at[2] - hd], [p.at[0] + hw, seatY, p.at[2] + hd]);
}

/** Builds the xibaipo-command-post room: courtyard, houses, and the operations room. */
export function xibaipoCommandPost(): Room {
  const room = new Room('xibaipo-command-post', RIG);
  ground(room);
  warRoomBuilding(room);
  sideHouses(room);
  courtyardGate(room);
  courtyardTree(room);
  stoneTable(room);
  interior(room);
  maps(room);
  warRoomTable(room);
  telephones(room);
  chairs(room);
  hills(room);
  return room;
}

export default xibaipoCommandPost;
