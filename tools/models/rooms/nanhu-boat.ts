/**
 * South Lake (南湖), Jiaxing, with the Red Boat (红船): a long Jiaxing pleasure boat (丝网船/画舫) with
 * an arched mat roof over its cabin, moored beside the wooden landing stage the visitor stands on.
 *
 * Plan (metres, y up): landing stage x∈[-3.3, 3.3], z∈[0.5, 8.3], top at 0; water at y = -0.35;
 * shore beyond z = 8.3; the boat's hull runs along x from -7 to 7, centred at z = -1.8, about 3 m
 * wide; the island with the Misty Rain Tower (烟雨楼) lies out on the lake to the left.
 */
import { CylinderGeometry, IcosahedronGeometry, SphereGeometry } from 'three';
import type { BufferGeometry } from 'three';
import { box, boxAt, concat, fan, GeometryWriter, hash3, loft, mix, normalize, place, rng, shade, srgb, tube, type RGB, type Vec3 } from '../geometry';
import { OcclusionScene, type LightRig } from '../lighting';
import { Room } from '../room';

const C = {
  hull: srgb(0x4f1d14),
  hullDark: srgb(0x2e140e),
  wale: srgb(0x2a1510),
  deck: srgb(0x5e4532),
  cabin: srgb(0x5c2619),
  cabinPanel: srgb(0x431911),
  lattice: srgb(0x7e4428),
  interior: srgb(0x1e1410),
  roof: srgb(0x2f2a26),
  roofRib: srgb(0x1c1917),
  plank: srgb(0x655243),
  plankOld: srgb(0x54453a),
  pile: srgb(0x3f3226),
  rail: srgb(0x6a3222),
  stone: srgb(0x9a968c),
  stoneLight: srgb(0xb9b3a5),
  grass: srgb(0x5f7d3c),
  earth: srgb(0x6f6346),
  willow: srgb(0x6f8f35),
  willowDeep: srgb(0x5a7a30),
  trunk: srgb(0x4a3b2c),
  tree: srgb(0x3a5530),
  hill: srgb(0x5a7352),
  haze: srgb(0xb8cfe0),
  waterDeep: srgb(0x1f4a3f),
  waterSky: srgb(0x8fb1a6),
  lakeBed: srgb(0x2a3326),
  bamboo: srgb(0x9b8c5c),
  rope: srgb(0x8c7a56),
  tower: srgb(0x7a2216),
  towerWall: srgb(0xbdb3a0),
  towerRoof: srgb(0x2c2e30),
  stoneWhite: srgb(0xc9c4b6),
};

/** Late-morning sun from behind the visitor's right shoulder, open sky all round. */
const RIG: LightRig = {
  ambient: [0.28, 0.29, 0.3],
  sky: [0.62, 0.7, 0.82],
  ground: [0.2, 0.24, 0.25],
  suns: [{ dir: normalize([-0.42, -0.72, -0.55]), color: [1.2, 1.1, 0.92], spread: 0.03 }],
  lamps: [],
  aoRadius: 0.6,
  aoStrength: 0.9,
  skyDistance: 60,
};

const WATER_Y = -0.35;
const BOAT_Z = -1.8;
/** Where a visitor's eyes usually are, for the baked water reflections. */
const EYE: Vec3 = [0, 1.6, 5.5];

// ---------------------------------------------------------------- the Red Boat

/** Hull lines: half-width, sheer (gunwale top) and bottom height at station x. */
function hullAt(x: number, len = 7, beam = 1.5, sheer = 0.3): { w: number; ys: number; yk: number } {
  const u = Math.min(1, Math.abs(x) / len);
  const bow = x < 0 ? 1 : 0; // the bow (-x) sweeps up more than the stern
  return {
    w: beam * (1 - 0.5 * Math.pow(u, 2.4)),
    ys: sheer + 0.5 * Math.pow(u, 2.2) + bow * 0.25 * Math.pow(u, 4),
    yk: -0.62 + 0.5 * Math.pow(u, 2.6) + bow * 0.12 * Math.pow(u, 3),
  };
}

/** A hull with bulwarks and a deck, lofted from cross-sections; ends closed by square transoms. */
function hull(x0: number, x1: number, zc: number, len: number, beam: number, sheer: number, stations: number): { skin: BufferGeometry; inside: BufferGeometry; ends: BufferGeometry } {
  const sidesOut: Vec3[][] = [];
  const sidesIn: Vec3[][] = [];
  const ends: BufferGeometry[] = [];
  const mid = (x0 + x1) / 2;
  for (let i = 0; i <= stations; i++) {
    const x = x0 + ((x1 - x0) * i) / stations;
    const { w, ys, yk } = hullAt(x - mid, len, beam, sheer);
    const half = (s: number): Vec3[] => [
      [x, yk, zc],
      [x, yk, zc + s * 0.6 * w],
      [x, yk + 0.14, zc + s * 0.84 * w],
      [x, yk + 0.5 * (ys - yk), zc + s * 0.97 * w],
      [x, ys, zc + s * w],
    ];
    const inner = (s: number): Vec3[] => [
      [x, ys, zc + s * w],
      [x, ys, zc + s * (w - 0.07)],
      [x, ys - 0.13, zc + s * (w - 0.07)],
      [x, ys - 0.13, zc],
    ];
    // +z side runs keel → gunwale; the -z side is mirrored and reversed so both face outward
    sidesOut.push([...half(-1).reverse(), ...half(1).slice(1)]);
    sidesIn.push([...inner(1), ...inner(-1).reverse().slice(1)]);
    if (i === 0 || i === stations) {
      const outline = [...half(1), ...half(-1).reverse().slice(0, -1)];
      ends.push(fan(outline, [i === 0 ? -1 : 1, 0, 0]));
    }
  }
  return { skin: loft(sidesOut), inside: loft(sidesIn), ends: concat(ends) };
}

