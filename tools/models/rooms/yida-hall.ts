/**
 * The site of the First National Congress, 106 Wangzhi Road (today 76 Xingye Road), Shanghai:
 * a 1920s shikumen house seen from its lane, and the ground-floor hall (客堂) where the congress met.
 *
 * Plan (metres, y up, floor at 0): lane x∈[-4.6, 4.6], z∈[4.125, 8.8]; facade wall z∈[3.875, 4.125]
 * with the gate opening x∈[-0.6, 0.6]; hall x∈[-2.375, 2.375], z∈[-2.375, 3.875], ceiling 3.6.
 * Walkable areas and the table/chairs obstacle come from scenes/jiandang/scene.json.
 */
import { CylinderGeometry, LatheGeometry, Shape, ExtrudeGeometry, SphereGeometry, TorusGeometry, Vector2 } from 'three';
import type { BufferGeometry } from 'three';
import { box, boxAt, GeometryWriter, hash3, masonry, matrixOf, mix, normalize, panel, place, plain, reveals, rng, shade, srgb, tube, type Rect2, type RGB, type Vec3, type WallFrame } from '../geometry';
import type { LightRig, Occluder } from '../lighting';
import { Room, type Instance } from '../room';

const C = {
  paving: srgb(0x86847e),
  pavingJoint: srgb(0x3e3c39),
  blueBrick: srgb(0x6c7378),
  laneBrick: srgb(0x6a6e70),
  redBrick: srgb(0x76392d),
  mortar: srgb(0xc9c4b8),
  stone: srgb(0xc8bba0),
  stoneDark: srgb(0xa89a80),
  carvedRed: srgb(0x8f3b26),
  lacquer: srgb(0x1b1918),
  brass: srgb(0xb4903e),
  windowWood: srgb(0x4a2619),
  glass: srgb(0x2f3b42),
  plaster: srgb(0xebe6da),
  plasterDim: srgb(0xb9b2a4),
  skirting: srgb(0x3a2418),
  floor: srgb(0x68422a),
  ceiling: srgb(0xefebe1),
  beam: srgb(0x4b2d1c),
  table: srgb(0x562619),
  chair: srgb(0x5a2b1c),
  porcelain: srgb(0xece9e0),
  blue: srgb(0x3a5a8c),
  paper: srgb(0xe9e0c6),
  silk: srgb(0x8d7a54),
  ink: srgb(0x2a2522),
  door: srgb(0x3d2417),
  roof: srgb(0x3b3d3f),
  pane: srgb(0xd9e2e4),
  lampGlass: srgb(0xfff0cf),
};

/** The hall's light: a low afternoon sun along the lane, sky, and a warm lamp over the table. */
const RIG: LightRig = {
  ambient: [0.33, 0.32, 0.3],
  sky: [0.7, 0.76, 0.86],
  ground: [0.18, 0.17, 0.16],
  suns: [{ dir: normalize([0.72, -0.6, -0.36]), color: [1.75, 1.52, 1.2], spread: 0.035 }],
  lamps: [{ at: [0, 2.78, 0.2], color: [0.42, 0.32, 0.2], range: 1.5, shadow: true }],
  aoRadius: 0.7,
  aoStrength: 0.95,
  skyDistance: 40,
};

const FACADE_Z = 4.125;
const FACADE_IN = 3.875;
const HALL_X = 2.375;
const HALL_BACK = -2.375;
const CEILING = 3.6;

/** Per-item colour variation that does not depend on build order. */
function vary(c: RGB, h: number, amount: number, hue = 0.02): RGB {
  const k = 1 + (h - 0.5) * 2 * amount;
  const t = (hash3(h, 1.7, 3.1) - 0.5) * hue;
  return [c[0] * k * (1 + t), c[1] * k, c[2] * k * (1 - t)];
}

function frame(origin: Vec3, u: Vec3): WallFrame {
  return { origin, u, v: [0, 1, 0] };
}

// ---------------------------------------------------------------- lane

function lanePaving(room: Room): void {
  const r = rng(11);
  const w = new GeometryWriter();
  const joint = 0.014;
  let z = FACADE_Z;
  let row = 0;
  while (z < 8.8 - 1e-6) {
    const depth = Math.min(0.42 + r() * 0.16, 8.8 - z);
    let x = -4.6 - (row % 2) * 0.45;
    while (x < 4.6 - 1e-6) {
      const len = 0.85 + r() * 0.55;
      const xa = Math.max(x, -4.6) + joint / 2;
      const xb = Math.min(x + len, 4.6) - joint / 2;
      if (xb - xa > 0.05) {
        w.withTint(vary([1, 1, 1], r(), 0.3, 0.08));
        w.quad([xa, 0, z + depth - joint / 2], [xb - xa, 0, 0], [0, 0, -(depth - joint)], 0.45);
      }
      x += len;
    }
    z += depth;
    row++;
  }
  room.add('floor', w.build(), C.paving, { bake: { grid: 0.25 } });
  const bed = new GeometryWriter();
  bed.quad([-4.6, -0.006, 8.8], [9.2, 0, 0], [0, 0, -(8.8 - FACADE_Z)], 0.6);
  room.add('floor', bed.build(), C.pavingJoint);
  room.solid([-5, -0.4, -5], [5, -0.006, 9.5]);
}

