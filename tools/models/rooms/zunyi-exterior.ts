/**
 * The Zunyi Conference site (遵义会议会址) in the old city of Zunyi, Guizhou, seen from outside:
 * the street, the compound gate with its signboard, the courtyard, and the main building — a
 * two-storey brick-and-timber house in mixed Chinese and Western style with arcaded verandas on
 * both floors and a grey-tiled hip roof. An illustrative reconstruction, not a survey.
 *
 * Plan (metres, y up, floor at 0, +z is south): building front (veranda plinth edge) at z = 0,
 * building x∈[-8.5, 8.5], z∈[-11, 0]; courtyard x∈[-8.5, 8.5], z∈[0, 13]; compound wall with the
 * gatehouse z∈[13, 13.4], gate opening x∈[-0.9, 0.9]; street z∈[13.4, 19.6]; houses across it.
 * Walkable areas come from scenes/zunyi/scene.json.
 */
import { CylinderGeometry, ExtrudeGeometry, IcosahedronGeometry, Shape, TorusGeometry, Vector2 } from 'three';
import type { BufferGeometry } from 'three';
import { box, GeometryWriter, hash3, masonry, mix, normalize, panel, place, plain, reveals, rng, shade, srgb, tube, type Rect2, type RGB, type Vec3, type WallFrame } from '../geometry';
import { GlyphFont, lettering, SIGN_FONT } from '../glyphs';
import type { LightRig } from '../lighting';
import { Room } from '../room';

const C = {
  paving: srgb(0x8d8a83),
  joint: srgb(0x4a4843),
  street: srgb(0x7b7872),
  brick: srgb(0x6f7376),
  brickWarm: srgb(0x77736d),
  mortar: srgb(0xb9b6ae),
  trim: srgb(0xa9a79f),
  plaster: srgb(0xd6d2c8),
  stone: srgb(0x9c988e),
  wood: srgb(0x5e2519),
  woodDark: srgb(0x3f1a12),
  glass: srgb(0x283036),
  roof: srgb(0x404346),
  roofDark: srgb(0x2c2e30),
  board: srgb(0x121110),
  gold: srgb(0xd9ad4c),
  trunk: srgb(0x4a3b2c),
  leaf: srgb(0x3b5a2e),
  houseWood: srgb(0x4d3325),
  houseWall: srgb(0xe2ddd2),
};

/** A grey winter day in Guizhou: a strong sky, a soft low sun from the south-east. */
const RIG: LightRig = {
  ambient: [0.3, 0.3, 0.31],
  sky: [0.86, 0.9, 0.98],
  ground: [0.2, 0.19, 0.18],
  suns: [{ dir: normalize([-0.38, -0.6, -0.7]), color: [1.25, 1.15, 0.98], spread: 0.07 }],
  lamps: [],
  aoRadius: 0.9,
  aoStrength: 0.9,
  skyDistance: 60,
};

/** Half-width of the building and of the courtyard. */
const HW = 8.5;
/** The seven arcade bays: centres and widths. */
const BAY = 2.2;
const BAYS = [-3, -2, -1, 0, 1, 2, 3].map((i) => i * BAY);
const ARCH_R = 0.85;
/** Veranda plinth height, pier faces and the inner wall behind the verandas. */
const PLINTH = 0.3;
const PIER_FRONT = -0.1;
const PIER_BACK = -0.55;
const INNER = -2.4;
/** Storeys: floor, arch spring line, top of the arcade wall. */
const STOREYS = [
  { floor: PLINTH, spring: 2.75, top: 4.2 },
  { floor: 4.2, spring: 6.35, top: 7.7 },
];
const EAVE_Y = 7.9;
const WALL_IN = 13.0;
const WALL_OUT = 13.4;
const WALL_H = 3.0;
const GATE_HW = 0.9;
const GATE_H = 2.8;

function vary(c: RGB, h: number, amount: number): RGB {
  const k = 1 + (h - 0.5) * 2 * amount;
  return [c[0] * k, c[1] * k, c[2] * k];
}

function frame(origin: Vec3, u: Vec3): WallFrame {
  return { origin, u, v: [0, 1, 0] };
}

function extrude(shape: Shape, depth: number, curveSegments = 12): BufferGeometry {
  return plain(new ExtrudeGeometry(shape, { depth, bevelEnabled: false, curveSegments }));
}

// ---------------------------------------------------------------- ground

/** Stone slabs in running rows over a rectangle, each slab its own tint. */
function slabs(w: GeometryWriter, x0: number, x1: number, z0: number, z1: number, seed: number, size: [number, number]): void {
  const r = rng(seed);
  const joint = 0.016;
  let z = z0;
  let row = 0;
  while (z < z1 - 1e-6) {
    const depth = Math.min(size[1] * (0.85 + r() * 0.3), z1 - z);
    let x = x0 - (row % 2) * size[0] * 0.5;
    while (x < x1 - 1e-6) {
      const len = size[0] * (0.8 + r() * 0.4);
      const xa = Math.max(x, x0) + joint / 2;
      const xb = Math.min(x + len, x1) - joint / 2;
      if (xb - xa > 0.05) {
        w.withTint(vary([1, 1, 1], r(), 0.14));
        w.quad([xa, 0, z + depth - joint / 2], [xb - xa, 0, 0], [0, 0, -(depth - joint)], 0.7);
      }
      x += len;
    }
    z += depth;
    row++;
  }
}