/** A barrel-vault mat roof (篷) along x: top, underside and end lips, with seam ribs. */
function barrelRoof(room: Room, node: string, x0: number, x1: number, zc: number, half: number, eave: number, crown: number): void {
  const sag = crown - eave;
  const R = (half * half + sag * sag) / (2 * sag);
  const yc = crown - R;
  const arc = (k: number, n: number, inset = 0): Vec3 => {
    const a0 = Math.asin(half / R);
    const a = -a0 + (2 * a0 * k) / n;
    return [0, yc + (R - inset) * Math.cos(a), zc + (R - inset) * Math.sin(a)];
  };
  const n = 14;
  const stations = Math.max(2, Math.round((x1 - x0) / 0.4));
  const top: Vec3[][] = [];
  const under: Vec3[][] = [];
  for (let i = 0; i <= stations; i++) {
    const x = x0 + ((x1 - x0) * i) / stations;
    top.push(Array.from({ length: n + 1 }, (_, k) => {
      const p = arc(n - k, n);
      return [x, p[1], p[2]] as Vec3;
    }));
    under.push(Array.from({ length: n + 1 }, (_, k) => {
      const p = arc(k, n, 0.05);
      return [x, p[1], p[2]] as Vec3;
    }));
  }
  room.add(node, loft(top), (p) => vary(C.roof, hash3(Math.round(p[0] * 3), 0, 7), 0.08), { bake: { ao: 0.5 } });
  room.add(node, loft(under), shade(C.roof, 0.8));
  // seams across the roof and lips at both ends
  for (let x = x0; x <= x1 + 1e-6; x += (x1 - x0) / Math.max(1, Math.round((x1 - x0) / 0.55))) {
    const pts = Array.from({ length: n + 1 }, (_, k) => {
      const p = arc(k, n, -0.012);
      return [x, p[1], p[2]] as Vec3;
    });
    const lip = Math.abs(x - x0) < 1e-6 || Math.abs(x - x1) < 1e-6;
    room.add(node, tube(pts, lip ? 0.03 : 0.014, lip ? 6 : 4), lip ? C.roofRib : shade(C.roofRib, 1.2), { bake: { ao: 0.4 } });
  }
  // eave edges
  for (const s of [-1, 1]) room.add(node, tube([[x0, eave - 0.01, zc + s * half], [x1, eave - 0.01, zc + s * half]], 0.03, 5), C.roofRib);
  // occluders stepped under the vault
  const slices = 5;
  for (let k = 0; k < slices; k++) {
    const z0 = -half + (2 * half * k) / slices;
    const z1 = z0 + (2 * half) / slices;
    const zo = Math.max(Math.abs(z0), Math.abs(z1));
    const y = yc + Math.sqrt(Math.max(0, R * R - zo * zo)) - 0.06;
    if (y > eave) room.solid([x0, eave, zc + z0], [x1, y, zc + z1]);
  }
}

function vary(c: RGB, h: number, amount: number): RGB {
  const k = 1 + (h - 0.5) * 2 * amount;
  return [c[0] * k, c[1] * k, c[2] * k];
}

/** Lattice window: frame, a grid of bars and a dark backing (the cabin in shadow behind). */
function latticeWindow(room: Room, node: string, x0: number, x1: number, y0: number, y1: number, z: number, facing: 1 | -1, pattern: number): void {
  const zb = z - facing * 0.03;
  const back = new GeometryWriter();
  if (facing > 0) back.quad([x0, y0, zb], [x1 - x0, 0, 0], [0, y1 - y0, 0]);
  else back.quad([x1, y0, zb], [x0 - x1, 0, 0], [0, y1 - y0, 0]);
  room.add(node, back.build(), C.interior, { bake: { ao: 0.3 } });
  const zA = Math.min(z, zb);
  const zB = Math.max(z, zb);
  const bar = 0.018;
  const bars: [Vec3, Vec3][] = [
    [[x0, y0, zA], [x1, y0 + 0.045, zB]],
    [[x0, y1 - 0.045, zA], [x1, y1, zB]],
    [[x0, y0, zA], [x0 + 0.045, y1, zB]],
    [[x1 - 0.045, y0, zA], [x1, y1, zB]],
  ];
  const cols = 4;
  const rows = 4;
  for (let i = 1; i < cols; i++) {
    const x = x0 + ((x1 - x0) * i) / cols;
    bars.push([[x - bar / 2, y0, zA + 0.005], [x + bar / 2, y1, zB - 0.005]]);
  }
  for (let j = 1; j < rows; j++) {
    const y = y0 + ((y1 - y0) * j) / rows;
    bars.push([[x0, y - bar / 2, zA + 0.005], [x1, y + bar / 2, zB - 0.005]]);
  }
  // a small centre panel in alternate windows (步步锦-like variation)
  if (pattern % 2 === 0) {
    const cx = (x0 + x1) / 2;
    const cy = (y0 + y1) / 2;
    const hw = (x1 - x0) * 0.18;
    const hh = (y1 - y0) * 0.18;
    bars.push([[cx - hw, cy - hh, zA], [cx + hw, cy - hh + bar, zB]]);
    bars.push([[cx - hw, cy + hh - bar, zA], [cx + hw, cy + hh, zB]]);
    bars.push([[cx - hw, cy - hh, zA], [cx - hw + bar, cy + hh, zB]]);
    bars.push([[cx + hw - bar, cy - hh, zA], [cx + hw, cy + hh, zB]]);
  }
  for (const [a, b] of bars) room.add(node, box(a, b, { skip: [facing > 0 ? 'nz' : 'pz'] }), C.lattice);
}

function redBoat(room: Room): void {
  const N = 'red-boat';
  const zc = BOAT_Z;
  const { skin, inside, ends } = hull(-7, 7, zc, 7, 1.5, 0.3, 40);
  room.add(N, skin, (p) => (p[1] < WATER_Y + 0.06 ? C.hullDark : C.hull));
  room.add(N, inside, (p, n) => (n[1] > 0.7 && p[1] < hullAt(p[0]).ys - 0.05 ? vary(C.deck, hash3(Math.round(p[0] * 4), 0, 1), 0.1) : shade(C.hull, 0.85)));
  room.add(N, ends, C.hull);
  // wales along the sheer and a lower rubbing strake
  const wale = (drop: number, out: number, r: number) =>
    [1, -1].forEach((s) => {
      const pts: Vec3[] = [];
      for (let i = 0; i <= 40; i++) {
        const x = -7 + (14 * i) / 40;
        const h = hullAt(x);
        pts.push([x, h.ys - drop, zc + s * (h.w * (drop > 0.2 ? 0.985 : 1) + out)]);
      }
      room.add(N, tube(pts, r, 5), C.wale);
    });
  wale(0.02, 0.005, 0.035);
  wale(0.24, 0.01, 0.025);
  // deck boards at bow and stern, a bench at the bow and a mooring cleat
  for (const [a, b] of [
    [-6.7, -2.2],
    [5.1, 6.7],
  ]) {
    for (let x = a!; x < b! - 1e-6; x += 0.22) {
      const h = hullAt(x + 0.11);
      room.add(N, box([x + 0.005, h.ys - 0.12, zc - h.w + 0.08], [x + 0.215, h.ys - 0.1, zc + h.w - 0.08], { skip: ['ny'], cell: 0.6 }), vary(C.deck, hash3(x, 1, 2), 0.12));
    }
  }
  const benchY = hullAt(-5.8).ys - 0.1;
  room.add(N, box([-5.95, benchY + 0.28, zc - 0.6], [-5.65, benchY + 0.32, zc + 0.6]), C.deck);
  for (const s of [-1, 1]) room.add(N, box([-5.92, benchY, zc + s * 0.52 - 0.03], [-5.68, benchY + 0.28, zc + s * 0.52 + 0.03], { skip: ['ny'] }), C.deck);
  // occluders: the hull as a few boxes inside its lines
  for (const [a, b] of [
    [-5.5, 5.5],
    [-6.8, -5.5],
    [5.5, 6.8],
  ]) {
    const h = hullAt((a! + b!) / 2);
    const hw = Math.min(hullAt(a!).w, hullAt(b!).w) * 0.85;
    room.solid([a!, Math.max(hullAt(a!).yk, hullAt(b!).yk) + 0.05, zc - hw], [b!, h.ys - 0.15, zc + hw]);
  }
}

