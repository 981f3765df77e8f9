/**
 * The meeting room on the upper floor of the main building of the Zunyi Conference site, after
 * the memorial's description of the restored room: a whitewashed rectangular room with a board
 * floor; a row of glazed windows in the west wall; a wall clock and two built-in cupboards (one
 * with a mirror) on the east wall; a hanging lamp with a frilled shade; in the middle a
 * chestnut-brown rectangular table ringed by folding chairs with rattan seats, and under it a
 * charcoal brazier for the cold. An illustrative reconstruction, not a survey.
 *
 * Plan (metres, y up, floor at 0, +z is south, towards the veranda): room x∈[-4, 4], z∈[-2.8, 2.8],
 * ceiling 3.4; the door to the veranda in the south wall. Walkable areas and the table/chairs
 * obstacle come from scenes/zunyi/scene.json.
 */
import { CylinderGeometry, LatheGeometry, SphereGeometry, TorusGeometry, Vector2 } from 'three';
import type { BufferGeometry } from 'three';
import { box, boxAt, GeometryWriter, hash3, matrixOf, mix, normalize, panel, place, plain, reveals, rng, shade, srgb, tube, type Rect2, type RGB, type Vec3, type WallFrame } from '../geometry';
import type { LightRig, Occluder } from '../lighting';
import { Room, type Instance } from '../room';

const C = {
  floor: srgb(0x6a3a26),
  plaster: srgb(0xece8de),
  plasterDim: srgb(0xc4beb0),
  skirting: srgb(0x4a2618),
  ceiling: srgb(0xf0ede5),
  beam: srgb(0x5a3322),
  chestnut: srgb(0x5c2e1d),
  table: srgb(0x552a1a),
  chair: srgb(0x5a2d1c),
  rattan: srgb(0xa8875a),
  brass: srgb(0xb08d45),
  dial: srgb(0xefe9d8),
  ink: srgb(0x1e1b19),
  copper: srgb(0x8a5a35),
  ember: srgb(0xff7a2e),
  ash: srgb(0x6d6862),
  mirror: srgb(0xb9c3c6),
  shade: srgb(0xf1ead8),
  paneSky: srgb(0xe6ecef),
  paneLow: srgb(0xc9cfc9),
  veranda: srgb(0xb7b3aa),
};

/** Coloured glass round the edges of the west windows, lit from outside. */
const GLASS_TINTS: RGB[] = [srgb(0x9fb7d6), srgb(0xa9cdb0), srgb(0xe6cf8e), srgb(0xd9a39a)];

const X = 4.0;
const Z = 2.8;
const CEILING = 3.4;
const WALL_T = 0.3;

/** Winter daylight: bright sky through the west windows and the open door, a pale low sun from the south-west. */
const RIG: LightRig = {
  ambient: [0.46, 0.45, 0.43],
  sky: [1.9, 1.95, 2.05],
  ground: [0.35, 0.33, 0.3],
  suns: [{ dir: normalize([0.62, -0.45, -0.64]), color: [1.25, 1.12, 0.92], spread: 0.05 }],
  lamps: [],
  aoRadius: 0.7,
  aoStrength: 0.85,
  skyDistance: 30,
};

/** West windows in the inward west frame (s runs from z = +Z northwards). */
const WEST_WINDOWS: Rect2[] = [1.6, 0, -1.6].map((zc) => ({ s0: Z - zc - 0.55, s1: Z - zc + 0.55, t0: 0.85, t1: 2.5 }));
/** The door to the veranda, in the outward south frame (s runs from x = −X eastwards). */
const DOOR: Rect2 = { s0: 2.2 + X, s1: 3.15 + X, t0: 0, t1: 2.3 };

function vary(c: RGB, h: number, amount: number): RGB {
  const k = 1 + (h - 0.5) * 2 * amount;
  return [c[0] * k, c[1] * k, c[2] * k];
}

function lathe(points: [number, number][], segments = 16): BufferGeometry {
  return plain(new LatheGeometry(points.map(([x, y]) => new Vector2(x, y)), segments));
}