function ground(room: Room): void {
  const yard = new GeometryWriter();
  slabs(yard, -HW, HW, 0, WALL_IN, 3, [0.9, 0.6]);
  room.add('ground', yard.build(), C.paving, { bake: { grid: 0.3 } });
  const street = new GeometryWriter();
  slabs(street, -13, 13, WALL_OUT, 19.6, 5, [0.6, 0.4]);
  room.add('ground', street.build(), C.street, { bake: { grid: 0.3 } });
  const bed = new GeometryWriter();
  bed.quad([-13, -0.008, 19.6], [26, 0, 0], [0, 0, -19.6], 1.0);
  room.add('ground', bed.build(), C.joint);
  room.solid([-14, -0.5, -12], [14, -0.008, 21]);
}

// ---------------------------------------------------------------- the main building

/** One bay's wall above its arch: the rectangle from spring line to wall top, less the semicircle. */
function spandrel(cx: number, spring: number, top: number): BufferGeometry {
  // the outermost bays stop at the end piers, which rise to the wall top
  const left = Math.max(cx - BAY / 2, -BAY * 3.5 + (BAY / 2 - ARCH_R));
  const right = Math.min(cx + BAY / 2, BAY * 3.5 - (BAY / 2 - ARCH_R));
  const pts: Vector2[] = [new Vector2(left, spring), new Vector2(cx - ARCH_R, spring)];
  for (let k = 1; k < 16; k++) {
    const a = Math.PI - (k / 16) * Math.PI;
    pts.push(new Vector2(cx + Math.cos(a) * ARCH_R, spring + Math.sin(a) * ARCH_R));
  }
  pts.push(new Vector2(cx + ARCH_R, spring), new Vector2(right, spring), new Vector2(right, top), new Vector2(left, top));
  const g = extrude(new Shape(pts), PIER_FRONT - PIER_BACK);
  return place(g, { at: [0, 0, PIER_BACK] });
}

function arcade(room: Room): void {
  const N = 'main-building';
  const brick = (p: Vec3): RGB => vary(C.brick, hash3(Math.floor(p[0] * 2), Math.floor(p[1] * 3), 1), 0.05);
  for (const s of STOREYS) {
    // piers between the bays, and the wide end piers
    for (let i = 0; i <= BAYS.length; i++) {
      const x = -BAY * 3.5 + i * BAY;
      const end = i === 0 || i === BAYS.length;
      const x0 = end ? (i === 0 ? -HW : x - (BAY / 2 - ARCH_R)) : x - (BAY / 2 - ARCH_R);
      const x1 = end ? (i === 0 ? x + (BAY / 2 - ARCH_R) : HW) : x + (BAY / 2 - ARCH_R);
      room.add(N, box([x0, s.floor, PIER_BACK], [x1, end ? s.top : s.spring, PIER_FRONT], { skip: end ? ['ny'] : ['ny', 'py'], cell: 0.5 }), brick, { bake: { grid: 0.25 } });
      room.solid([x0, s.floor, PIER_BACK], [x1, end ? s.top : s.spring, PIER_FRONT]);
      // base block and impost (the moulded block the arch springs from)
      const bx0 = end ? x0 : x0 - 0.05;
      const bx1 = end ? x1 : x1 + 0.05;
      room.add(N, box([bx0, s.floor, PIER_BACK - 0.02], [bx1, s.floor + 0.32, PIER_FRONT + 0.05], { skip: ['ny'] }), C.trim);
      if (!end) room.add(N, box([x0 - 0.07, s.spring - 0.14, PIER_BACK - 0.03], [x1 + 0.07, s.spring, PIER_FRONT + 0.05]), C.trim);
      else {
        const ex0 = i === 0 ? x1 - 0.12 : x0;
        const ex1 = i === 0 ? x1 : x0 + 0.12;
        room.add(N, box([ex0 - 0.02, s.spring - 0.14, PIER_BACK - 0.03], [ex1 + 0.02, s.spring, PIER_FRONT + 0.05]), C.trim);
      }
    }
    for (const cx of BAYS) {
      room.add(N, spandrel(cx, s.spring, s.top), brick, { bake: { grid: 0.25 } });
      room.solid([cx - BAY / 2, s.spring + ARCH_R * 0.7, PIER_BACK], [cx + BAY / 2, s.top, PIER_FRONT]);
      // archivolt moulding, keystone
      room.add(N, place(new TorusGeometry(ARCH_R + 0.07, 0.055, 4, 18, Math.PI), { at: [cx, s.spring, PIER_FRONT + 0.01] }), C.trim);
      room.add(N, box([cx - 0.11, s.spring + ARCH_R - 0.02, PIER_FRONT - 0.02], [cx + 0.11, s.spring + ARCH_R + 0.3, PIER_FRONT + 0.06]), C.trim);
    }
    // string course / cornice at the top of the storey
    room.add(N, box([-HW - 0.06, s.top - 0.12, PIER_BACK - 0.05], [HW + 0.06, s.top, PIER_FRONT + 0.1], { cell: 0.8 }), C.trim);
    room.add(N, box([-HW - 0.1, s.top, PIER_BACK - 0.1], [HW + 0.1, s.top + 0.08, PIER_FRONT + 0.16], { cell: 0.8 }), shade(C.trim, 0.92));
  }
  // the building's ends and body (seen beside and above the arcade)
  for (const sx of [-1, 1]) {
    const x0 = sx < 0 ? -HW : HW - 0.45;
    const x1 = sx < 0 ? -HW + 0.45 : HW;
    room.add(N, box([x0, 0, -11], [x1, STOREYS[1]!.top + 0.08, PIER_BACK], { skip: ['ny'], cell: 0.8 }), brick, { bake: { grid: 0.4 } });
    room.solid([x0, 0, -11], [x1, STOREYS[1]!.top, PIER_BACK]);
    // upper windows on the end walls
    for (const z of [-4.2, -7.6]) {
      const xf = sx < 0 ? -HW - 0.01 : HW + 0.01;
      const g = new GeometryWriter();
      if (sx < 0) g.quad([xf, 5.0, z + 0.55], [0, 0, -1.1], [0, 1.6, 0]);
      else g.quad([xf, 5.0, z - 0.55], [0, 0, 1.1], [0, 1.6, 0]);
      room.add('windows', g.build(), C.glass);
      const xo = sx < 0 ? xf - 0.04 : xf;
      room.add('windows', box([xo, 4.95, z - 0.62], [xo + 0.04, 6.67, z + 0.62]), C.wood);
    }
  }
  room.solid([-HW, 0, -11], [HW, EAVE_Y, INNER - 0.3]);
}