function boatCabin(room: Room): void {
  const N = 'boat-cabin';
  const zc = BOAT_Z;
  const x0 = -2.1;
  const x1 = 3.1;
  const hz = 1.22;
  const base = 0.12;
  const sill = 0.78;
  const head = 1.5;
  const eave = 1.74;
  // side walls: lower panels, lattice windows between posts, a frieze under the eaves
  for (const s of [1, -1] as const) {
    const z = zc + s * hz;
    const zOut = z + s * 0.04;
    const za = Math.min(z, zOut);
    const zb = Math.max(z, zOut);
    room.add(N, box([x0, base, za], [x1, sill, zb], { skip: ['ny'], cell: 0.5 }), C.cabin);
    room.add(N, box([x0, head, za], [x1, eave, zb], { cell: 0.5 }), C.cabin);
    const bays = 8;
    const bw = (x1 - x0) / bays;
    for (let b = 0; b < bays; b++) {
      const bx0 = x0 + b * bw;
      // raised panels below the windows
      room.add(N, box([bx0 + 0.07, base + 0.1, s > 0 ? zb : za - 0.012], [bx0 + bw - 0.07, sill - 0.1, s > 0 ? zb + 0.012 : za], { skip: [s > 0 ? 'nz' : 'pz'] }), C.cabinPanel);
      if (s > 0) latticeWindow(room, N, bx0 + 0.04, bx0 + bw - 0.04, sill, head, zb, 1, b);
      else {
        const g = new GeometryWriter();
        g.quad([bx0 + bw, sill, za], [-bw, 0, 0], [0, head - sill, 0]);
        room.add(N, g.build(), C.interior);
      }
      room.add(N, box([bx0 - 0.035, base, za - 0.01], [bx0 + 0.035, eave, zb + 0.01], { skip: ['ny'] }), shade(C.cabin, 0.9));
    }
    room.add(N, box([x1 - 0.035, base, za - 0.01], [x1 + 0.035, eave, zb + 0.01], { skip: ['ny'] }), shade(C.cabin, 0.9));
    room.add(N, box([x0 + 0.05, head + 0.06, s > 0 ? zb : za - 0.01], [x1 - 0.05, eave - 0.06, s > 0 ? zb + 0.01 : za], { skip: [s > 0 ? 'nz' : 'pz'] }), C.cabinPanel);
  }
  // front wall with an open doorway into the dark cabin, lattice panels either side
  const door = { z0: zc - 0.42, z1: zc + 0.42, top: 1.45 };
  const fx = x0;
  room.add(N, box([fx - 0.04, base, zc - hz], [fx, eave, door.z0], { skip: ['ny'] }), C.cabin);
  room.add(N, box([fx - 0.04, base, door.z1], [fx, eave, zc + hz], { skip: ['ny'] }), C.cabin);
  room.add(N, box([fx - 0.04, door.top, door.z0], [fx, eave, door.z1]), C.cabin);
  for (const [za, zb] of [
    [zc - hz + 0.1, door.z0 - 0.08],
    [door.z1 + 0.08, zc + hz - 0.1],
  ]) {
    const w = new GeometryWriter();
    w.quad([fx - 0.045, sill, za!], [0, 0, zb! - za!], [0, head - sill, 0]);
    room.add(N, w.build(), C.interior);
    for (let k = 1; k < 4; k++) room.add(N, box([fx - 0.06, sill, za! + ((zb! - za!) * k) / 4 - 0.009], [fx - 0.04, head, za! + ((zb! - za!) * k) / 4 + 0.009]), C.lattice);
    for (let k = 1; k < 4; k++) room.add(N, box([fx - 0.06, sill + ((head - sill) * k) / 4 - 0.009, za!], [fx - 0.04, sill + ((head - sill) * k) / 4 + 0.009, zb!]), C.lattice);
  }
  // the cabin seen through the door: floor, a table and dark walls
  const inner = new GeometryWriter();
  inner.quad([x0, 0.2, zc + hz - 0.02], [x1 - x0, 0, 0], [0, 0, -(2 * hz - 0.04)], 0.6);
  inner.quad([x0 + 1.9, 0.2, zc - hz], [0, 0, 2 * hz], [0, 1.6, 0], 0.6);
  room.add(N, inner.build(), shade(C.deck, 0.6), { bake: { ao: 0.3 } });
  room.add(N, box([x0 + 0.7, 0.62, zc - 0.45], [x0 + 1.5, 0.66, zc + 0.45]), C.cabinPanel);
  for (const [tx, tz] of [
    [x0 + 0.75, zc - 0.4],
    [x0 + 1.45, zc - 0.4],
    [x0 + 0.75, zc + 0.4],
    [x0 + 1.45, zc + 0.4],
  ])
    room.add(N, box([tx! - 0.025, 0.2, tz! - 0.025], [tx! + 0.025, 0.62, tz! + 0.025], { skip: ['ny'] }), C.cabinPanel);
  // the gable under the roof end, and the roof itself
  const gable: Vec3[] = [];
  const R = (1.45 * 1.45 + 0.46 * 0.46) / (2 * 0.46);
  for (let k = 0; k <= 10; k++) {
    const zz = -hz + (2 * hz * k) / 10;
    gable.push([fx - 0.02, 2.2 - R + Math.sqrt(R * R - zz * zz) - 0.05, zc + zz]);
  }
  room.add(N, fan([[fx - 0.02, eave, zc + hz], [fx - 0.02, eave, zc - hz], ...gable], [-1, 0, 0]), C.cabinPanel);
  barrelRoof(room, N, x0 - 0.3, x1 + 0.25, zc, 1.45, eave - 0.02, 2.2);
  room.solid([x0, base, zc - hz], [x1, eave, zc + hz]);

  // after-cabin: lower, with small windows and its own roof
  const ax0 = x1;
  const ax1 = 5.0;
  const ahz = 1.08;
  const aeave = 1.5;
  for (const s of [1, -1] as const) {
    const z = zc + s * ahz;
    room.add(N, box([ax0, base, Math.min(z, z + s * 0.04)], [ax1, aeave, Math.max(z, z + s * 0.04)], { cell: 0.5 }), C.cabin);
    if (s > 0)
      for (let b = 0; b < 3; b++) {
        const bx = ax0 + 0.2 + b * 0.6;
        latticeWindow(room, N, bx, bx + 0.45, 0.82, 1.32, z + 0.04 + 0.002, 1, b + 1);
      }
  }
  room.add(N, box([ax1 - 0.04, base, zc - ahz], [ax1, aeave, zc + ahz]), C.cabin);
  barrelRoof(room, N, ax0 - 0.05, ax1 + 0.3, zc, 1.25, aeave - 0.02, 1.9);
  room.solid([ax0, base, zc - ahz], [ax1, aeave, zc + ahz]);
}