function laneHouses(room: Room): void {
  // opposite row of houses: its back wall faces the lane
  const f = frame([4.6, 0, 8.8], [-1, 0, 0]);
  const W = 9.2;
  const H = 6.4;
  const door: Rect2 = { s0: 6.35, s1: 7.25, t0: 0, t1: 2.1 };
  const low: Rect2 = { s0: 3.4, s1: 4.1, t0: 1.35, t1: 2.15 };
  const up1: Rect2 = { s0: 6.8, s1: 7.8, t0: 3.8, t1: 5.2 };
  const up2: Rect2 = { s0: 2.3, s1: 3.3, t0: 3.8, t1: 5.2 };
  const holes = [door, low, up1, up2];
  room.add('lane-houses', panel(f, W, H, holes, 0.6), C.mortar, { bake: { grid: 0.25 } });
  room.add(
    'lane-houses',
    masonry(f, {
      width: W,
      height: H,
      holes,
      course: 0.075,
      brick: 0.25,
      joint: 0.012,
      relief: 0.008,
      color: (row, col) => vary(row % 12 === 5 ? mix(C.laneBrick, C.redBrick, 0.5) : C.laneBrick, hash3(row, col, 8.8), 0.12, 0.06),
    }),
    [1, 1, 1],
    { bake: { grid: 0.25 } },
  );
  for (const h of holes) room.add('lane-houses', reveals(f, h, 0.1, { bottom: h.t0 > 0 }), C.plasterDim);
  // recessed back door: boards and frame
  const dw = new GeometryWriter();
  for (let i = 0; i < 6; i++) {
    const s0 = door.s0 + (i * (door.s1 - door.s0)) / 6;
    dw.withTint(vary([1, 1, 1], hash3(i, 2, 9), 0.12));
    dw.quad([4.6 - s0, 0, 8.9], [-(door.s1 - door.s0) / 6, 0, 0], [0, 2.1, 0], 0.5);
  }
  room.add('lane-houses', dw.build(), C.door);
  room.add('lane-houses', box([4.6 - door.s1 - 0.06, 0, 8.72], [4.6 - door.s0 + 0.06, 0.12, 8.8], { skip: ['ny', 'pz'] }), C.stoneDark);
  room.add('lane-houses', box([4.6 - door.s1 - 0.07, 2.1, 8.74], [4.6 - door.s0 + 0.07, 2.28, 8.8], { skip: ['pz'] }), C.stone);
  // windows: dark panes behind wooden frames; lower one with iron bars
  for (const h of [low, up1, up2]) {
    const x0 = 4.6 - h.s1;
    const x1 = 4.6 - h.s0;
    const g = new GeometryWriter();
    g.quad([x1, h.t0, 8.88], [x0 - x1, 0, 0], [0, h.t1 - h.t0, 0]);
    room.add('lane-houses', g.build(), (p) => mix(C.glass, C.plasterDim, Math.max(0, (p[1] - h.t0) / (h.t1 - h.t0)) * 0.35));
    const fw = 0.05;
    for (const b of [
      box([x0, h.t0, 8.84], [x1, h.t0 + fw, 8.88]),
      box([x0, h.t1 - fw, 8.84], [x1, h.t1, 8.88]),
      box([x0, h.t0, 8.84], [x0 + fw, h.t1, 8.88]),
      box([x1 - fw, h.t0, 8.84], [x1, h.t1, 8.88]),
      box([(x0 + x1) / 2 - 0.02, h.t0, 8.845], [(x0 + x1) / 2 + 0.02, h.t1, 8.875]),
    ])
      room.add('lane-houses', b, C.windowWood);
    room.add('lane-houses', box([x0 - 0.05, h.t0 - 0.07, 8.74], [x1 + 0.05, h.t0, 8.8], { skip: ['pz'] }), C.stone);
    if (h === low) {
      for (let i = 1; i < 6; i++) room.add('lane-houses', tube([[x0 + (i * (x1 - x0)) / 6, h.t0, 8.82], [x0 + (i * (x1 - x0)) / 6, h.t1, 8.82]], 0.008, 5), C.lacquer);
    } else {
      // open shutters folded against the wall
      for (const [sx, dir] of [
        [x0, -1],
        [x1, 1],
      ] as const) {
        const sw = (x1 - x0) / 2;
        const a = Math.min(sx, sx + dir * sw);
        room.add('lane-houses', box([a, h.t0, 8.75], [a + sw, h.t1, 8.785]), vary(C.windowWood, sx, 0.05));
        for (let k = 1; k < 7; k++) room.add('lane-houses', box([a + 0.03, h.t0 + (k * (h.t1 - h.t0)) / 7 - 0.012, 8.74], [a + sw - 0.03, h.t0 + (k * (h.t1 - h.t0)) / 7 + 0.012, 8.75], { skip: ['pz'] }), shade(C.windowWood, 0.8));
      }
    }
  }
  // cast-iron downpipe
  room.add('lane-houses', place(new CylinderGeometry(0.05, 0.05, 6.3, 8, 1, true), { at: [-0.9, 3.15, 8.72] }), C.lacquer);
  // occluder starts behind the window and door recesses so they are lit
  room.solidWall({ origin: [4.6, 0, 8.92], u: [-1, 0, 0], v: [0, 1, 0] }, W, H, 0.3);
  // end walls closing the lane
  const left = frame([-4.6, 0, 8.8], [0, 0, -1]);
  const right = frame([4.6, 0, FACADE_Z], [0, 0, 1]);
  const LW = 8.8 - FACADE_Z;
  const LH = 5.2;
  // the right-hand end of the lane is closed by an arched lane gate (弄堂口) with shut doors
  const arch = { s: 2.35, hw: 0.8, spring: 2.5 };
  const archHole: Rect2 = { s0: arch.s - arch.hw, s1: arch.s + arch.hw, t0: 0, t1: arch.spring + arch.hw };
  const archFrame: Rect2 = { s0: arch.s - 1.05, s1: arch.s + 1.05, t0: 0, t1: arch.spring + arch.hw + 0.25 };
  const plaque: Rect2 = { s0: arch.s - 0.62, s1: arch.s + 0.62, t0: 3.78, t1: 4.28 };
  for (const [i, f2] of [left, right].entries()) {
    const holes = i === 1 ? [archHole] : [];
    room.add('walls', panel(f2, LW, LH, holes, 0.6), C.mortar, { bake: { grid: 0.25 } });
    room.add(
      'walls',
      masonry(f2, {
        width: LW,
        height: LH,
        holes: i === 1 ? [archFrame, plaque] : [],
        course: 0.075,
        brick: 0.25,
        joint: 0.012,
        relief: 0.008,
        color: (row, col) => vary(C.laneBrick, hash3(row, col, 4.6 + i), 0.15, 0.06),
      }),
      [1, 1, 1],
      { bake: { grid: 0.25 } },
    );
    // coping
    const x = i === 0 ? -4.6 : 4.6;
    room.add('walls', box([x - 0.3 * (i === 0 ? 1 : 0) - 0.05, LH, FACADE_Z], [x + 0.3 * (i === 0 ? 0 : 1) + 0.05, LH + 0.12, 8.8], { skip: ['ny'] }), C.roof);
  }
  room.solidWall(left, LW, LH, 0.3);
  room.solidWall(frame([4.8, 0, FACADE_Z], [0, 0, 1]), LW, LH, 0.2);
  const zc = FACADE_Z + arch.s;
  const onRight = { at: [4.6, 0, zc] as Vec3, rot: [0, -Math.PI / 2, 0] as Vec3 };
  const archPath = (hw: number, spring: number, pad = 0) => {
    const pts = [new Vector2(-hw, 0)];
    for (let k = 0; k <= 12; k++) {
      const a = Math.PI - (k / 12) * Math.PI;
      pts.push(new Vector2(Math.cos(a) * hw, spring + Math.sin(a) * hw + pad));
    }
    pts.push(new Vector2(hw, 0));
    return pts;
  };
  // the stone surround as one U-shaped outline (outer rectangle down to the arch opening)
  const outer = new Shape([new Vector2(-1.05, 0), new Vector2(-arch.hw, 0), ...archPath(arch.hw, arch.spring).slice(1, -1), new Vector2(arch.hw, 0), new Vector2(1.05, 0), new Vector2(1.05, archFrame.t1), new Vector2(-1.05, archFrame.t1)].reverse());
  room.add('lane-gate', place(extrude(outer, 0.07), onRight), C.stone);
  room.add('lane-gate', place(extrude(new Shape(archPath(arch.hw + 0.01, arch.spring)), 0.04), { at: [4.78, 0, zc], rot: [0, -Math.PI / 2, 0] }), C.lacquer);
  room.add('lane-gate', reveals(right, archHole, 0.2, { bottom: false }), C.stoneDark);
  room.add('lane-gate', box([4.735, 0.05, zc - 0.008], [4.74, arch.spring + arch.hw, zc + 0.008]), shade(C.lacquer, 0.6));
  for (const dz of [-0.12, 0.12]) room.add('lane-gate', place(new TorusGeometry(0.06, 0.01, 5, 14), { at: [4.725, 1.2, zc + dz], rot: [0, Math.PI / 2, 0] }), C.brass);
  room.add('lane-gate', box([4.52, plaque.t0, FACADE_Z + plaque.s0], [4.6, plaque.t1, FACADE_Z + plaque.s1], { skip: ['px'] }), C.stone);
  const carve = new GeometryWriter();
  const rc = rng(31);
  for (let ch = 0; ch < 3; ch++) {
    const cz = zc + (ch - 1) * 0.36;
    for (let k = 0; k < 4; k++) {
      const horizontal = rc() < 0.5;
      const w = horizontal ? 0.1 + rc() * 0.08 : 0.022;
      const h = horizontal ? 0.022 : 0.1 + rc() * 0.12;
      const oz = (rc() - 0.5) * 0.12;
      const oy = (rc() - 0.5) * 0.14;
      carve.quad([4.515, 4.03 + oy - h / 2, cz + oz - w / 2], [0, 0, w], [0, h, 0]);
    }
  }
  room.add('lane-gate', carve.build(), C.ink);
  // a lane lamp on an iron bracket on the left-hand end wall
  room.add('lane-gate', tube([[-4.6, 3.35, 6.2], [-4.35, 3.35, 6.2], [-4.3, 3.3, 6.2]], 0.015, 5), C.lacquer);
  room.add('lane-gate', place(new CylinderGeometry(0.13, 0.1, 0.28, 6), { at: [-4.3, 3.05, 6.2] }), srgb(0xffe2a8), { material: 'glow', lit: false });
  room.add('lane-gate', place(new CylinderGeometry(0.02, 0.17, 0.1, 6), { at: [-4.3, 3.24, 6.2] }), C.lacquer);
  room.add('lane-gate', place(new CylinderGeometry(0.1, 0.08, 0.03, 6), { at: [-4.3, 2.9, 6.2] }), C.lacquer);
}

