/**
 * Inside the Liao clan ancestral hall at Gutian, where the Ninth Party Congress of the Fourth Red
 * Army met in December 1929: an entrance hall (前厅), an open courtyard (天井) with side
 * passages, and the main hall (后厅) with rows of plain benches facing a presiding table, under
 * exposed roof timbers. An illustrative reconstruction, not a survey: the furniture is generic.
 *
 * Plan (metres, y up, −z ahead at yaw 0): inner walls x = ±6.2, front z = 5.4, back z = −9.6;
 * entrance hall z∈[2.0, 5.4]; open courtyard x∈[−2.6, 2.6], z∈[−1.4, 2.0], sunk 0.2 m; main
 * hall z∈[−9.6, −1.4]. Walkable areas and obstacles are in scenes/gutian/scene.json.
 */
import { CylinderGeometry, LatheGeometry, SphereGeometry, Vector2 } from 'three';
import type { BufferGeometry } from 'three';
import { box, boxAt, fan, GeometryWriter, hash3, mix, normalize, panel, place, plain, reveals, rng, shade, srgb, tube, type Rect2, type RGB, type Vec3, type WallFrame } from '../geometry';
import { HAKKA, roofPitch, ridge } from '../hakka';
import type { LightRig, Occluder } from '../lighting';
import { Room, type Instance } from '../room';

const C = {
  ...HAKKA,
  floor: srgb(0x8e8473),
  pit: srgb(0xa6a298),
  curb: srgb(0xa9a498),
  timber: srgb(0x4a2f20),
  rafter: srgb(0x3c271b),
  boards: srgb(0x5b4030),
  table: srgb(0x5a3421),
  bench: srgb(0x6e4a30),
  screen: srgb(0x4f2a1c),
  paper: srgb(0xe6dcc2),
  ink: srgb(0x2a2522),
  lampGlass: srgb(0xf2dcaa),
  daylight: srgb(0xf3f1e8),
  moss: srgb(0x5f6b48),
};

/** Soft daylight from the courtyard and the door, and two warm lamps in the main hall. */
const SUN: Vec3 = normalize([0.2, -0.95, -0.25]);
const RIG: LightRig = {
  ambient: [0.36, 0.34, 0.31],
  sky: [1.6, 1.62, 1.66],
  ground: [0.2, 0.19, 0.17],
  suns: [{ dir: SUN, color: [1.25, 1.15, 0.95], spread: 0.03 }],
  lamps: [
    { at: [0, 1.6, 0.3], color: [0.5, 0.5, 0.47], range: 3.2, shadow: true },
    { at: [0, 2.4, -3.6], color: [0.34, 0.27, 0.17], range: 2.2, shadow: true },
    { at: [0, 2.4, -6.8], color: [0.34, 0.27, 0.17], range: 2.2, shadow: true },
    { at: [0, 2.0, 5.9], color: [0.45, 0.45, 0.43], range: 2.0, shadow: true },
  ],
  aoRadius: 0.8,
  aoStrength: 0.9,
  skyDistance: 30,
};

const X = 6.2;
const FRONT = 5.4;
const BACK = -9.6;
const WALL_T = 0.4;
const WALL_H = 4.6;
const PIT = { x: 2.6, z0: -1.4, z1: 2.0, depth: 0.2 };
const COLUMN_X = 2.75;
const COLUMNS_Z = [2.15, -1.55, -5.5];
const DOOR = { x: 0.85, h: 2.8 };
const TABLE = { x: 1.1, z0: -9.0, z1: -8.4, top: 0.8 };
const BENCH_ROWS = [-3.4, -4.2, -5.0, -5.8, -6.6];
const BENCH_X = 1.6;

function vary(c: RGB, h: number, amount: number): RGB {
  const k = 1 + (h - 0.5) * 2 * amount;
  return [c[0] * k, c[1] * k, c[2] * k];
}

function frame(origin: Vec3, u: Vec3): WallFrame {
  return { origin, u, v: [0, 1, 0] };
}

function whitewash(p: Vec3): RGB {
  const k = Math.min(1, Math.max(0, (p[1] - 0.3) / 1.4));
  return mix(shade(C.plasterDim, 0.9), C.plaster, 0.5 + 0.5 * k);
}