function towBoat(room: Room): void {
  const N = 'tow-boat';
  const zc = BOAT_Z - 0.35;
  const { skin, inside, ends } = hull(8.1, 11.5, zc, 1.7, 0.72, 0.08, 12);
  const plainWood = srgb(0x5b3b27);
  room.add(N, skin, (p) => (p[1] < WATER_Y + 0.05 ? shade(plainWood, 0.5) : plainWood));
  room.add(N, inside, shade(plainWood, 0.8));
  room.add(N, ends, plainWood);
  barrelRoof(room, N, 9.2, 10.7, zc, 0.78, 0.72, 1.05);
  for (const s of [-1, 1]) for (const x of [9.25, 10.65]) room.add(N, box([x - 0.03, 0.0, zc + s * 0.7 - 0.03], [x + 0.03, 0.72, zc + s * 0.7 + 0.03]), plainWood);
  room.solid([8.6, -0.5, zc - 0.55], [11.0, 0.05, zc + 0.55]);
  // tow line from the Red Boat's stern
  room.add(N, tube([[6.9, 0.78, BOAT_Z], [7.6, 0.45, BOAT_Z - 0.15], [8.2, 0.35, zc]], 0.015, 4), C.rope);
}

// ---------------------------------------------------------------- landing stage and shore

function dock(room: Room): void {
  const r = rng(3);
  const planks = new GeometryWriter();
  for (let z = 0.5; z < 8.3 - 1e-6; z += 0.2) {
    planks.withTint(vary(r() < 0.3 ? [0.7, 0.74, 0.8] : r() < 0.3 ? [1.15, 1.0, 0.85] : [1, 1, 1], r(), 0.35));
    planks.quad([-3.3, 0, z + 0.194], [6.6, 0, 0], [0, 0, -0.188], 0.5);
  }
  room.add('dock', planks.build(), C.plank, { bake: { grid: 0.25 } });
  const gaps = new GeometryWriter();
  gaps.quad([-3.3, -0.02, 8.3], [6.6, 0, 0], [0, 0, -7.8], 0.8);
  room.add('dock', gaps.build(), shade(C.pile, 0.5), { bake: { ao: 0 } });
  // fascia boards and beams, piles into the lake
  room.add('dock', box([-3.34, -0.3, 0.46], [3.34, 0.0, 0.5], { skip: ['pz'], cell: 0.6 }), C.plankOld);
  for (const s of [-1, 1]) room.add('dock', box([s > 0 ? 3.3 : -3.34, -0.3, 0.5], [s > 0 ? 3.34 : -3.3, 0, 8.3], { skip: [s > 0 ? 'nx' : 'px'], cell: 0.6 }), C.plankOld);
  for (const s of [-1, 1])
    for (const z of [0.62, 2.5, 4.4, 6.3, 8.1])
      room.add('dock', place(new CylinderGeometry(0.11, 0.12, 1.6, 10, 1, true), { at: [s * 3.18, -1.0, z] }), (p) => (p[1] < WATER_Y ? shade(C.pile, 0.6) : C.pile));
  room.solid([-3.34, -0.3, 0.46], [3.34, -0.02, 8.3]);
  // low railings along both sides (the edge facing the boat stays open)
  for (const s of [-1, 1]) {
    const x = s * 3.22;
    const posts = 8;
    for (let i = 0; i < posts; i++) {
      const z = 0.75 + (i * (8.25 - 0.75)) / (posts - 1);
      room.add('railings', box([x - 0.045, 0, z - 0.045], [x + 0.045, 0.78, z + 0.045], { skip: ['ny'] }), C.rail);
      room.add('railings', box([x - 0.06, 0.78, z - 0.06], [x + 0.06, 0.82, z + 0.06]), shade(C.rail, 0.85));
    }
    room.add('railings', box([x - 0.04, 0.7, 0.75], [x + 0.04, 0.76, 8.25], { cell: 0.8 }), C.rail);
    room.add('railings', box([x - 0.025, 0.3, 0.75], [x + 0.025, 0.36, 8.25], { cell: 0.8 }), shade(C.rail, 0.9));
    for (let z = 0.98; z < 8.2; z += 0.36) room.add('railings', box([x - 0.015, 0.36, z - 0.015], [x + 0.015, 0.7, z + 0.015], { skip: ['ny', 'py'] }), shade(C.rail, 0.9));
  }
  // stone bollards and mooring ropes to the boat
  for (const s of [-1, 1]) {
    const x = s * 2.55;
    room.add('mooring', place(new CylinderGeometry(0.075, 0.08, 0.3, 10), { at: [x, 0.15, 0.6] }), shade(C.stone, 0.5));
    room.add('mooring', place(new SphereGeometry(0.085, 10, 6, 0, Math.PI * 2, 0, Math.PI / 2), { at: [x, 0.3, 0.6] }), shade(C.stone, 0.5));
    const h = hullAt(x);
    const a: Vec3 = [x, 0.22, 0.6];
    const b: Vec3 = [x * 1.15, h.ys + 0.02, BOAT_Z + h.w];
    const pts: Vec3[] = [];
    for (let i = 0; i <= 8; i++) {
      const t = i / 8;
      pts.push([a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t - 0.18 * Math.sin(Math.PI * t), a[2] + (b[2] - a[2]) * t]);
    }
    room.add('mooring', tube(pts, 0.016, 5), C.rope);
  }
  // bamboo punting poles holding the boat off the landing
  for (const [x, lean] of [
    [-6.1, 0.08],
    [5.9, -0.06],
  ])
    room.add('mooring', tube([[x!, -1.6, -0.05], [x! + lean! * 4, 2.7, -0.2]], 0.032, 6), C.bamboo);
}