/** Plinth, veranda floors and ceilings, and the inner wall with its doors and windows. */
function verandas(room: Room): void {
  const N = 'verandas';
  // plinth with a stone edge, and steps up in the middle bay
  room.add(N, box([-HW - 0.1, 0, INNER - 0.2], [HW + 0.1, PLINTH - 0.06, 0], { skip: ['ny'], cell: 0.8 }), C.stone);
  room.add(N, box([-HW - 0.12, PLINTH - 0.06, INNER - 0.2], [HW + 0.12, PLINTH, 0.03], { skip: ['ny'], cell: 0.8 }), shade(C.stone, 1.08));
  room.add(N, box([-1.2, 0, 0], [1.2, 0.15, 0.35], { skip: ['ny', 'nz'] }), shade(C.stone, 1.05));
  room.solid([-HW - 0.1, 0, INNER - 0.2], [HW + 0.1, PLINTH, 0.03]);
  room.solid([-1.2, 0, 0], [1.2, 0.15, 0.35]);
  const floorW = new GeometryWriter();
  floorW.quad([-HW, PLINTH + 0.005, PIER_BACK], [2 * HW, 0, 0], [0, 0, INNER - PIER_BACK], 0.6);
  room.add(N, floorW.build(), mix(C.stone, C.plaster, 0.25), { bake: { grid: 0.3 } });
  // the upper veranda floor slab and the ceilings of both verandas
  for (const s of STOREYS) {
    const c = new GeometryWriter();
    c.quad([-HW, s.top - 0.12, INNER], [2 * HW, 0, 0], [0, 0, PIER_BACK - INNER], 0.6);
    room.add(N, c.build(), C.plaster, { bake: { grid: 0.3 } });
    room.solid([-HW, s.top - 0.12, INNER], [HW, s.top, PIER_BACK]);
  }
  const up = new GeometryWriter();
  up.quad([-HW, STOREYS[1]!.floor + 0.005, PIER_BACK], [2 * HW, 0, 0], [0, 0, INNER - PIER_BACK], 0.6);
  room.add(N, up.build(), mix(C.wood, C.stone, 0.5), { bake: { grid: 0.3 } });
  // inner walls: a door in the middle bay, a window in every other bay
  const f = frame([-HW, 0, INNER], [1, 0, 0]);
  for (const s of STOREYS) {
    const holes: Rect2[] = BAYS.map((cx) =>
      cx === 0 ? { s0: HW - 0.75, s1: HW + 0.75, t0: s.floor, t1: s.floor + 2.7 } : { s0: cx + HW - 0.55, s1: cx + HW + 0.55, t0: s.floor + 0.85, t1: s.floor + 2.65 },
    );
    const g = panel({ origin: [-HW, s.floor, INNER], u: [1, 0, 0], v: [0, 1, 0] }, 2 * HW, s.top - 0.12 - s.floor, holes.map((h) => ({ ...h, t0: h.t0 - s.floor, t1: h.t1 - s.floor })), 0.5);
    room.add(N, g, C.plaster, { bake: { grid: 0.25 } });
    for (const h of holes) room.add(N, reveals(f, h, 0.25, { bottom: h.t0 > s.floor }), shade(C.plaster, 0.8));
    windowsAndDoors(room, holes, s.floor);
  }
}

