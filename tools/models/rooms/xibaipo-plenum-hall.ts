/**
 * The meeting place of the Second Plenary Session of the Seventh Central Committee at Xibaipo
 * (七届二中全会会址): a plain single-storey hall, once the central organs' dining hall, with
 * whitewashed walls, paper lattice windows down both sides, an open timber roof of stacked beams
 * (抬梁), rows of plain tables and benches, a front table and a red banner. An illustrative
 * reconstruction, made to be looked at from the centre of the hall as well as walked.
 *
 * Plan (metres, y up, floor at 0): hall x∈[-3.75, 3.75], z∈[-7.5, 7.5], side walls 3.68 high,
 * ridge at 5.3; the front table stands at the north end (−z), the door is in the south wall
 * (x∈[-0.8, 0.8]) and opens on a sunny yard. Walkable areas and obstacles come from
 * scenes/xibaipo/scene.json.
 */
import { CylinderGeometry, IcosahedronGeometry, LatheGeometry, TorusGeometry, Vector2 } from 'three';
import type { BufferGeometry } from 'three';
import { box, boxAt, fan, GeometryWriter, hash3, mix, normalize, onWall, panel, place, plain, reveals, rng, shade, srgb, tube, type Rect2, type RGB, type Vec3, type WallFrame } from '../geometry';
import type { LightRig, Occluder } from '../lighting';
import { Room, type Instance } from '../room';

const C = {
  whitewash: srgb(0xebe6d9),
  dado: srgb(0xc5c0b3),
  floor: srgb(0x7e7a73),
  beam: srgb(0x6a4a30),
  beamDark: srgb(0x4e3522),
  rafter: srgb(0x7d5a3b),
  boards: srgb(0xb8996c),
  wood: srgb(0x5e4531),
  woodDark: srgb(0x3f2d20),
  door: srgb(0x4b3526),
  table: srgb(0x7a5636),
  bench: srgb(0x71502f),
  cloth: srgb(0xe6e2d6),
  banner: srgb(0xa8231b),
  bannerInk: srgb(0xf0d9a0),
  paperGlow: srgb(0xf4ecd8),
  enamel: srgb(0xe8e6de),
  enamelRim: srgb(0x2f4f7f),
  paper: srgb(0xe6e0cd),
  earth: srgb(0xa08c6c),
  loess: srgb(0xc8b28e),
  stone: srgb(0xa0978a),
  tile: srgb(0x6c6a66),
  trunk: srgb(0x54463a),
  leaf: srgb(0x5e7a39),
  haze: srgb(0xc8d5df),
  hillNear: srgb(0x6f7f5c),
  hillFar: srgb(0x8a9aa4),
};

/** Morning sun from the south-east: through the east windows and the open door; fill from the windows. */
const RIG: LightRig = {
  ambient: [0.34, 0.33, 0.31],
  sky: [0.66, 0.7, 0.78],
  ground: [0.22, 0.2, 0.17],
  suns: [{ dir: normalize([-0.55, -0.55, -0.62]), color: [1.55, 1.4, 1.12], spread: 0.03 }],
  lamps: [
    { at: [0, 3.0, -4.5], color: [0.16, 0.15, 0.13], range: 4, shadow: true },
    { at: [0, 3.0, 2.5], color: [0.16, 0.15, 0.13], range: 4, shadow: true },
  ],
  aoRadius: 0.7,
  aoStrength: 0.9,
  skyDistance: 50,
};

const HX = 3.75;
const Z0 = -7.5;
const Z1 = 7.5;
const WALL = 3.68;
const RIDGE = 5.3;
const DEPTH = 0.45;
/** Height of the roof's underside (the boards on the rafters) at x. */
const roofY = (x: number) => 3.6 + (RIDGE - 3.6) * (1 - Math.min(1, Math.abs(x) / 3.9));
const FRAMES = [-6, -3, 0, 3, 6];
const WINDOW_Z = [-4.8, -1.6, 1.6, 4.8];
const WIN = { w: 1.4, t0: 1.1, t1: 2.5 };
const DOOR = { x: 0.8, h: 2.4 };
const ROWS = Array.from({ length: 8 }, (_, k) => -4.0 + 1.15 * k);
const BLOCK_X = 2.25;

function vary(c: RGB, h: number, amount: number): RGB {
  const k = 1 + (h - 0.5) * 2 * amount;
  return [c[0] * k, c[1] * k, c[2] * k];
}

function frame(origin: Vec3, u: Vec3): WallFrame {
  return { origin, u, v: [0, 1, 0] };
}

