/**
 * The meeting room on the upper floor of the main building of the Zunyi Conference site: a plain
 * whitewashed room with a board floor, windows onto the veranda, a rectangular table in the middle
 * with chairs round it, a wall clock and a charcoal brazier for the January cold. An illustrative
 * reconstruction of the room as the memorial shows it, not a survey.
 *
 * Plan (metres, y up, floor at 0, +z is south, towards the veranda): room x∈[-3.5, 3.5],
 * z∈[-2.8, 2.8], ceiling 3.4; windows and the door in the south wall, one window in the west wall.
 * Walkable areas and the table/chairs obstacle come from scenes/zunyi/scene.json.
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
  skirting: srgb(0x3d2217),
  ceiling: srgb(0xf0ede5),
  beam: srgb(0x5a3322),
  windowWood: srgb(0x4f2418),
  table: srgb(0x4a2416),
  chair: srgb(0x5a2d1c),
  brass: srgb(0xb08d45),
  dial: srgb(0xefe9d8),
  ink: srgb(0x1e1b19),
  iron: srgb(0x2e2c2a),
  copper: srgb(0x8a5a35),
  ember: srgb(0xff7a2e),
  ash: srgb(0x6d6862),
  paneSky: srgb(0xe6ecef),
  paneLow: srgb(0xc9cfc9),
  veranda: srgb(0xb7b3aa),
};

const X = 3.5;
const Z = 2.8;
const CEILING = 3.4;
const WALL_T = 0.3;

/** Winter daylight through the south windows: bright sky, a pale low sun, no lamps. */
const RIG: LightRig = {
  ambient: [0.46, 0.45, 0.43],
  sky: [1.9, 1.95, 2.05],
  ground: [0.35, 0.33, 0.3],
  suns: [{ dir: normalize([0.3, -0.5, -0.81]), color: [1.3, 1.18, 0.98], spread: 0.05 }],
  lamps: [],
  aoRadius: 0.7,
  aoStrength: 0.85,
  skyDistance: 30,
};

/** Openings in the south wall (x from −X) and the west window (z from +Z, running north). */
const SOUTH_WINDOWS = [-2.2, 0.0].map((cx) => ({ s0: cx - 0.6 + X, s1: cx + 0.6 + X, t0: 0.9, t1: 2.5 }));
const DOOR: Rect2 = { s0: 1.9 + X, s1: 2.85 + X, t0: 0, t1: 2.3 };
const WEST_WINDOW: Rect2 = { s0: Z + 0.1 - 0.55, s1: Z + 0.1 + 0.55, t0: 0.9, t1: 2.5 };

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
  // SOUTH_WINDOWS and DOOR run from x = −X; the inward south frame runs from x = +X
  const southHoles = [...SOUTH_WINDOWS, DOOR].map((h) => ({ ...h, s0: 2 * X - h.s1, s1: 2 * X - h.s0 }));
  room.add(N, panel(south, 2 * X, CEILING, southHoles, 0.3), C.plaster, { bake: { grid: 0.2 } });
  room.add(N, panel(north, 2 * X, CEILING, [], 0.3), C.plaster, { bake: { grid: 0.2 } });
  room.add(N, panel(west, 2 * Z, CEILING, [WEST_WINDOW], 0.3), C.plaster, { bake: { grid: 0.2 } });
  room.add(N, panel(east, 2 * Z, CEILING, [], 0.3), C.plaster, { bake: { grid: 0.2 } });
  for (const h of southHoles) room.add(N, reveals(south, h, WALL_T, { bottom: h.t0 > 0 }), C.plasterDim);
  room.add(N, reveals(west, WEST_WINDOW, WALL_T), C.plasterDim);
  // solid walls: an outward-facing frame on the outer face, thickness behind it
  room.solidWall({ origin: [-X, 0, Z + WALL_T], u: [1, 0, 0], v: [0, 1, 0] }, 2 * X, CEILING, WALL_T, [...SOUTH_WINDOWS, DOOR]);
  room.solidWall({ origin: [-X, 0, Z], u: [0, 0, -1], v: [0, 1, 0] }, 2 * Z, CEILING, WALL_T, [WEST_WINDOW]);
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
  // a cornice round the edge and two cased beams across the room
  for (const [a, b] of [
    [[-X, CEILING - 0.12, -Z], [X, CEILING, -Z + 0.1]],
    [[-X, CEILING - 0.12, Z - 0.1], [X, CEILING, Z]],
    [[-X, CEILING - 0.12, -Z], [-X + 0.1, CEILING, Z]],
    [[X - 0.1, CEILING - 0.12, -Z], [X, CEILING, Z]],
  ] as [Vec3, Vec3][])
    room.add(N, box(a, b, { skip: ['py'], cell: 0.6 }), mix(C.ceiling, C.plasterDim, 0.4));
  for (const bx of [-1.75, 1.75]) room.add(N, box([bx - 0.1, CEILING - 0.22, -Z], [bx + 0.1, CEILING, Z], { skip: ['py'], cell: 0.5 }), C.beam);
}