function shore(room: Room): void {
  // granite embankment along the shore behind the landing stage
  const wall = new GeometryWriter();
  const r = rng(17);
  for (let row = 0; row < 3; row++) {
    const y0 = -0.7 + row * 0.26;
    let x = -60 - r() * 0.4;
    while (x < 60) {
      const len = 0.7 + r() * 0.6;
      const xa = Math.max(x, -60);
      const xb = Math.min(x + len, 60);
      if (xb - xa > 0.1 && (xb < -3.3 || xa > 3.3 || row < 1)) {
        wall.withTint(vary([1, 1, 1], r(), 0.14));
        wall.quad([xb - 0.01, y0 + 0.01, 8.29], [-(xb - xa - 0.02), 0, 0], [0, 0.24, 0], 1.0);
      }
      x += len;
    }
  }
  room.add('shore', wall.build(), C.stone, { bake: { grid: 0.5 } });
  room.add('shore', box([-60, -0.75, 8.3], [60, 0.06, 8.32], { skip: ['ny', 'pz', 'py'] }), shade(C.stone, 0.5));
  // coping stones and a paved path along the water
  room.add('shore', box([-60, 0.06, 8.3], [-3.3, 0.12, 8.75], { skip: ['ny'], cell: 1.5 }), C.stoneLight);
  room.add('shore', box([3.3, 0.06, 8.3], [60, 0.12, 8.75], { skip: ['ny'], cell: 1.5 }), C.stoneLight);
  room.add('shore', box([-3.3, 0, 8.3], [3.3, 0.06, 8.76], { skip: ['ny'], cell: 0.8 }), C.stoneLight);
  const path = new GeometryWriter();
  for (let x = -60; x < 60; x += 0.9) {
    path.withTint(vary([1, 1, 1], r(), 0.1));
    path.quad([x + 0.01, 0.06, 10.3], [0.88, 0, 0], [0, 0, -1.54], 1);
  }
  room.add('shore', path.build(), C.stone, { bake: { grid: 0.5 } });
  room.solid([-60, -1, 8.3], [60, 0.06, 40]);
  // grassy bank rising gently away from the lake
  const xs = [-100, -60, -40, -28, -20, -14, -10, -7, -4, -2, 0, 2, 4, 7, 10, 14, 20, 28, 40, 60, 100].map((x) => (x + 100) / 200);
  const zs = [10.3, 11, 12, 13.5, 15, 17, 20, 25, 32, 45, 60, 80].map((z) => (z - 10.3) / (80 - 10.3));
  const gy = (x: number, z: number) => 0.06 + Math.max(0, z - 10.3) * 0.06 + 0.25 * Math.sin(x * 0.31) * Math.min(1, (z - 10.3) / 4) + 0.15 * Math.sin(z * 0.7 + x * 0.13) * Math.min(1, (z - 10.3) / 4);
  const gpos: number[] = [];
  const gidx: number[] = [];
  for (const zt of zs) for (const xt of xs) {
    const x = -100 + xt * 200;
    const z = 10.3 + zt * (80 - 10.3);
    gpos.push(x, gy(x, z), z);
  }
  for (let j = 0; j + 1 < zs.length; j++)
    for (let i = 0; i + 1 < xs.length; i++) {
      const a = j * xs.length + i;
      const b = a + 1;
      const c = a + xs.length;
      const d = c + 1;
      gidx.push(a, c, b, b, c, d);
    }
  room.add('shore', meshFrom(gpos, gidx), (p) => mix(vary(C.grass, hash3(Math.round(p[0]), 0, Math.round(p[2])), 0.12), C.haze, Math.min(0.5, Math.max(0, (p[2] - 20) / 120))), { bake: { ao: 0.5 } });
}

/** A smooth mesh from raw positions and triangle indices (normals computed). */
function meshFrom(pos: number[], idx: number[]): BufferGeometry {
  const w = new GeometryWriter();
  const n = pos.length / 3;
  const normals: Vec3[] = Array.from({ length: n }, () => [0, 0, 0] as Vec3);
  for (let t = 0; t < idx.length; t += 3) {
    const [a, b, c] = [idx[t]!, idx[t + 1]!, idx[t + 2]!];
    const pa: Vec3 = [pos[a * 3]!, pos[a * 3 + 1]!, pos[a * 3 + 2]!];
    const pb: Vec3 = [pos[b * 3]!, pos[b * 3 + 1]!, pos[b * 3 + 2]!];
    const pc: Vec3 = [pos[c * 3]!, pos[c * 3 + 1]!, pos[c * 3 + 2]!];
    const f = [pb[0] - pa[0], pb[1] - pa[1], pb[2] - pa[2]] as Vec3;
    const g = [pc[0] - pa[0], pc[1] - pa[1], pc[2] - pa[2]] as Vec3;
    const nn: Vec3 = [f[1] * g[2] - f[2] * g[1], f[2] * g[0] - f[0] * g[2], f[0] * g[1] - f[1] * g[0]];
    for (const v of [a, b, c]) {
      const acc = normals[v]!;
      acc[0] += nn[0];
      acc[1] += nn[1];
      acc[2] += nn[2];
    }
  }
  for (let i = 0; i < n; i++) w.vertex([pos[i * 3]!, pos[i * 3 + 1]!, pos[i * 3 + 2]!], normalize(normals[i]!));
  for (let t = 0; t < idx.length; t += 3) w.tri(idx[t]!, idx[t + 1]!, idx[t + 2]!);
  return w.build();
}