/** An axis-aligned box given in a wall's (s, t, d) coordinates (d outward from the face). */
function wallBox(f: WallFrame, s0: number, s1: number, t0: number, t1: number, d0: number, d1: number): BufferGeometry {
  const a = onWall(f, s0, t0, d0);
  const b = onWall(f, s1, t1, d1);
  return box([Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.min(a[2], b[2])], [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.max(a[2], b[2])]);
}

function wallQuad(w: GeometryWriter, f: WallFrame, s0: number, s1: number, t0: number, t1: number, d: number): void {
  const o = onWall(f, s0, t0, d);
  w.quad(o, [f.u[0] * (s1 - s0), f.u[1] * (s1 - s0), f.u[2] * (s1 - s0)], [0, t1 - t0, 0]);
}

// ---------------------------------------------------------------- floor, walls, windows, door

const LEFT = frame([-HX, 0, Z1], [0, 0, -1]);
const RIGHT = frame([HX, 0, Z0], [0, 0, 1]);
const FRONT = frame([-HX, 0, Z0], [1, 0, 0]);
const BACK = frame([HX, 0, Z1], [-1, 0, 0]);
const LEN = Z1 - Z0;

function windowHoles(f: WallFrame): Rect2[] {
  return WINDOW_Z.map((z) => {
    const s = f === LEFT ? Z1 - z : z - Z0;
    return { s0: s - WIN.w / 2, s1: s + WIN.w / 2, t0: WIN.t0, t1: WIN.t1 };
  });
}

const DOOR_HOLE: Rect2 = { s0: HX - DOOR.x, s1: HX + DOOR.x, t0: 0, t1: DOOR.h };

function floor(room: Room): void {
  const N = 'floor';
  const w = new GeometryWriter();
  const size = 0.4;
  for (let x = -HX; x < HX - 1e-6; x += size) {
    const x1 = Math.min(x + size, HX);
    for (let z = Z0; z < Z1 - 1e-6; z += size) {
      const z1 = Math.min(z + size, Z1);
      w.withTint(vary([1, 1, 1], hash3(x, 0.5, z), 0.1));
      w.quad([x + 0.006, 0, z1 - 0.006], [x1 - x - 0.012, 0, 0], [0, 0, -(z1 - z - 0.012)]);
    }
  }
  room.add(N, w.build(), C.floor, { bake: { grid: 0.25 } });
  const bed = new GeometryWriter();
  bed.quad([-HX, -0.004, Z1], [2 * HX, 0, 0], [0, 0, -LEN], 1);
  room.add(N, bed.build(), shade(C.floor, 0.5));
  room.solid([-HX - 1, -0.5, Z0 - 1], [HX + 1, -0.005, Z1 + 1]);
}

/** A whitewashed wall with a grey dado, split around its holes. */
function washedWall(room: Room, node: string, f: WallFrame, width: number, height: number, holes: Rect2[]): void {
  const dado = 1.0;
  room.add(node, panel(f, width, dado, holes.filter((h) => h.t0 < dado).map((h) => ({ ...h, t1: Math.min(h.t1, dado) })), 0.4), C.dado, { bake: { grid: 0.3 } });
  const up: WallFrame = { origin: [f.origin[0], dado, f.origin[2]], u: f.u, v: f.v };
  room.add(node, panel(up, width, height - dado, holes.filter((h) => h.t1 > dado).map((h) => ({ ...h, t0: Math.max(0, h.t0 - dado), t1: h.t1 - dado })), 0.4), (p) => vary(C.whitewash, hash3(Math.round(p[0] * 2), Math.round(p[1] * 2), Math.round(p[2] * 2)), 0.02), { bake: { grid: 0.3 } });
  // a dark line atop the dado and a skirting, broken at the holes that reach the floor
  let runs: [number, number][] = [[0, width]];
  for (const h of holes.filter((hh) => hh.t0 < dado + 0.02)) runs = runs.flatMap(([a, b]) => (h.s1 <= a || h.s0 >= b ? [[a, b]] : ([[a, h.s0], [h.s1, b]] as [number, number][]).filter(([c, d]) => d - c > 0.01)));
  for (const [a, b] of runs) {
    room.add(node, wallBox(f, a, b, dado - 0.015, dado + 0.015, 0, 0.008), shade(C.dado, 0.75));
    room.add(node, wallBox(f, a, b, 0, 0.1, 0, 0.015), shade(C.dado, 0.6));
  }
  for (const h of holes) room.add(node, reveals(f, h, DEPTH, { bottom: h.t0 > 0 }), h.t0 > 0 ? C.whitewash : C.dado);
  room.solidWall(f, width, height, DEPTH, holes);
}