function windowsAndDoors(room: Room, holes: Rect2[], floor: number): void {
  const N = 'windows';
  for (const h of holes) {
    const x0 = h.s0 - HW;
    const x1 = h.s1 - HW;
    const door = h.t0 === floor;
    const zb = INNER - 0.12;
    // dark glass (or the dim hall behind an open door)
    const g = new GeometryWriter();
    g.quad([x0, h.t0, zb], [x1 - x0, 0, 0], [0, h.t1 - h.t0, 0]);
    room.add(N, g.build(), door ? shade(C.woodDark, 0.6) : C.glass, { lit: false });
    const fw = 0.06;
    const zf = zb + 0.05;
    const bars: [Vec3, Vec3][] = [
      [[x0, h.t1 - fw, zb], [x1, h.t1, zf]],
      [[x0, h.t0, zb], [x0 + fw, h.t1, zf]],
      [[x1 - fw, h.t0, zb], [x1, h.t1, zf]],
      [[(x0 + x1) / 2 - 0.025, h.t0, zb], [(x0 + x1) / 2 + 0.025, h.t1, zf]],
    ];
    if (!door) {
      bars.push([[x0, h.t0, zb], [x1, h.t0 + fw, zf]]);
      for (const k of [1, 2, 3]) bars.push([[x0, h.t0 + ((h.t1 - h.t0) * k) / 4 - 0.015, zb], [x1, h.t0 + ((h.t1 - h.t0) * k) / 4 + 0.015, zf - 0.01]]);
      // a stone sill
      room.add(N, box([x0 - 0.06, h.t0 - 0.06, INNER - 0.02], [x1 + 0.06, h.t0, INNER + 0.07]), C.stone);
    } else {
      // two panelled leaves opened inward (seen as dark edges), and a transom
      bars.push([[x0, h.t1 - 0.5, zb], [x1, h.t1 - 0.44, zf]]);
      for (const sx of [x0 + 0.06, x1 - 0.1]) bars.push([[sx, h.t0, zb - 0.6], [sx + 0.04, h.t1 - 0.5, zb]]);
    }
    for (const [a, b] of bars) room.add(N, box(a, b, { skip: ['nz'] }), C.wood);
    // louvred shutters folded back against the wall either side of each window
    if (!door) {
      const sw = (x1 - x0) / 2;
      for (const [sx0, sx1] of [
        [x0 - 0.04 - sw, x0 - 0.04],
        [x1 + 0.04, x1 + 0.04 + sw],
      ] as const) {
        room.add(N, box([sx0, h.t0, INNER], [sx1, h.t1, INNER + 0.035], { skip: ['nz'] }), C.wood);
        const slats = 9;
        for (let k = 1; k < slats; k++) {
          const y = h.t0 + ((h.t1 - h.t0) * k) / slats;
          room.add(N, box([sx0 + 0.035, y - 0.012, INNER + 0.035], [sx1 - 0.035, y + 0.012, INNER + 0.05], { skip: ['nz'] }), shade(C.wood, 0.78));
        }
      }
    }
    // architrave
    room.add(N, box([x0 - 0.07, h.t1, INNER], [x1 + 0.07, h.t1 + 0.08, INNER + 0.04], { skip: ['nz'] }), shade(C.wood, 0.9));
  }
  room.solidWall({ origin: [-HW, floor, INNER], u: [1, 0, 0], v: [0, 1, 0] }, 2 * HW, 3.5, 0.3, holes.map((h) => ({ ...h, t0: h.t0 - floor, t1: h.t1 - floor })));
}

/** Wooden railings across the upper arches. */
function balustrades(room: Room): void {
  const N = 'balustrades';
  const y0 = STOREYS[1]!.floor;
  const z = (PIER_FRONT + PIER_BACK) / 2;
  for (const cx of BAYS) {
    const a = cx - ARCH_R;
    const b = cx + ARCH_R;
    room.add(N, box([a, y0, z - 0.07], [b, y0 + 0.1, z + 0.07], { skip: ['ny'] }), C.wood);
    room.add(N, box([a, y0 + 0.86, z - 0.08], [b, y0 + 0.94, z + 0.08]), C.wood);
    room.add(N, box([a, y0 + 0.74, z - 0.03], [b, y0 + 0.78, z + 0.03]), C.wood);
    const n = 11;
    for (let k = 1; k < n; k++) {
      const x = a + ((b - a) * k) / n;
      room.add(N, box([x - 0.022, y0 + 0.1, z - 0.022], [x + 0.022, y0 + 0.86, z + 0.022], { skip: ['py', 'ny'] }), shade(C.wood, 0.95));
    }
  }
}

// ---------------------------------------------------------------- the roof

interface HipRoof {
  at: Vec3;
  hx: number;
  hz: number;
  ridge: number;
  height: number;
}

/** Point on face f (0 front +z, 1 right +x, 2 back, 3 left) at slope t (eave 0 → ridge 1) and edge e (−1 … 1). */
function roofPoint(r: HipRoof, face: number, t: number, e: number, lift = 0): Vec3 {
  const ex = r.hx + (r.ridge - r.hx) * t;
  const ez = r.hz * (1 - t);
  const y = r.at[1] + r.height * t + lift;
  const [cx, , cz] = r.at;
  switch (face) {
    case 0:
      return [cx + e * ex, y, cz + ez];
    case 1:
      return [cx + ex, y, cz - e * ez];
    case 2:
      return [cx - e * ex, y, cz - ez];
    default:
      return [cx - ex, y, cz + e * ez];
  }
}

function meshFrom(pos: number[], idx: number[]): BufferGeometry {
  const w = new GeometryWriter();
  const n = pos.length / 3;
  const acc = Array.from({ length: n }, () => [0, 0, 0] as Vec3);
  for (let t = 0; t < idx.length; t += 3) {
    const [a, b, c] = [idx[t]!, idx[t + 1]!, idx[t + 2]!];
    const p = (i: number): Vec3 => [pos[i * 3]!, pos[i * 3 + 1]!, pos[i * 3 + 2]!];
    const pa = p(a);
    const u: Vec3 = [p(b)[0] - pa[0], p(b)[1] - pa[1], p(b)[2] - pa[2]];
    const v: Vec3 = [p(c)[0] - pa[0], p(c)[1] - pa[1], p(c)[2] - pa[2]];
    const nn: Vec3 = [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]];
    for (const i of [a, b, c]) for (let k = 0; k < 3; k++) acc[i]![k]! += nn[k]!;
  }
  for (let i = 0; i < n; i++) w.vertex([pos[i * 3]!, pos[i * 3 + 1]!, pos[i * 3 + 2]!], normalize(acc[i]!));
  for (let t = 0; t < idx.length; t += 3) w.tri(idx[t]!, idx[t + 1]!, idx[t + 2]!);
  return w.build();
}