/** A weeping willow: leaning trunk, a few limbs, a canopy core and curtains of hanging twigs. */
function willow(room: Room, base: Vec3, height: number, seed: number): void {
  const r = rng(seed);
  const lean: Vec3 = [(r() - 0.5) * 0.8, 0, -0.5 - r() * 0.5];
  const top: Vec3 = [base[0] + lean[0], base[1] + height * 0.55, base[2] + lean[2]];
  room.add('willows', tube([base, [base[0] + lean[0] * 0.4, base[1] + height * 0.3, base[2] + lean[2] * 0.4], top], 0.2, 7), C.trunk);
  const crown: Vec3 = [top[0], base[1] + height * 0.78, top[2]];
  for (let i = 0; i < 5; i++) {
    const a = (i / 5) * Math.PI * 2 + r();
    const end: Vec3 = [crown[0] + Math.cos(a) * 1.6, crown[1] + 0.4 + r() * 0.6, crown[2] + Math.sin(a) * 1.6];
    room.add('willows', tube([top, [top[0] + Math.cos(a) * 0.7, top[1] + 0.9, top[2] + Math.sin(a) * 0.7], end], 0.07, 5), C.trunk);
  }
  for (let i = 0; i < 3; i++) {
    const a = (i / 3) * Math.PI * 2 + r();
    room.add('willows', place(new IcosahedronGeometry(1.1, 1), { at: [crown[0] + Math.cos(a) * 0.8, crown[1] + 0.7 + r() * 0.4, crown[2] + Math.sin(a) * 0.8], scale: [1.3, 0.55, 1.3] }), C.willowDeep, { bake: { ao: 0.3 } });
  }
  // hanging twigs: ribbons facing away from the trunk
  const twigs = new GeometryWriter();
  for (let i = 0; i < 260; i++) {
    const a = r() * Math.PI * 2;
    const rad = 0.8 + Math.sqrt(r()) * 2.2;
    const start: Vec3 = [crown[0] + Math.cos(a) * rad, crown[1] + 1.0 - rad * 0.25 + r() * 0.4, crown[2] + Math.sin(a) * rad];
    const len = 2.0 + r() * 2.2;
    // keep the curtain off the landing stage (and out of the visitor's walkable area)
    if (Math.abs(start[0]) < 3.8 && start[2] < 9.0) continue;
    const out: Vec3 = [Math.cos(a), 0, Math.sin(a)];
    const side: Vec3 = [-Math.sin(a), 0, Math.cos(a)];
    const w = 0.035 + r() * 0.035;
    twigs.withTint(mix([0.8, 0.85, 0.8], [1.3, 1.25, 0.8], r()));
    let prevL = -1;
    let prevR = -1;
    for (let k = 0; k <= 4; k++) {
      const t = k / 4;
      const p: Vec3 = [start[0] + out[0] * 0.25 * t, Math.max(base[1] + 0.6, start[1] - len * t), start[2] + out[2] * 0.25 * t];
      const wt = w * (1 - 0.6 * t);
      const l = twigs.vertex([p[0] - side[0] * wt, p[1], p[2] - side[2] * wt], out);
      const rr = twigs.vertex([p[0] + side[0] * wt, p[1], p[2] + side[2] * wt], out);
      if (prevL >= 0) {
        twigs.tri(prevL, rr, l);
        twigs.tri(prevL, prevR, rr);
      }
      prevL = l;
      prevR = rr;
    }
  }
  room.add('willows', twigs.build(), C.willow, { bake: { unshadowed: true, glow: 0.1 } });
}

/** A broadleaf tree as a few low-poly blobs on a trunk (background planting). */
function tree(room: Room, node: string, base: Vec3, height: number, seed: number, haze = 0): void {
  const r = rng(seed);
  room.add(node, tube([base, [base[0], base[1] + height * 0.5, base[2]]], 0.18 * (height / 7), 5), mix(C.trunk, C.haze, haze));
  for (let i = 0; i < 4; i++) {
    const a = r() * Math.PI * 2;
    const d = i === 0 ? 0 : height * 0.18;
    const s = height * (0.26 + r() * 0.08);
    const col = vary(C.tree, r(), 0.15);
    room.add(node, place(new IcosahedronGeometry(1, 1), { at: [base[0] + Math.cos(a) * d, base[1] + height * (0.55 + r() * 0.15), base[2] + Math.sin(a) * d], scale: [s * 1.15, s * 0.9, s * 1.15] }), haze > 0 ? (_p, n) => mix(shade(col, 0.75 + 0.35 * Math.max(0, n[1])), C.haze, haze) : col, haze > 0 ? { lit: false } : { bake: { ao: 0.3 } });
  }
}

// ---------------------------------------------------------------- the lake and its far shores

/** Smooth periodic noise around the horizon (fixed phases, so always the same). */
function ridge(theta: number, seed: number): number {
  const r = rng(seed);
  let v = 0;
  for (let k = 1; k <= 6; k++) v += Math.sin(theta * (k * 2 + 1) + r() * 6.283) / k;
  return v;
}