function walls(room: Room): void {
  const N = 'walls';
  washedWall(room, N, LEFT, LEN, WALL, windowHoles(LEFT));
  washedWall(room, N, RIGHT, LEN, WALL, windowHoles(RIGHT));
  washedWall(room, N, FRONT, 2 * HX, WALL, []);
  washedWall(room, N, BACK, 2 * HX, WALL, [DOOR_HOLE]);
  // the gables above the side walls, up to the ridge
  for (const [z, facing] of [
    [Z0, 1],
    [Z1, -1],
  ] as const) {
    const pts: Vec3[] = [
      [-HX, WALL, z],
      [HX, WALL, z],
      [HX, roofY(HX), z],
      [HX * 0.5, roofY(HX * 0.5), z],
      [0, RIDGE, z],
      [-HX * 0.5, roofY(HX * 0.5), z],
      [-HX, roofY(HX), z],
    ];
    room.add(N, fan(pts, [0, 0, facing]), C.whitewash);
    room.solid([-HX - 0.3, WALL - 0.1, facing > 0 ? z - DEPTH : z], [HX + 0.3, RIDGE + 0.2, facing > 0 ? z : z + DEPTH]);
  }
  // corners behind the side walls
  for (const sx of [-1, 1]) for (const z of [Z0 - DEPTH, Z1]) room.solid([sx < 0 ? -HX - DEPTH : HX, 0, z], [sx < 0 ? -HX : HX + DEPTH, WALL, z + DEPTH]);
}

/** Paper lattice windows seen from inside: glowing paper, a square lattice, architrave and sill. */
function windows(room: Room): void {
  const N = 'windows';
  for (const f of [LEFT, RIGHT]) {
    for (const h of windowHoles(f)) {
      const dp = -DEPTH * 0.55;
      const g = new GeometryWriter();
      wallQuad(g, f, h.s0, h.s1, h.t0, h.t1, dp);
      room.add(N, g.build(), (p) => mix(shade(C.paperGlow, 0.9), C.paperGlow, (p[1] - h.t0) / (h.t1 - h.t0)), { material: 'glow', lit: false });
      const d0 = dp + 0.004;
      const d1 = dp + 0.04;
      const fr = 0.065;
      const bars: BufferGeometry[] = [
        wallBox(f, h.s0, h.s1, h.t0, h.t0 + fr, d0, d1),
        wallBox(f, h.s0, h.s1, h.t1 - fr, h.t1, d0, d1),
        wallBox(f, h.s0, h.s0 + fr, h.t0, h.t1, d0, d1),
        wallBox(f, h.s1 - fr, h.s1, h.t0, h.t1, d0, d1),
        wallBox(f, (h.s0 + h.s1) / 2 - 0.03, (h.s0 + h.s1) / 2 + 0.03, h.t0, h.t1, d0, d1),
      ];
      const nx = 8;
      const ny = 8;
      for (let i = 1; i < nx; i++) {
        if (i === nx / 2) continue;
        const s = h.s0 + ((h.s1 - h.s0) * i) / nx;
        bars.push(wallBox(f, s - 0.011, s + 0.011, h.t0, h.t1, d0, d1 - 0.006));
      }
      for (let j = 1; j < ny; j++) {
        const t = h.t0 + ((h.t1 - h.t0) * j) / ny;
        bars.push(wallBox(f, h.s0, h.s1, t - 0.011, t + 0.011, d0, d1 - 0.006));
      }
      for (const b of bars) room.add(N, b, C.wood);
      room.add(N, wallBox(f, h.s0 - 0.06, h.s1 + 0.06, h.t0 - 0.05, h.t0, -DEPTH * 0.55, 0.06), C.wood);
      for (const [a, b, c, d] of [
        [h.s0 - 0.08, h.s0, h.t0 - 0.05, h.t1 + 0.08],
        [h.s1, h.s1 + 0.08, h.t0 - 0.05, h.t1 + 0.08],
        [h.s0 - 0.08, h.s1 + 0.08, h.t1, h.t1 + 0.08],
      ] as const)
        room.add(N, wallBox(f, a, b, c, d, 0, 0.025), C.woodDark);
    }
  }
}

