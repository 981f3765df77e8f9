/**
 * The Zunyi Conference site (遵义会议会址) in the old city of Zunyi, Guizhou, seen from outside:
 * the street with the row of shop fronts and, in its middle, the gate with its signboard; the
 * courtyard with a blue-brick archway; and the main building — a two-storey brick-and-timber house
 * in mixed Chinese and Western style with verandas on both floors, chestnut-brown woodwork,
 * coloured glass and a grey-tiled hip-and-gable roof with a dormer. An illustrative
 * reconstruction after the memorial's descriptions, not a survey.
 *
 * Plan (metres, y up, floor at 0, +z is south): building front (veranda plinth edge) at z = 0,
 * building x∈[-8.5, 8.5], z∈[-11, 0]; courtyard x∈[-8.5, 8.5], z∈[0, 12.4] with the archway at
 * z≈10.8; shop row z∈[12.4, 15.4] with the gate passage x∈[-0.9, 0.9]; street z∈[15.4, 21.6];
 * houses across it. Walkable areas and the archway's obstacles come from scenes/zunyi/scene.json.
 */
import { CircleGeometry, CylinderGeometry, ExtrudeGeometry, IcosahedronGeometry, Shape, TorusGeometry, Vector2 } from 'three';
import type { BufferGeometry } from 'three';
import { box, GeometryWriter, hash3, masonry, mix, normalize, panel, place, plain, reveals, rng, shade, srgb, tube, type Rect2, type RGB, type Vec3, type WallFrame } from '../geometry';
import { GlyphFont, lettering, SIGN_FONT } from '../glyphs';
import type { LightRig } from '../lighting';
import { Room } from '../room';

const C = {
  paving: srgb(0x8d8a83),
  joint: srgb(0x4a4843),
  street: srgb(0x7b7872),
  brick: srgb(0x74787b),
  blueBrick: srgb(0x5f676d),
  mortar: srgb(0xb9b6ae),
  trim: srgb(0xa9a79f),
  plaster: srgb(0xd6d2c8),
  stone: srgb(0x9c988e),
  wood: srgb(0x5b2f20),
  woodDark: srgb(0x3a1d14),
  glass: srgb(0x263038),
  roof: srgb(0x45484b),
  roofDark: srgb(0x2c2e30),
  board: srgb(0x121110),
  gold: srgb(0xd9ad4c),
  trunk: srgb(0x4a3b2c),
  leaf: srgb(0x3b5a2e),
  shopWood: srgb(0x4d3325),
  houseWall: srgb(0xe2ddd2),
};

/** Coloured glass set in the windows (muted: seen from outside, against the dark rooms). */
const GLASS_TINTS: RGB[] = [srgb(0x33465a), srgb(0x3a4f42), srgb(0x5c4a2e), srgb(0x543331), srgb(0x263038)];

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
/** The shop row along the street: its courtyard (back) face and street (front) face. */
const SHOP_BACK = 12.4;
const SHOP_FRONT = 15.4;
const STREET_END = 21.6;
/** Gatehouse half-width, gate opening half-width and height. */
const GH = 2.15;
const GATE_HW = 0.9;
const GATE_H = 2.8;
/** The blue-brick archway across the courtyard. */
const ARCHWAY = { z0: 10.6, z1: 11.0, hw: 3.0, open: 0.9, spring: 2.4, top: 4.6 };

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

/** A rectangle from y0 to y1 over x∈[x0, x1] less a semicircle of radius r on (cx, y0), extruded in z. */
function archTop(x0: number, x1: number, cx: number, r: number, y0: number, y1: number, z0: number, z1: number): BufferGeometry {
  const pts: Vector2[] = [new Vector2(x0, y0), new Vector2(cx - r, y0)];
  for (let k = 1; k < 16; k++) {
    const a = Math.PI - (k / 16) * Math.PI;
    pts.push(new Vector2(cx + Math.cos(a) * r, y0 + Math.sin(a) * r));
  }
  pts.push(new Vector2(cx + r, y0), new Vector2(x1, y0), new Vector2(x1, y1), new Vector2(x0, y1));
  return place(extrude(new Shape(pts), z1 - z0), { at: [0, 0, z0] });
}