/** Solid boxes just above a roof pitch, so light comes in only where the roof is open. */
function roofCover(room: Room, eave: Vec3, along: Vec3, up: Vec3, slices = 6): void {
  for (let k = 0; k < slices; k++) {
    const q0: Vec3 = [eave[0] + (up[0] * k) / slices, eave[1] + (up[1] * k) / slices, eave[2] + (up[2] * k) / slices];
    const q1: Vec3 = [eave[0] + (up[0] * (k + 1)) / slices + along[0], eave[1] + (up[1] * (k + 1)) / slices, eave[2] + (up[2] * (k + 1)) / slices + along[2]];
    const y = Math.max(q0[1], q1[1]) + 0.08;
    room.solid([Math.min(q0[0], q1[0]), y, Math.min(q0[2], q1[2])], [Math.max(q0[0], q1[0]), y + 0.3, Math.max(q0[2], q1[2])]);
  }
}

/** A roof pitch seen from inside: tiles on top, boards below, and rafters down the slope. */
function innerPitch(room: Room, eave: Vec3, along: Vec3, up: Vec3): void {
  roofPitch(room, 'roofs', eave, along, up, { underside: true, undersideColor: C.boards, solid: false });
  roofCover(room, eave, along, up);
  const len = Math.hypot(...along);
  const a = normalize(along);
  const n = Math.round(len / 0.36);
  const out = normalize([a[1] * up[2] - a[2] * up[1], a[2] * up[0] - a[0] * up[2], a[0] * up[1] - a[1] * up[0]]);
  const down: Vec3 = out[1] >= 0 ? [-out[0], -out[1], -out[2]] : out;
  for (let i = 1; i < n; i++) {
    const s = (len * i) / n;
    const p0: Vec3 = [eave[0] + a[0] * s + down[0] * 0.1, eave[1] + a[1] * s + down[1] * 0.1, eave[2] + a[2] * s + down[2] * 0.1];
    const p1: Vec3 = [p0[0] + up[0] * 0.98, p0[1] + up[1] * 0.98, p0[2] + up[2] * 0.98];
    room.add('roofs', tube([p0, p1], 0.035, 4), C.rafter, { bake: { ao: 0.4 } });
  }
}

/** A purlin (檩) along x at height y and depth z. */
function purlin(room: Room, x0: number, x1: number, y: number, z: number, r = 0.09): void {
  room.add('timber', place(new CylinderGeometry(r, r, x1 - x0, 8, 1, true), { at: [(x0 + x1) / 2, y, z], rot: [0, 0, Math.PI / 2] }), C.timber, { bake: { ao: 0.4 } });
}

// ---------------------------------------------------------------- floor and courtyard