// ---------------------------------------------------------------- facade

const GATE: Rect2 = { s0: 4.0, s1: 5.2, t0: 0, t1: 2.5 };
/** Wall area hidden behind the stone gate surround and its pediment. */
const GATE_SURROUND: Rect2 = { s0: 3.75, s1: 5.45, t0: 0, t1: 2.75 };
const UPPER = [
  { x: -3.55, w: 0.8 },
  { x: -1.7, w: 1.0 },
  { x: 1.7, w: 1.0 },
  { x: 3.55, w: 0.8 },
];
const UPPER_T0 = 4.55;
const UPPER_T1 = 6.0;

function facade(room: Room): void {
  const f = frame([-4.6, 0, FACADE_Z], [1, 0, 0]);
  const W = 9.2;
  const H = 7.0;
  const windows: Rect2[] = UPPER.map((u) => ({ s0: u.x - u.w / 2 + 4.6, s1: u.x + u.w / 2 + 4.6, t0: UPPER_T0, t1: UPPER_T1 }));
  const lower: Rect2[] = [-3.15, 3.15].map((x) => ({ s0: x - 0.32 + 4.6, s1: x + 0.32 + 4.6, t0: 1.35, t1: 2.35 }));
  const arches = [...windows, ...lower].map((h) => ({ ...h, t0: h.t1, t1: h.t1 + 0.24, s0: h.s0 - 0.1, s1: h.s1 + 0.1 }));
  room.add('walls', panel(f, W, H, [GATE, ...windows, ...lower], 0.6), C.mortar, { bake: { grid: 0.25 } });
  room.add(
    'walls',
    masonry(f, {
      width: W,
      height: H,
      holes: [GATE_SURROUND, ...windows, ...lower],
      course: 0.075,
      brick: 0.25,
      joint: 0.012,
      relief: 0.008,
      color: (row, col, s, t) => {
        const h = hash3(row, col, 4.1);
        // red-brick bands every few courses, a double band at the floor line and red arches over windows
        const inArch = arches.some((a) => s > a.s0 && s < a.s1 && t > a.t0 && t < a.t1);
        const red = inArch || row % 7 === 3 || (row >= 46 && row <= 48) || row >= 88;
        return red ? vary(C.redBrick, h, 0.16, 0.1) : vary(C.blueBrick, h, 0.15, 0.06);
      },
    }),
    [1, 1, 1],
    { bake: { grid: 0.25 } },
  );
  // recessed upper windows: reveals, dark glass, wooden frames and glazing bars, stone sills
  for (const h of [...windows, ...lower]) {
    const isLower = lower.includes(h);
    const depth = 0.12;
    room.add('walls', reveals(f, h, depth), mix(C.mortar, C.plasterDim, 0.5));
    const x0 = h.s0 - 4.6;
    const x1 = h.s1 - 4.6;
    const zb = FACADE_Z - depth;
    const g = new GeometryWriter();
    g.quad([x0, h.t0, zb], [x1 - x0, 0, 0], [0, h.t1 - h.t0, 0]);
    room.add('facade-windows', g.build(), (p) => mix(C.glass, srgb(0x8fa3ad), Math.pow(Math.max(0, (p[1] - h.t0) / (h.t1 - h.t0)), 1.5) * 0.45), { bake: { ao: 0.5 } });
    const fw = 0.055;
    const zf = zb + 0.05;
    const bars: [Vec3, Vec3][] = [
      [[x0, h.t0, zb], [x1, h.t0 + fw, zf]],
      [[x0, h.t1 - fw, zb], [x1, h.t1, zf]],
      [[x0, h.t0, zb], [x0 + fw, h.t1, zf]],
      [[x1 - fw, h.t0, zb], [x1, h.t1, zf]],
      [[(x0 + x1) / 2 - 0.025, h.t0, zb], [(x0 + x1) / 2 + 0.025, h.t1, zf]],
    ];
    if (!isLower) {
      const tt = h.t0 + (h.t1 - h.t0) * 0.72;
      bars.push([[x0, tt - 0.02, zb], [x1, tt + 0.02, zf - 0.01]]);
      for (const k of [0.25, 0.75]) bars.push([[x0 + (x1 - x0) * k - 0.012, h.t0, zb], [x0 + (x1 - x0) * k + 0.012, tt, zf - 0.015]]);
    } else {
      for (let i = 1; i < 5; i++) bars.push([[x0 + (i * (x1 - x0)) / 5 - 0.008, h.t0, zf], [x0 + (i * (x1 - x0)) / 5 + 0.008, h.t1, zf + 0.016]]);
    }
    for (const [a, b] of bars) room.add('facade-windows', box(a, b, { skip: ['nz'] }), isLower ? C.lacquer : C.windowWood);
    room.add('facade-windows', box([x0 - 0.06, h.t0 - 0.07, FACADE_Z - 0.04], [x1 + 0.06, h.t0, FACADE_Z + 0.06], { skip: ['nz'] }), C.stone);
  }
  // a rendered plinth along the foot of the wall, either side of the gate
  room.add('walls', box([-4.6, 0, FACADE_Z], [-0.9, 0.36, FACADE_Z + 0.03], { skip: ['ny', 'nz'], cell: 0.5 }), srgb(0x77736c));
  room.add('walls', box([0.9, 0, FACADE_Z], [4.6, 0.36, FACADE_Z + 0.03], { skip: ['ny', 'nz'], cell: 0.5 }), srgb(0x77736c));
  // inner (hall) face of the front wall
  const inner = frame([HALL_X, 0, FACADE_IN], [-1, 0, 0]);
  const gateIn: Rect2 = { s0: HALL_X - 0.6, s1: HALL_X + 0.6, t0: 0, t1: 2.5 };
  room.add('walls', panel(inner, 2 * HALL_X, CEILING, [gateIn], 0.35), C.plaster);
  // cornice and eaves along the top
  room.add('walls', box([-4.6, H, 3.6], [4.6, H + 0.08, FACADE_Z + 0.05], { skip: ['ny'] }), C.stoneDark);
  room.add('walls', box([-4.6, H - 0.16, FACADE_Z], [4.6, H - 0.08, FACADE_Z + 0.04], { skip: ['nz'] }), C.redBrick);
  room.add('walls', box([-4.6, H - 0.08, FACADE_Z], [4.6, H, FACADE_Z + 0.07], { skip: ['nz'] }), shade(C.redBrick, 0.9));
  roof(room, { z0: FACADE_Z + 0.42, y0: H + 0.02, z1: 1.9, y1: H + 1.45 });
  roof(room, { z0: 8.8 - 0.4, y0: 6.4, z1: 10.9, y1: 7.7 });
  // occluders: the facade (split around the gate) and the ground under the hall
  room.solidWall(frame([-4.6, 0, FACADE_Z - 0.13], [1, 0, 0]), W, H, 0.12, [GATE]);
}