// ---------------------------------------------------------------- windows and door

function sash(room: Room, N: string, a: Vec3, b: Vec3): void {
  room.add(N, box(a, b), C.windowWood);
}

function windows(room: Room): void {
  const N = 'windows';
  // south windows: glazed casements set in the middle of the wall, daylight from the veranda beyond
  for (const h of SOUTH_WINDOWS) {
    const x0 = h.s0 - X;
    const x1 = h.s1 - X;
    const zm = Z + 0.15;
    const pane = new GeometryWriter();
    pane.quad([x1, h.t0, zm], [x0 - x1, 0, 0], [0, h.t1 - h.t0, 0]);
    room.add(N, pane.build(), (p) => mix(C.paneLow, C.paneSky, (p[1] - h.t0) / (h.t1 - h.t0)), { material: 'glow', lit: false });
    const fr = 0.06;
    const zi = zm - 0.05;
    for (const [a, b] of [
      [[x0, h.t0, zi], [x1, h.t0 + fr, zm]],
      [[x0, h.t1 - fr, zi], [x1, h.t1, zm]],
      [[x0, h.t0, zi], [x0 + fr, h.t1, zm]],
      [[x1 - fr, h.t0, zi], [x1, h.t1, zm]],
      [[(x0 + x1) / 2 - 0.03, h.t0, zi], [(x0 + x1) / 2 + 0.03, h.t1, zm]],
    ] as [Vec3, Vec3][])
      sash(room, N, a, b);
    for (let k = 1; k < 4; k++) {
      const y = h.t0 + ((h.t1 - h.t0) * k) / 4;
      sash(room, N, [x0, y - 0.015, zi + 0.01], [x1, y + 0.015, zm]);
    }
    // architrave and sill on the room side
    for (const [a, b] of [
      [[x0 - 0.08, h.t0 - 0.08, Z - 0.025], [x0, h.t1 + 0.08, Z]],
      [[x1, h.t0 - 0.08, Z - 0.025], [x1 + 0.08, h.t1 + 0.08, Z]],
      [[x0, h.t1, Z - 0.025], [x1, h.t1 + 0.08, Z]],
    ] as [Vec3, Vec3][])
      room.add(N, box(a, b, { skip: ['pz'] }), C.skirting);
    room.add(N, box([x0 - 0.1, h.t0 - 0.04, Z - 0.06], [x1 + 0.1, h.t0, zm]), C.skirting);
  }
  // the west window
  {
    const h = WEST_WINDOW;
    const z0 = Z - h.s1;
    const z1 = Z - h.s0;
    const xm = -X - 0.15;
    const pane = new GeometryWriter();
    pane.quad([xm, h.t0, z1], [0, 0, z0 - z1], [0, h.t1 - h.t0, 0]);
    room.add(N, pane.build(), (p) => mix(C.paneLow, C.paneSky, (p[1] - h.t0) / (h.t1 - h.t0)), { material: 'glow', lit: false });
    const fr = 0.06;
    const xi = xm + 0.05;
    for (const [a, b] of [
      [[xm, h.t0, z0], [xi, h.t0 + fr, z1]],
      [[xm, h.t1 - fr, z0], [xi, h.t1, z1]],
      [[xm, h.t0, z0], [xi, h.t1, z0 + fr]],
      [[xm, h.t0, z1 - fr], [xi, h.t1, z1]],
      [[xm, h.t0, (z0 + z1) / 2 - 0.03], [xi, h.t1, (z0 + z1) / 2 + 0.03]],
    ] as [Vec3, Vec3][])
      sash(room, N, a, b);
    for (let k = 1; k < 4; k++) {
      const y = h.t0 + ((h.t1 - h.t0) * k) / 4;
      sash(room, N, [xm, y - 0.015, z0], [xi - 0.01, y + 0.015, z1]);
    }
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
  // the veranda beyond: its floor, a railing and the bright day between arches
  const vz0 = Z + WALL_T;
  const vz1 = vz0 + 1.8;
  const vf = new GeometryWriter();
  vf.quad([x0 - 1.2, 0, vz1], [x1 - x0 + 2.4, 0, 0], [0, 0, vz0 - vz1], 0.5);
  room.add(N, vf.build(), C.veranda);
  const sky = new GeometryWriter();
  sky.quad([x1 + 1.2, 0, vz1], [-(x1 - x0 + 2.4), 0, 0], [0, CEILING, 0]);
  room.add(N, sky.build(), (p) => mix(C.paneLow, C.paneSky, Math.min(1, p[1] / 2.5)), { material: 'glow', lit: false });
  room.add(N, box([x0 - 1.2, 0.86, vz1 - 0.5], [x1 + 1.2, 0.94, vz1 - 0.4]), C.windowWood);
  for (let x = x0 - 1.1; x < x1 + 1.2; x += 0.16) room.add(N, box([x - 0.02, 0, vz1 - 0.47], [x + 0.02, 0.86, vz1 - 0.43], { skip: ['ny'] }), shade(C.windowWood, 0.9));
  // one leaf, opened outward against the veranda wall
  const leafW = x1 - x0;
  const parts: { g: BufferGeometry; c: RGB }[] = [{ g: box([0, 0.02, 0], [leafW - 0.01, y1 - 0.02, 0.045]), c: C.windowWood }];
  for (const [p0, p1] of [
    [0.15, 1.0],
    [1.15, 2.1],
  ] as const) {
    parts.push({ g: box([0.09, p0, -0.008], [leafW - 0.1, p1, 0]), c: shade(C.windowWood, 0.8) });
    parts.push({ g: box([0.09, p0, 0.045], [leafW - 0.1, p1, 0.053]), c: shade(C.windowWood, 0.8) });
  }
  parts.push({ g: place(new TorusGeometry(0.035, 0.007, 5, 12), { at: [leafW - 0.08, 1.0, -0.012] }), c: C.brass });
  const m = matrixOf({ at: [x1, 0, vz0], rot: [0, (-75 * Math.PI) / 180, 0] });
  for (const p of parts) {
    p.g.applyMatrix4(m);
    room.add(N, p.g, p.c);
  }
}

// ---------------------------------------------------------------- furniture

const TABLE = { hx: 1.3, hz: 0.55, top: 0.8 };

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
  // stretchers low between the legs
  for (const sz of [-1, 1]) room.add(N, box([-hx + 0.08, 0.14, sz * (hz - 0.075) - 0.015], [hx - 0.08, 0.18, sz * (hz - 0.075) + 0.015]), shade(C.table, 0.9));
  room.add(N, box([-0.015, 0.14, -hz + 0.08], [0.015, 0.18, hz - 0.08]), shade(C.table, 0.9));
  room.solid([-hx, top - 0.15, -hz], [hx, top, hz]);
}