function roof(room: Room): void {
  const N = 'roof';
  const r: HipRoof = { at: [0, EAVE_Y, -5.5], hx: HW + 0.8, hz: 6.3, ridge: 3.0, height: 3.4 };
  const rows = 6;
  const cols = 12;
  for (let f = 0; f < 4; f++) {
    const pos: number[] = [];
    const idx: number[] = [];
    for (let j = 0; j <= rows; j++) for (let i = 0; i <= cols; i++) pos.push(...roofPoint(r, f, j / rows, -1 + (2 * i) / cols));
    for (let j = 0; j < rows; j++)
      for (let i = 0; i < cols; i++) {
        const a = j * (cols + 1) + i;
        idx.push(a, a + 1, a + cols + 2, a, a + cols + 2, a + cols + 1);
      }
    room.add(N, meshFrom(pos, idx), C.roof, { bake: { ao: 0.3 } });
    // tile ribs running down the slope (not on the back face, which nobody sees)
    if (f === 2) continue;
    const half = f % 2 === 0 ? r.hx : r.hz;
    const eHalf = f % 2 === 0 ? r.hx - r.ridge : r.hz;
    for (let s = -half + 0.12; s < half - 0.05; s += 0.24) {
      // the rib ends where it meets the hip: |s| = extent at t
      const tMax = Math.min(1, (half - Math.abs(s)) / eHalf);
      if (tMax < 0.04) continue;
      const pts: Vec3[] = [0, tMax].map((t) => {
        const ext = f % 2 === 0 ? r.hx + (r.ridge - r.hx) * t : r.hz * (1 - t);
        return roofPoint(r, f, t, s / Math.max(ext, 1e-3), 0.035);
      });
      room.add(N, tube(pts, 0.035, 4), vary(C.roof, hash3(s, f, 2), 0.08), { bake: { ao: 0.3 } });
      // round drip tile at the eave
      const p = pts[0]!;
      if (f === 0) room.add(N, place(new CylinderGeometry(0.065, 0.065, 0.04, 6), { at: [p[0], p[1] - 0.02, p[2] + 0.01], rot: [Math.PI / 2, 0, 0] }), shade(C.roof, 0.85));
    }
  }
  // ridge and hips
  const ridgeA = roofPoint(r, 0, 1, -1, 0.06);
  const ridgeB = roofPoint(r, 0, 1, 1, 0.06);
  room.add(N, tube([ridgeA, ridgeB], 0.1, 6), C.roofDark);
  for (const [x, z] of [
    [-1, 1],
    [1, 1],
    [1, -1],
    [-1, -1],
  ] as const) {
    const eave: Vec3 = [r.at[0] + x * r.hx, EAVE_Y + 0.06, r.at[2] + z * r.hz];
    const top: Vec3 = x < 0 ? ridgeA : ridgeB;
    room.add(N, tube([eave, [top[0], top[1], r.at[2]]], 0.08, 5), C.roofDark);
  }
  for (const p of [ridgeA, ridgeB]) room.add(N, place(new CylinderGeometry(0.06, 0.16, 0.4, 6), { at: [p[0], p[1] + 0.18, p[2]] }), C.roofDark);
  // eave fascia and the dark underside
  const under = new GeometryWriter();
  under.quad([-r.hx, EAVE_Y - 0.06, r.at[2] - r.hz], [2 * r.hx, 0, 0], [0, 0, 2 * r.hz], 1.2);
  room.add(N, under.build(), shade(C.wood, 0.7), { bake: { ao: 0.5 } });
  room.add(N, box([-r.hx, EAVE_Y - 0.06, r.at[2] + r.hz - 0.04], [r.hx, EAVE_Y + 0.02, r.at[2] + r.hz], { skip: ['nz'], cell: 1 }), C.roofDark);
  room.solid([-r.hx + 1, EAVE_Y, r.at[2] - r.hz + 1], [r.hx - 1, EAVE_Y + 2.2, r.at[2] + r.hz - 1]);
}

// ---------------------------------------------------------------- compound walls and gate