/** The door in the south wall: frame, two leaves opened in against the wall, a stone threshold. */
function hallDoor(room: Room): void {
  const N = 'hall-door';
  const h = DOOR_HOLE;
  room.add(N, wallBox(BACK, h.s0 - 0.1, h.s0, 0, h.t1 + 0.12, 0, 0.03), C.woodDark);
  room.add(N, wallBox(BACK, h.s1, h.s1 + 0.1, 0, h.t1 + 0.12, 0, 0.03), C.woodDark);
  room.add(N, wallBox(BACK, h.s0 - 0.1, h.s1 + 0.1, h.t1, h.t1 + 0.12, 0, 0.035), C.woodDark);
  room.add(N, box([-DOOR.x, 0, Z1], [DOOR.x, 0.03, Z1 + DEPTH + 0.1], { skip: ['ny'] }), C.stone);
  for (const side of [-1, 1]) {
    const x0 = side < 0 ? -2 * DOOR.x - 0.02 : DOOR.x + 0.02;
    room.add(N, box([x0, 0.02, Z1 - 0.12], [x0 + DOOR.x, DOOR.h - 0.03, Z1 - 0.06]), C.door);
    for (let i = 1; i < 5; i++) room.add(N, box([x0 + (i * DOOR.x) / 5 - 0.004, 0.05, Z1 - 0.125], [x0 + (i * DOOR.x) / 5 + 0.004, DOOR.h - 0.06, Z1 - 0.12]), C.woodDark);
    for (const y of [0.45, 1.9]) room.add(N, box([x0 + 0.04, y - 0.045, Z1 - 0.14], [x0 + DOOR.x - 0.04, y + 0.045, Z1 - 0.12]), shade(C.door, 0.85));
  }
}

// ---------------------------------------------------------------- the open timber roof

function roof(room: Room): void {
  const N = 'roof-frames';
  // roof boards laid on the rafters, in two pitches
  for (const side of [-1, 1]) {
    const w = new GeometryWriter();
    const xs = side * 3.9;
    if (side > 0) w.grid([0, RIDGE, Z0], [xs, roofY(xs) - RIDGE, 0], [0, 0, LEN], [0, 0.25, 0.5, 0.75, 1], Array.from({ length: 31 }, (_, i) => i / 30));
    else w.grid([0, RIDGE, Z1], [xs, roofY(xs) - RIDGE, 0], [0, 0, -LEN], [0, 0.25, 0.5, 0.75, 1], Array.from({ length: 31 }, (_, i) => i / 30));
    room.add(N, w.build(), (p) => vary(C.boards, hash3(Math.round(p[2] * 5), 3, side), 0.12), { bake: { ao: 0.6 } });
  }
  // rafters running down each pitch
  const slope = Math.atan2(RIDGE - roofY(3.9), 3.9);
  const len = Math.hypot(3.9, RIDGE - roofY(3.9));
  for (const side of [-1, 1]) {
    for (let z = Z0 + 0.15; z < Z1; z += 0.32) {
      const cx = side * 1.95;
      const cy = (RIDGE + roofY(3.9)) / 2 - 0.035;
      room.add(N, boxAt([cx, cy, z], [len, 0.06, 0.07], [0, 0, -side * slope]), vary(C.rafter, hash3(z, side, 1), 0.1), { bake: { ao: 0.5 } });
    }
  }
  // purlins along the hall, resting on the beam ends
  const purlinX = [0, 1.3, 2.6, 3.6];
  const purlinY = (x: number) => roofY(x) - 0.07 - 0.09;
  for (const x of purlinX) {
    for (const sx of x === 0 ? [1] : [-1, 1]) {
      room.add(N, place(new CylinderGeometry(0.09, 0.09, LEN, 8, 1, true), { at: [sx * x, purlinY(x), 0], rot: [Math.PI / 2, 0, 0] }), vary(C.beam, hash3(x, sx, 2), 0.08), { bake: { ao: 0.6 } });
    }
  }
  // stacked-beam frames: a long beam wall to wall, posts, a shorter beam, posts, a top beam, ridge post
  for (const z of FRAMES) {
    const top1 = purlinY(3.6) - 0.09;
    const top2 = purlinY(2.6) - 0.09;
    const top3 = purlinY(1.3) - 0.09;
    const add = (g: BufferGeometry, c: RGB) => room.add(N, g, c, { bake: { ao: 0.6 } });
    add(box([-HX, top1 - 0.34, z - 0.15], [HX, top1, z + 0.15], { cell: 0.5 }), vary(C.beam, hash3(z, 1, 1), 0.06));
    for (const sx of [-1, 1]) add(box([sx * 2.6 - 0.1, top1, z - 0.1], [sx * 2.6 + 0.1, top2 - 0.28, z + 0.1]), C.beamDark);
    add(box([-2.8, top2 - 0.28, z - 0.13], [2.8, top2, z + 0.13], { cell: 0.5 }), vary(C.beam, hash3(z, 2, 1), 0.06));
    for (const sx of [-1, 1]) add(box([sx * 1.3 - 0.09, top2, z - 0.09], [sx * 1.3 + 0.09, top3 - 0.24, z + 0.09]), C.beamDark);
    add(box([-1.5, top3 - 0.24, z - 0.12], [1.5, top3, z + 0.12]), vary(C.beam, hash3(z, 3, 1), 0.06));
    add(box([-0.09, top3, z - 0.09], [0.09, purlinY(0) - 0.08, z + 0.09]), C.beamDark);
    // braces (叉手) from the top beam's ends to the ridge post
    for (const sx of [-1, 1]) add(tube([[sx * 1.3, top3, z], [0, purlinY(0) - 0.1, z]], 0.045, 5), C.beamDark);
    room.solid([-HX, top1 - 0.34, z - 0.15], [HX, top1, z + 0.15]);
  }
  // the roof above, as steps for the light
  for (let i = 0; i < 8; i++) {
    const x0 = -3.9 + (7.8 * i) / 8;
    const x1 = x0 + 7.8 / 8;
    room.solid([x0, Math.min(roofY(x0), roofY(x1)) + 0.02, Z0 - DEPTH], [x1, RIDGE + 0.4, Z1 + DEPTH]);
  }
}