function lake(room: Room): void {
  let occ: OcclusionScene | undefined;
  const water = (p: Vec3): RGB => {
    occ ??= new OcclusionScene(room.occluders);
    const v = normalize([p[0] - EYE[0], p[1] - EYE[1], p[2] - EYE[2]]);
    const cos = Math.abs(v[1]);
    const fres = Math.min(0.9, 0.08 + 0.92 * Math.pow(1 - cos, 3));
    // reflected view ray: dark where it meets the boat, the landing or the bank; sky elsewhere
    const hit = occ.cast(p[0], p[1] + 0.01, p[2], v[0], -v[1], v[2], 40);
    // far water mirrors the hills and tree line: does the reflected ray pass below their tops?
    const th = Math.atan2(p[0], -p[2]);
    const dist = Math.hypot(p[0], p[2]);
    const slope = -v[1] / Math.max(1e-6, Math.hypot(v[0], v[2]));
    const treeTop = 3.2 + WATER_Y;
    const hillTop = Math.max(2.5, 7 + 5 * ridge(th, 9));
    const Rt = 96 + 6 * ridge(th, 13);
    const Rh = 135 + 18 * ridge(th, 5);
    let reflect = mix(C.waterSky, C.haze, 0.3);
    if (hit < 40) reflect = srgb(0x1d120c);
    else if (dist < Rt && p[1] + slope * (Rt - dist) < treeTop) reflect = mix(C.tree, C.haze, 0.5);
    else if (dist < Rh && p[1] + slope * (Rh - dist) < hillTop) reflect = mix(C.hill, C.haze, 0.6);
    const ripple = 1 + 0.06 * Math.sin(p[0] * 1.7 + p[2] * 0.9) * Math.sin(p[2] * 2.3 - p[0] * 0.4);
    const c = mix(C.waterDeep, reflect, fres);
    return [c[0] * ripple, c[1] * ripple, c[2] * ripple];
  };
  const xs = [-100, -70, -50, -38, -30, -24, -19, -15, -12, -10, -8.5, -7.5];
  for (let x = -7; x <= 7; x += 0.5) xs.push(x);
  xs.push(7.5, 8.5, 10, 12, 15, 19, 24, 30, 38, 50, 70, 100);
  const zs = [-100, -70, -50, -38, -30, -24, -19, -15, -12, -9, -7, -5.5, -4.5, -4];
  for (let z = -3.6; z <= 1.2; z += 0.4) zs.push(z);
  zs.push(2, 3, 4.5, 6, 8.5);
  const wpos: number[] = [];
  const widx: number[] = [];
  for (const z of zs) for (const x of xs) wpos.push(x, WATER_Y, z);
  for (let j = 0; j + 1 < zs.length; j++)
    for (let i = 0; i + 1 < xs.length; i++) {
      const a = j * xs.length + i;
      const b = a + 1;
      const c = a + xs.length;
      const d = c + 1;
      widx.push(a, c, b, b, c, d);
    }
  room.add('lake', meshFrom(wpos, widx), water, { material: 'water', lit: false });
  const bed = new GeometryWriter();
  bed.quad([-100, -1.8, 8.5], [200, 0, 0], [0, 0, -108.5], 25);
  room.add('lake', bed.build(), C.lakeBed, { lit: false });

  // far shores: a ring of low hills and a tree line, fading into the haze
  const hills = new GeometryWriter();
  const trees = new GeometryWriter();
  const seg = 120;
  const hillRing: number[][] = [];
  const treeRing: number[][] = [];
  for (let i = 0; i <= seg; i++) {
    const th = (i / seg) * Math.PI * 2;
    const dir: Vec3 = [Math.sin(th), 0, -Math.cos(th)];
    const R = 135 + 18 * ridge(th, 5);
    const h = Math.max(2.5, 7 + 5 * ridge(th, 9));
    const haze = 0.62;
    const col = mix(C.hill, C.haze, haze);
    hills.withTint(col);
    const bottom = hills.vertex([dir[0] * (R - 25), WATER_Y - 0.1, dir[2] * (R - 25)], [-dir[0], 0.3, -dir[2]]);
    hills.withTint(mix(col, C.haze, 0.12));
    const topV = hills.vertex([dir[0] * R, h, dir[2] * R], normalize([-dir[0], 0.8, -dir[2]]));
    hillRing.push([bottom, topV]);
    const Rt = 96 + 6 * ridge(th, 13);
    const ht = 3.2 + 1.6 * Math.abs(Math.sin(i * 2.7)) + 1.2 * Math.abs(Math.sin(i * 5.3));
    trees.withTint(mix(C.tree, C.haze, 0.5));
    const tb = trees.vertex([dir[0] * Rt, WATER_Y - 0.1, dir[2] * Rt], [-dir[0], 0, -dir[2]]);
    trees.withTint(mix(C.tree, C.haze, 0.44));
    const tt = trees.vertex([dir[0] * Rt, ht, dir[2] * Rt], [-dir[0], 0.2, -dir[2]]);
    treeRing.push([tb, tt]);
  }
  for (let i = 0; i < seg; i++) {
    const [a0, a1] = hillRing[i]!;
    const [b0, b1] = hillRing[i + 1]!;
    hills.tri(a0!, b0!, b1!);
    hills.tri(a0!, b1!, a1!);
    const [c0, c1] = treeRing[i]!;
    const [d0, d1] = treeRing[i + 1]!;
    trees.tri(c0!, d0!, d1!);
    trees.tri(c0!, d1!, c1!);
  }
  room.add('far-shore', hills.build(), [1, 1, 1], { lit: false });
  room.add('far-shore', trees.build(), [1, 1, 1], { lit: false });
}

/** The island in the lake (湖心岛) with the Misty Rain Tower (烟雨楼), a two-storey hall. */
function island(room: Room): void {
  const N = 'huxin-island';
  const c: Vec3 = [-30, WATER_Y, -52];
  const haze = 0.12;
  const h = (col: RGB) => mix(col, C.haze, haze);
  room.add(N, place(new CylinderGeometry(17, 18, 1.0, 40, 1), { at: [c[0], c[1] + 0.4, c[2]], scale: [1.3, 1, 0.75] }), h(C.stoneWhite), { bake: { unshadowed: true } });
  room.add(N, place(new CylinderGeometry(15.5, 17, 0.6, 40, 1), { at: [c[0], c[1] + 1.2, c[2]], scale: [1.3, 1, 0.75] }), h(C.grass), { bake: { unshadowed: true } });
  // the tower on its terrace
  const t: Vec3 = [c[0] + 2, c[1] + 1.5, c[2] + 2];
  room.add(N, boxAt([t[0], t[1] + 0.5, t[2]], [15, 1.0, 9], undefined, { skip: ['ny'] }), h(C.stoneWhite), { bake: { unshadowed: true } });
  room.add(N, boxAt([t[0], t[1] + 1.0 + 1.6, t[2]], [12, 3.2, 6.5], undefined, { skip: ['ny'] }), h(C.towerWall), { bake: { unshadowed: true } });
  for (let i = 0; i <= 8; i++) {
    const x = t[0] - 6.6 + (13.2 * i) / 8;
    room.add(N, place(new CylinderGeometry(0.22, 0.22, 3.3, 6, 1, true), { at: [x, t[1] + 2.65, t[2] + 3.6] }), h(C.tower), { bake: { unshadowed: true } });
  }
  hipRoof(room, N, [t[0], t[1] + 4.2, t[2]], 8.4, 5.2, 4.2, 1.2, 1.9, h(C.towerRoof));
  room.add(N, boxAt([t[0], t[1] + 4.9 + 1.2, t[2]], [8, 2.6, 4.4], undefined, { skip: ['ny'] }), h(C.towerWall), { bake: { unshadowed: true } });
  for (let i = 0; i <= 6; i++) room.add(N, place(new CylinderGeometry(0.18, 0.18, 2.6, 6, 1, true), { at: [t[0] - 4.2 + (8.4 * i) / 6, t[1] + 6.1, t[2] + 2.45] }), h(C.tower), { bake: { unshadowed: true } });
  hipRoof(room, N, [t[0], t[1] + 7.3, t[2]], 6.2, 3.6, 2.2, 0.5, 2.6, h(C.towerRoof));
  room.add(N, boxAt([t[0], t[1] + 7.3 + 2.6, t[2]], [2.3, 0.35, 0.3]), h(C.towerRoof), { bake: { unshadowed: true } });
  // trees round the island
  const r = rng(61);
  for (let i = 0; i < 9; i++) {
    const a = (i / 9) * Math.PI * 2 + r() * 0.4;
    const p: Vec3 = [c[0] + Math.cos(a) * 17, c[1] + 1.4, c[2] + Math.sin(a) * 10];
    if (Math.sin(a) > 0.55 && Math.abs(Math.cos(a)) < 0.5) continue; // keep the tower's front open
    tree(room, N, p, 7 + r() * 4, 100 + i, haze);
  }
}