function compoundWalls(room: Room): void {
  const N = 'compound-walls';
  const brickColor = (row: number, col: number) => vary(row % 9 === 4 ? C.brickWarm : C.brick, hash3(row, col, 13), 0.13);
  // front wall: outer (street) face in grey brick either side of the gatehouse, plaster inside
  const GH = 2.15;
  for (const side of [-1, 1]) {
    const xa = side < 0 ? -13 : GH;
    const xb = side < 0 ? -GH : 13;
    const w = xb - xa;
    const fo = frame([xa, 0, WALL_OUT], [1, 0, 0]);
    room.add(N, panel(fo, w, WALL_H, [], 0.6), C.mortar, { bake: { grid: 0.3 } });
    // face brick near the gate; further along the street the wall is rendered
    const bw = 5.2;
    const brickPart: Rect2 = side < 0 ? { s0: w - bw, s1: w, t0: 0, t1: WALL_H } : { s0: 0, s1: bw, t0: 0, t1: WALL_H };
    const render: Rect2 = side < 0 ? { s0: 0, s1: w - bw, t0: 0, t1: WALL_H } : { s0: bw, s1: w, t0: 0, t1: WALL_H };
    room.add(N, masonry(fo, { width: w, height: WALL_H, holes: [render], course: 0.075, brick: 0.26, joint: 0.012, relief: 0.008, color: brickColor }), [1, 1, 1], { bake: { grid: 0.3 } });
    room.add(N, panel(fo, w, WALL_H, [brickPart], 0.6, 0.012), (p) => (p[1] < 0.5 ? shade(C.stone, 0.85) : vary(C.houseWall, hash3(Math.floor(p[0]), 0, 7), 0.04)), { bake: { grid: 0.3 } });
    const xi0 = Math.max(xa, -HW);
    const xi1 = Math.min(xb, HW);
    room.add(N, panel({ origin: [xi1, 0, WALL_IN], u: [-1, 0, 0], v: [0, 1, 0] }, xi1 - xi0, WALL_H, [], 0.5), C.plaster, { bake: { grid: 0.3 } });
    room.add(N, box([xa, WALL_H, WALL_IN - 0.1], [xb, WALL_H + 0.1, WALL_OUT + 0.1], { skip: ['ny'], cell: 1 }), C.roofDark);
    room.add(N, tube([[xa, WALL_H + 0.16, (WALL_IN + WALL_OUT) / 2], [xb, WALL_H + 0.16, (WALL_IN + WALL_OUT) / 2]], 0.09, 5), C.roof);
    room.solid([xa, 0, WALL_IN], [xb, WALL_H, WALL_OUT]);
  }
  // side walls of the courtyard (inner faces) up to the building
  for (const sx of [-1, 1]) {
    const x = sx * HW;
    const f = sx < 0 ? frame([x, 0, WALL_IN], [0, 0, -1]) : frame([x, 0, 0], [0, 0, 1]);
    room.add(N, panel(f, WALL_IN, WALL_H, [], 0.5), C.plaster, { bake: { grid: 0.3 } });
    const o = sx < 0 ? x - 0.4 : x;
    room.add(N, box([o - 0.05, WALL_H, 0], [o + 0.45, WALL_H + 0.1, WALL_IN], { skip: ['ny'], cell: 1 }), C.roofDark);
    room.add(N, tube([[x + sx * 0.2, WALL_H + 0.16, 0], [x + sx * 0.2, WALL_H + 0.16, WALL_IN]], 0.09, 5), C.roof);
    room.solid(sx < 0 ? [x - 0.4, 0, -1] : [x, 0, -1], sx < 0 ? [x, WALL_H, WALL_OUT] : [x + 0.4, WALL_H, WALL_OUT]);
    // a dark plinth band along the foot
    room.add(N, box(sx < 0 ? [x, 0, 0] : [x - 0.03, 0, 0], sx < 0 ? [x + 0.03, 0.4, WALL_IN] : [x, 0.4, WALL_IN], { skip: ['ny'], cell: 1 }), shade(C.stone, 0.8));
  }
}