// ---------------------------------------------------------------- the front table and banner

function rostrum(room: Room): void {
  const N = 'rostrum';
  const x0 = -1.9;
  const x1 = 1.9;
  const z0 = -6.7;
  const z1 = -6.0;
  const top = 0.8;
  // a table under a plain cloth that falls to the floor at the front and sides
  room.add(N, box([x0, top - 0.03, z0], [x1, top, z1], { cell: 0.3 }), C.cloth);
  room.add(N, box([x0 - 0.02, 0.02, z1], [x1 + 0.02, top, z1 + 0.02], { skip: ['nz'], cell: 0.3 }), (p) => (p[1] < 0.06 ? shade(C.cloth, 0.9) : C.cloth));
  for (const sx of [-1, 1]) room.add(N, box(sx < 0 ? [x0 - 0.02, 0.02, z0] : [x1, 0.02, z0], sx < 0 ? [x0, top, z1 + 0.02] : [x1 + 0.02, top, z1 + 0.02], { skip: [sx < 0 ? 'px' : 'nx'] }), C.cloth);
  // folds: slightly raised vertical bands
  for (let x = x0 + 0.2; x < x1; x += 0.38) room.add(N, box([x - 0.05, 0.02, z1 + 0.02], [x + 0.05, top - 0.03, z1 + 0.03], { skip: ['nz'] }), shade(C.cloth, 0.96));
  room.solid([x0, 0, z0], [x1, top, z1 + 0.02]);
  // papers, mugs and an inkstand on the table
  const r = rng(43);
  for (let i = 0; i < 5; i++) {
    const px = -1.5 + i * 0.75;
    room.add(N, boxAt([px, top + 0.003, -6.25], [0.3, 0.005, 0.4], [0, (r() - 0.5) * 0.3, 0]), C.paper);
  }
  const mug = plain(
    new LatheGeometry(
      [
        [0, 0],
        [0.04, 0],
        [0.042, 0.09],
        [0.038, 0.09],
        [0.036, 0.01],
        [0, 0.01],
      ].map(([a, b]) => new Vector2(a, b)),
      14,
    ),
  );
  for (let i = 0; i < 5; i++) {
    const px = -1.5 + i * 0.75 + 0.25;
    room.add(N, place(mug, { at: [px, top, -6.5] }), (p) => (p[1] > top + 0.08 ? C.enamelRim : C.enamel));
    room.add(N, place(new TorusGeometry(0.028, 0.006, 4, 10, Math.PI), { at: [px + 0.045, top + 0.045, -6.5], rot: [0, 0, -Math.PI / 2] }), C.enamel);
  }
  room.add(N, box([-0.12, top, -6.55], [0.12, top + 0.05, -6.4]), C.woodDark);
}

/** Chairs behind the front table, facing the hall. */
function rostrumChairs(room: Room): void {
  const N = 'rostrum-chairs';
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
  for (const g of parts) room.add(N, g, C.wood);
  const places: Instance[] = [-1.5, -0.75, 0, 0.75, 1.5].map((x) => ({ at: [x, 0, -6.95], yaw: 0 }));
  const floorOcc: Occluder = { min: [-3, -0.3, -3], max: [3, 0, 3] };
  const seat: Occluder = { min: [-hw, seatY - 0.03, -hd], max: [hw, seatY, hd] };
  room.instance(N, places, { ...RIG, suns: [], lamps: [{ at: [0, 2.4, 1.5], color: [0.2, 0.18, 0.15], range: 2, shadow: false }] }, [floorOcc, seat]);
}