// ---------------------------------------------------------------- shell

function floor(room: Room): void {
  const r = rng(41);
  const w = new GeometryWriter();
  const bw = 0.15;
  for (let z = -Z; z < Z - 1e-6; z += bw) {
    const z1 = Math.min(z + bw, Z);
    let x = -X - r() * 1.5;
    while (x < X - 1e-6) {
      const len = 1.6 + r() * 1.6;
      const a = Math.max(x, -X);
      const b = Math.min(x + len, X);
      if (b - a > 0.02) {
        w.withTint(vary([1, 1, 1], r(), 0.12));
        w.quad([a + 0.002, 0, z1 - 0.002], [b - a - 0.004, 0, 0], [0, 0, -(z1 - z - 0.004)], 0.35);
      }
      x += len;
    }
  }
  room.add('floor', w.build(), C.floor, { bake: { grid: 0.2 } });
  const under = new GeometryWriter();
  under.quad([-X, -0.004, Z], [2 * X, 0, 0], [0, 0, -2 * Z], 0.8);
  room.add('floor', under.build(), shade(C.floor, 0.3));
  room.solid([-X - 1, -0.4, -Z - 1], [X + 1, 0, Z + 3]);
}

function walls(room: Room): void {
  const N = 'walls';
  // every frame faces into the room (normal u × v)
  const south: WallFrame = { origin: [X, 0, Z], u: [-1, 0, 0], v: [0, 1, 0] };
  const north: WallFrame = { origin: [-X, 0, -Z], u: [1, 0, 0], v: [0, 1, 0] };
  const west: WallFrame = { origin: [-X, 0, Z], u: [0, 0, -1], v: [0, 1, 0] };
  const east: WallFrame = { origin: [X, 0, -Z], u: [0, 0, 1], v: [0, 1, 0] };
  // DOOR runs from x = −X; the inward south frame runs from x = +X
  const doorIn: Rect2 = { ...DOOR, s0: 2 * X - DOOR.s1, s1: 2 * X - DOOR.s0 };
  room.add(N, panel(south, 2 * X, CEILING, [doorIn], 0.3), C.plaster, { bake: { grid: 0.2 } });
  room.add(N, panel(north, 2 * X, CEILING, [], 0.3), C.plaster, { bake: { grid: 0.2 } });
  room.add(N, panel(west, 2 * Z, CEILING, WEST_WINDOWS, 0.3), C.plaster, { bake: { grid: 0.2 } });
  room.add(N, panel(east, 2 * Z, CEILING, [], 0.3), C.plaster, { bake: { grid: 0.2 } });
  room.add(N, reveals(south, doorIn, WALL_T, { bottom: false }), C.plasterDim);
  for (const h of WEST_WINDOWS) room.add(N, reveals(west, h, WALL_T), C.plasterDim);
  // solid walls: frames on the outer faces, thickness behind them
  room.solidWall({ origin: [-X, 0, Z + WALL_T], u: [1, 0, 0], v: [0, 1, 0] }, 2 * X, CEILING, WALL_T, [DOOR]);
  room.solidWall(west, 2 * Z, CEILING, WALL_T, WEST_WINDOWS);
  room.solid([-X - WALL_T, 0, -Z - WALL_T], [X + WALL_T, CEILING, -Z]);
  room.solid([X, 0, -Z - WALL_T], [X + WALL_T, CEILING, Z + WALL_T]);
  room.solid([-X - WALL_T, CEILING, -Z - WALL_T], [X + WALL_T, CEILING + 0.3, Z + WALL_T]);

  // dark skirting and a picture rail, broken at the door
  const sk = 0.18;
  const t = 0.02;
  const runs: [Vec3, Vec3][] = [
    [[-X, 0, -Z], [-X + t, sk, Z]],
    [[X - t, 0, -Z], [X, sk, Z]],
    [[-X, 0, -Z], [X, sk, -Z + t]],
    [[-X, 0, Z - t], [DOOR.s0 - X - 0.08, sk, Z]],
    [[DOOR.s1 - X + 0.08, 0, Z - t], [X, sk, Z]],
  ];
  for (const [a, b] of runs) room.add(N, box(a, b, { skip: ['ny'], cell: 0.6 }), C.skirting);
  const rail = 2.75;
  for (const [a, b] of [
    [[-X, rail, -Z], [-X + 0.025, rail + 0.05, Z]],
    [[X - 0.025, rail, -Z], [X, rail + 0.05, Z]],
    [[-X, rail, -Z], [X, rail + 0.05, -Z + 0.025]],
    [[-X, rail, Z - 0.025], [X, rail + 0.05, Z]],
  ] as [Vec3, Vec3][])
    room.add(N, box(a, b, { cell: 0.8 }), C.skirting);
}