function gate(room: Room): void {
  const N = 'gate';
  const GH = 2.15;
  const H = 4.3;
  // the gatehouse wall, brick on the street side, with the doorway
  const door: Rect2 = { s0: GH - GATE_HW, s1: GH + GATE_HW, t0: 0, t1: GATE_H };
  const fo = frame([-GH, 0, WALL_OUT], [1, 0, 0]);
  room.add(N, panel(fo, 2 * GH, H, [door], 0.5), C.mortar, { bake: { grid: 0.25 } });
  room.add(N, masonry(fo, { width: 2 * GH, height: H, holes: [door], course: 0.075, brick: 0.26, joint: 0.012, relief: 0.008, color: (row, col) => vary(C.brick, hash3(row, col, 17), 0.12) }), [1, 1, 1], { bake: { grid: 0.25 } });
  room.add(N, panel({ origin: [GH, 0, WALL_IN], u: [-1, 0, 0], v: [0, 1, 0] }, 2 * GH, H, [{ ...door }], 0.5), C.plaster, { bake: { grid: 0.25 } });
  room.add(N, reveals(fo, door, WALL_OUT - WALL_IN, { bottom: false }), shade(C.stone, 0.95));
  room.solidWall(frame([-GH, 0, WALL_OUT], [1, 0, 0]), 2 * GH, H, WALL_OUT - WALL_IN, [door]);
  // stone door frame and a threshold low enough to step over
  room.add(N, box([-GATE_HW - 0.16, 0, WALL_OUT], [-GATE_HW, GATE_H, WALL_OUT + 0.06], { skip: ['ny', 'nz'] }), C.stone);
  room.add(N, box([GATE_HW, 0, WALL_OUT], [GATE_HW + 0.16, GATE_H, WALL_OUT + 0.06], { skip: ['ny', 'nz'] }), C.stone);
  room.add(N, box([-GATE_HW - 0.16, GATE_H, WALL_OUT], [GATE_HW + 0.16, GATE_H + 0.16, WALL_OUT + 0.06], { skip: ['nz'] }), C.stone);
  room.add(N, box([-GATE_HW, 0, WALL_IN], [GATE_HW, 0.03, WALL_OUT + 0.06], { skip: ['ny'] }), shade(C.stone, 0.9));
  // brick pilasters at the gatehouse corners, street side
  for (const sx of [-1, 1]) {
    const a = sx < 0 ? -GH : GH - 0.42;
    room.add(N, box([a, 0, WALL_OUT], [a + 0.42, H, WALL_OUT + 0.22], { skip: ['ny', 'nz'], cell: 0.5 }), (p) => vary(C.brick, hash3(Math.floor(p[1] / 0.15), sx, 3), 0.08), { bake: { grid: 0.2 } });
    room.add(N, box([a - 0.04, 0, WALL_OUT], [a + 0.46, 0.4, WALL_OUT + 0.26], { skip: ['ny', 'nz'] }), C.stone);
    room.solid([a, 0, WALL_OUT], [a + 0.42, H, WALL_OUT + 0.22]);
  }
  // the two door leaves, opened inward and folded back against the inner wall
  for (const sx of [-1, 1]) {
    const a = sx < 0 ? -GATE_HW - 0.92 : GATE_HW + 0.02;
    room.add(N, box([a, 0.02, WALL_IN - 0.07], [a + 0.9, GATE_H - 0.04, WALL_IN - 0.01], { cell: 0.6 }), C.woodDark);
    for (const y of [0.5, 1.4, 2.3]) room.add(N, box([a + 0.05, y, WALL_IN - 0.09], [a + 0.85, y + 0.06, WALL_IN - 0.07], { skip: ['pz'] }), shade(C.woodDark, 1.3));
  }
  // a small tiled gable roof over the gatehouse
  const ridgeY = 5.25;
  const eaveY = H + 0.05;
  const zc = (WALL_IN + WALL_OUT) / 2;
  const w = 2.55;
  for (const dir of [1, -1]) {
    const ze = zc + dir * 1.05;
    const slope = new GeometryWriter();
    if (dir > 0) slope.quad([-w, eaveY, ze], [2 * w, 0, 0], [0, ridgeY - eaveY, zc - ze], 0.5);
    else slope.quad([w, eaveY, ze], [-2 * w, 0, 0], [0, ridgeY - eaveY, zc - ze], 0.5);
    room.add(N, slope.build(), C.roof, { bake: { ao: 0.3 } });
    const soffit = new GeometryWriter();
    if (dir > 0) soffit.quad([w, eaveY - 0.05, ze], [-2 * w, 0, 0], [0, ridgeY - eaveY, zc - ze], 0.5);
    else soffit.quad([-w, eaveY - 0.05, ze], [2 * w, 0, 0], [0, ridgeY - eaveY, zc - ze], 0.5);
    room.add(N, soffit.build(), shade(C.wood, 0.8), { bake: { ao: 0.5 } });
    for (let x = -w + 0.1; x < w; x += 0.22) {
      room.add(N, tube([[x, eaveY + 0.035, ze], [x, ridgeY + 0.035, zc]], 0.035, 4), vary(C.roof, hash3(x, dir, 5), 0.08));
      room.add(N, place(new CylinderGeometry(0.065, 0.065, 0.04, 8), { at: [x, eaveY + 0.01, ze + dir * 0.01], rot: [Math.PI / 2, 0, 0] }), shade(C.roof, 0.85));
    }
  }
  room.add(N, tube([[-w - 0.1, ridgeY + 0.08, zc], [w + 0.1, ridgeY + 0.08, zc]], 0.11, 6), C.roofDark);
  for (const sx of [-1, 1]) room.add(N, place(new CylinderGeometry(0.05, 0.14, 0.45, 6), { at: [sx * (w + 0.05), ridgeY + 0.3, zc], rot: [0, 0, sx * 0.5] }), C.roofDark);
  // gable ends: brick triangles under the roof
  for (const sx of [-1, 1]) {
    const tri = new Shape([new Vector2(WALL_IN - 0.1, 0), new Vector2(WALL_OUT + 0.1, 0), new Vector2(zc, ridgeY - H)]);
    const g = extrude(tri, 0.4, 1);
    // shape x → z, shape y → y; the extrusion runs along x
    g.rotateY(-Math.PI / 2);
    g.translate(sx < 0 ? -GH + 0.4 : GH, H, 0);
    room.add(N, g, C.brick, {});
  }
  room.solid([-w, H, WALL_IN - 1], [w, ridgeY, WALL_OUT + 1]);
}

/** The signboard over the gate: a black board with gilt lettering and a gilt border. */
function signboard(room: Room): void {
  const N = 'signboard';
  const z = WALL_OUT + 0.02;
  const y0 = 3.12;
  const y1 = 3.88;
  const hw = 1.42;
  room.add(N, box([-hw, y0, z], [hw, y1, z + 0.07], { skip: ['nz'], cell: 0.4 }), C.board);
  for (const [a, b] of [
    [[-hw - 0.06, y1, z], [hw + 0.06, y1 + 0.06, z + 0.1]],
    [[-hw - 0.06, y0 - 0.06, z], [hw + 0.06, y0, z + 0.1]],
    [[-hw - 0.06, y0, z], [-hw, y1, z + 0.1]],
    [[hw, y0, z], [hw + 0.06, y1, z + 0.1]],
  ] as [Vec3, Vec3][])
    room.add(N, box(a, b, { skip: ['nz'] }), shade(C.gold, 0.8));
  const text = lettering(new GlyphFont(SIGN_FONT), '遵义会议会址', { size: 0.38, pitch: 0.43 });
  room.add(N, place(text, { at: [0, (y0 + y1) / 2, z + 0.072] }), C.gold, { bake: { ao: 0 } });
  room.solid([-hw, y0, z], [hw, y1, z + 0.07]);
}