function floor(room: Room): void {
  const N = 'floor';
  const r = rng(9);
  const w = new GeometryWriter();
  // lime-and-earth floor laid in large squares, around the sunken courtyard
  const cell = 1.2;
  for (let z = BACK; z < FRONT - 1e-6; z += cell) {
    for (let x = -X; x < X - 1e-6; x += cell) {
      const z1 = Math.min(z + cell, FRONT);
      const x1 = Math.min(x + cell, X);
      const inPit = x >= -PIT.x - 1e-6 && x1 <= PIT.x + 1e-6 && z >= PIT.z0 - 1e-6 && z1 <= PIT.z1 + 1e-6;
      if (inPit) continue;
      // clip cells that straddle the courtyard edge
      const pieces: [number, number, number, number][] = [];
      const overlapsPit = x1 > -PIT.x && x < PIT.x && z1 > PIT.z0 && z < PIT.z1;
      if (!overlapsPit) pieces.push([x, x1, z, z1]);
      else {
        if (x < -PIT.x) pieces.push([x, -PIT.x, z, z1]);
        if (x1 > PIT.x) pieces.push([PIT.x, x1, z, z1]);
        const cx0 = Math.max(x, -PIT.x);
        const cx1 = Math.min(x1, PIT.x);
        if (z < PIT.z0) pieces.push([cx0, cx1, z, PIT.z0]);
        if (z1 > PIT.z1) pieces.push([cx0, cx1, PIT.z1, z1]);
      }
      w.withTint(vary([1, 1, 1], r(), 0.07));
      for (const [a, b, c, d] of pieces) if (b - a > 0.01 && d - c > 0.01) w.quad([a + 0.006, 0, d - 0.006], [b - a - 0.012, 0, 0], [0, 0, -(d - c - 0.012)], 0.4);
    }
  }
  room.add(N, w.build(), C.floor, { bake: { grid: 0.3 } });
  const joints = new GeometryWriter();
  // the joint bed under the squares, open over the sunken courtyard
  joints.quad([-X, -0.003, FRONT], [X - PIT.x, 0, 0], [0, 0, BACK - FRONT], 1.5);
  joints.quad([PIT.x, -0.003, FRONT], [X - PIT.x, 0, 0], [0, 0, BACK - FRONT], 1.5);
  joints.quad([-PIT.x, -0.003, FRONT], [2 * PIT.x, 0, 0], [0, 0, PIT.z1 - FRONT], 1.5);
  joints.quad([-PIT.x, -0.003, PIT.z0], [2 * PIT.x, 0, 0], [0, 0, BACK - PIT.z0], 1.5);
  room.add(N, joints.build(), shade(C.floor, 0.6), { bake: { grid: 0.6 } });
  room.solid([-X - 1, -1, BACK - 1], [-PIT.x, 0, FRONT + 1]);
  room.solid([PIT.x, -1, BACK - 1], [X + 1, 0, FRONT + 1]);
  room.solid([-PIT.x, -1, BACK - 1], [PIT.x, 0, PIT.z0]);
  room.solid([-PIT.x, -1, PIT.z1], [PIT.x, 0, FRONT + 1]);
  room.solid([-PIT.x, -1, PIT.z0], [PIT.x, -PIT.depth, PIT.z1]);
}

function courtyard(room: Room): void {
  const N = 'tianjing';
  const { x, z0, z1, depth } = PIT;
  const r = rng(17);
  // the sunken stone floor and its four sides
  const slabs = new GeometryWriter();
  for (let z = z0; z < z1 - 1e-6; z += 0.6) {
    let xx = -x;
    while (xx < x - 1e-6) {
      const len = 0.7 + r() * 0.5;
      const xb = Math.min(xx + len, x);
      slabs.withTint(vary([1, 1, 1], r(), 0.12));
      slabs.quad([xx + 0.01, -depth, Math.min(z + 0.6, z1) - 0.01], [xb - xx - 0.02, 0, 0], [0, 0, -(Math.min(z + 0.6, z1) - z - 0.02)], 0.5);
      xx = xb;
    }
  }
  room.add(N, slabs.build(), C.pit, { bake: { grid: 0.25 } });
  const bed = new GeometryWriter();
  bed.quad([-x, -depth - 0.01, z1], [2 * x, 0, 0], [0, 0, z0 - z1]);
  room.add(N, bed.build(), shade(C.moss, 0.7));
  const sides = new GeometryWriter();
  sides.quad([-x, -depth, z0], [2 * x, 0, 0], [0, depth, 0]);
  sides.quad([x, -depth, z1], [-2 * x, 0, 0], [0, depth, 0]);
  sides.quad([-x, -depth, z1], [0, 0, z0 - z1], [0, depth, 0]);
  sides.quad([x, -depth, z0], [0, 0, z1 - z0], [0, depth, 0]);
  room.add(N, sides.build(), shade(C.curb, 0.85), { bake: { ao: 0.5 } });
  // granite kerb stones round the rim, flush with the floor
  const kerb = new GeometryWriter();
  const k = 0.22;
  kerb.quad([-x - k, 0.004, z0], [2 * x + 2 * k, 0, 0], [0, 0, -k], 0.5);
  kerb.quad([-x - k, 0.004, z1 + k], [2 * x + 2 * k, 0, 0], [0, 0, -k], 0.5);
  kerb.quad([-x - k, 0.004, z1], [k, 0, 0], [0, 0, z0 - z1], 0.5);
  kerb.quad([x, 0.004, z1], [k, 0, 0], [0, 0, z0 - z1], 0.5);
  room.add(N, kerb.build(), C.curb, { bake: { grid: 0.3 } });
  // a drain stone in one corner
  room.add(N, box([x - 0.35, -depth, z0 + 0.05], [x - 0.05, -depth + 0.02, z0 + 0.35], { skip: ['ny'] }), shade(C.pit, 0.5));
}