/** A grey tiled roof pitch seen from below its eaves: slab, tile ribs and round drip tiles. */
function roof(room: Room, r: { z0: number; y0: number; z1: number; y1: number }): void {
  const slope = new GeometryWriter();
  const dz = r.z1 - r.z0;
  const facingUp = dz < 0;
  // top surface (faces up) and soffit (faces down)
  if (facingUp) {
    slope.quad([-4.6, r.y0, r.z0], [9.2, 0, 0], [0, r.y1 - r.y0, dz], 0.8);
    slope.quad([4.6, r.y0 - 0.06, r.z0], [-9.2, 0, 0], [0, r.y1 - r.y0, dz], 0.8);
  } else {
    slope.quad([4.6, r.y0, r.z0], [-9.2, 0, 0], [0, r.y1 - r.y0, dz], 0.8);
    slope.quad([-4.6, r.y0 - 0.06, r.z0], [9.2, 0, 0], [0, r.y1 - r.y0, dz], 0.8);
  }
  room.add('roof-eaves', slope.build(), C.roof, { bake: { ao: 0.4 } });
  const edge = new GeometryWriter();
  const sign = facingUp ? 1 : -1;
  edge.quad([sign > 0 ? -4.6 : 4.6, r.y0 - 0.06, r.z0], [sign * 9.2, 0, 0], [0, 0.06, 0]);
  room.add('roof-eaves', edge.build(), shade(C.roof, 0.7));
  for (let x = -4.5; x <= 4.51; x += 0.2) {
    const a: Vec3 = [x, r.y0 + 0.025, r.z0];
    const b: Vec3 = [x, r.y1 + 0.025, r.z1];
    room.add('roof-eaves', tube([a, b], 0.03, 4), vary(C.roof, hash3(x, r.y0, 1), 0.08), { bake: { ao: 0.4 } });
    room.add('roof-eaves', place(new CylinderGeometry(0.06, 0.06, 0.03, 8), { at: [x, r.y0 + 0.01, r.z0 + sign * 0.015], rot: [Math.PI / 2, 0, 0] }), shade(C.roof, 0.85));
  }
  room.solid([-4.6, Math.min(r.y0, r.y1) + 0.1, Math.min(r.z0, r.z1) + 0.3], [4.6, Math.max(r.y0, r.y1), Math.max(r.z0, r.z1) - 0.3]);
}

// ---------------------------------------------------------------- the shikumen gate

function extrude(shape: Shape, depth: number): BufferGeometry {
  return plain(new ExtrudeGeometry(shape, { depth, bevelEnabled: false, curveSegments: 10 }));
}

/** A carved flower: a raised disc with a ring of petals. */
function rosette(room: Room, node: string, at: Vec3, r: number): void {
  room.add(node, place(new CylinderGeometry(r * 0.35, r * 0.35, 0.02, 10), { at, rot: [Math.PI / 2, 0, 0] }), C.stone);
  for (let i = 0; i < 8; i++) {
    const a = (i / 8) * Math.PI * 2;
    room.add(node, place(new SphereGeometry(r * 0.3, 6, 4), { at: [at[0] + Math.cos(a) * r * 0.68, at[1] + Math.sin(a) * r * 0.68, at[2]], scale: [1, 1, 0.35] }), C.stone);
  }
}

/** A flat spiral curl (in the x-y plane) starting at its outer end, winding in. */
function spiral(center: Vec3, r: number, dir: number): Vec3[] {
  const pts: Vec3[] = [];
  for (let i = 0; i <= 14; i++) {
    const t = i / 14;
    const a = dir * (Math.PI / 2 + t * Math.PI * 1.6);
    const rr = r * (1 - 0.65 * t);
    pts.push([center[0] + Math.cos(a) * rr, center[1] + Math.sin(a) * rr, center[2]]);
  }
  return pts;
}