function ceiling(room: Room): void {
  const N = 'ceiling';
  const c = new GeometryWriter();
  c.quad([-X, CEILING, -Z], [2 * X, 0, 0], [0, 0, 2 * Z], 0.35);
  room.add(N, c.build(), C.ceiling, { bake: { grid: 0.25 } });
  for (const [a, b] of [
    [[-X, CEILING - 0.12, -Z], [X, CEILING, -Z + 0.1]],
    [[-X, CEILING - 0.12, Z - 0.1], [X, CEILING, Z]],
    [[-X, CEILING - 0.12, -Z], [-X + 0.1, CEILING, Z]],
    [[X - 0.1, CEILING - 0.12, -Z], [X, CEILING, Z]],
  ] as [Vec3, Vec3][])
    room.add(N, box(a, b, { skip: ['py'], cell: 0.6 }), mix(C.ceiling, C.plasterDim, 0.4));
  // a moulded rose where the lamp hangs
  room.add(N, place(new CylinderGeometry(0.22, 0.26, 0.04, 16), { at: [0, CEILING - 0.02, 0] }), mix(C.ceiling, C.plasterDim, 0.3));
}

// ---------------------------------------------------------------- windows, door, east wall

function westWindows(room: Room): void {
  const N = 'windows';
  for (const h of WEST_WINDOWS) {
    const z0 = Z - h.s1;
    const z1 = Z - h.s0;
    const xm = -X - 0.15;
    // panes: a bright clear middle, coloured glass round the edges
    const panes = new GeometryWriter();
    const cols = 4;
    const rows = 5;
    for (let i = 0; i < cols; i++)
      for (let j = 0; j < rows; j++) {
        const edge = i === 0 || i === cols - 1 || j === rows - 1;
        const y = h.t0 + ((h.t1 - h.t0) * j) / rows;
        const sky = mix(C.paneLow, C.paneSky, (j + 0.5) / rows);
        panes.withTint(edge ? GLASS_TINTS[Math.floor(hash3(z0 + i, j, 5) * GLASS_TINTS.length)]! : sky);
        const za = z1 - ((z1 - z0) * i) / cols;
        panes.quad([xm, y, za], [0, 0, -(z1 - z0) / cols], [0, (h.t1 - h.t0) / rows, 0]);
      }
    room.add(N, panes.build(), [1, 1, 1], { material: 'glow', lit: false });
    const fr = 0.06;
    const xi = xm + 0.05;
    const bars: [Vec3, Vec3][] = [
      [[xm, h.t0, z0], [xi, h.t0 + fr, z1]],
      [[xm, h.t1 - fr, z0], [xi, h.t1, z1]],
      [[xm, h.t0, z0], [xi, h.t1, z0 + fr]],
      [[xm, h.t0, z1 - fr], [xi, h.t1, z1]],
      [[xm, h.t0, (z0 + z1) / 2 - 0.03], [xi, h.t1, (z0 + z1) / 2 + 0.03]],
    ];
    for (let k = 1; k < rows; k++) {
      const y = h.t0 + ((h.t1 - h.t0) * k) / rows;
      bars.push([[xm, y - 0.012, z0], [xi - 0.01, y + 0.012, z1]]);
    }
    for (const k of [1, 3]) {
      const z = z0 + ((z1 - z0) * k) / cols;
      bars.push([[xm, h.t0, z - 0.012], [xi - 0.01, h.t1, z + 0.012]]);
    }
    for (const [a, b] of bars) room.add(N, box(a, b), C.chestnut);
    // architrave and sill
    for (const [a, b] of [
      [[-X, h.t0 - 0.08, z0 - 0.08], [-X + 0.025, h.t1 + 0.08, z0]],
      [[-X, h.t0 - 0.08, z1], [-X + 0.025, h.t1 + 0.08, z1 + 0.08]],
      [[-X, h.t1, z0], [-X + 0.025, h.t1 + 0.08, z1]],
    ] as [Vec3, Vec3][])
      room.add(N, box(a, b, { skip: ['nx'] }), C.skirting);
    room.add(N, box([xm, h.t0 - 0.04, z0 - 0.1], [-X + 0.06, h.t0, z1 + 0.1]), C.skirting);
  }
}