/** A round drip tile's face at an eave, facing +z (dir 1) or −z (dir −1). */
function drip(at: Vec3, dir: number): BufferGeometry {
  return place(new CircleGeometry(0.065, 6), { at, rot: [0, dir > 0 ? 0 : Math.PI, 0] });
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
  slabs(yard, -HW, HW, 0, SHOP_BACK, 3, [0.9, 0.6]);
  slabs(yard, -GATE_HW, GATE_HW, SHOP_BACK, SHOP_FRONT, 4, [0.9, 0.6]);
  room.add('ground', yard.build(), C.paving, { bake: { grid: 0.3 } });
  const street = new GeometryWriter();
  slabs(street, -13, 13, SHOP_FRONT, STREET_END, 5, [0.6, 0.4]);
  room.add('ground', street.build(), C.street, { bake: { grid: 0.3 } });
  const bed = new GeometryWriter();
  bed.quad([-13, -0.008, STREET_END], [26, 0, 0], [0, 0, -STREET_END], 1.0);
  room.add('ground', bed.build(), C.joint);
  room.solid([-14, -0.5, -12], [14, -0.008, STREET_END + 1]);
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

/** Doors and windows of the inner walls: chestnut-brown frames, and coloured glass in the panes. */
function windowsAndDoors(room: Room, holes: Rect2[], floor: number): void {
  const N = 'windows';
  for (const h of holes) {
    const x0 = h.s0 - HW;
    const x1 = h.s1 - HW;
    const door = h.t0 === floor;
    const zb = INNER - 0.12;
    const fw = 0.06;
    const zf = zb + 0.05;
    if (door) {
      // the dim hall behind the open doors
      const g = new GeometryWriter();
      g.quad([x0, h.t0, zb], [x1 - x0, 0, 0], [0, h.t1 - h.t0, 0]);
      room.add(N, g.build(), shade(C.woodDark, 0.6), { lit: false });
    } else {
      // panes in a 3 × 4 grid, the top row and the border panes in coloured glass
      const panes = new GeometryWriter();
      const cols = 4;
      const rows = 4;
      for (let i = 0; i < cols; i++)
        for (let j = 0; j < rows; j++) {
          const edge = j === rows - 1;
          const tint = edge ? GLASS_TINTS[Math.floor(hash3(x0 + i, floor + j, 3) * 4)]! : GLASS_TINTS[4]!;
          panes.withTint(tint);
          const a = x0 + ((x1 - x0) * i) / cols;
          const b = h.t0 + ((h.t1 - h.t0) * j) / rows;
          panes.quad([a, b, zb], [(x1 - x0) / cols, 0, 0], [0, (h.t1 - h.t0) / rows, 0]);
        }
      room.add(N, panes.build(), [1, 1, 1], { lit: false });
    }
    const bars: [Vec3, Vec3][] = [
      [[x0, h.t1 - fw, zb], [x1, h.t1, zf]],
      [[x0, h.t0, zb], [x0 + fw, h.t1, zf]],
      [[x1 - fw, h.t0, zb], [x1, h.t1, zf]],
      [[(x0 + x1) / 2 - 0.025, h.t0, zb], [(x0 + x1) / 2 + 0.025, h.t1, zf]],
    ];
    if (!door) {
      bars.push([[x0, h.t0, zb], [x1, h.t0 + fw, zf]]);
      for (const k of [1, 2, 3]) bars.push([[x0, h.t0 + ((h.t1 - h.t0) * k) / 4 - 0.015, zb], [x1, h.t0 + ((h.t1 - h.t0) * k) / 4 + 0.015, zf - 0.01]]);
      for (const k of [1, 3]) bars.push([[x0 + ((x1 - x0) * k) / 4 - 0.012, h.t0, zb], [x0 + ((x1 - x0) * k) / 4 + 0.012, h.t1, zf - 0.012]]);
      room.add(N, box([x0 - 0.06, h.t0 - 0.06, INNER - 0.02], [x1 + 0.06, h.t0, INNER + 0.07]), C.stone);
    } else {
      // two panelled leaves opened inward (seen edge-on), and a transom bar
      bars.push([[x0, h.t1 - 0.5, zb], [x1, h.t1 - 0.44, zf]]);
      for (const sx of [x0 + 0.06, x1 - 0.1]) bars.push([[sx, h.t0, zb - 0.6], [sx + 0.04, h.t1 - 0.5, zb]]);
    }
    for (const [a, b] of bars) room.add(N, box(a, b, { skip: ['nz'] }), C.wood);
    // architrave round the opening
    room.add(N, box([x0 - 0.07, h.t1, INNER], [x1 + 0.07, h.t1 + 0.08, INNER + 0.04], { skip: ['nz'] }), C.wood);
    for (const xa of [x0 - 0.07, x1]) room.add(N, box([xa, h.t0, INNER], [xa + 0.07, h.t1, INNER + 0.03], { skip: ['nz'] }), C.wood);
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

/**
 * The hip-and-gable (歇山) roof: four slopes from the eaves; the end (hip) slopes stop halfway up
 * at small vertical gables, and the front and back slopes run on up to a long ridge.
 */
function roof(room: Room): void {
  const N = 'roof';
  const r = { at: [0, EAVE_Y, -5.5] as Vec3, hx: HW + 0.8, hz: 6.3, height: 3.4, gable: 0.5 };
  const [cx, y0, cz] = r.at;
  // the gable plane: the hips keep the pitch of the long slopes
  const xg = r.hx - r.hz * r.gable;
  const ex = (t: number) => (t < r.gable ? r.hx - r.hz * t : xg);
  const rows = 8;
  const cols = 12;
  const gridIndex = (nu: number, nv: number) => {
    const idx: number[] = [];
    for (let j = 0; j < nv; j++)
      for (let i = 0; i < nu; i++) {
        const a = j * (nu + 1) + i;
        idx.push(a, a + 1, a + nu + 2, a, a + nu + 2, a + nu + 1);
      }
    return idx;
  };
  // front (+z) and back slopes
  for (const side of [1, -1]) {
    const pos: number[] = [];
    for (let j = 0; j <= rows; j++) {
      const t = j / rows;
      for (let i = 0; i <= cols; i++) {
        const e = -1 + (2 * i) / cols;
        pos.push(cx + side * e * ex(t), y0 + r.height * t, cz + side * r.hz * (1 - t));
      }
    }
    room.add(N, meshFrom(pos, gridIndex(cols, rows)), C.roof, { bake: { ao: 0.3 } });
  }
  // end slopes up to the gables, and the gables
  for (const sx of [1, -1]) {
    const pos: number[] = [];
    const n = 4;
    for (let j = 0; j <= n; j++) {
      const t = (r.gable * j) / n;
      for (let i = 0; i <= cols; i++) {
        const e = -1 + (2 * i) / cols;
        pos.push(cx + sx * (r.hx - r.hz * t), y0 + r.height * t, cz - sx * e * r.hz * (1 - t));
      }
    }
    room.add(N, meshFrom(pos, gridIndex(cols, n)), C.roof, { bake: { ao: 0.3 } });
    const g = new GeometryWriter();
    const yb = y0 + r.height * r.gable;
    const za = cz + r.hz * (1 - r.gable);
    const zb = cz - r.hz * (1 - r.gable);
    const A = g.vertex([cx + sx * xg, yb, za], [sx, 0, 0]);
    const B = g.vertex([cx + sx * xg, yb, zb], [sx, 0, 0]);
    const T = g.vertex([cx + sx * xg, y0 + r.height, cz], [sx, 0, 0]);
    if (sx > 0) g.tri(A, B, T);
    else g.tri(A, T, B);
    room.add(N, g.build(), C.plaster, { bake: { ao: 0.4 } });
    // barge boards along the gable's sloping edges, and the hip ridges
    for (const zc of [za, zb]) room.add(N, tube([[cx + sx * (xg + 0.02), yb, zc], [cx + sx * (xg + 0.02), y0 + r.height + 0.04, cz]], 0.06, 4), C.roofDark);
    for (const sz of [1, -1]) room.add(N, tube([[cx + sx * r.hx, y0 + 0.05, cz + sz * r.hz], [cx + sx * xg, yb + 0.05, cz + sz * r.hz * (1 - r.gable)]], 0.08, 5), C.roofDark);
  }
  // tile ribs running down the slopes (not on the back slope, which nobody sees)
  const rib = (a: Vec3, b: Vec3, h: number) => room.add(N, tube([a, b], 0.035, 4), vary(C.roof, h, 0.08), { bake: { ao: 0.3 } });
  const lift = 0.035;
  for (let s = -r.hx + 0.12; s < r.hx - 0.05; s += 0.24) {
    const tEnd = Math.abs(s) <= xg ? 1 : (r.hx - Math.abs(s)) / r.hz;
    if (tEnd < 0.04) continue;
    const p: Vec3 = [cx + s, y0 + lift, cz + r.hz];
    rib(p, [cx + s, y0 + r.height * tEnd + lift, cz + r.hz * (1 - tEnd)], hash3(s, 0, 2));
    room.add(N, place(new CircleGeometry(0.065, 6), { at: [p[0], p[1] - 0.02, p[2] + 0.03] }), shade(C.roof, 0.85));
  }
  for (const sx of [1, -1])
    for (let s = -r.hz + 0.12; s < r.hz - 0.05; s += 0.24) {
      const tEnd = Math.min(r.gable, 1 - Math.abs(s) / r.hz);
      if (tEnd < 0.04) continue;
      rib([cx + sx * r.hx, y0 + lift, cz + s], [cx + sx * (r.hx - r.hz * tEnd), y0 + r.height * tEnd + lift, cz + s], hash3(s, sx, 2));
    }
  // main ridge with raised ends
  const ridgeY = y0 + r.height + 0.08;
  room.add(N, tube([[cx - xg - 0.1, ridgeY, cz], [cx + xg + 0.1, ridgeY, cz]], 0.12, 6), C.roofDark);
  for (const sx of [-1, 1]) room.add(N, place(new CylinderGeometry(0.06, 0.17, 0.5, 6), { at: [cx + sx * (xg + 0.05), ridgeY + 0.25, cz], rot: [0, 0, sx * 0.45] }), C.roofDark);
  // eave fascia and the dark underside
  const under = new GeometryWriter();
  under.quad([cx - r.hx, y0 - 0.06, cz - r.hz], [2 * r.hx, 0, 0], [0, 0, 2 * r.hz], 1.2);
  room.add(N, under.build(), shade(C.wood, 0.8), { bake: { ao: 0.5 } });
  room.add(N, box([cx - r.hx, y0 - 0.06, cz + r.hz - 0.04], [cx + r.hx, y0 + 0.02, cz + r.hz], { skip: ['nz'], cell: 1 }), C.roofDark);
  room.solid([cx - r.hx + 1, y0, cz - r.hz + 1], [cx + r.hx - 1, y0 + 2.2, cz + r.hz - 1]);
  dormer(room, r.at, r.hz, r.height);
}

/** The dormer window (老虎窗) on the front slope, on the building's axis. */
function dormer(room: Room, at: Vec3, hz: number, height: number): void {
  const N = 'roof';
  const [cx, y0, cz] = at;
  const slopeY = (z: number) => y0 + height * (1 - (z - cz) / hz);
  const t = 0.42;
  const zf = cz + hz * (1 - t);
  const yb = y0 + height * t;
  const w = 0.8;
  const wallTop = yb + 1.15;
  const ridge = wallTop + 0.55;
  const zBack = cz + hz * (1 - (ridge - y0) / height) - 0.1;
  // front wall and cheeks, sunk into the roof behind
  room.add(N, box([cx - w, yb - 0.3, zf - 0.12], [cx + w, wallTop, zf], { skip: ['ny'] }), C.plaster);
  for (const sx of [-1, 1]) room.add(N, box([cx + sx * w - (sx > 0 ? 0.1 : 0), yb - 0.3, zBack], [cx + sx * w + (sx < 0 ? 0.1 : 0), wallTop, zf - 0.12], { skip: ['ny'] }), C.plaster);
  // its little gable roof
  for (const sx of [-1, 1]) {
    const g = new GeometryWriter();
    const eave: Vec3 = [cx + sx * (w + 0.15), wallTop, zf + 0.25];
    const top: Vec3 = [cx, ridge, zf + 0.25];
    const len = zBack - (zf + 0.25);
    if (sx > 0) g.quad(eave, [0, 0, len], [top[0] - eave[0], top[1] - eave[1], 0], 0.4);
    else g.quad(eave, [top[0] - eave[0], top[1] - eave[1], 0], [0, 0, len], 0.4);
    room.add(N, g.build(), C.roof, { bake: { ao: 0.3 } });
  }
  room.add(N, tube([[cx, ridge + 0.04, zf + 0.28], [cx, ridge + 0.04, zBack]], 0.06, 5), C.roofDark);
  const gable = new GeometryWriter();
  const a = gable.vertex([cx - w - 0.1, wallTop, zf + 0.01], [0, 0, 1]);
  const b = gable.vertex([cx + w + 0.1, wallTop, zf + 0.01], [0, 0, 1]);
  const c = gable.vertex([cx, ridge - 0.02, zf + 0.01], [0, 0, 1]);
  gable.tri(a, b, c);
  room.add(N, gable.build(), C.plaster);
  // the window: chestnut frame, coloured glass
  const x0 = cx - 0.42;
  const x1 = cx + 0.42;
  const g0 = yb + 0.12;
  const g1 = yb + 0.95;
  const panes = new GeometryWriter();
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < 2; j++) {
      panes.withTint(GLASS_TINTS[(i + j * 2) % 4]!);
      panes.quad([x0 + (i * (x1 - x0)) / 3, g0 + (j * (g1 - g0)) / 2, zf + 0.005], [(x1 - x0) / 3, 0, 0], [0, (g1 - g0) / 2, 0]);
    }
  room.add('windows', panes.build(), [1, 1, 1], { lit: false });
  for (const [p, q] of [
    [[x0 - 0.05, g0 - 0.05, zf], [x1 + 0.05, g0, zf + 0.04]],
    [[x0 - 0.05, g1, zf], [x1 + 0.05, g1 + 0.05, zf + 0.04]],
    [[x0 - 0.05, g0, zf], [x0, g1, zf + 0.04]],
    [[x1, g0, zf], [x1 + 0.05, g1, zf + 0.04]],
    [[cx - 0.15, g0, zf], [cx - 0.12, g1, zf + 0.03]],
    [[cx + 0.12, g0, zf], [cx + 0.15, g1, zf + 0.03]],
    [[x0, (g0 + g1) / 2 - 0.015, zf], [x1, (g0 + g1) / 2 + 0.015, zf + 0.03]],
  ] as [Vec3, Vec3][])
    room.add('windows', box(p, q, { skip: ['nz'] }), C.wood);
  room.solid([cx - w, slopeY(zf), zBack], [cx + w, wallTop, zf - 0.12]);
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

// ---------------------------------------------------------------- courtyard, shop row and gate

function courtyardWalls(room: Room): void {
  const N = 'courtyard-walls';
  const H = 3.0;
  for (const sx of [-1, 1]) {
    const x = sx * HW;
    const f = sx < 0 ? frame([x, 0, SHOP_BACK], [0, 0, -1]) : frame([x, 0, 0], [0, 0, 1]);
    room.add(N, panel(f, SHOP_BACK, H, [], 0.5), C.plaster, { bake: { grid: 0.3 } });
    const o = sx < 0 ? x - 0.4 : x;
    room.add(N, box([o - 0.05, H, 0], [o + 0.45, H + 0.1, SHOP_BACK], { skip: ['ny'], cell: 1 }), C.roofDark);
    room.add(N, tube([[x + sx * 0.2, H + 0.16, 0], [x + sx * 0.2, H + 0.16, SHOP_BACK]], 0.09, 5), C.roof);
    room.add(N, box(sx < 0 ? [x, 0, 0] : [x - 0.03, 0, 0], sx < 0 ? [x + 0.03, 0.4, SHOP_BACK] : [x, 0.4, SHOP_BACK], { skip: ['ny'], cell: 1 }), shade(C.stone, 0.8));
    room.solid(sx < 0 ? [x - 0.4, 0, -1] : [x, 0, -1], sx < 0 ? [x, H, SHOP_BACK] : [x + 0.4, H, SHOP_BACK]);
  }
}

/**
 * The row of shop fronts along the street (the gate stands in its middle): posts, closed shutter
 * boards, a plastered frieze and a tiled roof; a plain wall with small windows to the courtyard.
 */
function shopRow(room: Room): void {
  const N = 'shop-row';
  const eaveY = 3.7;
  const ridgeY = 5.2;
  const ridgeZ = (SHOP_BACK + SHOP_FRONT) / 2;
  const over = 0.7;
  const r = rng(77);
  for (const side of [-1, 1]) {
    const xa = side < 0 ? -13 : GH;
    const xb = side < 0 ? -GH : 13;
    const w = xb - xa;
    // street face: a dark ground behind boards, posts, beam and frieze
    const back = new GeometryWriter();
    back.quad([xa, 0, SHOP_FRONT], [w, 0, 0], [0, eaveY, 0], 0.8);
    room.add(N, back.build(), (p) => (p[1] > 2.95 ? C.houseWall : shade(C.shopWood, 0.55)), { bake: { grid: 0.4 } });
    const boards = new GeometryWriter();
    for (let x = xa + 0.12; x < xb - 0.12; x += 0.22) {
      boards.withTint(vary([1, 1, 1], r(), 0.12));
      boards.quad([x + 0.006, 0.3, SHOP_FRONT + 0.03], [0.208, 0, 0], [0, 2.5, 0], 0.8);
    }
    room.add(N, boards.build(), C.shopWood, { bake: { grid: 0.3 } });
    for (let k = 0; k <= 4; k++) {
      const x = xa + (w * k) / 4;
      room.add(N, box([x - 0.09, 0, SHOP_FRONT], [x + 0.09, eaveY, SHOP_FRONT + 0.16], { skip: ['ny', 'nz'] }), shade(C.shopWood, 0.85));
    }
    room.add(N, box([xa, 0, SHOP_FRONT], [xb, 0.3, SHOP_FRONT + 0.1], { skip: ['ny', 'nz'], cell: 1 }), C.stone);
    room.add(N, box([xa, 2.8, SHOP_FRONT], [xb, 3.0, SHOP_FRONT + 0.14], { skip: ['nz'], cell: 1 }), shade(C.shopWood, 0.8));
    // courtyard face: plaster with small windows (only the part inside the courtyard is seen)
    const bx0 = Math.max(xa, -HW);
    const bx1 = Math.min(xb, HW);
    const holes: Rect2[] = [];
    for (const cxw of side < 0 ? [-6.6, -4.2] : [4.2, 6.6]) holes.push({ s0: bx1 - cxw - 0.45, s1: bx1 - cxw + 0.45, t0: 1.5, t1: 2.4 });
    const fb = frame([bx1, 0, SHOP_BACK], [-1, 0, 0]);
    room.add(N, panel(fb, bx1 - bx0, eaveY, holes, 0.5), C.plaster, { bake: { grid: 0.3 } });
    for (const h of holes) {
      room.add(N, reveals(fb, h, 0.12), shade(C.plaster, 0.8));
      const g = new GeometryWriter();
      g.quad([bx1 - h.s0, h.t0, SHOP_BACK + 0.12], [-(h.s1 - h.s0), 0, 0], [0, h.t1 - h.t0, 0]);
      room.add(N, g.build(), C.glass, { lit: false });
      for (let k = 1; k < 5; k++) room.add(N, box([bx1 - h.s1 + (k * (h.s1 - h.s0)) / 5 - 0.015, h.t0, SHOP_BACK + 0.06], [bx1 - h.s1 + (k * (h.s1 - h.s0)) / 5 + 0.015, h.t1, SHOP_BACK + 0.09]), C.wood);
    }
    room.add(N, box([bx0, 0, SHOP_BACK - 0.03], [bx1, 0.35, SHOP_BACK], { skip: ['ny', 'pz'], cell: 1 }), shade(C.stone, 0.8));
    // the roof: two slopes, tile ribs and drip tiles on both eaves
    for (const dir of [1, -1]) {
      const ze = dir > 0 ? SHOP_FRONT + over : SHOP_BACK - over;
      const slope = new GeometryWriter();
      const soffit = new GeometryWriter();
      if (dir > 0) {
        slope.quad([xa, eaveY, ze], [w, 0, 0], [0, ridgeY - eaveY, ridgeZ - ze], 0.8);
        soffit.quad([xb, eaveY - 0.05, ze], [-w, 0, 0], [0, ridgeY - eaveY, ridgeZ - ze], 1.2);
      } else {
        slope.quad([xb, eaveY, ze], [-w, 0, 0], [0, ridgeY - eaveY, ridgeZ - ze], 0.8);
        soffit.quad([xa, eaveY - 0.05, ze], [w, 0, 0], [0, ridgeY - eaveY, ridgeZ - ze], 1.2);
      }
      room.add(N, slope.build(), C.roof, { bake: { ao: 0.3 } });
      room.add(N, soffit.build(), shade(C.shopWood, 0.8), { bake: { ao: 0.5 } });
      for (let x = xa + 0.14; x < xb - 0.05; x += 0.28) {
        // the courtyard side is only seen between the courtyard walls
        if (dir < 0 && Math.abs(x) > HW) continue;
        room.add(N, tube([[x, eaveY + 0.035, ze], [x, ridgeY + 0.035, ridgeZ]], 0.035, 4), vary(C.roof, hash3(x, dir, 11), 0.08), { bake: { ao: 0.3 } });
        room.add(N, drip([x, eaveY + 0.01, ze + dir * 0.03], dir), shade(C.roof, 0.85));
      }
    }
    room.add(N, tube([[xa, ridgeY + 0.07, ridgeZ], [xb, ridgeY + 0.07, ridgeZ]], 0.1, 6), C.roofDark);
    room.solid([xa, 0, SHOP_BACK], [xb, eaveY, SHOP_FRONT]);
    room.solid([xa, eaveY, SHOP_BACK + 0.4], [xb, ridgeY - 0.3, SHOP_FRONT - 0.4]);
  }
}

function gate(room: Room): void {
  const N = 'gate';
  const H = 4.6;
  const door: Rect2 = { s0: GH - GATE_HW, s1: GH + GATE_HW, t0: 0, t1: GATE_H };
  // the gate's street face: grey brick, a stone door frame, brick pilasters
  const fo = frame([-GH, 0, SHOP_FRONT], [1, 0, 0]);
  room.add(N, panel(fo, 2 * GH, H, [door], 0.5), C.mortar, { bake: { grid: 0.25 } });
  room.add(N, masonry(fo, { width: 2 * GH, height: H, holes: [door], course: 0.075, brick: 0.26, joint: 0.012, relief: 0.008, color: (row, col) => vary(C.brick, hash3(row, col, 17), 0.12) }), [1, 1, 1], { bake: { grid: 0.25 } });
  room.add(N, reveals(fo, door, 0.3, { bottom: false }), shade(C.stone, 0.95));
  room.solidWall(frame([-GH, 0, SHOP_FRONT], [1, 0, 0]), 2 * GH, H, 0.3, [door]);
  room.add(N, box([-GATE_HW - 0.16, 0, SHOP_FRONT], [-GATE_HW, GATE_H, SHOP_FRONT + 0.06], { skip: ['ny', 'nz'] }), C.stone);
  room.add(N, box([GATE_HW, 0, SHOP_FRONT], [GATE_HW + 0.16, GATE_H, SHOP_FRONT + 0.06], { skip: ['ny', 'nz'] }), C.stone);
  room.add(N, box([-GATE_HW - 0.16, GATE_H, SHOP_FRONT], [GATE_HW + 0.16, GATE_H + 0.16, SHOP_FRONT + 0.06], { skip: ['nz'] }), C.stone);
  room.add(N, box([-GATE_HW, 0, SHOP_BACK], [GATE_HW, 0.03, SHOP_FRONT + 0.06], { skip: ['ny'] }), shade(C.stone, 0.9));
  for (const sx of [-1, 1]) {
    const a = sx < 0 ? -GH : GH - 0.42;
    room.add(N, box([a, 0, SHOP_FRONT], [a + 0.42, H, SHOP_FRONT + 0.22], { skip: ['ny', 'nz'], cell: 0.5 }), (p) => vary(C.brick, hash3(Math.floor(p[1] / 0.15), sx, 3), 0.08), { bake: { grid: 0.2 } });
    room.add(N, box([a - 0.04, 0, SHOP_FRONT], [a + 0.46, 0.4, SHOP_FRONT + 0.26], { skip: ['ny', 'nz'] }), C.stone);
    room.solid([a, 0, SHOP_FRONT], [a + 0.42, H, SHOP_FRONT + 0.22]);
  }
  // the passage through the shop row: plastered side walls, a boarded ceiling, the leaves folded back
  const PH = 3.2;
  for (const sx of [-1, 1]) {
    const x = sx * GATE_HW;
    const f = sx < 0 ? frame([x, 0, SHOP_FRONT - 0.3], [0, 0, -1]) : frame([x, 0, SHOP_BACK], [0, 0, 1]);
    room.add(N, panel(f, SHOP_FRONT - 0.3 - SHOP_BACK, PH, [], 0.5), C.plaster, { bake: { grid: 0.25 } });
    room.add(N, box(sx < 0 ? [x, 0, SHOP_BACK] : [x - 0.02, 0, SHOP_BACK], sx < 0 ? [x + 0.02, 0.3, SHOP_FRONT - 0.3] : [x, 0.3, SHOP_FRONT - 0.3], { skip: ['ny'] }), shade(C.stone, 0.85));
    const la = sx < 0 ? x : x - 0.06;
    room.add(N, box([la, 0.02, SHOP_FRONT - 1.25], [la + 0.06, GATE_H - 0.04, SHOP_FRONT - 0.35], { cell: 0.6 }), C.woodDark);
  }
  const ceil = new GeometryWriter();
  ceil.quad([-GATE_HW, PH, SHOP_BACK], [2 * GATE_HW, 0, 0], [0, 0, SHOP_FRONT - SHOP_BACK], 0.5);
  room.add(N, ceil.build(), shade(C.shopWood, 0.9));
  room.add(N, box([-GATE_HW - 0.1, PH - 0.25, SHOP_BACK - 0.04], [GATE_HW + 0.1, PH, SHOP_BACK + 0.1]), C.wood);
  // a small tiled gable roof over the gate, higher than the shop roofs
  const ridgeY = 5.6;
  const eaveY = H + 0.02;
  const zc = SHOP_FRONT - 0.1;
  const w = 2.55;
  for (const dir of [1, -1]) {
    const ze = zc + dir * 1.05;
    const slope = new GeometryWriter();
    const soffit = new GeometryWriter();
    if (dir > 0) {
      slope.quad([-w, eaveY, ze], [2 * w, 0, 0], [0, ridgeY - eaveY, zc - ze], 0.5);
      soffit.quad([w, eaveY - 0.05, ze], [-2 * w, 0, 0], [0, ridgeY - eaveY, zc - ze], 0.5);
    } else {
      slope.quad([w, eaveY, ze], [-2 * w, 0, 0], [0, ridgeY - eaveY, zc - ze], 0.5);
      soffit.quad([-w, eaveY - 0.05, ze], [2 * w, 0, 0], [0, ridgeY - eaveY, zc - ze], 0.5);
    }
    room.add(N, slope.build(), C.roof, { bake: { ao: 0.3 } });
    room.add(N, soffit.build(), shade(C.wood, 0.8), { bake: { ao: 0.5 } });
    for (let x = -w + 0.1; x < w; x += 0.22) {
      room.add(N, tube([[x, eaveY + 0.035, ze], [x, ridgeY + 0.035, zc]], 0.035, 4), vary(C.roof, hash3(x, dir, 5), 0.08));
      room.add(N, drip([x, eaveY + 0.01, ze + dir * 0.03], dir), shade(C.roof, 0.85));
    }
  }
  room.add(N, tube([[-w - 0.1, ridgeY + 0.08, zc], [w + 0.1, ridgeY + 0.08, zc]], 0.11, 6), C.roofDark);
  for (const sx of [-1, 1]) room.add(N, place(new CylinderGeometry(0.05, 0.14, 0.45, 6), { at: [sx * (w + 0.05), ridgeY + 0.3, zc], rot: [0, 0, sx * 0.5] }), C.roofDark);
  // brick gable ends under the roof
  for (const sx of [-1, 1]) {
    const tri = new Shape([new Vector2(zc - 1.0, 0), new Vector2(zc + 1.0, 0), new Vector2(zc, ridgeY - H)]);
    const g = extrude(tri, 0.4, 1);
    // shape x → z, shape y → y; the extrusion runs along x
    g.rotateY(-Math.PI / 2);
    g.translate(sx < 0 ? -GH + 0.4 : GH, H, 0);
    room.add(N, g, C.brick);
  }
  room.solid([-w, H, zc - 1], [w, ridgeY, zc + 1]);
}

/** The signboard over the gate: a black lacquered board with gilt characters and a gilt border. */
function signboard(room: Room): void {
  const N = 'signboard';
  const z = SHOP_FRONT + 0.02;
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

/** The blue-brick archway (牌坊) between the shop row and the main building. */
function archway(room: Room): void {
  const N = 'archway';
  const { z0, z1, hw, open, spring, top } = ARCHWAY;
  const crown = spring + open;
  const brickColor = (row: number, col: number) => vary(C.blueBrick, hash3(row, col, 23), 0.14);
  const courses = (f: WallFrame, width: number, t0: number, t1: number, holes: Rect2[] = []) => {
    const shifted: WallFrame = { ...f, origin: [f.origin[0], f.origin[1] + t0, f.origin[2]] };
    room.add(N, masonry(shifted, { width, height: t1 - t0, holes, course: 0.075, brick: 0.26, joint: 0.012, relief: 0.008, color: brickColor }), [1, 1, 1], { bake: { grid: 0.25 } });
  };
  for (const sx of [-1, 1]) {
    const a = sx < 0 ? -hw : open;
    const b = sx < 0 ? -open : hw;
    room.add(N, box([a, 0, z0], [b, spring, z1], { skip: ['ny', 'py'], cell: 0.5 }), C.mortar, { bake: { grid: 0.25 } });
    room.solid([a, 0, z0], [b, spring, z1]);
    courses(frame([a, 0, z1], [1, 0, 0]), b - a, 0, spring);
    courses(frame([b, 0, z0], [-1, 0, 0]), b - a, 0, spring);
    // end pilasters and impost blocks
    const pa = sx < 0 ? -hw - 0.05 : hw - 0.3;
    room.add(N, box([pa, 0, z0 - 0.05], [pa + 0.35, top + 0.1, z1 + 0.05], { skip: ['ny'], cell: 0.5 }), shade(C.blueBrick, 1.1));
    const ia = sx < 0 ? -open - 0.12 : open;
    room.add(N, box([ia, spring - 0.16, z0 - 0.04], [ia + 0.12, spring, z1 + 0.04]), C.trim);
  }
  // above the opening: the wall with its round arch, a moulded ring and brick courses over the crown
  room.add(N, archTop(-hw, hw, 0, open, spring, top, z0, z1), C.mortar, { bake: { grid: 0.25 } });
  courses(frame([-hw, 0, z1], [1, 0, 0]), 2 * hw, crown + 0.12, top);
  courses(frame([hw, 0, z0], [-1, 0, 0]), 2 * hw, crown + 0.12, top);
  for (const z of [z0 - 0.01, z1 + 0.01]) room.add(N, place(new TorusGeometry(open + 0.07, 0.05, 4, 18, Math.PI), { at: [0, spring, z] }), C.trim);
  room.solid([-hw, crown - 0.2, z0], [hw, top, z1]);
  // coping, and a raised middle panel with a plain inscription tablet on each face
  const cap = (x0: number, x1: number, y: number) => {
    room.add(N, box([x0 - 0.12, y, z0 - 0.15], [x1 + 0.12, y + 0.1, z1 + 0.15], { cell: 0.8 }), C.roofDark);
    room.add(N, tube([[x0 - 0.1, y + 0.16, (z0 + z1) / 2], [x1 + 0.1, y + 0.16, (z0 + z1) / 2]], 0.1, 5), C.roof);
  };
  cap(-hw, hw, top);
  const mid = { x0: -1.25, x1: 1.25, y0: top + 0.1, y1: top + 1.1 };
  room.add(N, box([mid.x0, mid.y0, z0], [mid.x1, mid.y1, z1], { skip: ['ny'], cell: 0.4 }), shade(C.blueBrick, 1.05));
  for (const [z, d] of [
    [z1, 1],
    [z0, -1],
  ] as const) {
    const za = d > 0 ? z : z - 0.03;
    room.add(N, box([-0.85, mid.y0 + 0.18, za], [0.85, mid.y1 - 0.14, za + 0.03]), C.plaster);
    room.add(N, box([-0.92, mid.y0 + 0.12, d > 0 ? z : z - 0.02], [0.92, mid.y0 + 0.18, (d > 0 ? z : z - 0.02) + 0.02 + 0.02]), C.trim);
  }
  cap(mid.x0, mid.x1, mid.y1);
  room.solid([mid.x0, mid.y0, z0], [mid.x1, mid.y1, z1]);
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
  const z = STREET_END;
  const fronts = [
    { x0: -13, x1: -4.2, h: 6.2 },
    { x0: -4.2, x1: 4.4, h: 6.6 },
    { x0: 4.4, x1: 13, h: 6.0 },
  ];
  for (const [i, f] of fronts.entries()) {
    const w = f.x1 - f.x0;
    const g = new GeometryWriter();
    g.quad([f.x1, 0, z], [-w, 0, 0], [0, f.h, 0], 0.8);
    room.add(N, g.build(), (p) => (p[1] < 2.9 ? C.shopWood : C.houseWall), { bake: { grid: 0.4 } });
    for (let x = f.x0 + 0.3; x < f.x1 - 0.2; x += 0.45) room.add(N, box([x, 0, z - 0.03], [x + 0.04, 2.9, z]), shade(C.shopWood, 0.7));
    room.add(N, box([f.x0, 2.9, z - 0.12], [f.x1, 3.1, z]), shade(C.shopWood, 0.8));
    for (let k = 0; k < 3; k++) {
      const cx = f.x0 + (w * (k + 0.5)) / 3;
      room.add(N, box([cx - 0.6, 3.8, z - 0.04], [cx + 0.6, 5.0, z]), shade(C.shopWood, 0.9));
      for (let m = 1; m < 6; m++) room.add(N, box([cx - 0.6 + m * 0.2 - 0.015, 3.8, z - 0.06], [cx - 0.6 + m * 0.2 + 0.015, 5.0, z - 0.04]), shade(C.shopWood, 0.6));
    }
    const roofG = new GeometryWriter();
    roofG.quad([f.x1 + 0.05, f.h, z - 1.0], [-w - 0.1, 0, 0], [0, 1.6, 3.0], 0.8);
    room.add(N, roofG.build(), vary(C.roof, i / 3, 0.06), { bake: { ao: 0.3 } });
    for (let x = f.x0 + 0.1; x < f.x1; x += 0.26) room.add(N, tube([[x, f.h + 0.03, z - 1.0], [x, f.h + 1.63, z + 2.0]], 0.035, 4), vary(C.roof, hash3(x, i, 9), 0.08));
    room.solid([f.x0, 0, z], [f.x1, f.h, z + 4]);
  }
  // plastered walls closing the street at both ends
  for (const sx of [-1, 1]) {
    const x = sx * 13;
    const f = sx < 0 ? frame([x, 0, STREET_END], [0, 0, -1]) : frame([x, 0, SHOP_FRONT], [0, 0, 1]);
    room.add(N, panel(f, STREET_END - SHOP_FRONT, 4.2, [], 0.8), C.houseWall, { bake: { grid: 0.4 } });
    room.add(N, box([x - 0.2, 4.2, SHOP_FRONT], [x + 0.2, 4.32, STREET_END], { skip: ['ny'], cell: 1 }), C.roofDark);
    room.solid(sx < 0 ? [x - 0.3, 0, SHOP_FRONT] : [x, 0, SHOP_FRONT], sx < 0 ? [x, 4.2, STREET_END] : [x + 0.3, 4.2, STREET_END]);
  }
}

/** Builds the zunyi-exterior room: the street and gate, the courtyard and the main building. */
export function zunyiExterior(): Room {
  const room = new Room('zunyi-exterior', RIG);
  ground(room);
  arcade(room);
  verandas(room);
  balustrades(room);
  roof(room);
  courtyardWalls(room);
  shopRow(room);
  gate(room);
  signboard(room);
  archway(room);
  tree(room, [-7.5, 0, 4.6], 5.4, 21);
  tree(room, [7.5, 0, 5.6], 5.0, 22);
  streetHouses(room);
  return room;
}

export default zunyiExterior;