function gate(room: Room): void {
  const N = 'shikumen-gate';
  const z = FACADE_Z;
  const add = (g: BufferGeometry, c: RGB) => room.add(N, g, c);
  // granite surround: plinths, jambs, lintel and the stone lining of the opening
  add(box([-0.86, 0, z], [-0.61, 2.5, z + 0.06], { skip: ['nz', 'ny'], cell: 0.5 }), C.stone);
  add(box([0.61, 0, z], [0.86, 2.5, z + 0.06], { skip: ['nz', 'ny'], cell: 0.5 }), C.stone);
  add(box([-0.9, 0, z], [-0.61, 0.32, z + 0.09], { skip: ['nz', 'ny'] }), C.stoneDark);
  add(box([0.61, 0, z], [0.9, 0.32, z + 0.09], { skip: ['nz', 'ny'] }), C.stoneDark);
  add(box([-0.86, 2.5, z], [0.86, 2.76, z + 0.06], { skip: ['nz'] }), C.stone);
  add(reveals(frame([-4.6, 0, z], [1, 0, 0]), GATE, 0.25, { bottom: false }), mix(C.stone, C.stoneDark, 0.4));
  // threshold stone (low enough to step over)
  add(box([-0.6, 0, FACADE_IN], [0.6, 0.03, z + 0.08], { skip: ['ny'] }), C.stoneDark);
  // 门楣: stepped cornice, a carved red frieze and a pediment with scrolls
  add(box([-0.98, 2.76, z], [0.98, 2.84, z + 0.1], { skip: ['nz'] }), C.stone);
  add(box([-1.04, 2.84, z], [1.04, 2.9, z + 0.14], { skip: ['nz'] }), C.stoneDark);
  add(box([-0.94, 2.9, z], [0.94, 3.38, z + 0.08], { skip: ['nz'] }), C.stone);
  add(box([-0.82, 2.95, z + 0.08], [0.82, 3.33, z + 0.095], { skip: ['nz'] }), C.carvedRed);
  // carved motifs in stone on the red ground: a rosette and a scrolling vine (卷草) either side
  rosette(room, N, [0, 3.14, z + 0.095], 0.1);
  for (const sx of [-1, 1]) {
    const vine: Vec3[] = [];
    for (let i = 0; i <= 24; i++) {
      const x = 0.17 + (i / 24) * 0.58;
      vine.push([sx * x, 3.14 + 0.075 * Math.sin(((x - 0.17) / 0.29) * Math.PI * 2), z + 0.1]);
    }
    add(tube(vine, 0.011, 5), C.stone);
    for (const [cx, up] of [
      [0.245, 1],
      [0.39, -1],
      [0.535, 1],
      [0.68, -1],
    ] as const)
      add(tube(spiral([sx * cx, 3.14 + up * 0.03, z + 0.1], 0.045, sx * up), 0.009, 5), C.stone);
  }
  // cornice and triangular pediment with raking mouldings, a red field, a rosette and curls
  add(box([-1.08, 3.38, z], [1.08, 3.46, z + 0.15], { skip: ['nz'] }), C.stoneDark);
  const tri = new Shape([new Vector2(-1.02, 0), new Vector2(1.02, 0), new Vector2(0, 0.56)]);
  add(place(extrude(tri, 0.1), { at: [0, 3.46, z] }), C.stone);
  const triIn = new Shape([new Vector2(-0.78, 0.06), new Vector2(0.78, 0.06), new Vector2(0, 0.47)]);
  add(place(extrude(triIn, 0.015), { at: [0, 3.46, z + 0.1] }), C.carvedRed);
  const slope = Math.atan2(0.56, 1.02);
  for (const sx of [-1, 1]) add(boxAt([sx * 0.51, 3.46 + 0.28 + 0.035, z + 0.075], [Math.hypot(1.02, 0.56) + 0.08, 0.07, 0.15], [0, 0, -sx * slope]), C.stoneDark);
  add(place(new SphereGeometry(0.07, 10, 8), { at: [0, 4.1, z + 0.06] }), C.stone);
  rosette(room, N, [0, 3.68, z + 0.12], 0.085);
  for (const sx of [-1, 1]) {
    const sprig: Vec3[] = [];
    for (let i = 0; i <= 16; i++) {
      const x = 0.16 + (i / 16) * 0.34;
      sprig.push([sx * x, 3.6 + 0.035 * Math.sin(((x - 0.16) / 0.34) * Math.PI * 2) - (x - 0.16) * 0.12, z + 0.122]);
    }
    add(tube(sprig, 0.01, 5), C.stone);
    add(tube(spiral([sx * 0.53, 3.565, z + 0.122], 0.035, -sx), 0.009, 5), C.stone);
    add(place(new CylinderGeometry(0.08, 0.08, 0.05, 14), { at: [sx * 1.0, 3.53, z + 0.1], rot: [Math.PI / 2, 0, 0] }), C.stoneDark);
    rosette(room, N, [sx * 1.0, 3.53, z + 0.125], 0.055);
  }
  // two black-lacquered leaves, opened inward and folded back against the inner wall
  for (const side of [-1, 1] as const) {
    const phi = side < 0 ? (165 * Math.PI) / 180 : (-165 * Math.PI) / 180;
    const m = matrixOf({ at: [side * 0.6, 0.02, FACADE_IN - 0.07], rot: [0, phi, 0] });
    const a0 = side < 0 ? 0 : -0.6;
    const a1 = side < 0 ? 0.6 : 0;
    const parts: { g: BufferGeometry; c: RGB }[] = [
      { g: box([a0, 0, -0.06], [a1, 2.46, 0]), c: C.lacquer },
      // two boards, a hair apart in tone
      { g: box([side < 0 ? 0.3 : -0.6, 0.05, 0], [side < 0 ? 0.6 : -0.3, 2.41, 0.004], { skip: ['nz'] }), c: shade(C.lacquer, 1.15) },
    ];
    const ringA = side < 0 ? 0.5 : -0.5;
    parts.push({ g: place(new CylinderGeometry(0.055, 0.055, 0.012, 14), { at: [ringA, 1.25, 0.006], rot: [Math.PI / 2, 0, 0] }), c: C.brass });
    parts.push({ g: place(new TorusGeometry(0.075, 0.011, 6, 16), { at: [ringA, 1.17, 0.02], rot: [0.12, 0, 0] }), c: C.brass });
    for (const p of parts) {
      p.g.applyMatrix4(m);
      add(p.g, p.c);
    }
  }
  // inner wooden lintel over the opening
  add(box([-0.75, 2.5, FACADE_IN - 0.05], [0.75, 2.66, FACADE_IN], { skip: ['pz'] }), C.beam);
}

// ---------------------------------------------------------------- the hall

const SIDE_WIN = { z0: -0.1, z1: 1.1, y0: 0.9, y1: 2.4 };
const REAR = { x0: 0.75, x1: 1.65, y1: 2.1 };

function hall(room: Room): void {
  // floor boards along the room's length
  const r = rng(23);
  const fw = new GeometryWriter();
  const bw = 0.16;
  let i = 0;
  for (let x = -HALL_X; x < HALL_X - 1e-6; x += bw, i++) {
    const x1 = Math.min(x + bw, HALL_X);
    let zz = HALL_BACK - r() * 1.2;
    while (zz < FACADE_IN - 1e-6) {
      const len = 1.4 + r() * 1.4;
      const a = Math.max(zz, HALL_BACK);
      const b = Math.min(zz + len, FACADE_IN);
      if (b - a > 0.02) {
        fw.withTint(vary([1, 1, 1], r(), 0.16, 0.06));
        fw.quad([x + 0.002, 0, b - 0.002], [x1 - x - 0.004, 0, 0], [0, 0, -(b - a - 0.004)], 0.32);
      }
      zz += len;
    }
  }
  room.add('floor', fw.build(), C.floor, { bake: { grid: 0.2 } });
  const under = new GeometryWriter();
  under.quad([-HALL_X, -0.004, FACADE_IN], [2 * HALL_X, 0, 0], [0, 0, HALL_BACK - FACADE_IN], 0.8);
  room.add('floor', under.build(), shade(C.floor, 0.35));

  // plaster walls with a window each side and the rear door
  const left = frame([-HALL_X, 0, FACADE_IN], [0, 0, -1]);
  const right = frame([HALL_X, 0, HALL_BACK], [0, 0, 1]);
  const back = frame([-HALL_X, 0, HALL_BACK], [1, 0, 0]);
  const L = FACADE_IN - HALL_BACK;
  const winL: Rect2 = { s0: FACADE_IN - SIDE_WIN.z1, s1: FACADE_IN - SIDE_WIN.z0, t0: SIDE_WIN.y0, t1: SIDE_WIN.y1 };
  const winR: Rect2 = { s0: SIDE_WIN.z0 - HALL_BACK, s1: SIDE_WIN.z1 - HALL_BACK, t0: SIDE_WIN.y0, t1: SIDE_WIN.y1 };
  const rear: Rect2 = { s0: REAR.x0 + HALL_X, s1: REAR.x1 + HALL_X, t0: 0, t1: REAR.y1 };
  room.add('walls', panel(left, L, CEILING, [winL], 0.3), C.plaster);
  room.add('walls', panel(right, L, CEILING, [winR], 0.3), C.plaster);
  room.add('walls', panel(back, 2 * HALL_X, CEILING, [rear], 0.3), C.plaster);
  room.add('walls', reveals(left, winL, 0.25), C.plaster);
  room.add('walls', reveals(right, winR, 0.25), C.plaster);
  room.add('walls', reveals(back, rear, 0.25, { bottom: false }), C.plasterDim);
  room.solidWall(left, L, CEILING, 0.25, [winL]);
  room.solidWall(right, L, CEILING, 0.25, [winR]);
  room.solidWall(back, 2 * HALL_X, CEILING, 0.25, [rear]);
  room.solid([-2.7, 0, -2.7], [-2.375, CEILING, -2.375]);
  room.solid([2.375, 0, -2.7], [2.7, CEILING, -2.375]);
  room.solid([-2.7, CEILING, -2.7], [2.7, CEILING + 0.25, FACADE_IN]);
  room.solid([-2.7, 0, FACADE_IN], [-2.375, CEILING, FACADE_Z]);
  room.solid([2.375, 0, FACADE_IN], [2.7, CEILING, FACADE_Z]);

  // dark wood skirting and picture rail, interrupted by the openings
  const sk = 0.16;
  const t = 0.018;
  const runs: [Vec3, Vec3][] = [
    [[-HALL_X, 0, HALL_BACK], [-HALL_X + t, sk, FACADE_IN]],
    [[HALL_X - t, 0, HALL_BACK], [HALL_X, sk, FACADE_IN]],
    [[-HALL_X, 0, HALL_BACK], [REAR.x0 - 0.08, sk, HALL_BACK + t]],
    [[REAR.x1 + 0.08, 0, HALL_BACK], [HALL_X, sk, HALL_BACK + t]],
    [[-HALL_X, 0, FACADE_IN - t], [-0.6, sk, FACADE_IN]],
    [[0.6, 0, FACADE_IN - t], [HALL_X, sk, FACADE_IN]],
  ];
  for (const [a, b] of runs) room.add('walls', box(a, b, { skip: ['ny'], cell: 0.6 }), C.skirting);
  const rail = 2.95;
  for (const [a, b] of [
    [[-HALL_X, rail, HALL_BACK], [-HALL_X + 0.02, rail + 0.05, FACADE_IN]],
    [[HALL_X - 0.02, rail, HALL_BACK], [HALL_X, rail + 0.05, FACADE_IN]],
    [[-HALL_X, rail, HALL_BACK], [HALL_X, rail + 0.05, HALL_BACK + 0.02]],
    [[-HALL_X, rail, FACADE_IN - 0.02], [HALL_X, rail + 0.05, FACADE_IN]],
  ] as [Vec3, Vec3][])
    room.add('walls', box(a, b, { cell: 0.8 }), C.skirting);

  // ceiling with exposed beams
  const ceil = new GeometryWriter();
  ceil.quad([-HALL_X, CEILING, HALL_BACK], [2 * HALL_X, 0, 0], [0, 0, L], 0.4);
  room.add('ceiling', ceil.build(), C.ceiling);
  for (const bz of [-1.15, 0.75, 2.6]) room.add('ceiling', box([-HALL_X, CEILING - 0.17, bz - 0.07], [HALL_X, CEILING, bz + 0.07], { skip: ['py', 'px', 'nx'], cell: 0.5 }), C.beam);
}