/** The twelve chair places: five along each long side, one at each end. */
function chairPlaces(): Instance[] {
  const out: Instance[] = [];
  for (let k = -2; k <= 2; k++) {
    const x = k * 0.5;
    out.push({ at: [x, 0, -0.82], yaw: 0 });
    out.push({ at: [x, 0, 0.82], yaw: Math.PI });
  }
  out.push({ at: [-1.62, 0, 0], yaw: Math.PI / 2 });
  out.push({ at: [1.62, 0, 0], yaw: -Math.PI / 2 });
  return out;
}

/** A plain wooden side chair (local frame: seat centred on the origin, back towards −z, facing +z). */
function chairs(room: Room): void {
  const N = 'chairs';
  const seatY = 0.46;
  const hw = 0.21;
  const hd = 0.2;
  const parts: BufferGeometry[] = [];
  parts.push(box([-hw, seatY - 0.035, -hd], [hw, seatY, hd]));
  parts.push(box([-hw + 0.02, seatY - 0.09, -hd + 0.02], [hw - 0.02, seatY - 0.035, hd - 0.02], { skip: ['py'] }));
  for (const lx of [-hw + 0.02, hw - 0.02]) {
    parts.push(box([lx - 0.018, 0, hd - 0.056], [lx + 0.018, seatY - 0.035, hd - 0.02], { skip: ['ny', 'py'] }));
    // back legs continue up into the back posts
    parts.push(box([lx - 0.018, 0, -hd + 0.0], [lx + 0.018, 0.95, -hd + 0.036], { skip: ['ny'] }));
  }
  for (const [a, b] of [
    [[-hw + 0.03, 0.15, hd - 0.05], [hw - 0.03, 0.18, hd - 0.026]],
    [[-hw + 0.03, 0.15, -hd + 0.006], [hw - 0.03, 0.18, -hd + 0.03]],
    [[-hw + 0.005, 0.13, -hd + 0.04], [-hw + 0.03, 0.16, hd - 0.06]],
    [[hw - 0.03, 0.13, -hd + 0.04], [hw - 0.005, 0.16, hd - 0.06]],
    // top rail, a middle rail and a broad splat
    [[-hw - 0.02, 0.9, -hd - 0.005], [hw + 0.02, 0.97, -hd + 0.04]],
    [[-hw + 0.02, 0.62, -hd + 0.005], [hw - 0.02, 0.66, -hd + 0.03]],
  ] as [Vec3, Vec3][])
    parts.push(box(a, b));
  parts.push(boxAt([0, 0.77, -hd + 0.018], [0.16, 0.24, 0.018]));
  for (const g of parts) room.add(N, g, C.chair);
  const places = chairPlaces();
  const floorOcc: Occluder = { min: [-3, -0.3, -3], max: [3, 0, 3] };
  const seat: Occluder = { min: [-hw, seatY - 0.09, -hd], max: [hw, seatY, hd] };
  const tableAbove: Occluder = { min: [-0.7, 0.65, 0.25], max: [0.7, 0.8, 0.9] };
  room.instance(N, places, { ...RIG, suns: [] }, [floorOcc, seat, tableAbove]);
  // the chairs shade the floor
  for (const p of places) {
    const turned = Math.abs(Math.sin(p.yaw)) > 0.5;
    const ex = turned ? hd : hw;
    const ez = turned ? hw : hd;
    room.solid([p.at[0] - ex, seatY - 0.09, p.at[2] - ez], [p.at[0] + ex, seatY, p.at[2] + ez]);
  }
}