// ---------------------------------------------------------------- walls, door and windows

const SIDE_WINDOWS = [-7.6, -4.0, 3.7];
const WIN = { w: 0.8, t0: 1.9, t1: 2.9 };

function walls(room: Room): void {
  const N = 'walls';
  const L = FRONT - BACK;
  // side walls with small barred windows high up
  for (const s of [-1, 1]) {
    const f = s < 0 ? frame([-X, 0, FRONT], [0, 0, -1]) : frame([X, 0, BACK], [0, 0, 1]);
    const holes: Rect2[] = SIDE_WINDOWS.map((z) => {
      const sc = s < 0 ? FRONT - z : z - BACK;
      return { s0: sc - WIN.w / 2, s1: sc + WIN.w / 2, t0: WIN.t0, t1: WIN.t1 };
    });
    room.add(N, panel(f, L, WALL_H, holes, 0.45), whitewash, { bake: { grid: 0.35 } });
    for (const h of holes) room.add(N, reveals(f, h, WALL_T), C.plasterDim);
    room.solidWall(f, L, WALL_H, WALL_T, holes);
    // the daylight behind the bars, and the bars
    for (const z of SIDE_WINDOWS) {
      const xo = s * (X + WALL_T);
      const g = new GeometryWriter();
      if (s < 0) g.quad([xo, WIN.t0, z + WIN.w / 2], [0, 0, -WIN.w], [0, WIN.t1 - WIN.t0, 0]);
      else g.quad([xo, WIN.t0, z - WIN.w / 2], [0, 0, WIN.w], [0, WIN.t1 - WIN.t0, 0]);
      room.add('windows', g.build(), C.daylight, { material: 'glow', lit: false });
      for (let i = 0; i <= 4; i++) {
        const zz = z - WIN.w / 2 + 0.05 + (i * (WIN.w - 0.1)) / 4;
        const xb = s * (X + 0.2);
        room.add('windows', box([xb - 0.025, WIN.t0, zz - 0.025], [xb + 0.025, WIN.t1, zz + 0.025]), C.timber);
      }
    }
    // a stone skirting
    const xs = s * X;
    room.add(N, box([Math.min(xs, xs - s * 0.03), 0, BACK], [Math.max(xs, xs - s * 0.03), 0.3, FRONT], { skip: ['ny'], cell: 0.8 }), C.stone);
  }
  // back wall
  const back = frame([-X, 0, BACK], [1, 0, 0]);
  room.add(N, panel(back, 2 * X, 4.85, [], 0.5), whitewash, { bake: { grid: 0.35 } });
  room.solidWall(frame([-X - WALL_T, 0, BACK], [1, 0, 0]), 2 * X + 2 * WALL_T, 4.9, WALL_T);
  // front wall with the door, bright daylight beyond it
  const front = frame([X, 0, FRONT], [-1, 0, 0]);
  const door: Rect2 = { s0: X - DOOR.x, s1: X + DOOR.x, t0: 0, t1: DOOR.h };
  room.add(N, panel(front, 2 * X, 4.9, [door], 0.45), whitewash, { bake: { grid: 0.35 } });
  room.add(N, reveals(front, door, WALL_T, { bottom: false }), C.plasterDim);
  room.solidWall(frame([X + WALL_T, 0, FRONT], [-1, 0, 0]), 2 * X + 2 * WALL_T, 4.95, WALL_T, [{ ...door, s0: door.s0 + WALL_T, s1: door.s1 + WALL_T }]);
  room.add(N, box([-DOOR.x - 0.12, 0, FRONT - 0.04], [-DOOR.x, DOOR.h + 0.12, FRONT], { skip: ['pz'] }), C.stoneLight);
  room.add(N, box([DOOR.x, 0, FRONT - 0.04], [DOOR.x + 0.12, DOOR.h + 0.12, FRONT], { skip: ['pz'] }), C.stoneLight);
  room.add(N, box([-DOOR.x - 0.12, DOOR.h, FRONT - 0.04], [DOOR.x + 0.12, DOOR.h + 0.12, FRONT], { skip: ['pz'] }), C.stoneLight);
  // the two leaves stand open, folded back against the inside of the wall
  for (const s of [-1, 1]) {
    const a = s * (DOOR.x + 0.14);
    const b = s * (2 * DOOR.x + 0.14);
    room.add(N, box([Math.min(a, b), 0.02, FRONT - 0.07], [Math.max(a, b), DOOR.h - 0.04, FRONT - 0.01], { skip: ['pz'] }), C.lacquer, { bake: { ao: 0.5 } });
  }
  const outside = new GeometryWriter();
  outside.quad([DOOR.x, 0, FRONT + WALL_T + 0.6], [-2 * DOOR.x, 0, 0], [0, DOOR.h, 0]);
  room.add('windows', outside.build(), (p) => mix(srgb(0xb9c7a0), srgb(0xe9eef0), Math.min(1, p[1] / 1.4)), { material: 'glow', lit: false });
  const sill = new GeometryWriter();
  sill.quad([-DOOR.x, 0.002, FRONT + WALL_T + 0.6], [2 * DOOR.x, 0, 0], [0, 0, -0.6 - WALL_T]);
  room.add('windows', sill.build(), srgb(0xb9b3a4), { lit: false });
}