function door(room: Room): void {
  const N = 'door';
  const x0 = DOOR.s0 - X;
  const x1 = DOOR.s1 - X;
  const y1 = DOOR.t1;
  for (const [a, b] of [
    [[x0 - 0.08, 0, Z - 0.025], [x0, y1 + 0.09, Z]],
    [[x1, 0, Z - 0.025], [x1 + 0.08, y1 + 0.09, Z]],
    [[x0, y1, Z - 0.025], [x1, y1 + 0.09, Z]],
  ] as [Vec3, Vec3][])
    room.add(N, box(a, b, { skip: ['ny', 'pz'] }), C.skirting);
  room.add(N, box([x0, 0, Z], [x1, 0.02, Z + WALL_T], { skip: ['ny'] }), C.beam);
  // the veranda beyond: its floor, a railing and the bright day
  const vz0 = Z + WALL_T;
  const vz1 = vz0 + 1.8;
  const vf = new GeometryWriter();
  vf.quad([x0 - 1.2, 0, vz1], [x1 - x0 + 2.4, 0, 0], [0, 0, vz0 - vz1], 0.5);
  room.add(N, vf.build(), C.veranda);
  const sky = new GeometryWriter();
  sky.quad([x1 + 1.2, 0, vz1], [-(x1 - x0 + 2.4), 0, 0], [0, CEILING, 0]);
  room.add(N, sky.build(), (p) => mix(C.paneLow, C.paneSky, Math.min(1, p[1] / 2.5)), { material: 'glow', lit: false });
  room.add(N, box([x0 - 1.2, 0.86, vz1 - 0.5], [x1 + 1.2, 0.94, vz1 - 0.4]), C.chestnut);
  for (let x = x0 - 1.1; x < x1 + 1.2; x += 0.16) room.add(N, box([x - 0.02, 0, vz1 - 0.47], [x + 0.02, 0.86, vz1 - 0.43], { skip: ['ny'] }), shade(C.chestnut, 0.9));
  // one panelled leaf, opened outward onto the veranda
  const leafW = x1 - x0;
  const parts: { g: BufferGeometry; c: RGB }[] = [{ g: box([0, 0.02, 0], [leafW - 0.01, y1 - 0.02, 0.045]), c: C.chestnut }];
  for (const [p0, p1] of [
    [0.15, 1.0],
    [1.15, 2.1],
  ] as const) {
    parts.push({ g: box([0.09, p0, -0.008], [leafW - 0.1, p1, 0]), c: shade(C.chestnut, 0.8) });
    parts.push({ g: box([0.09, p0, 0.045], [leafW - 0.1, p1, 0.053]), c: shade(C.chestnut, 0.8) });
  }
  parts.push({ g: place(new TorusGeometry(0.035, 0.007, 5, 12), { at: [leafW - 0.08, 1.0, -0.012] }), c: C.brass });
  const m = matrixOf({ at: [x1, 0, vz0], rot: [0, (-75 * Math.PI) / 180, 0] });
  for (const p of parts) {
    p.g.applyMatrix4(m);
    room.add(N, p.g, p.c);
  }
}