/** A pendulum wall clock on the north wall. */
function wallClock(room: Room): void {
  const N = 'wall-clock';
  const cx = 0;
  const z = -Z;
  const y = 2.2;
  room.add(N, box([cx - 0.2, y - 0.55, z], [cx + 0.2, y + 0.22, z + 0.13], { skip: ['nz'] }), C.beam);
  room.add(N, box([cx - 0.23, y + 0.22, z], [cx + 0.23, y + 0.29, z + 0.15], { skip: ['nz'] }), shade(C.beam, 0.85));
  room.add(N, box([cx - 0.22, y - 0.6, z], [cx + 0.22, y - 0.55, z + 0.15], { skip: ['nz'] }), shade(C.beam, 0.85));
  // dial with a brass bezel, twelve marks and two hands
  room.add(N, place(new CylinderGeometry(0.15, 0.15, 0.01, 24), { at: [cx, y, z + 0.135], rot: [Math.PI / 2, 0, 0] }), C.dial);
  room.add(N, place(new TorusGeometry(0.155, 0.012, 5, 24), { at: [cx, y, z + 0.14] }), C.brass);
  const marks = new GeometryWriter();
  for (let k = 0; k < 12; k++) {
    const a = (k / 12) * Math.PI * 2;
    const r0 = k % 3 === 0 ? 0.1 : 0.115;
    const c: Vec3 = [cx + Math.sin(a) * (r0 + 0.13) / 2, y + Math.cos(a) * (r0 + 0.13) / 2, z + 0.1415];
    const len = 0.13 - r0;
    const u: Vec3 = [Math.cos(a) * 0.006, -Math.sin(a) * 0.006, 0];
    const v: Vec3 = [Math.sin(a) * len, Math.cos(a) * len, 0];
    marks.quad([c[0] - u[0] - v[0] / 2, c[1] - u[1] - v[1] / 2, c[2]], [u[0] * 2, u[1] * 2, 0], v);
  }
  room.add(N, marks.build(), C.ink);
  room.add(N, boxAt([cx + 0.025, y + 0.02, z + 0.145], [0.012, 0.075, 0.004], [0, 0, -1.0]), C.ink);
  room.add(N, boxAt([cx - 0.01, y + 0.05, z + 0.146], [0.008, 0.11, 0.004], [0, 0, 0.2]), C.ink);
  // glazed door over the pendulum
  const g = new GeometryWriter();
  g.quad([cx - 0.13, y - 0.5, z + 0.131], [0.26, 0, 0], [0, 0.33, 0]);
  room.add(N, g.build(), shade(C.ink, 1.4));
  room.add(N, tube([[cx, y - 0.17, z + 0.133], [cx, y - 0.4, z + 0.133]], 0.004, 4), C.brass);
  room.add(N, place(new CylinderGeometry(0.04, 0.04, 0.008, 14), { at: [cx, y - 0.42, z + 0.134], rot: [Math.PI / 2, 0, 0] }), C.brass);
}