// ---------------------------------------------------------------- columns, beams and roofs

function timber(room: Room): void {
  const N = 'timber';
  const top = 4.4;
  for (const z of COLUMNS_Z) {
    for (const s of [-1, 1]) {
      const x = s * COLUMN_X;
      room.add(N, place(new CylinderGeometry(0.14, 0.15, top, 12, 3, true), { at: [x, top / 2, z] }), C.timber, { bake: { ao: 0.5 } });
      room.add(N, place(plain(new LatheGeometry([new Vector2(0, 0), new Vector2(0.2, 0), new Vector2(0.21, 0.08), new Vector2(0.19, 0.2), new Vector2(0.15, 0.26), new Vector2(0, 0.26)], 12)), { at: [x, 0, z] }), C.stoneLight, { bake: { ao: 0.6 } });
      room.solid([x - 0.14, 0, z - 0.14], [x + 0.14, top, z + 0.14]);
    }
    // tie beam across the hall, resting on the columns and the side walls
    room.add(N, box([-X, top - 0.05, z - 0.11], [X, top + 0.3, z + 0.11], { cell: 0.9 }), C.timber, { bake: { ao: 0.5 } });
  }
  // beams along the courtyard's sides carrying the side roofs
  for (const s of [-1, 1]) room.add(N, box([s * COLUMN_X - 0.1, 3.55, -1.55], [s * COLUMN_X + 0.1, 3.8, 2.15], { cell: 0.9 }), C.timber, { bake: { ao: 0.5 } });
  // small brackets (雀替) under the tie beams at the columns
  for (const z of COLUMNS_Z) for (const s of [-1, 1]) for (const d of [-1, 1]) room.add(N, box([s * COLUMN_X + d * 0.14 - (d > 0 ? 0 : 0.45), top - 0.28, z - 0.06], [s * COLUMN_X + d * 0.14 + (d > 0 ? 0.45 : 0), top - 0.05, z + 0.06]), shade(C.timber, 1.15));
}

/** Height of the main hall's roof bed above z (front pitch from z = −1.0, back pitch to z = −9.8). */
function mainRoofAt(z: number): number {
  return z >= -5.5 ? 4.5 + ((-1.0 - z) / 4.5) * 2.7 : 4.7 + ((z + 9.8) / 4.3) * 2.5;
}

/** Height of the entrance hall's roof bed above z (pitches from z = 1.6 and z = 5.6 up to 3.7). */
function frontRoofAt(z: number): number {
  return z <= 3.7 ? 4.3 + ((z - 1.6) / 2.1) * 1.9 : 4.7 + ((5.6 - z) / 1.9) * 1.5;
}