function sideWindows(room: Room): void {
  const N = 'side-windows';
  for (const side of [-1, 1] as const) {
    const xi = side * HALL_X; // inner face
    const xm = side * 2.5; // panes in the middle of the wall
    const { z0, z1, y0, y1 } = SIDE_WIN;
    const inward = -side;
    // glowing panes (daylight through paper/glass)
    const pane = new GeometryWriter();
    if (side < 0) pane.quad([xm, y0, z1], [0, 0, z0 - z1], [0, y1 - y0, 0]);
    else pane.quad([xm, y0, z0], [0, 0, z1 - z0], [0, y1 - y0, 0]);
    room.add(N, pane.build(), (p) => mix(srgb(0xd8e0e2), srgb(0xf4f1e6), (p[1] - y0) / (y1 - y0)), { material: 'glow', lit: false });
    // lattice: frame and a grid of bars, on the room side of the panes
    const xa = Math.min(xm, xm + inward * 0.05);
    const xb = Math.max(xm, xm + inward * 0.05);
    const fr = 0.06;
    const bars: [Vec3, Vec3][] = [
      [[xa, y0, z0], [xb, y0 + fr, z1]],
      [[xa, y1 - fr, z0], [xb, y1, z1]],
      [[xa, y0, z0], [xb, y1, z0 + fr]],
      [[xa, y0, z1 - fr], [xb, y1, z1]],
      [[xa, y0, (z0 + z1) / 2 - 0.025], [xb, y1, (z0 + z1) / 2 + 0.025]],
    ];
    const xc0 = Math.min(xm, xm + inward * 0.035);
    const xc1 = Math.max(xm, xm + inward * 0.035);
    for (let k = 1; k < 6; k++) bars.push([[xc0, y0 + ((y1 - y0) * k) / 6 - 0.011, z0], [xc1, y0 + ((y1 - y0) * k) / 6 + 0.011, z1]]);
    for (const k of [0.25, 0.75]) bars.push([[xc0, y0, z0 + (z1 - z0) * k - 0.011], [xc1, y1, z0 + (z1 - z0) * k + 0.011]]);
    for (const [a, b] of bars) room.add(N, box(a, b), C.windowWood);
    // architrave on the room side and a sill board
    const xs0 = Math.min(xi, xi + inward * 0.025);
    const xs1 = Math.max(xi, xi + inward * 0.025);
    for (const [a, b] of [
      [[xs0, y0 - 0.08, z0 - 0.08], [xs1, y1 + 0.08, z0]],
      [[xs0, y0 - 0.08, z1], [xs1, y1 + 0.08, z1 + 0.08]],
      [[xs0, y1, z0], [xs1, y1 + 0.08, z1]],
    ] as [Vec3, Vec3][])
      room.add(N, box(a, b), C.skirting);
    const sill0 = Math.min(xm, xi + inward * 0.06);
    const sill1 = Math.max(xm, xi + inward * 0.06);
    room.add(N, box([sill0, y0 - 0.04, z0 - 0.1], [sill1, y0, z1 + 0.1]), C.skirting);
  }
}