/** Two built-in cupboards on the east wall, the northern one with a long mirror in its door. */
function cupboards(room: Room): void {
  const N = 'cupboards';
  for (const [zc, mirror] of [
    [-1.75, true],
    [1.75, false],
  ] as const) {
    const z0 = zc - 0.5;
    const z1 = zc + 0.5;
    const x = X;
    room.add(N, box([x - 0.1, 0, z0 - 0.06], [x, 2.3, z1 + 0.06], { skip: ['px', 'ny'], cell: 0.5 }), C.chestnut);
    room.add(N, box([x - 0.14, 2.3, z0 - 0.1], [x, 2.4, z1 + 0.1], { skip: ['px'] }), shade(C.chestnut, 0.85));
    // two doors with sunk panels; a mirror in one
    for (const [a, b] of [
      [z0 + 0.04, zc - 0.01],
      [zc + 0.01, z1 - 0.04],
    ] as const) {
      room.add(N, box([x - 0.11, 0.15, a + 0.06], [x - 0.1, 0.95, b - 0.06], { skip: ['px'] }), shade(C.chestnut, 0.8));
      if (mirror && a < zc) room.add(N, box([x - 0.11, 1.05, a + 0.06], [x - 0.1, 2.15, b - 0.06], { skip: ['px'] }), C.mirror, { bake: { glow: 0.25 } });
      else room.add(N, box([x - 0.11, 1.05, a + 0.06], [x - 0.1, 2.15, b - 0.06], { skip: ['px'] }), shade(C.chestnut, 0.8));
    }
    for (const dz of [-0.08, 0.08]) room.add(N, place(new SphereGeometry(0.018, 6, 4), { at: [x - 0.12, 1.1, zc + dz] }), C.brass);
    room.solid([x - 0.1, 0, z0 - 0.06], [x, 2.3, z1 + 0.06]);
  }
}

/** A pendulum wall clock on the east wall. */
function wallClock(room: Room): void {
  const N = 'wall-clock';
  const x = X;
  const zc = 0;
  const y = 2.2;
  // local frame: the clock faces −x (into the room); build it facing +z and turn it
  const parts: { g: BufferGeometry; c: RGB }[] = [];
  parts.push({ g: box([-0.2, y - 0.55, 0], [0.2, y + 0.22, 0.13], { skip: ['nz'] }), c: C.beam });
  parts.push({ g: box([-0.23, y + 0.22, 0], [0.23, y + 0.29, 0.15], { skip: ['nz'] }), c: shade(C.beam, 0.85) });
  parts.push({ g: box([-0.22, y - 0.6, 0], [0.22, y - 0.55, 0.15], { skip: ['nz'] }), c: shade(C.beam, 0.85) });
  parts.push({ g: place(new CylinderGeometry(0.15, 0.15, 0.01, 24), { at: [0, y, 0.135], rot: [Math.PI / 2, 0, 0] }), c: C.dial });
  parts.push({ g: place(new TorusGeometry(0.155, 0.012, 5, 24), { at: [0, y, 0.14] }), c: C.brass });
  const marks = new GeometryWriter();
  for (let k = 0; k < 12; k++) {
    const a = (k / 12) * Math.PI * 2;
    const r0 = k % 3 === 0 ? 0.1 : 0.115;
    const c: Vec3 = [(Math.sin(a) * (r0 + 0.13)) / 2, y + (Math.cos(a) * (r0 + 0.13)) / 2, 0.1415];
    const len = 0.13 - r0;
    const u: Vec3 = [Math.cos(a) * 0.006, -Math.sin(a) * 0.006, 0];
    const v: Vec3 = [Math.sin(a) * len, Math.cos(a) * len, 0];
    marks.quad([c[0] - u[0] - v[0] / 2, c[1] - u[1] - v[1] / 2, c[2]], [u[0] * 2, u[1] * 2, 0], v);
  }
  parts.push({ g: marks.build(), c: C.ink });
  parts.push({ g: boxAt([0.025, y + 0.02, 0.145], [0.012, 0.075, 0.004], [0, 0, -1.0]), c: C.ink });
  parts.push({ g: boxAt([-0.01, y + 0.05, 0.146], [0.008, 0.11, 0.004], [0, 0, 0.2]), c: C.ink });
  const g = new GeometryWriter();
  g.quad([-0.13, y - 0.5, 0.131], [0.26, 0, 0], [0, 0.33, 0]);
  parts.push({ g: g.build(), c: shade(C.ink, 1.4) });
  parts.push({ g: tube([[0, y - 0.17, 0.133], [0, y - 0.4, 0.133]], 0.004, 4), c: C.brass });
  parts.push({ g: place(new CylinderGeometry(0.04, 0.04, 0.008, 14), { at: [0, y - 0.42, 0.134], rot: [Math.PI / 2, 0, 0] }), c: C.brass });
  const m = matrixOf({ at: [x, 0, zc], rot: [0, -Math.PI / 2, 0] });
  for (const p of parts) {
    p.g.applyMatrix4(m);
    room.add(N, p.g, p.c);
  }
}