function roofs(room: Room): void {
  // main hall: ridge along x over z = −5.5
  const rz = -5.5;
  const ry = 7.2;
  innerPitch(room, [-X - WALL_T, 4.5, -1.0], [2 * (X + WALL_T), 0, 0], [0, ry - 4.5, rz + 1.0]);
  innerPitch(room, [X + WALL_T, WALL_H + 0.1, BACK - 0.2], [-2 * (X + WALL_T), 0, 0], [0, ry - WALL_H - 0.1, rz - BACK + 0.2]);
  ridge(room, 'roofs', [-X - WALL_T, ry, rz], [X + WALL_T, ry, rz]);
  purlin(room, -X, X, ry - 0.225, rz);
  for (const z of [-1.75, -3.6, -7.5]) purlin(room, -X, X, mainRoofAt(z) - 0.225, z);
  // the gable walls above the side walls, closing the roof space
  for (const s of [-1, 1]) {
    const x = s * X;
    room.add('walls', fan([[x, WALL_H, -1.0 - (0.1 / 2.7) * 4.5], [x, ry, rz], [x, 4.7 + (0.2 / 4.3) * 2.5, BACK], [x, WALL_H, BACK]], [-s, 0, 0]), C.plaster, { bake: { ao: 0.3 } });
    room.solid([s > 0 ? X : -X - WALL_T, WALL_H, BACK], [s > 0 ? X + WALL_T : -X, ry, -1.0]);
  }
  // entrance hall: ridge along x over z = 3.7
  const fz = 3.7;
  const fy = 6.2;
  innerPitch(room, [X + WALL_T, 4.3, 1.6], [-2 * (X + WALL_T), 0, 0], [0, fy - 4.3, fz - 1.6]);
  innerPitch(room, [-X - WALL_T, WALL_H + 0.1, FRONT + 0.2], [2 * (X + WALL_T), 0, 0], [0, fy - WALL_H - 0.1, fz - FRONT - 0.2]);
  ridge(room, 'roofs', [-X - WALL_T, fy, fz], [X + WALL_T, fy, fz]);
  for (const z of [2.6, 4.6]) purlin(room, -X, X, frontRoofAt(z) - 0.225, z);
  purlin(room, -X, X, fy - 0.225, fz);
  for (const s of [-1, 1]) {
    const x = s * X;
    room.add('walls', fan([[x, WALL_H, 1.6 + (0.3 / 1.9) * 2.1], [x, fy, fz], [x, 4.7 + (0.2 / 1.9) * 1.5, FRONT], [x, WALL_H, FRONT]], [-s, 0, 0]), C.plaster, { bake: { ao: 0.3 } });
    room.solid([s > 0 ? X : -X - WALL_T, WALL_H, 1.6], [s > 0 ? X + WALL_T : -X, fy, FRONT]);
  }
  // side passages: lean-to roofs from the side walls down towards the courtyard
  for (const s of [-1, 1]) {
    const eaveX = s * (PIT.x - 0.3);
    const wallX = s * X;
    const z0 = s > 0 ? -1.0 : 1.6;
    const len = s > 0 ? 2.6 : -2.6;
    innerPitch(room, [eaveX, 3.75, z0], [0, 0, len], [wallX - eaveX, 0.85, 0]);
  }
}

// ---------------------------------------------------------------- the presiding table and the screen behind it

function rearScreen(room: Room): void {
  const N = 'rear-screen';
  const z = BACK + 0.02;
  const x0 = -3.0;
  const x1 = 3.0;
  const h = 3.9;
  room.add(N, box([x0, 0, z], [x1, h, z + 0.06], { skip: ['nz'], cell: 0.6 }), C.screen, { bake: { ao: 0.4 } });
  const panels = 6;
  for (let i = 0; i < panels; i++) {
    const a = x0 + ((x1 - x0) * i) / panels + 0.08;
    const b = x0 + ((x1 - x0) * (i + 1)) / panels - 0.08;
    room.add(N, box([a, 0.35, z + 0.06], [b, 1.1, z + 0.075], { skip: ['nz'] }), shade(C.screen, 1.25));
    room.add(N, box([a, 1.3, z + 0.06], [b, 3.55, z + 0.075], { skip: ['nz'] }), shade(C.screen, 1.25));
    // a simple lattice head in each panel
    for (let k = 1; k < 4; k++) room.add(N, box([a + 0.05, 1.3 + k * 0.3 - 0.015, z + 0.075], [b - 0.05, 1.3 + k * 0.3 + 0.015, z + 0.09], { skip: ['nz'] }), shade(C.screen, 0.8));
  }
  room.add(N, box([x0 - 0.1, h, z], [x1 + 0.1, h + 0.18, z + 0.12], { skip: ['nz'] }), C.timber);
  room.solid([x0, 0, BACK], [x1, h, BACK + 0.08]);
}