// ---------------------------------------------------------------- surroundings

function tree(room: Room, base: Vec3, height: number, seed: number): void {
  const r = rng(seed);
  room.add('trees', tube([base, [base[0] + 0.1, base[1] + height * 0.45, base[2]], [base[0], base[1] + height * 0.6, base[2] - 0.1]], 0.16, 6), C.trunk);
  for (let i = 0; i < 5; i++) {
    const a = r() * Math.PI * 2;
    const d = i === 0 ? 0 : height * 0.16;
    const s = height * (0.2 + r() * 0.07);
    room.add('trees', place(new IcosahedronGeometry(1, 1), { at: [base[0] + Math.cos(a) * d, base[1] + height * (0.62 + r() * 0.16), base[2] + Math.sin(a) * d], scale: [s * 1.1, s * 0.85, s * 1.1] }), vary(C.leaf, r(), 0.12), { bake: { ao: 0.35 } });
  }
  room.solid([base[0] - 0.16, 0, base[2] - 0.16], [base[0] + 0.16, height * 0.5, base[2] + 0.16]);
}

/** Old-town houses across the street: timber fronts below, whitewashed walls above, tiled roofs. */
function streetHouses(room: Room): void {
  const N = 'street-houses';
  const z = 19.6;
  const fronts = [
    { x0: -13, x1: -4.2, h: 6.2 },
    { x0: -4.2, x1: 4.4, h: 6.6 },
    { x0: 4.4, x1: 13, h: 6.0 },
  ];
  for (const [i, f] of fronts.entries()) {
    const w = f.x1 - f.x0;
    const g = new GeometryWriter();
    g.quad([f.x1, 0, z], [-w, 0, 0], [0, f.h, 0], 0.8);
    room.add(N, g.build(), (p) => (p[1] < 2.9 ? C.houseWood : C.houseWall), { bake: { grid: 0.4 } });
    // boards of the shop fronts and a beam at the floor line
    for (let x = f.x0 + 0.3; x < f.x1 - 0.2; x += 0.45) room.add(N, box([x, 0, z - 0.03], [x + 0.04, 2.9, z]), shade(C.houseWood, 0.7));
    room.add(N, box([f.x0, 2.9, z - 0.12], [f.x1, 3.1, z]), shade(C.houseWood, 0.8));
    // upper windows
    for (let k = 0; k < 3; k++) {
      const cx = f.x0 + (w * (k + 0.5)) / 3;
      room.add(N, box([cx - 0.6, 3.8, z - 0.04], [cx + 0.6, 5.0, z]), shade(C.houseWood, 0.9));
      for (let m = 1; m < 6; m++) room.add(N, box([cx - 0.6 + m * 0.2 - 0.015, 3.8, z - 0.06], [cx - 0.6 + m * 0.2 + 0.015, 5.0, z - 0.04]), shade(C.houseWood, 0.6));
    }
    // a roof sloping down to the street
    const roofG = new GeometryWriter();
    roofG.quad([f.x1 + 0.05, f.h, z - 1.0], [-w - 0.1, 0, 0], [0, 1.6, 3.0], 0.8);
    room.add(N, roofG.build(), vary(C.roof, i / 3, 0.06), { bake: { ao: 0.3 } });
    for (let x = f.x0 + 0.1; x < f.x1; x += 0.26) room.add(N, tube([[x, f.h + 0.03, z - 1.0], [x, f.h + 1.63, z + 2.0]], 0.035, 4), vary(C.roof, hash3(x, i, 9), 0.08));
    room.solid([f.x0, 0, z], [f.x1, f.h, z + 4]);
  }
  // plastered walls closing the street at both ends
  for (const sx of [-1, 1]) {
    const x = sx * 13;
    const f = sx < 0 ? frame([x, 0, 19.6], [0, 0, -1]) : frame([x, 0, WALL_OUT], [0, 0, 1]);
    room.add(N, panel(f, 19.6 - WALL_OUT, 4.2, [], 0.8), C.houseWall, { bake: { grid: 0.4 } });
    room.add(N, box([x - 0.2, 4.2, WALL_OUT], [x + 0.2, 4.32, 19.6], { skip: ['ny'], cell: 1 }), C.roofDark);
    room.solid(sx < 0 ? [x - 0.3, 0, WALL_OUT] : [x, 0, WALL_OUT], sx < 0 ? [x, 4.2, 19.6] : [x + 0.3, 4.2, 19.6]);
  }
}

/** Builds the zunyi-exterior room: street and gate, courtyard and the main building. */
export function zunyiExterior(): Room {
  const room = new Room('zunyi-exterior', RIG);
  ground(room);
  arcade(room);
  verandas(room);
  balustrades(room);
  roof(room);
  compoundWalls(room);
  gate(room);
  signboard(room);
  tree(room, [-7.5, 0, 5.0], 5.4, 21);
  tree(room, [7.5, 0, 7.2], 5.0, 22);
  streetHouses(room);
  return room;
}

export default zunyiExterior;