function banner(room: Room): void {
  const N = 'banner';
  const z = Z0 + 0.02;
  const x0 = -2.7;
  const x1 = 2.7;
  const y0 = 2.42;
  const y1 = 2.95;
  // a red cloth banner hung from a rod, its characters suggested by pale strokes
  const cloth = new GeometryWriter();
  cloth.grid([x0, y0, z], [x1 - x0, 0, 0], [0, y1 - y0, 0], Array.from({ length: 28 }, (_, i) => i / 27), [0, 0.5, 1]);
  const g = cloth.build();
  const pos = g.getAttribute('position');
  for (let i = 0; i < pos.count; i++) pos.setZ(i, z + 0.012 * (1 + Math.sin(pos.getX(i) * 6)) * (1 - (pos.getY(i) - y0) / (y1 - y0)));
  g.computeVertexNormals();
  room.add(N, plain(g), C.banner, { bake: { ao: 0.5 } });
  room.add(N, place(new CylinderGeometry(0.015, 0.015, x1 - x0 + 0.3, 6), { at: [0, y1 + 0.01, z + 0.02], rot: [0, 0, Math.PI / 2] }), C.woodDark);
  for (const x of [x0 - 0.1, x1 + 0.1]) room.add(N, tube([[x, y1 + 0.01, z + 0.02], [x * 0.98, y1 + 0.35, Z0 + 0.005]], 0.004, 3), C.woodDark);
  const ink = new GeometryWriter();
  const r = rng(61);
  const chars = 12;
  for (let c = 0; c < chars; c++) {
    const cx = x0 + 0.35 + (c * (x1 - x0 - 0.7)) / (chars - 1);
    const cy = (y0 + y1) / 2;
    // a character-like cluster: a frame of strokes inside a square cell, plus a few dots
    const strokes = 5 + Math.floor(r() * 3);
    for (let k = 0; k < strokes; k++) {
      const kind = r();
      const w = kind < 0.45 ? 0.1 + r() * 0.16 : kind < 0.85 ? 0.024 : 0.04;
      const h = kind < 0.45 ? 0.024 : kind < 0.85 ? 0.1 + r() * 0.18 : 0.04;
      const ox = (r() - 0.5) * (0.3 - w);
      const oy = (r() - 0.5) * (0.34 - h);
      ink.quad([cx + ox - w / 2, cy + oy - h / 2, z + 0.028], [w, 0, 0], [0, h, 0]);
    }
  }
  room.add(N, ink.build(), C.bannerInk, { bake: { ao: 0.4 } });
}

// ---------------------------------------------------------------- tables and benches