function lathe(points: [number, number][], segments = 12): BufferGeometry {
  return plain(new LatheGeometry(points.map(([x, y]) => new Vector2(x, y)), segments));
}

function presidingTable(room: Room): void {
  const N = 'front-table';
  const { x, z0, z1, top } = TABLE;
  room.add(N, box([-x, top - 0.05, z0], [x, top, z1], { cell: 0.4 }), C.table, { bake: { ao: 0.4 } });
  room.add(N, box([-x + 0.05, top - 0.14, z0 + 0.04], [x - 0.05, top - 0.05, z1 - 0.04], { skip: ['py'] }), shade(C.table, 0.85));
  const legs: [number, number][] = [
    [-x + 0.04, z0 + 0.04],
    [x - 0.1, z0 + 0.04],
    [-x + 0.04, z1 - 0.1],
    [x - 0.1, z1 - 0.1],
  ];
  for (const [lx, lz] of legs) room.add(N, box([lx, 0, lz], [lx + 0.06, top - 0.05, lz + 0.06], { skip: ['ny'] }), C.table);
  for (const s of [-1, 1]) room.add(N, box([s * (x - 0.07) - 0.015, 0.15, z0 + 0.07], [s * (x - 0.07) + 0.015, 0.19, z1 - 0.07]), shade(C.table, 0.85));
  room.solid([-x, top - 0.14, z0], [x, top, z1]);
  // a bench behind the table
  room.add(N, box([-1.0, 0.42, -9.42], [1.0, 0.46, -9.16]), C.bench);
  for (const bx of [-0.85, 0.85]) for (const bz of [-9.38, -9.2]) room.add(N, box([bx - 0.025, 0, bz - 0.02], [bx + 0.025, 0.42, bz + 0.02], { skip: ['ny'] }), C.bench);
  // a kerosene lamp at one end and a teacup
  const lx = 0.8;
  const lz = -8.62;
  room.add(N, place(lathe([[0, 0], [0.07, 0], [0.075, 0.03], [0.06, 0.08], [0.03, 0.1], [0, 0.1]]), { at: [lx, top, lz] }), srgb(0x6f6a5c), { bake: { ao: 0.3 } });
  room.add(N, place(lathe([[0, 0], [0.03, 0], [0.05, 0.06], [0.045, 0.12], [0.025, 0.2], [0, 0.2]]), { at: [lx, top + 0.1, lz] }), C.lampGlass, { material: 'glow', lit: false });
  room.add(N, place(new SphereGeometry(0.018, 8, 6), { at: [lx, top + 0.15, lz] }), srgb(0xffd27a), { material: 'glow', lit: false });
  room.add(N, place(lathe([[0, 0], [0.025, 0], [0.035, 0.05], [0.03, 0.05], [0, 0.01]]), { at: [-0.85, top, -8.58] }), srgb(0xd9d4c4), { bake: { ao: 0.3 } });
}

/** The resolution: a stitched booklet lying open on the table, with loose sheets beside it. */
function resolution(room: Room): void {
  const N = 'resolution';
  const { top } = TABLE;
  const cz = -8.66;
  for (const [s, tilt] of [
    [-1, 0.05],
    [1, -0.05],
  ] as const) {
    const g = boxAt([s * 0.14, top + 0.012 + 0.006, cz], [0.27, 0.012, 0.36], [0, 0, tilt]);
    room.add(N, g, C.paper, { bake: { ao: 0.2 } });
  }
  room.add(N, box([-0.01, top, cz - 0.18], [0.01, top + 0.02, cz + 0.18]), shade(C.paper, 0.8));
  // columns of brush writing, read top to bottom, right to left (illegible at this size)
  const r = rng(29);
  const ink = new GeometryWriter();
  for (const s of [-1, 1]) {
    for (let col = 0; col < 8; col++) {
      const x = s * 0.14 + 0.1 - col * 0.028;
      for (let ch = 0; ch < 12; ch++) {
        if (r() < 0.1) continue;
        const z = cz - 0.15 + ch * 0.025;
        const w = 0.008 + r() * 0.006;
        const d = 0.008 + r() * 0.008;
        const y = top + 0.026 - (s < 0 ? -1 : 1) * 0.05 * (x - s * 0.14) + 0.001;
        ink.quad([x - w / 2, y, z + d / 2], [w, 0, 0], [0, 0, -d]);
      }
    }
  }
  room.add(N, ink.build(), C.ink, { lit: false });
  const rr = rng(31);
  for (const [px, pz] of [
    [-0.55, -8.7],
    [0.45, -8.55],
  ]) room.add(N, boxAt([px!, top + 0.004, pz!], [0.21, 0.006, 0.29], [0, (rr() - 0.5) * 0.6, 0]), shade(C.paper, 0.96), { bake: { ao: 0.2 } });
}