function rearDoor(room: Room): void {
  const N = 'rear-door';
  const { x0, x1, y1 } = REAR;
  const z = HALL_BACK;
  // architrave
  for (const [a, b] of [
    [[x0 - 0.08, 0, z], [x0, y1 + 0.09, z + 0.025]],
    [[x1, 0, z], [x1 + 0.08, y1 + 0.09, z + 0.025]],
    [[x0, y1, z], [x1, y1 + 0.09, z + 0.025]],
  ] as [Vec3, Vec3][])
    room.add(N, box(a, b, { skip: ['ny', 'nz'] }), C.skirting);
  room.add(N, box([x0, 0, z - 0.25], [x1, 0.025, z], { skip: ['ny'] }), C.beam);
  // two panelled leaves: the left one shut, the right one ajar into the dark passage behind
  const leafW = (x1 - x0) / 2;
  const leaf = (open: number, hingeX: number, dir: 1 | -1) => {
    const parts: { g: BufferGeometry; c: RGB }[] = [];
    const a0 = dir > 0 ? 0 : -leafW;
    const a1 = dir > 0 ? leafW : 0;
    parts.push({ g: box([a0 + 0.003, 0.03, -0.045], [a1 - 0.003, y1 - 0.01, 0]), c: C.door });
    for (const [p0, p1] of [
      [0.15, 0.95],
      [1.1, 1.95],
    ]) {
      parts.push({ g: box([a0 + 0.08, p0!, 0], [a1 - 0.08, p1!, 0.008], { skip: ['nz'] }), c: shade(C.door, 0.75) });
      parts.push({ g: box([a0 + 0.08, p0!, -0.053], [a1 - 0.08, p1!, -0.045], { skip: ['pz'] }), c: shade(C.door, 0.75) });
    }
    parts.push({ g: place(new TorusGeometry(0.035, 0.007, 5, 12), { at: [dir > 0 ? leafW - 0.07 : -leafW + 0.07, 1.02, 0.012] }), c: C.brass });
    const m = matrixOf({ at: [hingeX, 0, z - 0.12], rot: [0, open, 0] });
    for (const p of parts) {
      p.g.applyMatrix4(m);
      room.add(N, p.g, p.c);
    }
  };
  leaf(0, x0, 1);
  leaf((-50 * Math.PI) / 180, x1, -1);
  // the passage behind: dim plaster, a few stairs going up
  const px0 = 0.25;
  const px1 = 2.35;
  const pz0 = -4.3;
  const pz1 = -2.625;
  const pw = new GeometryWriter();
  pw.quad([px0, 0, pz1], [px1 - px0, 0, 0], [0, 0, pz0 - pz1], 0.4); // floor
  room.add(N, pw.build(), shade(C.floor, 0.8));
  const walls = new GeometryWriter();
  walls.quad([px0, 0, pz0], [px1 - px0, 0, 0], [0, 2.9, 0], 0.4);
  walls.quad([px0, 0, pz1], [0, 0, pz0 - pz1], [0, 2.9, 0], 0.4);
  walls.quad([px1, 0, pz0], [0, 0, pz1 - pz0], [0, 2.9, 0], 0.4);
  walls.quad([px0, 2.9, pz0], [px1 - px0, 0, 0], [0, 0, pz1 - pz0], 0.5);
  room.add(N, walls.build(), C.plasterDim);
  for (let s = 0; s < 7; s++) {
    const sx = 1.45 + s * 0.24;
    room.add(N, box([sx, 0, pz0], [px1, 0.18 * (s + 1), pz0 + 0.95], { skip: ['ny', 'nz'] }), vary(C.beam, s / 7, 0.1));
  }
  room.solid([px0 - 0.2, -0.3, pz0 - 0.2], [px1 + 0.2, 0, pz1]);
  room.solid([px0 - 0.2, 0, pz0 - 0.2], [px1 + 0.2, 3.1, pz0]);
  room.solid([px0 - 0.2, 0, pz0], [px0, 3.1, pz1]);
  room.solid([px1, 0, pz0], [px1 + 0.2, 3.1, pz1]);
  room.solid([px0 - 0.2, 2.9, pz0], [px1 + 0.2, 3.1, pz1]);
}

function ceilingLamp(room: Room): void {
  const N = 'ceiling-lamp';
  const at: Vec3 = [0, 0, 0.2];
  room.add(N, place(new CylinderGeometry(0.11, 0.13, 0.03, 16), { at: [at[0], CEILING - 0.015, at[2]] }), C.ceiling);
  room.add(N, place(new CylinderGeometry(0.006, 0.006, 0.6, 5, 1, true), { at: [at[0], CEILING - 0.3, at[2]] }), C.lacquer);
  room.add(N, place(new CylinderGeometry(0.025, 0.035, 0.08, 10), { at: [at[0], CEILING - 0.64, at[2]] }), C.brass);
  const profile = [
    [0.03, 0.06],
    [0.06, 0.05],
    [0.13, 0.0],
    [0.19, -0.09],
    [0.2, -0.11],
  ].map(([x, y]) => new Vector2(x, y));
  room.add(N, place(new LatheGeometry(profile, 18), { at: [at[0], CEILING - 0.7, at[2]] }), C.lampGlass, { material: 'glow', lit: false });
  room.add(N, place(new LatheGeometry([...profile].reverse().map((v) => new Vector2(v.x * 0.97, v.y)), 18), { at: [at[0], CEILING - 0.7, at[2]] }), mix(C.lampGlass, srgb(0xffd9a0), 0.5), { material: 'glow', lit: false });
  room.add(N, place(new SphereGeometry(0.045, 10, 8), { at: [at[0], CEILING - 0.76, at[2]] }), srgb(0xfff6e2), { material: 'glow', lit: false });
}

function wallScroll(room: Room): void {
  const N = 'wall-scroll';
  const cx = -1.0;
  const z = HALL_BACK;
  const top = 2.45;
  const bottom = 0.95;
  room.add(N, box([cx - 0.31, bottom, z], [cx + 0.31, top, z + 0.006], { skip: ['nz'] }), C.silk);
  room.add(N, box([cx - 0.24, bottom + 0.2, z + 0.006], [cx + 0.24, top - 0.22, z + 0.009], { skip: ['nz'] }), C.paper);
  // columns of brush strokes, read top to bottom, right to left
  const r = rng(47);
  const ink = new GeometryWriter();
  for (let col = 0; col < 3; col++) {
    const x = cx + 0.13 - col * 0.13;
    const chars = col === 2 ? 4 : 7;
    for (let ch = 0; ch < chars; ch++) {
      const y = top - 0.32 - ch * 0.125;
      const strokes = 2 + Math.floor(r() * 3);
      for (let s = 0; s < strokes; s++) {
        const horizontal = r() < 0.5;
        const w = horizontal ? 0.05 + r() * 0.04 : 0.012;
        const h = horizontal ? 0.012 : 0.05 + r() * 0.05;
        const ox = (r() - 0.5) * 0.05;
        const oy = (r() - 0.5) * 0.05;
        ink.quad([x + ox - w / 2, y + oy - h / 2, z + 0.0105], [w, 0, 0], [0, h, 0]);
      }
    }
  }
  room.add(N, ink.build(), C.ink);
  room.add(N, place(new CylinderGeometry(0.012, 0.012, 0.7, 8), { at: [cx, top + 0.01, z + 0.02], rot: [0, 0, Math.PI / 2] }), C.beam);
  room.add(N, place(new CylinderGeometry(0.018, 0.018, 0.72, 8), { at: [cx, bottom, z + 0.025], rot: [0, 0, Math.PI / 2] }), C.beam);
  room.add(N, tube([[cx - 0.25, top + 0.02, z + 0.02], [cx, top + 0.28, z + 0.01], [cx + 0.25, top + 0.02, z + 0.02]], 0.003, 4), C.ink);
}

// ---------------------------------------------------------------- table and chairs

const TABLE = { x: 0.5, z0: -1.2, z1: 1.6, top: 0.8 };

function lathe(points: [number, number][], segments = 16): BufferGeometry {
  return plain(new LatheGeometry(points.map(([x, y]) => new Vector2(x, y)), segments));
}