/** A charcoal brazier on a low wooden stand, under the table. */
function brazier(room: Room): void {
  const N = 'brazier';
  const at: Vec3 = [0, 0, 0];
  // a square stand
  room.add(N, box([at[0] - 0.3, 0.16, at[2] - 0.3], [at[0] + 0.3, 0.2, at[2] + 0.3]), C.beam);
  for (const [dx, dz] of [
    [-0.27, -0.27],
    [0.23, -0.27],
    [-0.27, 0.23],
    [0.23, 0.23],
  ] as const)
    room.add(N, box([at[0] + dx, 0, at[2] + dz], [at[0] + dx + 0.04, 0.16, at[2] + dz + 0.04], { skip: ['ny', 'py'] }), C.beam);
  // the copper basin
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
      { at: [at[0], 0.2, at[2]] },
    ),
    C.copper,
  );
  // ash and glowing charcoal
  const r = rng(9);
  room.add(N, place(new CylinderGeometry(0.25, 0.25, 0.01, 20), { at: [at[0], 0.325, at[2]] }), C.ash);
  for (let k = 0; k < 9; k++) {
    const a = r() * Math.PI * 2;
    const d = Math.sqrt(r()) * 0.16;
    room.add(N, place(new SphereGeometry(0.04 + r() * 0.02, 6, 4), { at: [at[0] + Math.cos(a) * d, 0.335, at[2] + Math.sin(a) * d], scale: [1, 0.6, 1] }), mix(C.ember, srgb(0x3a2a22), r() * 0.5), { material: 'glow', lit: false });
  }
}

/** Builds the zunyi-meeting-room room: the upper-floor meeting room of the main building. */
export function zunyiMeetingRoom(): Room {
  const room = new Room('zunyi-meeting-room', RIG);
  floor(room);
  walls(room);
  ceiling(room);
  windows(room);
  door(room);
  table(room);
  chairs(room);
  wallClock(room);
  brazier(room);
  return room;
}

export default zunyiMeetingRoom;