/**
 * A Chinese hip roof with concave slopes and upturned corners: eave half-sizes (hx, hz), ridge
 * half-length `ridge` (0 for a pyramid), corner lift and height.
 */
function hipRoof(room: Room, node: string, at: Vec3, hx: number, hz: number, ridge: number, lift: number, height: number, color: RGB): void {
  const faces: BufferGeometry[] = [];
  const rows = 5;
  const cols = 8;
  // points at slope parameter t (0 eave → 1 ridge) and edge parameter e (-1 … 1) on each face
  const point = (face: number, t: number, e: number): Vec3 => {
    const ex = hx + (ridge - hx) * t;
    const ez = hz + (0.05 - hz) * t;
    const y = height * Math.pow(t, 1.7) + lift * Math.pow(Math.abs(e), 5) * Math.pow(1 - t, 2);
    switch (face) {
      case 0:
        return [at[0] + e * ex, at[1] + y, at[2] + ez];
      case 1:
        return [at[0] + ex, at[1] + y, at[2] - e * ez];
      case 2:
        return [at[0] - e * ex, at[1] + y, at[2] - ez];
      default:
        return [at[0] - ex, at[1] + y, at[2] + e * ez];
    }
  };
  for (let f = 0; f < 4; f++) {
    const pos: number[] = [];
    const idx: number[] = [];
    for (let j = 0; j <= rows; j++) for (let i = 0; i <= cols; i++) pos.push(...point(f, j / rows, -1 + (2 * i) / cols));
    for (let j = 0; j < rows; j++)
      for (let i = 0; i < cols; i++) {
        const a = j * (cols + 1) + i;
        idx.push(a, a + 1, a + cols + 2, a, a + cols + 2, a + cols + 1);
      }
    faces.push(meshFrom(pos, idx));
  }
  room.add(node, concat(faces), color, { bake: { unshadowed: true } });
  // the underside, dark, so the roof reads as a shell from below
  const under = new GeometryWriter();
  under.quad([at[0] - hx, at[1] + 0.05, at[2] - hz], [2 * hx, 0, 0], [0, 0, 2 * hz]);
  room.add(node, under.build(), shade(color, 0.5), { lit: false });
}

/** Lotus leaves (and a few flowers) floating beside the landing stage. */
function lotus(room: Room): void {
  const r = rng(83);
  const leaf = new GeometryWriter();
  const flowers: BufferGeometry[] = [];
  for (const [cx, cz, n] of [
    [-7.2, 4.2, 26],
    [7.4, 5.0, 22],
    [-11.5, 1.8, 12],
  ] as const) {
    for (let i = 0; i < n; i++) {
      const x = cx + (r() - 0.5) * 5;
      const z = cz + (r() - 0.5) * 5;
      if (z < 0.4 || (Math.abs(x) < 3.6 && z < 8.6)) continue;
      const rad = 0.22 + r() * 0.25;
      const y = WATER_Y + 0.015 + r() * 0.01;
      const seg = 12;
      const notch = r() * Math.PI * 2;
      leaf.withTint(vary(mix([1, 1, 1], [1.2, 1.15, 0.8], r()), r(), 0.12));
      const centre = leaf.vertex([x, y + 0.01, z], [0, 1, 0]);
      const ring: number[] = [];
      for (let k = 0; k <= seg; k++) {
        const a = notch + 0.25 + (k / seg) * (Math.PI * 2 - 0.5);
        ring.push(leaf.vertex([x + Math.cos(a) * rad, y, z + Math.sin(a) * rad], [0, 1, 0]));
      }
      for (let k = 0; k < seg; k++) leaf.tri(centre, ring[k + 1]!, ring[k]!);
      if (r() < 0.12) flowers.push(place(new CylinderGeometry(0.09, 0.02, 0.14, 6), { at: [x + 0.1, WATER_Y + 0.2, z + 0.05] }));
    }
  }
  room.add('lotus', leaf.build(), srgb(0x3e6630), { bake: { unshadowed: true } });
  for (const f of flowers) room.add('lotus', f, srgb(0xe59bb0), { bake: { unshadowed: true } });
}

/** Builds the nanhu-boat room: landing stage, the Red Boat and its tow boat, lake and shores. */
export function nanhuBoat(): Room {
  const room = new Room('nanhu-boat', RIG);
  redBoat(room);
  boatCabin(room);
  towBoat(room);
  dock(room);
  shore(room);
  const r = rng(71);
  willow(room, [-5.6, 0.1, 11.2], 7.5, 7);
  willow(room, [5.4, 0.1, 11.8], 8.0, 8);
  willow(room, [-13.5, 0.1, 10.9], 7.0, 9);
  willow(room, [14.0, 0.1, 11.0], 7.2, 10);
  for (let i = 0; i < 10; i++) {
    const x = -40 + i * 8.5 + r() * 3;
    if (Math.abs(x) < 8) continue;
    tree(room, 'shore-trees', [x, 0.8, 18 + r() * 8], 8 + r() * 4, 200 + i);
  }
  for (let i = 0; i < 12; i++) {
    const x = -52 + i * 9.5 + r() * 4;
    tree(room, 'shore-trees', [x, 1.5, 30 + r() * 10], 10 + r() * 4, 300 + i, 0.25);
  }
  lotus(room);
  lake(room);
  island(room);
  return room;
}

export default nanhuBoat;