function table(room: Room): void {
  const N = 'meeting-table';
  const { x, z0, z1, top } = TABLE;
  room.add(N, box([-x, top - 0.04, z0], [x, top, z1], { cell: 0.25 }), C.table);
  room.add(N, box([-x + 0.05, top - 0.12, z0 + 0.05], [x - 0.05, top - 0.04, z1 - 0.05], { skip: ['py'] }), shade(C.table, 0.9));
  const legs: [number, number][] = [
    [-x + 0.03, z0 + 0.03],
    [x - 0.095, z0 + 0.03],
    [-x + 0.03, z1 - 0.095],
    [x - 0.095, z1 - 0.095],
  ];
  for (const [lx, lz] of legs) room.add(N, box([lx, 0, lz], [lx + 0.065, top - 0.04, lz + 0.065], { skip: ['ny', 'py'] }), C.table);
  for (const sx of [-1, 1]) room.add(N, box([sx * (x - 0.06) - 0.015, 0.12, z0 + 0.06], [sx * (x - 0.06) + 0.015, 0.16, z1 - 0.06]), shade(C.table, 0.9));
  room.solid([-x, top - 0.12, z0], [x, top, z1]);
  for (const [lx, lz] of legs) room.solid([lx, 0, lz], [lx + 0.065, top - 0.04, lz + 0.065]);

  const porcelain = (base: RGB, bands: [number, number][]) => (p: Vec3) => (bands.some(([a, b]) => p[1] > a && p[1] < b) ? C.blue : base);
  // tray with teapot and cups at the centre
  const cz = 0.2;
  room.add(N, box([-0.17, top, cz - 0.12], [0.17, top + 0.015, cz + 0.12], { skip: ['ny'] }), C.beam);
  const potY = top + 0.015;
  room.add(
    N,
    place(
      lathe([
        [0.0, 0],
        [0.045, 0],
        [0.07, 0.03],
        [0.075, 0.06],
        [0.065, 0.095],
        [0.035, 0.11],
        [0.03, 0.115],
        [0.0, 0.125],
      ]),
      { at: [-0.05, potY, cz] },
    ),
    porcelain(C.porcelain, [[potY + 0.05, potY + 0.07]]),
  );
  room.add(N, place(new SphereGeometry(0.012, 8, 6), { at: [-0.05, potY + 0.13, cz] }), C.porcelain);
  room.add(N, tube([[0.015, potY + 0.04, cz], [0.06, potY + 0.08, cz], [0.075, potY + 0.11, cz]], 0.01, 6), C.porcelain);
  room.add(N, place(new TorusGeometry(0.035, 0.008, 5, 10, Math.PI), { at: [-0.12, potY + 0.06, cz], rot: [0, 0, Math.PI / 2] }), C.porcelain);
  const cup = lathe([
    [0, 0],
    [0.02, 0],
    [0.026, 0.01],
    [0.032, 0.045],
    [0.029, 0.045],
    [0.022, 0.012],
    [0, 0.012],
  ]);
  for (const [dx, dz] of [
    [0.08, -0.06],
    [0.08, 0.05],
    [0.13, 0.0],
    [0.02, 0.08],
  ])
    room.add(N, place(cup, { at: [dx!, potY, cz + dz!] }), porcelain(C.porcelain, [[potY + 0.03, potY + 0.038]]));
  // a tall vase towards the far end, and papers at a few seats
  room.add(
    N,
    place(
      lathe(
        [
          [0, 0],
          [0.05, 0],
          [0.075, 0.06],
          [0.085, 0.13],
          [0.06, 0.2],
          [0.032, 0.25],
          [0.03, 0.3],
          [0.045, 0.33],
          [0.038, 0.335],
          [0.0, 0.31],
        ],
        18,
      ),
      { at: [0, top, 1.15] },
    ),
    porcelain(C.porcelain, [
      [top + 0.09, top + 0.16],
      [top + 0.27, top + 0.29],
    ]),
  );
  const r = rng(5);
  for (const [px, pz] of [
    [-0.3, -0.6],
    [0.3, 0.7],
    [-0.3, 1.2],
    [0.28, -0.3],
  ]) {
    room.add(N, boxAt([px!, top + 0.003, pz!], [0.21, 0.004, 0.28], [0, (r() - 0.5) * 0.5, 0]), srgb(0xe3dccb));
  }
}

/** The 12 chair places: 5 along each long side facing the table, one at each end. */
function chairPlaces(): Instance[] {
  const out: Instance[] = [];
  for (let k = -2; k <= 2; k++) {
    const z = 0.2 + k * 0.52;
    out.push({ at: [-0.64, 0, z], yaw: Math.PI / 2 });
    out.push({ at: [0.64, 0, z], yaw: -Math.PI / 2 });
  }
  out.push({ at: [0, 0, 1.56], yaw: Math.PI });
  out.push({ at: [0, 0, -1.16], yaw: 0 });
  return out;
}

function chairs(room: Room): void {
  const N = 'chairs';
  const seatY = 0.45;
  const hw = 0.22;
  const hd = 0.2;
  const parts: BufferGeometry[] = [];
  parts.push(box([-hw, seatY - 0.03, -hd], [hw, seatY, hd]));
  parts.push(box([-hw + 0.02, seatY - 0.09, -hd + 0.02], [hw - 0.02, seatY - 0.03, hd - 0.02], { skip: ['py'] }));
  for (const [lx, lz] of [
    [-hw + 0.02, hd - 0.02],
    [hw - 0.02, hd - 0.02],
  ])
    parts.push(box([lx! - 0.0175, 0, lz! - 0.0175], [lx! + 0.0175, seatY - 0.03, lz! + 0.0175], { skip: ['ny', 'py'] }));
  // back legs run up into the back posts, leaning back a little
  for (const lx of [-hw + 0.02, hw - 0.02]) parts.push(tube([[lx, 0, -hd + 0.02], [lx, seatY, -hd + 0.02], [lx, 0.86, -hd - 0.03]], 0.018, 6));
  for (const [a, b] of [
    [[-hw + 0.03, 0.16, hd - 0.03], [hw - 0.03, 0.19, hd - 0.01]],
    [[-hw + 0.03, 0.16, -hd + 0.01], [hw - 0.03, 0.19, -hd + 0.03]],
    [[-hw + 0.01, 0.14, -hd + 0.03], [-hw + 0.03, 0.17, hd - 0.03]],
    [[hw - 0.03, 0.14, -hd + 0.03], [hw - 0.01, 0.17, hd - 0.03]],
  ] as [Vec3, Vec3][])
    parts.push(box(a, b));
  // the round back: a horseshoe top rail and a curved splat
  const rail: Vec3[] = [];
  for (let i = 0; i <= 10; i++) {
    const a = Math.PI * (i / 10);
    rail.push([-(hw - 0.02) * Math.cos(a), 0.86, -hd - 0.03 - 0.05 * Math.sin(a)]);
  }
  parts.push(tube(rail, 0.02, 6));
  parts.push(boxAt([0, 0.66, -hd - 0.045], [0.11, 0.36, 0.016], [-0.1, 0, 0]));
  for (const g of parts) room.add(N, g, C.chair);
  const places = chairPlaces();
  const floor: Occluder = { min: [-3, -0.3, -3], max: [3, 0, 3] };
  const seat: Occluder = { min: [-hw, seatY - 0.09, -hd], max: [hw, seatY, hd] };
  const tableAbove: Occluder = { min: [-0.6, 0.68, 0.15], max: [0.6, 0.8, 1.0] };
  room.instance(N, places, { ...RIG, suns: [], lamps: [{ at: [0, 2.8, 0.6], color: [0.3, 0.24, 0.16], range: 1.5, shadow: false }] }, [floor, seat, tableAbove]);
  // chairs shade the floor of the hall
  for (const p of places) {
    const quarter = Math.abs(Math.sin(p.yaw)) > 0.5;
    const ex = quarter ? hd : hw;
    const ez = quarter ? hw : hd;
    room.solid([p.at[0] - ex, seatY - 0.09, p.at[2] - ez], [p.at[0] + ex, seatY, p.at[2] + ez]);
  }
}

/** Builds the yida-hall room: lane, facade with the shikumen gate, and the meeting hall. */
export function yidaHall(): Room {
  const room = new Room('yida-hall', RIG);
  lanePaving(room);
  facade(room);
  gate(room);
  hall(room);
  sideWindows(room);
  rearDoor(room);
  table(room);
  chairs(room);
  ceilingLamp(room);
  wallScroll(room);
  laneHouses(room);
  return room;
}

export default yidaHall;