/** The hanging lamp over the table: a glass chimney under a shade with a frilled (lotus-leaf) rim. */
function hangingLamp(room: Room): void {
  const N = 'hanging-lamp';
  const y = 2.45;
  room.add(N, tube([[0, CEILING - 0.03, 0], [0, y + 0.32, 0]], 0.008, 5), C.brass);
  room.add(N, place(new CylinderGeometry(0.02, 0.03, 0.06, 8), { at: [0, y + 0.3, 0] }), C.brass);
  // the shade: a shallow cone whose rim rises and falls in twelve scallops
  const w = new GeometryWriter();
  const seg = 48;
  const rings = [
    { r: 0.05, y: y + 0.26 },
    { r: 0.2, y: y + 0.14 },
    { r: 0.3, y: y + 0.04 },
  ];
  const ids: number[][] = [];
  for (const [k, ring] of rings.entries()) {
    const row: number[] = [];
    for (let i = 0; i < seg; i++) {
      const a = (i / seg) * Math.PI * 2;
      const frill = k === rings.length - 1 ? 0.035 * Math.cos(a * 12) : 0;
      const p: Vec3 = [Math.cos(a) * ring.r, ring.y + frill, Math.sin(a) * ring.r];
      row.push(w.vertex(p, normalize([Math.cos(a) * 0.6, 1, Math.sin(a) * 0.6])));
    }
    ids.push(row);
  }
  for (let k = 0; k + 1 < ids.length; k++)
    for (let i = 0; i < seg; i++) {
      const a = ids[k]![i]!;
      const b = ids[k]![(i + 1) % seg]!;
      const c = ids[k + 1]![(i + 1) % seg]!;
      const d = ids[k + 1]![i]!;
      w.tri(a, b, c);
      w.tri(a, c, d);
      // the underside, lit from the flame
      w.tri(a, c, b);
      w.tri(a, d, c);
    }
  room.add(N, w.build(), C.shade, { material: 'glow', lit: false });
  // chimney and brass fount
  room.add(N, lathe([
    [0.0, 0],
    [0.035, 0],
    [0.05, 0.05],
    [0.045, 0.1],
    [0.025, 0.14],
    [0.022, 0.22],
  ], 12).translate(0, y - 0.1, 0), srgb(0xfff1d0), { material: 'glow', lit: false });
  room.add(N, lathe([
    [0.0, 0],
    [0.07, 0],
    [0.08, 0.04],
    [0.06, 0.08],
    [0.0, 0.09],
  ], 12).translate(0, y - 0.19, 0), C.brass);
}

// ---------------------------------------------------------------- furniture