function tablesAndBenches(room: Room): void {
  const tw = 1.125;
  const td = 0.25;
  const top = 0.76;
  const t: BufferGeometry[] = [];
  t.push(box([-tw, top - 0.035, -td], [tw, top, td], { cell: 0.3 }));
  t.push(box([-tw + 0.06, top - 0.11, -td + 0.04], [tw - 0.06, top - 0.035, td - 0.04], { skip: ['py'] }));
  for (const lx of [-tw + 0.07, tw - 0.13]) for (const lz of [-td + 0.03, td - 0.09]) t.push(box([lx, 0, lz], [lx + 0.06, top - 0.035, lz + 0.06], { skip: ['ny', 'py'] }));
  t.push(box([-tw + 0.1, 0.15, -0.02], [tw - 0.1, 0.19, 0.02]));
  for (const g of t) room.add('tables', g, C.table);
  const bw = 1.125;
  const bd = 0.14;
  const seat = 0.45;
  const b: BufferGeometry[] = [];
  b.push(box([-bw, seat - 0.05, -bd], [bw, seat, bd], { cell: 0.3 }));
  for (const lx of [-bw + 0.12, bw - 0.18]) {
    b.push(box([lx, 0, -bd + 0.02], [lx + 0.06, seat - 0.05, bd - 0.02], { skip: ['ny'] }));
  }
  b.push(box([-bw + 0.18, 0.2, -0.02], [bw - 0.18, 0.24, 0.02]));
  for (const g of b) room.add('benches', g, C.bench);
  const tables: Instance[] = [];
  const benches: Instance[] = [];
  for (const z of ROWS) {
    for (const sx of [-1, 1]) {
      tables.push({ at: [sx * BLOCK_X, 0, z], yaw: 0 });
      benches.push({ at: [sx * BLOCK_X, 0, z + 0.55], yaw: 0 });
    }
  }
  const floorOcc: Occluder = { min: [-3, -0.3, -3], max: [3, 0, 3] };
  const fill: LightRig = { ...RIG, suns: [], lamps: [{ at: [0, 2.6, 0.8], color: [0.2, 0.18, 0.15], range: 2.2, shadow: false }] };
  room.instance('tables', tables, fill, [floorOcc, { min: [-tw, top - 0.11, -td], max: [tw, top, td] }, { min: [-tw, seat - 0.05, 0.55 - bd], max: [tw, seat, 0.55 + bd] }, { min: [-tw, top - 0.11, -1.15 - td], max: [tw, top, -1.15 + td] }]);
  room.instance('benches', benches, fill, [floorOcc, { min: [-bw, seat - 0.05, -bd], max: [bw, seat, bd] }, { min: [-tw, top - 0.11, -0.55 - td], max: [tw, top, -0.55 + td] }, { min: [-tw, top - 0.11, 0.6 - td], max: [tw, top, 0.6 + td] }]);
  for (const z of ROWS)
    for (const sx of [-1, 1]) {
      room.solid([sx * BLOCK_X - tw, top - 0.11, z - td], [sx * BLOCK_X + tw, top, z + td]);
      room.solid([sx * BLOCK_X - bw, seat - 0.05, z + 0.55 - bd], [sx * BLOCK_X + bw, seat, z + 0.55 + bd]);
    }
  // a few mugs and papers left on the tables
  const r = rng(71);
  const mug = plain(
    new LatheGeometry(
      [
        [0, 0],
        [0.04, 0],
        [0.042, 0.09],
        [0.038, 0.09],
        [0.036, 0.01],
        [0, 0.01],
      ].map(([a, bb]) => new Vector2(a, bb)),
      12,
    ),
  );
  for (const z of ROWS) {
    for (const sx of [-1, 1]) {
      for (let k = 0; k < 3; k++) {
        if (r() < 0.35) continue;
        const x = sx * BLOCK_X + (k - 1) * 0.7 + (r() - 0.5) * 0.2;
        if (r() < 0.5) room.add('table-things', place(mug, { at: [x, top, z - 0.05 + (r() - 0.5) * 0.1] }), (p) => (p[1] > top + 0.08 ? C.enamelRim : C.enamel));
        else room.add('table-things', boxAt([x, top + 0.003, z + (r() - 0.5) * 0.1], [0.21, 0.005, 0.28], [0, (r() - 0.5) * 0.5, 0]), C.paper);
      }
    }
  }
}

// ---------------------------------------------------------------- what the door looks out on

/** Smooth periodic noise around the horizon (fixed phases, so always the same). */
function ridge(theta: number, seed: number): number {
  const r = rng(seed);
  let v = 0;
  for (let k = 1; k <= 6; k++) v += Math.sin(theta * (k * 2 + 1) + r() * 6.283) / k;
  return v;
}