// ---------------------------------------------------------------- benches and lamps

function benchPlaces(): Instance[] {
  const out: Instance[] = [];
  for (const z of BENCH_ROWS) for (const s of [-1, 1]) out.push({ at: [s * BENCH_X, 0, z], yaw: 0 });
  return out;
}

function benches(room: Room): void {
  const N = 'benches';
  const L = 1.85;
  const seat = 0.45;
  const parts: BufferGeometry[] = [];
  parts.push(box([-L / 2, seat - 0.05, -0.13], [L / 2, seat, 0.13]));
  for (const sx of [-1, 1])
    for (const sz of [-1, 1]) {
      const top: Vec3 = [sx * (L / 2 - 0.16), seat - 0.05, sz * 0.07];
      const foot: Vec3 = [sx * (L / 2 - 0.1), 0, sz * 0.12];
      parts.push(tube([foot, top], 0.022, 5));
    }
  for (const sx of [-1, 1]) parts.push(box([sx * (L / 2 - 0.15) - 0.02, 0.16, -0.1], [sx * (L / 2 - 0.15) + 0.02, 0.2, 0.1]));
  parts.push(box([-L / 2 + 0.15, 0.2, -0.015], [L / 2 - 0.15, 0.24, 0.015]));
  for (const g of parts) room.add(N, g, (p) => vary(C.bench, hash3(Math.round(p[0] * 3), 0, 5), 0.08));
  const floorOcc: Occluder = { min: [-3, -0.3, -3], max: [3, 0, 3] };
  const seatOcc: Occluder = { min: [-L / 2, seat - 0.05, -0.13], max: [L / 2, seat, 0.13] };
  room.instance(N, benchPlaces(), { ...RIG, suns: [], lamps: [{ at: [0, 2.6, 1.2], color: [0.3, 0.26, 0.2], range: 2.0, shadow: false }] }, [floorOcc, seatOcc]);
  for (const p of benchPlaces()) room.solid([p.at[0] - L / 2, seat - 0.05, p.at[2] - 0.13], [p.at[0] + L / 2, seat, p.at[2] + 0.13]);
}

function lamps(room: Room): void {
  const N = 'lamps';
  for (const z of [-3.6, -6.8]) {
    room.add(N, place(new CylinderGeometry(0.006, 0.006, 1.45, 4, 1, true), { at: [0, 3.67, z] }), C.timber);
    room.add(N, place(new CylinderGeometry(0.09, 0.11, 0.05, 10), { at: [0, 2.93, z] }), srgb(0x40403c));
    room.add(N, place(lathe([[0.05, 0], [0.1, 0.04], [0.11, 0.12], [0.08, 0.24], [0.05, 0.28]], 12), { at: [0, 2.65, z] }), C.lampGlass, { material: 'glow', lit: false });
    room.add(N, place(new CylinderGeometry(0.1, 0.1, 0.03, 10), { at: [0, 2.63, z] }), srgb(0x40403c));
    room.add(N, tube([[-0.1, 2.65, z], [-0.12, 2.95, z], [0, 3.0, z], [0.12, 2.95, z], [0.1, 2.65, z]], 0.006, 4), srgb(0x40403c));
  }
}

/** Builds the gutian-hall room: the entrance hall, courtyard and main hall set for the congress. */
export function gutianHall(): Room {
  const room = new Room('gutian-hall', RIG);
  floor(room);
  courtyard(room);
  walls(room);
  timber(room);
  roofs(room);
  rearScreen(room);
  presidingTable(room);
  resolution(room);
  benches(room);
  lamps(room);
  return room;
}

export default gutianHall;