const TABLE = { hx: 1.6, hz: 0.55, top: 0.8 };

function table(room: Room): void {
  const N = 'meeting-table';
  const { hx, hz, top } = TABLE;
  room.add(N, box([-hx, top - 0.045, -hz], [hx, top, hz], { cell: 0.3 }), (p) => vary(C.table, hash3(Math.floor(p[0] * 3), 0, 2), 0.06));
  room.add(N, box([-hx + 0.06, top - 0.15, -hz + 0.06], [hx - 0.06, top - 0.045, hz - 0.06], { skip: ['py'] }), shade(C.table, 0.85));
  const legs: [number, number][] = [
    [-hx + 0.04, -hz + 0.04],
    [hx - 0.11, -hz + 0.04],
    [-hx + 0.04, hz - 0.11],
    [hx - 0.11, hz - 0.11],
  ];
  for (const [lx, lz] of legs) {
    room.add(N, box([lx, 0, lz], [lx + 0.07, top - 0.045, lz + 0.07], { skip: ['ny', 'py'] }), C.table);
    room.solid([lx, 0, lz], [lx + 0.07, top - 0.045, lz + 0.07]);
  }
  for (const sz of [-1, 1]) room.add(N, box([-hx + 0.08, 0.14, sz * (hz - 0.075) - 0.015], [hx - 0.08, 0.18, sz * (hz - 0.075) + 0.015]), shade(C.table, 0.9));
  room.solid([-hx, top - 0.15, -hz], [hx, top, hz]);
}

/** Twenty chair places: eight along each long side, two at each end. */
function chairPlaces(): Instance[] {
  const out: Instance[] = [];
  for (let k = 0; k < 8; k++) {
    const x = -1.4 + k * 0.4;
    out.push({ at: [x, 0, -0.86], yaw: 0 });
    out.push({ at: [x, 0, 0.86], yaw: Math.PI });
  }
  for (const z of [-0.27, 0.27]) {
    out.push({ at: [-1.96, 0, z], yaw: Math.PI / 2 });
    out.push({ at: [1.96, 0, z], yaw: -Math.PI / 2 });
  }
  return out;
}

/**
 * A folding chair with a wooden frame and rattan seat and back (local frame: seat centred on the
 * origin, back towards −z, facing +z): legs crossing under the seat on each side.
 */