function outside(room: Room): void {
  const N = 'outside';
  // the yard in front of the door, a flagstone path out through a gateway, and the land beyond
  const wz = 14.5;
  const yard = new GeometryWriter();
  yard.grid([-9, 0, wz + 0.5], [18, 0, 0], [0, 0, -(wz + 0.5 - Z1 - DEPTH)], [0, 0.25, 0.4, 0.45, 0.5, 0.55, 0.6, 0.75, 1], [0, 0.25, 0.5, 0.75, 1]);
  room.add(N, yard.build(), (p) => vary(C.earth, hash3(Math.round(p[0] * 2), 0, Math.round(p[2] * 2)), 0.06), { bake: { grid: 0.5 } });
  const far = new GeometryWriter();
  // no far-ground triangles under the hall and yard: huge ones there can draw over the floor
  far.grid([-160, -0.03, 160], [320, 0, 0], [0, 0, -320], [0, 0.3, 0.4, 0.45, 0.475, 0.525, 0.55, 0.6, 0.7, 1], [0, 0.3, 0.4, 0.45, 0.525, 0.55, 0.6, 0.7, 1], (s0, s1, t0, t1) => s0 >= 0.475 && s1 <= 0.525 && t0 >= 0.45 && t1 <= 0.525);
  room.add(N, far.build(), (p) => mix(C.earth, C.haze, Math.min(0.7, Math.hypot(p[0], p[2]) / 140)), { bake: { unshadowed: true } });
  const path = new GeometryWriter();
  const pr = rng(13);
  for (let z = Z1 + DEPTH + 0.05; z < 40; ) {
    const len = 0.45 + pr() * 0.3;
    let x = -0.7;
    while (x < 0.65) {
      const w = Math.min(0.4 + pr() * 0.4, 0.7 - x);
      path.withTint(vary([1, 1, 1], pr(), 0.12));
      path.quad([x + 0.015, 0.012, z + len - 0.015], [w - 0.03, 0, 0], [0, 0, -(len - 0.03)]);
      x += w;
    }
    z += len;
  }
  room.add(N, path.build(), (p) => mix(srgb(0x938d82), C.haze, Math.min(0.5, Math.max(0, p[2] - 15) / 60)), { bake: { grid: 0.5 } });
  // a low yard wall with a tiled coping, open in the middle where the path goes out
  const wallH = 1.5;
  for (const [a, b] of [
    [-9, -1.1],
    [1.1, 9],
  ] as const) {
    const f = frame([b, 0, wz], [-1, 0, 0]);
    room.add(N, panel(f, b - a, wallH, [], 0.5), (p) => (p[1] < 0.7 ? vary(C.stone, hash3(Math.round(p[0] * 3), Math.round(p[1] * 4), 1), 0.12) : C.loess), { bake: { grid: 0.3 } });
    room.add(N, box([a, wallH, wz], [b, wallH + 0.08, wz + 0.45]), C.tile);
    for (let x = a + 0.1; x < b; x += 0.2) room.add(N, tube([[x, wallH + 0.08, wz - 0.06], [x, wallH + 0.18, wz + 0.22], [x, wallH + 0.08, wz + 0.51]], 0.024, 4), vary(C.tile, hash3(x, 2, 3), 0.1), { bake: { ao: 0.4 } });
    const end = a < 0 ? b : a;
    room.add(N, box([end - 0.2, 0, wz - 0.05], [end + 0.2, wallH + 0.35, wz + 0.5]), C.stone);
    room.add(N, box([end - 0.24, wallH + 0.35, wz - 0.09], [end + 0.24, wallH + 0.45, wz + 0.54]), C.tile);
    room.solid([a, 0, wz], [b, wallH, wz + 0.45]);
  }
  // trees beyond the wall, either side of the path
  for (const [i, [tx, tz, h]] of ([
    [-4.2, 19, 7.5],
    [3.6, 22, 8.5],
    [-7.5, 27, 8],
    [8.5, 17.5, 7],
  ] as const).entries()) {
    const tr = rng(5 + i);
    room.add(N, tube([[tx, -0.05, tz], [tx + 0.1, h * 0.4, tz], [tx + 0.15, h * 0.55, tz + 0.1]], 0.2, 7), C.trunk);
    for (let k = 0; k < 5; k++) {
      const a = (k / 5) * Math.PI * 2 + tr();
      const sc = h * (0.17 + tr() * 0.06);
      room.add(N, place(new IcosahedronGeometry(1, 1), { at: [tx + Math.cos(a) * h * 0.14, h * (0.62 + tr() * 0.15), tz + Math.sin(a) * h * 0.14], scale: [sc, sc * 0.8, sc] }), (p, n) => vary(mix(C.leaf, srgb(0x7f9a45), Math.max(0, n[1]) * 0.4), hash3(Math.round(p[0] * 3), Math.round(p[1] * 3), Math.round(p[2] * 3)), 0.1), { bake: { ao: 0.4, glow: 0.1 } });
    }
  }
  // hills round the horizon
  const w = new GeometryWriter();
  const layer = (R: number, h0: number, amp: number, seed: number, col: RGB, haze: number) => {
    const seg = 96;
    const ring: [number, number][] = [];
    for (let i = 0; i <= seg; i++) {
      const th = (i / seg) * Math.PI * 2;
      const dir: Vec3 = [Math.sin(th), 0, -Math.cos(th)];
      const h = Math.max(3, h0 + amp * ridge(th, seed));
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
  layer(150, 26, 9, 23, C.hillFar, 0.55);
  layer(80, 12, 5, 35, C.hillNear, 0.3);
  room.add('hills', w.build(), [1, 1, 1], { lit: false });
}

/** Builds the xibaipo-plenum-hall room: the hall of the Second Plenary Session. */
export function xibaipoPlenumHall(): Room {
  const room = new Room('xibaipo-plenum-hall', RIG);
  floor(room);
  walls(room);
  windows(room);
  hallDoor(room);
  roof(room);
  rostrum(room);
  rostrumChairs(room);
  banner(room);
  tablesAndBenches(room);
  outside(room);
  return room;
}

export default xibaipoPlenumHall;