function chairs(room: Room): void {
  const N = 'chairs';
  const seatY = 0.45;
  const hw = 0.18;
  const hd = 0.19;
  const wood: BufferGeometry[] = [];
  const cane: BufferGeometry[] = [];
  // seat frame and rattan panel
  for (const [a, b] of [
    [[-hw, seatY - 0.04, -hd], [hw, seatY, -hd + 0.035]],
    [[-hw, seatY - 0.04, hd - 0.035], [hw, seatY, hd]],
    [[-hw, seatY - 0.04, -hd], [-hw + 0.035, seatY, hd]],
    [[hw - 0.035, seatY - 0.04, -hd], [hw, seatY, hd]],
  ] as [Vec3, Vec3][])
    wood.push(box(a, b));
  cane.push(box([-hw + 0.035, seatY - 0.018, -hd + 0.035], [hw - 0.035, seatY - 0.004, hd - 0.035]));
  // crossed legs on each side, and a stretcher between them
  for (const sx of [-1, 1]) {
    const x = sx * (hw - 0.015);
    wood.push(tube([[x, 0, hd - 0.02], [x, seatY - 0.04, -hd + 0.04]], 0.016, 5));
    wood.push(tube([[x, 0, -hd + 0.02], [x, seatY - 0.04, hd - 0.04]], 0.016, 5));
  }
  wood.push(tube([[-hw + 0.01, 0.07, hd - 0.03], [hw - 0.01, 0.07, hd - 0.03]], 0.012, 5));
  wood.push(tube([[-hw + 0.01, 0.07, -hd + 0.03], [hw - 0.01, 0.07, -hd + 0.03]], 0.012, 5));
  // back: two uprights leaning back a little, a top rail and a rattan panel
  for (const sx of [-1, 1]) wood.push(tube([[sx * (hw - 0.015), seatY - 0.04, -hd + 0.015], [sx * (hw - 0.015), 0.92, -hd - 0.05]], 0.016, 5));
  wood.push(boxAt([0, 0.9, -hd - 0.045], [2 * hw, 0.05, 0.03], [-0.12, 0, 0]));
  wood.push(boxAt([0, 0.58, -hd - 0.005], [2 * hw - 0.03, 0.03, 0.025], [-0.12, 0, 0]));
  cane.push(boxAt([0, 0.74, -hd - 0.025], [2 * hw - 0.05, 0.27, 0.012], [-0.12, 0, 0]));
  for (const g of wood) room.add(N, g, C.chair);
  for (const g of cane) room.add(N, g, (p) => vary(C.rattan, hash3(Math.floor(p[0] * 40), Math.floor(p[1] * 40), p[2]), 0.06));
  const places = chairPlaces();
  const floorOcc: Occluder = { min: [-3, -0.3, -3], max: [3, 0, 3] };
  const seat: Occluder = { min: [-hw, seatY - 0.04, -hd], max: [hw, seatY - 0.02, hd] };
  const tableAbove: Occluder = { min: [-0.6, 0.65, 0.3], max: [0.6, 0.8, 0.9] };
  room.instance(N, places, { ...RIG, suns: [] }, [floorOcc, seat, tableAbove]);
  for (const p of places) {
    const turned = Math.abs(Math.sin(p.yaw)) > 0.5;
    const ex = turned ? hd : hw;
    const ez = turned ? hw : hd;
    room.solid([p.at[0] - ex, seatY - 0.04, p.at[2] - ez], [p.at[0] + ex, seatY, p.at[2] + ez]);
  }
}

/** A charcoal brazier on a low wooden stand, under the table. */
function brazier(room: Room): void {
  const N = 'brazier';
  room.add(N, box([-0.3, 0.16, -0.3], [0.3, 0.2, 0.3]), C.beam);
  for (const [dx, dz] of [
    [-0.27, -0.27],
    [0.23, -0.27],
    [-0.27, 0.23],
    [0.23, 0.23],
  ] as const)
    room.add(N, box([dx, 0, dz], [dx + 0.04, 0.16, dz + 0.04], { skip: ['ny', 'py'] }), C.beam);
  room.add(
    N,
    place(
      lathe(
        [
          [0.0, 0],
          [0.17, 0],
          [0.24, 0.06],
          [0.27, 0.14],
          [0.3, 0.15],
          [0.29, 0.165],
          [0.255, 0.15],
          [0.0, 0.12],
        ],
        20,
      ),
      { at: [0, 0.2, 0] },
    ),
    C.copper,
  );
  const r = rng(9);
  room.add(N, place(new CylinderGeometry(0.25, 0.25, 0.01, 20), { at: [0, 0.325, 0] }), C.ash);
  for (let k = 0; k < 9; k++) {
    const a = r() * Math.PI * 2;
    const d = Math.sqrt(r()) * 0.16;
    room.add(N, place(new SphereGeometry(0.04 + r() * 0.02, 6, 4), { at: [Math.cos(a) * d, 0.335, Math.sin(a) * d], scale: [1, 0.6, 1] }), mix(C.ember, srgb(0x3a2a22), r() * 0.5), { material: 'glow', lit: false });
  }
}

/** Builds the zunyi-meeting-room room: the upper-floor meeting room of the main building. */
export function zunyiMeetingRoom(): Room {
  const room = new Room('zunyi-meeting-room', RIG);
  floor(room);
  walls(room);
  ceiling(room);
  westWindows(room);
  door(room);
  cupboards(room);
  wallClock(room);
  hangingLamp(room);
  table(room);
  chairs(room);
  brazier(room);
  return room;
}

export default zunyiMeetingRoom;
