/**
 * A yard in front of a row of cave dwellings (窑洞) cut into a loess hillside, in the manner of the
 * caves at Yangjialing, Yan'an: three arched openings faced with dressed stone, each filled with a
 * wooden lattice (paper panes, a door and a fan window in the arch). The middle door stands open
 * onto a plain room. In the yard: a stone table and stools, a stone mill, a spinning wheel and a
 * vegetable patch. Beyond the low front wall the ground falls to a valley ringed by loess hills; a
 * pagoda on a far hilltop stands for Pagoda Hill (宝塔山) as the symbol of Yan'an, not as a view
 * from this place.
 *
 * Plan (metres, y up, floor at 0): yard x∈[-7.6, 7.6], z∈[-3, 7.8]; cave facade z = -3 facing +z,
 * caves centred at x = -4.4, 0, 4.4 (3 m wide, arch crown 3.5 m), lattice plane z = -3.3; the
 * middle cave runs back to z = -9.5. Walkable areas and obstacles come from scenes/yanan/scene.json.
 */
import { CylinderGeometry, IcosahedronGeometry, LatheGeometry, SphereGeometry, TorusGeometry, Vector2 } from 'three';
import type { BufferGeometry } from 'three';
import { box, boxAt, concat, fan, GeometryWriter, hash3, matrixOf, mix, normalize, place, plain, rng, shade, srgb, tube, type RGB, type Vec3 } from '../geometry';
import type { LightRig } from '../lighting';
import { Room } from '../room';

const C = {
  loess: srgb(0xb48f5e),
  loessDark: srgb(0x8f6f45),
  loessLight: srgb(0xc9a97a),
  earth: srgb(0xa88c66),
  slab: srgb(0x9a9384),
  stone: srgb(0xa99c84),
  stoneDark: srgb(0x867b69),
  mortar: srgb(0xbdb29c),
  brick: srgb(0x7e7c77),
  wood: srgb(0x6b4a31),
  woodDark: srgb(0x45301f),
  woodLight: srgb(0x8a6a48),
  paper: srgb(0xefe6d1),
  red: srgb(0xb3261e),
  lime: srgb(0xe6e0d2),
  floorBrick: srgb(0x77736b),
  cloth: srgb(0x4f5d6e),
  iron: srgb(0x2a2826),
  grass: srgb(0x76803f),
  shrub: srgb(0x56652e),
  leaf: srgb(0x5d8a3a),
  trunk: srgb(0x4d3b2a),
  field: srgb(0x8f9450),
  haze: srgb(0xcdd8e0),
  pagoda: srgb(0x6f6458),
  pagodaRoof: srgb(0x4a4540),
  skyTop: srgb(0x7fa6cf),
  skyLow: srgb(0xd9e3ea),
  lamp: srgb(0xffd99a),
};

/** Afternoon sun from the south-west over the visitor's right shoulder; open sky; warm loess bounce. */
const RIG: LightRig = {
  ambient: [0.24, 0.24, 0.25],
  sky: [0.5, 0.55, 0.64],
  ground: [0.24, 0.21, 0.16],
  suns: [{ dir: normalize([0.5, -0.62, -0.6]), color: [1.05, 0.95, 0.78], spread: 0.03 }],
  lamps: [{ at: [0.6, 2.2, -4.4], color: [0.45, 0.38, 0.28], range: 2.2, shadow: true }],
  aoRadius: 0.7,
  aoStrength: 0.9,
  skyDistance: 60,
};

const FACADE_Z = -3.0;
const LATTICE_Z = -3.3;
const TOP = 4.45;
const CAVES = [-4.4, 0, 4.4];
const HW = 1.5;
const SPRING = 2.0;
const RING = 0.34;
const YARD_X = 7.6;
const YARD_FRONT = 7.8;
const BACK = -9.5;
const DOOR = { x0: 0.35, x1: 1.25, top: 1.95 };

function vary(c: RGB, h: number, amount: number): RGB {
  const k = 1 + (h - 0.5) * 2 * amount;
  return [c[0] * k, c[1] * k, c[2] * k];
}

/** Height of the arch's intrados (radius r about the cave's axis) at offset dx, or SPRING outside it. */
function archY(dx: number, r = HW): number {
  return Math.abs(dx) >= r ? SPRING : SPRING + Math.sqrt(r * r - dx * dx);
}

/** A smooth mesh from raw positions and triangle indices (normals computed). */
function meshFrom(pos: number[], idx: number[], colors?: RGB[]): BufferGeometry {
  const w = new GeometryWriter();
  const n = pos.length / 3;
  const normals: Vec3[] = Array.from({ length: n }, () => [0, 0, 0] as Vec3);
  for (let t = 0; t < idx.length; t += 3) {
    const [a, b, c] = [idx[t]!, idx[t + 1]!, idx[t + 2]!];
    const f: Vec3 = [pos[b * 3]! - pos[a * 3]!, pos[b * 3 + 1]! - pos[a * 3 + 1]!, pos[b * 3 + 2]! - pos[a * 3 + 2]!];
    const g: Vec3 = [pos[c * 3]! - pos[a * 3]!, pos[c * 3 + 1]! - pos[a * 3 + 1]!, pos[c * 3 + 2]! - pos[a * 3 + 2]!];
    const nn: Vec3 = [f[1] * g[2] - f[2] * g[1], f[2] * g[0] - f[0] * g[2], f[0] * g[1] - f[1] * g[0]];
    for (const v of [a, b, c]) {
      normals[v]![0] += nn[0];
      normals[v]![1] += nn[1];
      normals[v]![2] += nn[2];
    }
  }
  for (let i = 0; i < n; i++) {
    if (colors) w.withTint(colors[i]!);
    w.vertex([pos[i * 3]!, pos[i * 3 + 1]!, pos[i * 3 + 2]!], normalize(normals[i]!));
  }
  for (let t = 0; t < idx.length; t += 3) w.tri(idx[t]!, idx[t + 1]!, idx[t + 2]!);
  return w.build();
}

// ---------------------------------------------------------------- yard floor, banks, front wall

function ground(room: Room): void {
  const r = rng(21);
  // packed earth, lit on a lattice; a band of stone slabs along the foot of the facade
  const earth = new GeometryWriter();
  earth.quad([-YARD_X, 0, YARD_FRONT], [2 * YARD_X, 0, 0], [0, 0, -(YARD_FRONT + 1.9)], 0.4);
  room.add('ground', earth.build(), (p) => vary(C.earth, hash3(Math.round(p[0] * 1.3), 0, Math.round(p[2] * 1.3)), 0.06), { bake: { grid: 0.3 } });
  const slabs = new GeometryWriter();
  for (let x = -YARD_X; x < YARD_X - 1e-6; ) {
    const len = Math.min(0.7 + r() * 0.5, YARD_X - x);
    slabs.withTint(vary([1, 1, 1], r(), 0.12));
    slabs.quad([x + 0.01, 0.02, -1.91], [len - 0.02, 0, 0], [0, 0, FACADE_Z + 1.92], 0.5);
    x += len;
  }
  room.add('ground', slabs.build(), C.slab, { bake: { grid: 0.3 } });
  room.add('ground', box([-YARD_X, 0, -1.93], [YARD_X, 0.02, -1.9], { skip: ['ny', 'nz', 'py'] }), shade(C.slab, 0.7));
  room.solid([-12, -1, -12], [12, 0, 9]);

  // the loess banks either side of the yard, cut vertical, lower towards the front
  const bankTop = (z: number) => 5.0 - ((z - FACADE_Z) / (YARD_FRONT - FACADE_Z)) * 4.1;
  for (const s of [-1, 1]) {
    const pos: number[] = [];
    const idx: number[] = [];
    const cols: RGB[] = [];
    const zs = Array.from({ length: 19 }, (_, i) => FACADE_Z + ((YARD_FRONT - FACADE_Z) * i) / 18);
    const rows = 8;
    for (const z of zs)
      for (let j = 0; j <= rows; j++) {
        const y = (bankTop(z) * j) / rows;
        // the face only ever bulges into the yard, never into its own solid
        const bulge = 0.06 + 0.04 * Math.sin(z * 2.1 + y * 1.7) + 0.03 * Math.sin(y * 5.3 - z);
        pos.push(s * (YARD_X - bulge), y, z);
        const band = 0.5 + 0.5 * Math.sin(y * 6.5 + Math.sin(z * 0.8));
        cols.push(mix(vary([1, 1, 1], hash3(Math.round(z * 2), Math.round(y * 3), s), 0.08), [0.82, 0.76, 0.68], band * 0.6));
      }
    for (let i = 0; i + 1 < zs.length; i++)
      for (let j = 0; j < rows; j++) {
        const a = i * (rows + 1) + j;
        const b = a + rows + 1;
        // both faces look into the yard
        if (s > 0) idx.push(a, b + 1, a + 1, a, b, b + 1);
        else idx.push(a, a + 1, b + 1, a, b + 1, b);
      }
    room.add('ground', meshFrom(pos, idx, cols), C.loess, { bake: { ao: 0.6 } });
    // the bank as solid steps
    for (let i = 0; i < 6; i++) {
      const z0 = FACADE_Z + ((YARD_FRONT - FACADE_Z) * i) / 6;
      const z1 = FACADE_Z + ((YARD_FRONT - FACADE_Z) * (i + 1)) / 6;
      room.solid([s > 0 ? YARD_X + 0.1 : -YARD_X - 3, 0, z0], [s > 0 ? YARD_X + 3 : -YARD_X - 0.1, bankTop(z1), z1]);
    }
  }

  // a low front wall of rough stone with a flat coping, where the yard ends above the valley
  const wall = new GeometryWriter();
  for (let row = 0; row < 3; row++) {
    let x = -YARD_X - r() * 0.3;
    const y0 = row * 0.22;
    while (x < YARD_X) {
      const len = 0.45 + r() * 0.4;
      const xa = Math.max(x, -YARD_X);
      const xb = Math.min(x + len, YARD_X);
      if (xb - xa > 0.08) {
        wall.withTint(vary([1, 1, 1], r(), 0.16));
        wall.quad([xb - 0.012, y0 + 0.012, YARD_FRONT - 0.012], [-(xb - xa - 0.024), 0, 0], [0, 0.196, 0]);
      }
      x += len;
    }
  }
  room.add('front-wall', wall.build(), C.stone, { bake: { grid: 0.3 } });
  room.add('front-wall', box([-YARD_X, 0, YARD_FRONT - 0.005], [YARD_X, 0.66, YARD_FRONT + 0.35], { skip: ['ny', 'nx', 'px'], cell: 0.6 }), C.mortar);
  room.add('front-wall', box([-YARD_X, 0.66, YARD_FRONT - 0.06], [YARD_X, 0.76, YARD_FRONT + 0.4], { skip: ['ny'], cell: 0.6 }), C.stoneDark);
  room.solid([-YARD_X, 0, YARD_FRONT], [YARD_X, 0.76, YARD_FRONT + 0.35]);
}

// ---------------------------------------------------------------- the cave facade

/** The facade's mortar bed: piers and the spandrels over each arch, as quad strips. */
function facadeBed(room: Room): void {
  const w = new GeometryWriter();
  const z = FACADE_Z;
  const edges = [-YARD_X, ...CAVES.flatMap((c) => [c - HW, c + HW]), YARD_X];
  for (let i = 0; i < edges.length; i += 2) w.quad([edges[i]!, 0, z], [edges[i + 1]! - edges[i]!, 0, 0], [0, TOP, 0], 0.5);
  for (const c of CAVES) {
    const n = 16;
    for (let k = 0; k < n; k++) {
      const x0 = c - HW + (2 * HW * k) / n;
      const x1 = c - HW + (2 * HW * (k + 1)) / n;
      const a = w.vertex([x0, archY(x0 - c), z], [0, 0, 1]);
      const b = w.vertex([x1, archY(x1 - c), z], [0, 0, 1]);
      const d = w.vertex([x1, TOP, z], [0, 0, 1]);
      const e = w.vertex([x0, TOP, z], [0, 0, 1]);
      w.tri(a, b, d);
      w.tri(a, d, e);
    }
  }
  room.add('cave-row', w.build(), C.mortar, { bake: { grid: 0.3 } });
}

/** Dressed stone courses over the facade, stopping at the arch rings; the rings and jambs in larger stones. */
function facadeStones(room: Room): void {
  const r = rng(5);
  const w = new GeometryWriter();
  const joint = 0.014;
  const relief = 0.012;
  const z = FACADE_Z + relief;
  const course = 0.3;
  const clear = (x: number, y: number) =>
    CAVES.every((c) => {
      const dx = x - c;
      if (Math.abs(dx) > HW + RING) return true;
      if (y < SPRING) return false;
      return Math.hypot(dx, y - SPRING) > HW + RING;
    });
  for (let row = 0; row * course < TOP - 1e-6; row++) {
    const y0 = row * course + joint / 2;
    const y1 = Math.min(TOP, (row + 1) * course) - joint / 2;
    let x = -YARD_X - (row % 2) * 0.3 - r() * 0.2;
    while (x < YARD_X) {
      const len = 0.5 + r() * 0.35;
      const xa = Math.max(x, -YARD_X) + joint / 2;
      const xb = Math.min(x + len, YARD_X) - joint / 2;
      const tint = vary([1, 1, 1], r(), 0.1);
      // slice the block so it can stop against an arch ring
      const slices = Math.max(1, Math.ceil((xb - xa) / 0.1));
      let runStart: number | null = null;
      for (let k = 0; k <= slices; k++) {
        const sx0 = xa + ((xb - xa) * k) / slices;
        const sx1 = xa + ((xb - xa) * (k + 1)) / slices;
        const ok = k < slices && clear((sx0 + sx1) / 2, y0) && clear((sx0 + sx1) / 2, y1) && clear(sx0, y1) && clear(sx1, y1);
        if (ok && runStart === null) runStart = sx0;
        if ((!ok || k === slices) && runStart !== null) {
          const end = sx0;
          if (end - runStart > 0.06) {
            w.withTint(tint);
            w.quad([runStart, y0, z], [end - runStart, 0, 0], [0, y1 - y0, 0]);
          }
          runStart = null;
        }
      }
      x += len;
    }
  }
  room.add('cave-row', w.build(), C.stone, { bake: { grid: 0.3 } });

  // arch rings (券脸) of wedge stones and the jamb stones below them, standing a little proud
  const ring = new GeometryWriter();
  const proud = 0.035;
  for (const c of CAVES) {
    const n = 15;
    for (let k = 0; k < n; k++) {
      const a0 = Math.PI - (Math.PI * k) / n + 0.006;
      const a1 = Math.PI - (Math.PI * (k + 1)) / n - 0.006;
      const p = (a: number, rr: number): Vec3 => [c + Math.cos(a) * rr, SPRING + Math.sin(a) * rr, FACADE_Z + proud];
      ring.withTint(vary([1, 1, 1], hash3(c, k, 3), 0.1));
      const i0 = ring.vertex(p(a0, HW), [0, 0, 1]);
      const i1 = ring.vertex(p(a1, HW), [0, 0, 1]);
      const i2 = ring.vertex(p(a1, HW + RING), [0, 0, 1]);
      const i3 = ring.vertex(p(a0, HW + RING), [0, 0, 1]);
      ring.tri(i0, i1, i2);
      ring.tri(i0, i2, i3);
      // outer edge face (the stone's thickness)
      const o0 = ring.vertex(p(a0, HW + RING), [Math.cos(a0), Math.sin(a0), 0]);
      const o1 = ring.vertex(p(a1, HW + RING), [Math.cos(a1), Math.sin(a1), 0]);
      const o2 = ring.vertex([c + Math.cos(a1) * (HW + RING), SPRING + Math.sin(a1) * (HW + RING), FACADE_Z], [Math.cos(a1), Math.sin(a1), 0]);
      const o3 = ring.vertex([c + Math.cos(a0) * (HW + RING), SPRING + Math.sin(a0) * (HW + RING), FACADE_Z], [Math.cos(a0), Math.sin(a0), 0]);
      ring.tri(o0, o1, o2);
      ring.tri(o0, o2, o3);
    }
    for (const s of [-1, 1]) {
      for (let j = 0; j < 5; j++) {
        const y0 = (j * SPRING) / 5 + 0.008;
        const y1 = ((j + 1) * SPRING) / 5 - 0.008;
        const xa = s < 0 ? c - HW - RING : c + HW;
        ring.withTint(vary([1, 1, 1], hash3(c, j, s), 0.1));
        ring.quad([xa, y0, FACADE_Z + proud], [RING, 0, 0], [0, y1 - y0, 0]);
        const xo = s < 0 ? xa : xa + RING;
        if (s < 0) ring.quad([xo, y0, FACADE_Z], [0, 0, proud], [0, y1 - y0, 0]);
        else ring.quad([xo, y0, FACADE_Z + proud], [0, 0, -proud], [0, y1 - y0, 0]);
      }
    }
  }
  room.add('cave-row', ring.build(), mix(C.stone, C.loessLight, 0.25), { bake: { grid: 0.25 } });

  // the intrados and jamb reveals back to the lattice
  const rev = new GeometryWriter();
  const depth = LATTICE_Z - FACADE_Z;
  for (const c of CAVES) {
    rev.quad([c - HW, 0, FACADE_Z], [0, 0, depth], [0, SPRING, 0], 0.5);
    rev.quad([c + HW, 0, LATTICE_Z], [0, 0, -depth], [0, SPRING, 0], 0.5);
    const n = 16;
    for (let k = 0; k < n; k++) {
      const a0 = Math.PI - (Math.PI * k) / n;
      const a1 = Math.PI - (Math.PI * (k + 1)) / n;
      const na: Vec3 = [-Math.cos(a0), -Math.sin(a0), 0];
      const nb: Vec3 = [-Math.cos(a1), -Math.sin(a1), 0];
      const i0 = rev.vertex([c + Math.cos(a0) * HW, SPRING + Math.sin(a0) * HW, FACADE_Z], na);
      const i1 = rev.vertex([c + Math.cos(a1) * HW, SPRING + Math.sin(a1) * HW, FACADE_Z], nb);
      const i2 = rev.vertex([c + Math.cos(a1) * HW, SPRING + Math.sin(a1) * HW, LATTICE_Z], nb);
      const i3 = rev.vertex([c + Math.cos(a0) * HW, SPRING + Math.sin(a0) * HW, LATTICE_Z], na);
      rev.tri(i0, i2, i1);
      rev.tri(i0, i3, i2);
    }
  }
  room.add('cave-row', rev.build(), shade(C.stone, 0.92));

  // cornice, a short eave of grey tiles and a parapet along the top
  room.add('cave-row', box([-YARD_X, TOP, FACADE_Z - 0.3], [YARD_X, TOP + 0.12, FACADE_Z + 0.16], { cell: 0.6 }), C.stoneDark);
  room.add('cave-row', box([-YARD_X, TOP + 0.12, FACADE_Z - 0.3], [YARD_X, TOP + 0.62, FACADE_Z - 0.02], { skip: ['ny'], cell: 0.6 }), C.brick);
  room.add('cave-row', box([-YARD_X, TOP + 0.62, FACADE_Z - 0.34], [YARD_X, TOP + 0.7, FACADE_Z + 0.02], { skip: ['ny'], cell: 0.6 }), shade(C.brick, 0.8));
  for (let x = -YARD_X + 0.5; x < YARD_X - 0.3; x += 1.0) {
    // open lattice in the parapet: small brick openings read as dark squares
    if (CAVES.some((c) => Math.abs(x - c) < 0.2)) continue;
    const g = new GeometryWriter();
    g.quad([x - 0.14, TOP + 0.26, FACADE_Z - 0.015], [0.28, 0, 0], [0, 0.24, 0]);
    room.add('cave-row', g.build(), shade(C.brick, 0.45), { lit: false });
  }
  // solids: piers, the haunches over each arch, the parapet
  const piers = [-YARD_X - 0.5, ...CAVES.flatMap((c) => [c - HW, c + HW]), YARD_X + 0.5];
  for (let i = 0; i < piers.length; i += 2) room.solid([piers[i]!, 0, -14], [piers[i + 1]!, TOP, FACADE_Z]);
  room.solid([-YARD_X, TOP + 0.12, -3.3], [YARD_X, TOP + 0.62, FACADE_Z - 0.04]);
  for (const c of CAVES) {
    const n = 10;
    for (let k = 0; k < n; k++) {
      const x0 = c - HW + (2 * HW * k) / n;
      const x1 = x0 + (2 * HW) / n;
      const inner = Math.min(Math.abs(x0 - c), Math.abs(x1 - c));
      room.solid([x0, archY(inner) + 0.02, -14], [x1, TOP, FACADE_Z]);
    }
  }
}

// ---------------------------------------------------------------- lattices, doors and the open cave

/** Thin bars in front of the lattice plane (facing +z). */
function bar(a: Vec3, b: Vec3): BufferGeometry {
  return box(a, b, { skip: ['nz'] });
}

function lattices(room: Room): void {
  const N = 'cave-lattice';
  const zp = LATTICE_Z - 0.02; // paper
  const zb0 = LATTICE_Z - 0.02;
  const zb1 = LATTICE_Z + 0.02;
  const paper = new GeometryWriter();
  const bars: BufferGeometry[] = [];
  const frame: BufferGeometry[] = [];
  const reds = new GeometryWriter();
  const sill = 0.85;
  const transom = 2.0;
  for (const c of CAVES) {
    const open = c === 0;
    // upper fan window: paper half-disc and a square lattice clipped to the arch
    const R = HW - 0.06;
    const pts: Vec3[] = [];
    for (let k = 0; k <= 20; k++) {
      const a = (Math.PI * k) / 20;
      pts.push([c + Math.cos(a) * R, transom + 0.1 + Math.sin(a) * (R - 0.1), zp]);
    }
    paper.withTint([1, 1, 1]);
    const fanG = fan(pts, [0, 0, 1]);
    room.add(N, fanG, C.paper, { bake: { glow: 0.12 } });
    const yb = transom + 0.1;
    const rY = (dx: number) => yb + Math.sqrt(Math.max(0, R * R - dx * dx)) * ((R - 0.1) / R);
    for (let dx = -R + 0.2; dx < R - 0.1; dx += 0.2) bars.push(bar([c + dx - 0.014, yb, zb0], [c + dx + 0.014, rY(Math.abs(dx) + 0.014), zb1]));
    for (let y = yb + 0.2; y < yb + R - 0.15; y += 0.2) {
      const t = (y - yb) / ((R - 0.1) / R);
      const half = Math.sqrt(Math.max(0, R * R - t * t)) - 0.01;
      bars.push(bar([c - half, y - 0.014, zb0], [c + half, y + 0.014, zb1]));
    }
    // the arch frame of the fan window: a ring of short boards
    const rim: Vec3[] = pts.map((p) => [p[0], p[1], LATTICE_Z + 0.01]);
    frame.push(tube(rim, 0.045, 5));
    // transom beam across the opening
    frame.push(box([c - HW, transom, LATTICE_Z - 0.06], [c + HW, transom + 0.12, LATTICE_Z + 0.05], { cell: 0.6 }));
    // lower left: low wall under the window, sill, window lattice on paper
    room.add(N, box([c - HW, 0, LATTICE_Z - 0.1], [c + 0.25, sill, LATTICE_Z], { skip: ['ny', 'nz', 'nx', 'px'], cell: 0.4 }), mix(C.loess, C.mortar, 0.5));
    frame.push(box([c - HW, sill - 0.05, LATTICE_Z - 0.04], [c + 0.25, sill + 0.03, LATTICE_Z + 0.08]));
    paper.quad([c - HW, sill, zp], [HW + 0.25, 0, 0], [0, transom - sill, 0]);
    for (let x = c - HW + 0.16; x < c + 0.2; x += 0.16) bars.push(bar([x - 0.012, sill, zb0], [x + 0.012, transom, zb1]));
    for (let y = sill + 0.16; y < transom - 0.05; y += 0.16) bars.push(bar([c - HW, y - 0.012, zb0], [c + 0.25, y + 0.012, zb1]));
    // paper-cuts (窗花) on a few panes
    for (const [dx, dy] of [
      [-1.04, 1.5],
      [-0.4, 1.5],
      [0, 2.75],
    ] as const) {
      const cx = c + dx;
      const s = 0.085;
      const i0 = reds.vertex([cx, dy - s, zp + 0.005], [0, 0, 1]);
      const i1 = reds.vertex([cx + s, dy, zp + 0.005], [0, 0, 1]);
      const i2 = reds.vertex([cx, dy + s, zp + 0.005], [0, 0, 1]);
      const i3 = reds.vertex([cx - s, dy, zp + 0.005], [0, 0, 1]);
      reds.tri(i0, i1, i2);
      reds.tri(i0, i2, i3);
    }
    // posts either side of the door, the narrow board beside it
    frame.push(box([c + 0.25, 0, LATTICE_Z - 0.06], [c + DOOR.x0, transom, LATTICE_Z + 0.05], { skip: ['ny'] }));
    frame.push(box([c + DOOR.x1, 0, LATTICE_Z - 0.06], [c + DOOR.x1 + 0.08, transom, LATTICE_Z + 0.05], { skip: ['ny'] }));
    frame.push(box([c + DOOR.x1 + 0.08, 0, LATTICE_Z - 0.04], [c + HW, transom, LATTICE_Z + 0.01], { skip: ['ny', 'nz'] }));
    frame.push(box([c + DOOR.x0, DOOR.top, LATTICE_Z - 0.06], [c + DOOR.x1, transom, LATTICE_Z + 0.05]));
    frame.push(box([c + DOOR.x0, 0, LATTICE_Z - 0.1], [c + DOOR.x1, 0.04, LATTICE_Z + 0.06], { skip: ['ny'] }));
    // the door leaf: boards with battens and iron rings; the middle one stands open into the room
    const leaf: BufferGeometry[] = [];
    const lw = DOOR.x1 - DOOR.x0 - 0.01;
    for (let k = 0; k < 5; k++) leaf.push(box([(k * lw) / 5 + 0.003, 0.05, -0.05], [((k + 1) * lw) / 5 - 0.003, DOOR.top - 0.01, 0]));
    for (const y of [0.35, 1.55]) leaf.push(box([0.04, y, 0], [lw - 0.04, y + 0.09, 0.025]));
    const m = open ? matrixOf({ at: [c + DOOR.x0 + 0.005, 0, LATTICE_Z - 0.03], rot: [0, (72 * Math.PI) / 180, 0] }) : matrixOf({ at: [c + DOOR.x0 + 0.005, 0, LATTICE_Z - 0.01] });
    for (const g of leaf) {
      g.applyMatrix4(m);
      room.add(N, g, C.woodLight);
    }
    if (!open) for (const dx of [lw - 0.1]) room.add(N, place(new TorusGeometry(0.04, 0.008, 5, 10), { at: [c + DOOR.x0 + dx, 1.0, LATTICE_Z + 0.015] }), C.iron);
    // solids: the closed lattice (the paper fan lets some light through) and the cave behind
    room.solid([c - HW, 0, LATTICE_Z - 0.1], [c + HW, transom + 0.1, LATTICE_Z]);
    if (open) room.solid([c + DOOR.x0, 0, LATTICE_Z - 0.1], [c + DOOR.x0 + 0.1, DOOR.top, LATTICE_Z + 0.1]);
    if (!open) room.solid([c - HW, 0, -14], [c + HW, SPRING + HW, LATTICE_Z - 0.1]);
  }
  for (const g of frame) room.add(N, g, C.wood);
  for (const g of bars) room.add(N, g, C.woodDark, { bake: { ao: 0.5 } });
  room.add(N, paper.build(), C.paper, { bake: { glow: 0.12 } });
  room.add(N, reds.build(), C.red, { bake: { glow: 0.1 } });
}

/** The room seen through the open door of the middle cave: lime-washed vault, a table, chairs and a lamp. */
function openCave(room: Room): void {
  const N = 'cave-door';
  const w = new GeometryWriter();
  const z0 = LATTICE_Z - 0.1;
  const L = BACK - z0;
  // side walls facing in, the vault, the back wall
  w.quad([-HW, 0, z0], [0, 0, L], [0, SPRING, 0], 0.4);
  w.quad([HW, 0, BACK], [0, 0, -L], [0, SPRING, 0], 0.4);
  const n = 14;
  const vault: Vec3[][] = [];
  for (let i = 0; i <= 8; i++) {
    const z = z0 + (L * i) / 8;
    vault.push(Array.from({ length: n + 1 }, (_, k) => {
      const a = Math.PI - (Math.PI * k) / n;
      return [Math.cos(a) * HW, SPRING + Math.sin(a) * HW, z] as Vec3;
    }));
  }
  const vpos: number[] = [];
  const vidx: number[] = [];
  for (const sec of vault) for (const p of sec) vpos.push(...p);
  for (let i = 0; i < 8; i++)
    for (let k = 0; k < n; k++) {
      const a = i * (n + 1) + k;
      const b = a + n + 1;
      vidx.push(a, b + 1, a + 1, a, b, b + 1);
    }
  room.add(N, meshFrom(vpos, vidx), C.lime, { bake: { ao: 0.5, floor: 0.25 } });
  const back: Vec3[] = [[-HW, 0, BACK], [HW, 0, BACK]];
  for (let k = 0; k <= n; k++) {
    const a = (Math.PI * k) / n;
    back.push([Math.cos(a) * HW, SPRING + Math.sin(a) * HW, BACK]);
  }
  room.add(N, fan(back, [0, 0, 1]), C.lime, { bake: { floor: 0.25 } });
  room.add(N, w.build(), C.lime, { bake: { floor: 0.25 } });
  const fl = new GeometryWriter();
  fl.quad([-HW, 0.0, z0], [2 * HW, 0, 0], [0, 0, L], 0.4);
  room.add(N, fl.build(), C.floorBrick, { bake: { floor: 0.2 } });
  // a skirting of darker wash
  for (const s of [-1, 1]) room.add(N, box([s < 0 ? -HW : HW - 0.01, 0, BACK], [s < 0 ? -HW + 0.01 : HW, 0.7, z0], { skip: [s < 0 ? 'nx' : 'px'] }), mix(C.lime, C.loessDark, 0.45), { bake: { floor: 0.2 } });
  // table, two chairs, a kerosene lamp and tea bowls
  const tz = -5.9;
  const tx = 0.45;
  room.add(N, box([tx - 0.45, 0.74, tz - 0.45], [tx + 0.45, 0.79, tz + 0.45]), C.wood, { bake: { floor: 0.2 } });
  for (const [lx, lz] of [
    [-0.4, -0.4],
    [0.36, -0.4],
    [-0.4, 0.36],
    [0.36, 0.36],
  ] as const)
    room.add(N, box([tx + lx, 0, tz + lz], [tx + lx + 0.05, 0.74, tz + lz + 0.05], { skip: ['ny'] }), C.woodDark, { bake: { floor: 0.2 } });
  for (const side of [-1, 1]) {
    const cz = tz + side * 0.75;
    const parts = [
      box([tx - 0.22, 0.44, cz - 0.2], [tx + 0.22, 0.48, cz + 0.2]),
      box([tx - 0.2, 0, cz - 0.18], [tx - 0.16, 0.44, cz - 0.14]),
      box([tx + 0.16, 0, cz - 0.18], [tx + 0.2, 0.44, cz - 0.14]),
      box([tx - 0.2, 0, cz + 0.14], [tx - 0.16, 0.44, cz + 0.18]),
      box([tx + 0.16, 0, cz + 0.14], [tx + 0.2, 0.44, cz + 0.18]),
      box([tx - 0.2, 0.48, cz + side * 0.16], [tx + 0.2, 0.95, cz + side * 0.2]),
    ];
    for (const g of parts) room.add(N, g, C.woodLight, { bake: { floor: 0.2 } });
  }
  for (const [dx, dz] of [
    [-0.2, -0.15],
    [-0.1, 0.2],
  ] as const)
    room.add(N, place(plain(new LatheGeometry([new Vector2(0, 0), new Vector2(0.035, 0), new Vector2(0.05, 0.05), new Vector2(0.046, 0.05)], 10)), { at: [tx + dx, 0.79, tz + dz] }), C.lime, { bake: { floor: 0.3 } });
  room.add(N, place(new CylinderGeometry(0.05, 0.06, 0.06, 10), { at: [tx + 0.15, 0.82, tz] }), C.iron, { bake: { floor: 0.3 } });
  room.add(N, place(plain(new LatheGeometry([new Vector2(0.01, 0), new Vector2(0.05, 0.03), new Vector2(0.055, 0.1), new Vector2(0.03, 0.17), new Vector2(0.02, 0.2)], 10)), { at: [tx + 0.15, 0.85, tz] }), C.lamp, { material: 'glow', lit: false });
  // a kang (heated brick bed) across the back with a folded quilt
  room.add(N, box([-HW, 0, BACK], [HW, 0.62, BACK + 1.6], { skip: ['ny'] }), mix(C.floorBrick, C.loess, 0.3), { bake: { floor: 0.2 } });
  room.add(N, box([-1.2, 0.62, BACK + 0.1], [-0.3, 0.85, BACK + 0.6]), C.cloth, { bake: { floor: 0.25 } });
  // solids: walls, vault (stepped), back wall
  room.solid([-HW - 0.6, 0, -14], [-HW, TOP, z0]);
  room.solid([HW, 0, -14], [HW + 0.6, TOP, z0]);
  room.solid([-HW, 0, -14], [HW, TOP, BACK]);
  for (let k = 0; k < 6; k++) {
    const x0 = -HW + (2 * HW * k) / 6;
    const x1 = x0 + (2 * HW) / 6;
    const inner = Math.min(Math.abs(x0), Math.abs(x1));
    room.solid([x0, archY(inner) + 0.02, BACK], [x1, TOP + 0.7, z0]);
  }
  room.solid([-HW, 0, BACK], [HW, 0.62, BACK + 1.6]);
}

// ---------------------------------------------------------------- things in the yard

function stoneTable(room: Room): void {
  const N = 'stone-table';
  const at: Vec3 = [-4.6, 0, 2.6];
  room.add(N, place(new CylinderGeometry(0.5, 0.48, 0.09, 20), { at: [at[0], 0.72, at[2]] }), C.stone);
  room.add(N, place(new CylinderGeometry(0.22, 0.3, 0.68, 12, 1, true), { at: [at[0], 0.34, at[2]] }), C.stoneDark);
  room.solid([at[0] - 0.5, 0.68, at[2] - 0.5], [at[0] + 0.5, 0.77, at[2] + 0.5]);
  room.solid([at[0] - 0.22, 0, at[2] - 0.22], [at[0] + 0.22, 0.68, at[2] + 0.22]);
  for (let i = 0; i < 4; i++) {
    const a = Math.PI / 4 + (i * Math.PI) / 2;
    const p: Vec3 = [at[0] + Math.cos(a) * 0.85, 0, at[2] + Math.sin(a) * 0.85];
    room.add(N, place(plain(new LatheGeometry([new Vector2(0, 0), new Vector2(0.17, 0), new Vector2(0.2, 0.08), new Vector2(0.15, 0.24), new Vector2(0.19, 0.38), new Vector2(0.18, 0.42), new Vector2(0, 0.42)], 12)), { at: p }), vary(C.stone, hash3(i, 1, 2), 0.08));
    room.solid([p[0] - 0.15, 0, p[2] - 0.15], [p[0] + 0.15, 0.42, p[2] + 0.15]);
  }
}

function stoneMill(room: Room): void {
  const N = 'stone-mill';
  const at: Vec3 = [-5.4, 0, 5.5];
  // a round platform on a rubble base, two millstones, and a short wooden handle
  room.add(N, place(new CylinderGeometry(0.62, 0.7, 0.5, 16, 1, true), { at: [at[0], 0.25, at[2]] }), C.stoneDark);
  room.add(N, place(new CylinderGeometry(0.75, 0.75, 0.1, 24), { at: [at[0], 0.55, at[2]] }), C.stone);
  room.add(N, place(new CylinderGeometry(0.42, 0.42, 0.15, 20), { at: [at[0], 0.675, at[2]] }), vary(C.stone, 0.3, 0.1));
  room.add(N, place(new CylinderGeometry(0.42, 0.42, 0.17, 20), { at: [at[0], 0.84, at[2]] }), vary(C.stone, 0.7, 0.1));
  room.add(N, place(new CylinderGeometry(0.06, 0.06, 0.02, 8), { at: [at[0] + 0.15, 0.93, at[2] - 0.1] }), C.iron);
  room.add(N, box([at[0] - 0.7, 0.8, at[2] - 0.03], [at[0] - 0.4, 0.86, at[2] + 0.03]), C.wood);
  room.solid([at[0] - 0.6, 0, at[2] - 0.6], [at[0] + 0.6, 0.92, at[2] + 0.6]);
}

function spinningWheel(room: Room): void {
  const N = 'spinning-wheel';
  const c: Vec3 = [3.1, 0.56, 4.9];
  const parts: BufferGeometry[] = [];
  // base: two rails and cross pieces
  for (const dz of [-0.12, 0.12]) parts.push(box([2.3, 0, c[2] + dz - 0.03], [3.5, 0.07, c[2] + dz + 0.03]));
  for (const x of [2.35, 3.42]) parts.push(box([x - 0.03, 0, c[2] - 0.15], [x + 0.03, 0.06, c[2] + 0.15]));
  // uprights and axle
  for (const dz of [-0.09, 0.09]) parts.push(box([c[0] - 0.025, 0.05, c[2] + dz - 0.02], [c[0] + 0.025, c[1] + 0.05, c[2] + dz + 0.02]));
  parts.push(place(new CylinderGeometry(0.02, 0.02, 0.3, 6), { at: c, rot: [Math.PI / 2, 0, 0] }));
  // the wheel: two sets of spokes, rims of cord
  for (const dz of [-0.05, 0.05]) {
    for (let k = 0; k < 8; k++) {
      const a = (k / 8) * Math.PI + (dz > 0 ? Math.PI / 16 : 0);
      parts.push(tube([[c[0] - Math.cos(a) * 0.37, c[1] - Math.sin(a) * 0.37, c[2] + dz], [c[0] + Math.cos(a) * 0.37, c[1] + Math.sin(a) * 0.37, c[2] + dz]], 0.009, 4));
    }
    const rim: Vec3[] = Array.from({ length: 25 }, (_, i) => {
      const a = (i / 24) * Math.PI * 2;
      return [c[0] + Math.cos(a) * 0.37, c[1] + Math.sin(a) * 0.37, c[2] + dz] as Vec3;
    });
    parts.push(tube(rim, 0.008, 4));
  }
  // crank handle
  parts.push(tube([[c[0], c[1], c[2] + 0.15], [c[0] + 0.12, c[1] + 0.05, c[2] + 0.16], [c[0] + 0.12, c[1] + 0.05, c[2] + 0.26]], 0.012, 5));
  // spindle post at the other end and the spindle
  parts.push(box([2.38, 0.05, c[2] - 0.03], [2.44, 0.34, c[2] + 0.03]));
  parts.push(place(new CylinderGeometry(0.006, 0.004, 0.3, 5), { at: [2.41, 0.36, c[2]], rot: [0, 0, Math.PI / 2] }));
  for (const g of parts) room.add(N, g, C.woodLight);
  // drive cord round the wheel to the spindle; a cop of yarn on it
  room.add(N, tube([[c[0], c[1] + 0.37, c[2]], [2.42, 0.37, c[2]], [c[0], c[1] - 0.37, c[2]]], 0.004, 3), C.paper);
  room.add(N, place(new SphereGeometry(0.04, 8, 6), { at: [2.33, 0.36, c[2]], scale: [1.6, 1, 1] }), C.paper);
  // a low stool for the spinner
  room.add(N, box([2.55, 0.26, 5.18], [2.9, 0.3, 5.42]), C.wood);
  for (const [x, z] of [
    [2.58, 5.21],
    [2.84, 5.21],
    [2.58, 5.36],
    [2.84, 5.36],
  ] as const)
    room.add(N, box([x, 0, z], [x + 0.03, 0.26, z + 0.03], { skip: ['ny'] }), C.wood);
  room.solid([2.3, 0, c[2] - 0.15], [3.5, 0.07, c[2] + 0.15]);
  room.solid([2.55, 0.26, 5.18], [2.9, 0.3, 5.42]);
}

function vegetablePlot(room: Room): void {
  const N = 'vegetable-plot';
  const x0 = 4.05;
  const x1 = 6.85;
  const z0 = 3.65;
  const z1 = 6.85;
  room.add(N, box([x0, 0, z0], [x1, 0.14, z1], { skip: ['ny'], cell: 0.3 }), mix(C.earth, C.loessDark, 0.6), { bake: { grid: 0.3 } });
  room.solid([x0, 0, z0], [x1, 0.14, z1]);
  // rows of leafy plants, with a furrow between rows
  const r = rng(44);
  const leaves = new GeometryWriter();
  const blob = plain(new IcosahedronGeometry(1, 1));
  for (let row = 0; row < 5; row++) {
    const z = z0 + 0.35 + row * 0.62;
    for (let x = x0 + 0.22; x < x1 - 0.15; x += 0.27 + r() * 0.05) {
      const s = 0.09 + r() * 0.05;
      const g = place(blob, { at: [x + (r() - 0.5) * 0.05, 0.14 + s * 0.6, z + (r() - 0.5) * 0.05], scale: [s * 1.2, s, s * 1.2], rot: [0, r() * 3, 0] });
      const pos = g.getAttribute('position');
      const nor = g.getAttribute('normal');
      const tint = vary(mix([1, 1, 1], [1.25, 1.2, 0.75], r() * 0.6), r(), 0.12);
      const base = leaves.tint;
      leaves.withTint(tint);
      const idx = g.getIndex()!;
      const first: number[] = [];
      for (let i = 0; i < pos.count; i++) first.push(leaves.vertex([pos.getX(i), pos.getY(i), pos.getZ(i)], [nor.getX(i), nor.getY(i), nor.getZ(i)]));
      for (let t = 0; t < idx.count; t += 3) leaves.tri(first[idx.getX(t)]!, first[idx.getX(t + 1)]!, first[idx.getX(t + 2)]!);
      leaves.tint = base;
    }
  }
  room.add(N, leaves.build(), C.leaf, { bake: { ao: 0.4 } });
  const furrows = new GeometryWriter();
  for (let row = 0; row < 4; row++) {
    const z = z0 + 0.66 + row * 0.62;
    furrows.quad([x0 + 0.05, 0.142, z + 0.06], [x1 - x0 - 0.1, 0, 0], [0, 0, -0.12], 0.6);
  }
  room.add(N, furrows.build(), shade(C.earth, 0.62), { bake: { grid: 0.3 } });
  // a hoe leaning on the plot's edge
  room.add(N, tube([[x0 - 0.02, 0.02, z0 + 0.25], [x0 + 0.35, 1.05, z0 + 0.3]], 0.016, 5), C.woodLight);
  room.add(N, boxAt([x0 + 0.04, 0.1, z0 + 0.25], [0.05, 0.16, 0.13], [0, 0, 0.35]), C.iron);
}

/** Odds and ends along the facade: a water jar, a bench, firewood. */
function yardThings(room: Room): void {
  const N = 'yard-things';
  room.add(N, place(plain(new LatheGeometry([new Vector2(0, 0), new Vector2(0.2, 0), new Vector2(0.3, 0.25), new Vector2(0.32, 0.45), new Vector2(0.27, 0.62), new Vector2(0.26, 0.66), new Vector2(0.23, 0.62)], 14)), { at: [-6.3, 0, -2.72] }), srgb(0x3b332c));
  room.add(N, place(new CylinderGeometry(0.3, 0.3, 0.025, 14), { at: [-6.3, 0.675, -2.72] }), C.woodLight);
  room.solid([-6.55, 0, -2.97], [-6.05, 0.66, -2.47]);
  // a bench against the pier between two caves
  room.add(N, box([-2.75, 0.42, -2.88], [-1.65, 0.47, -2.62]), C.woodLight);
  for (const x of [-2.68, -1.76]) room.add(N, box([x - 0.03, 0, -2.85], [x + 0.03, 0.42, -2.65], { skip: ['ny'] }), C.wood);
  room.solid([-2.75, 0.42, -2.88], [-1.65, 0.47, -2.62]);
  // stacked firewood by the right-hand pier
  const r = rng(12);
  for (let k = 0; k < 14; k++) {
    const row = Math.floor(k / 5);
    const x = 2.05 + (k % 5) * 0.13 + row * 0.06;
    const y = 0.06 + row * 0.11;
    room.add(N, place(new CylinderGeometry(0.055, 0.055, 0.5 + r() * 0.1, 6), { at: [x, y, -2.72], rot: [Math.PI / 2, 0, 0] }), vary(C.wood, r(), 0.15));
  }
  room.solid([1.95, 0, -2.98], [2.8, 0.34, -2.46]);
}

/** An old tree at the front corner of the yard, leaning out over the wall. */
function yardTree(room: Room): void {
  const N = 'yard-tree';
  const b: Vec3 = [-7.15, 0, 7.35];
  room.add(N, tube([b, [-7.1, 1.6, 7.4], [-6.8, 3.2, 7.7], [-6.4, 4.2, 8.2]], 0.26, 8), C.trunk);
  const r = rng(9);
  const limbs: Vec3[] = [];
  for (let i = 0; i < 5; i++) {
    const a = (i / 5) * Math.PI * 2 + r();
    const end: Vec3 = [-6.4 + Math.cos(a) * 2.2, 5.0 + r() * 1.2, 8.2 + Math.sin(a) * 2.2];
    room.add(N, tube([[-6.4, 4.1, 8.2], [-6.4 + Math.cos(a) * 1.0, 4.8, 8.2 + Math.sin(a) * 1.0], end], 0.08, 5), C.trunk);
    limbs.push(end);
  }
  for (const e of limbs)
    for (let k = 0; k < 2; k++) {
      const s = 1.0 + r() * 0.5;
      room.add(N, place(new IcosahedronGeometry(1, 1), { at: [e[0] + (r() - 0.5), e[1] + 0.3 + r() * 0.4, e[2] + (r() - 0.5)], scale: [s * 1.3, s * 0.8, s * 1.3] }), vary(C.shrub, r(), 0.15), { bake: { ao: 0.3 } });
    }
  room.solid([-7.4, 0, 7.1], [-6.9, 3.0, 7.6]);
}

// ---------------------------------------------------------------- hillside, valley and far hills

/** Terrain height outside the yard: the hill over the caves, the banks, and the valley in front. */
function terrain(x: number, z: number): number {
  const ax = Math.abs(x);
  const bumps = 0.6 * Math.sin(x * 0.21 + z * 0.13) + 0.4 * Math.sin(z * 0.37 - x * 0.11);
  // the ground rises gently away from the yard on both sides
  const side = ax < YARD_X - 1e-6 ? 0 : Math.min(ax - YARD_X, 16) * 0.4 + (ax > 10 ? bumps * 0.5 : 0);
  const bankTop = (zz: number) => 5.0 - ((zz - FACADE_Z) / (YARD_FRONT - FACADE_Z)) * 4.1;
  if (z <= FACADE_Z) {
    const rise = Math.max(0, -4.6 - z);
    const slope = Math.min(30, rise * 0.62 + Math.max(0, rise - 12) * 0.3);
    return TOP + 0.7 + slope + side * Math.min(1, rise / 4 + 0.6) + (rise > 1 ? bumps * Math.min(1, rise / 6) : 0);
  }
  if (z <= YARD_FRONT) return ax < YARD_X - 1e-6 ? 0 : bankTop(z) + side;
  const edge = ax < YARD_X - 1e-6 ? 0 : bankTop(YARD_FRONT) + side;
  const drop = Math.max(-10, edge - (z - YARD_FRONT) * 1.5);
  const far = Math.max(0, z - 70) * 0.3 + Math.max(0, ax - 35) * 0.3 * Math.min(1, Math.max(0, (z - 20) / 30));
  return drop + far + (z > 14 ? bumps * 0.5 : 0);
}

function hillside(room: Room): void {
  const xs = [-140, -100, -70, -50, -38, -30];
  for (let x = -24; x <= 24 + 1e-6; x += 2) xs.push(Math.abs(Math.abs(x) - 8) < 1e-6 ? Math.sign(x) * YARD_X : x);
  xs.push(30, 38, 50, 70, 100, 140);
  const zs = [-140, -90, -60, -44, -34];
  for (let z = -28; z < -4.6; z += 1.6) zs.push(z);
  zs.push(-4.6, FACADE_Z, -0.3, 2.4, 5.1, YARD_FRONT, 9.0, 11, 14, 18, 24, 32, 44, 60, 80, 105, 140);
  const pos: number[] = [];
  const cols: RGB[] = [];
  for (const z of zs)
    for (const x of xs) {
      const y = terrain(x, z);
      pos.push(x, y, z);
      const d = Math.hypot(x, z);
      const h = hash3(Math.round(x / 5), 0, Math.round(z / 5));
      let c: RGB;
      if (z > YARD_FRONT + 6 && y < -7.5) c = mix(C.field, C.grass, h);
      else if (z < -4.6) {
        // terraced slopes: bands of bare loess and grass along the contours
        const band = hash3(0, Math.round(y * 1.1), 7);
        c = mix(C.loess, C.grass, band < 0.45 ? 0.15 : 0.6 + 0.3 * h);
      } else c = mix(C.loess, C.grass, 0.2 + 0.35 * h);
      c = mix(c, C.haze, Math.min(0.4, Math.max(0, (d - 40) / 260)));
      cols.push(c);
    }
  const idx: number[] = [];
  const nx = xs.length;
  for (let j = 0; j + 1 < zs.length; j++)
    for (let i = 0; i + 1 < nx; i++) {
      const cx = (xs[i]! + xs[i + 1]!) / 2;
      const cz = (zs[j]! + zs[j + 1]!) / 2;
      if (Math.abs(cx) < YARD_X && cz > FACADE_Z && cz < YARD_FRONT) continue;
      const a = j * nx + i;
      idx.push(a, a + nx, a + 1, a + 1, a + nx, a + nx + 1);
    }
  room.add('hillside', meshFrom(pos, idx, cols), [1, 1, 1], { bake: { unshadowed: true } });
  // the hill mass over the caves and behind, for the baked light of the yard
  room.solid([-40, TOP + 0.7, -40], [40, TOP + 3, -3.4]);
  room.solid([-40, TOP + 3, -40], [40, TOP + 8, -9]);
  // low scrub on the hillside and the bank tops, sitting in the ground
  const r = rng(77);
  const scrub = new GeometryWriter();
  const blob = plain(new IcosahedronGeometry(1, 1));
  const bush = (x: number, z: number, s: number) => {
    const g = place(blob, { at: [x, terrain(x, z) + s * 0.15, z], scale: [s * 1.2, s * 0.6, s * 1.2] });
    const p = g.getAttribute('position');
    const n = g.getAttribute('normal');
    const ix = g.getIndex()!;
    scrub.withTint(vary(mix([1, 1, 1], [1.25, 1.15, 0.8], r() * 0.5), r(), 0.15));
    const first: number[] = [];
    for (let k = 0; k < p.count; k++) first.push(scrub.vertex([p.getX(k), p.getY(k), p.getZ(k)], [n.getX(k), n.getY(k), n.getZ(k)]));
    for (let t = 0; t < ix.count; t += 3) scrub.tri(first[ix.getX(t)]!, first[ix.getX(t + 1)]!, first[ix.getX(t + 2)]!);
  };
  for (let i = 0; i < 34; i++) bush((r() - 0.5) * 40, -6 - r() * 22, 0.3 + r() * 0.35);
  for (let i = 0; i < 14; i++) {
    const sx = r() < 0.5 ? -1 : 1;
    bush(sx * (YARD_X + 1.0 + r() * 5), FACADE_Z + r() * 10, 0.25 + r() * 0.3);
  }
  room.add('hillside', scrub.build(), C.shrub, { bake: { unshadowed: true } });
  // trees on the valley floor: trunks and rounded crowns, fading with distance
  for (let i = 0; i < 22; i++) {
    const x = (r() - 0.5) * 140;
    const z = 36 + r() * 50;
    const y = terrain(x, z);
    const s = 2.2 + r() * 1.4;
    const fade = Math.min(0.3, Math.hypot(x, z) / 300);
    room.add('valley-trees', tube([[x, y, z], [x, y + s * 1.1, z]], 0.25 * s / 2.5, 5), mix(C.trunk, C.haze, fade), { lit: false });
    room.add('valley-trees', place(new IcosahedronGeometry(1, 1), { at: [x, y + s * 1.5, z], scale: [s, s * 0.85, s] }), (_p, n) => mix(shade(C.shrub, 0.7 + 0.45 * Math.max(0, n[1] * 0.6 + n[2] * -0.4)), C.haze, fade), { lit: false });
  }
}

/** A sky dome (normals up, so the app's hemisphere light lifts it evenly): haze at the horizon, blue overhead. */
function sky(room: Room): void {
  const w = new GeometryWriter();
  const R = 330;
  const seg = 32;
  const rings = [-0.12, 0, 0.05, 0.12, 0.25, 0.45, 0.75, 1.1, Math.PI / 2];
  const ids: number[][] = [];
  for (const el of rings) {
    const row: number[] = [];
    const t = Math.max(0, Math.min(1, el / 0.9));
    w.withTint(mix(C.skyLow, C.skyTop, Math.pow(t, 0.7)));
    for (let i = 0; i <= seg; i++) {
      const th = (i / seg) * Math.PI * 2;
      row.push(w.vertex([Math.cos(el) * Math.sin(th) * R, Math.sin(el) * R, -Math.cos(el) * Math.cos(th) * R], [0, 1, 0]));
    }
    ids.push(row);
  }
  for (let j = 0; j + 1 < ids.length; j++)
    for (let i = 0; i < seg; i++) {
      const a = ids[j]![i]!;
      const b = ids[j]![i + 1]!;
      const c = ids[j + 1]![i + 1]!;
      const d = ids[j + 1]![i]!;
      // seen from inside
      w.tri(a, b, c);
      w.tri(a, c, d);
    }
  room.add('sky', w.build(), [1, 1, 1], { lit: false });
}

/** Smooth periodic noise around the horizon (fixed phases, so always the same). */
function ridge(theta: number, seed: number): number {
  const r = rng(seed);
  let v = 0;
  for (let k = 1; k <= 5; k++) v += Math.sin(theta * (k * 2 + 1) + r() * 6.283) / k;
  return v;
}

/** A ring of rounded loess hills (梁峁) with terrace bands, fading into the haze. */
function farHills(room: Room): void {
  const w = new GeometryWriter();
  const seg = 140;
  const rows = 4;
  const ring: number[][] = [];
  for (let i = 0; i <= seg; i++) {
    const th = (i / seg) * Math.PI * 2;
    const dir: Vec3 = [Math.sin(th), 0, -Math.cos(th)];
    const R = 205 + 20 * ridge(th, 3);
    const H = 22 + 9 * ridge(th, 8) + 5 * Math.sin(th * 17);
    const col: number[] = [];
    for (let j = 0; j <= rows; j++) {
      const t = j / rows;
      const rr = R - 40 * (1 - t);
      const y = -12 + (H + 12) * Math.sin((t * Math.PI) / 2);
      const band = 0.5 + 0.5 * Math.sin(y * 1.3 + th * 3);
      const base = mix(mix(C.loess, C.grass, 0.45 * band), C.haze, 0.42 + 0.08 * t);
      w.withTint(base);
      col.push(w.vertex([dir[0] * rr, y, dir[2] * rr], normalize([-dir[0], 0.6, -dir[2]])));
    }
    ring.push(col);
  }
  for (let i = 0; i < seg; i++)
    for (let j = 0; j < rows; j++) {
      const a = ring[i]![j]!;
      const b = ring[i + 1]![j]!;
      const c = ring[i + 1]![j + 1]!;
      const d = ring[i]![j + 1]!;
      w.tri(a, b, c);
      w.tri(a, c, d);
    }
  room.add('far-hills', w.build(), [1, 1, 1], { lit: false });
}

/** A nine-storey octagonal pagoda on a far hilltop: the symbol of Yan'an, not a view from this yard. */
function pagoda(room: Room): void {
  const N = 'pagoda';
  const at: Vec3 = [32, 24, 146];
  const haze = 0.2;
  const h = (c: RGB) => mix(c, C.haze, haze);
  // the hill it stands on
  room.add(N, place(new SphereGeometry(1, 24, 8, 0, Math.PI * 2, 0, Math.PI / 2), { at: [at[0], -12, at[2]], scale: [48, at[1] + 12.5, 36] }), (p, n) => mix(shade(mix(C.loess, C.grass, 0.45 + 0.35 * hash3(0, Math.round(p[1] / 3), 2)), 0.6 + 0.35 * Math.max(0, n[1])), C.haze, 0.22), { lit: false });
  let y = at[1];
  let r = 3.6;
  const dark = h(shade(C.pagoda, 0.55));
  for (let s = 0; s < 9; s++) {
    const hgt = s === 0 ? 5.2 : 3.4 - s * 0.12;
    room.add(N, place(new CylinderGeometry(r * 0.96, r, hgt, 8, 1, true), { at: [at[0], y + hgt / 2, at[2]], rot: [0, Math.PI / 8, 0] }), (_p, n) => shade(h(C.pagoda), 0.72 + 0.4 * Math.max(0, n[0] * -0.3 + n[2] * -0.9)), { lit: false });
    // a dark arched niche on the face towards the visitor
    room.add(N, boxAt([at[0] - 0.16 * r, y + hgt * 0.45, at[2] - r * 0.93], [r * 0.32, hgt * 0.45, 0.1], [0, -0.23, 0]), dark, { lit: false });
    y += hgt;
    // corbelled eave
    room.add(N, place(new CylinderGeometry(r * 1.18, r * 0.98, 0.55, 8), { at: [at[0], y + 0.27, at[2]], rot: [0, Math.PI / 8, 0] }), (_p, n) => shade(h(C.pagodaRoof), 0.7 + 0.45 * Math.max(0, n[1])), { lit: false });
    y += 0.55;
    r *= 0.925;
  }
  room.add(N, place(new CylinderGeometry(0.2, r * 1.05, 2.2, 8), { at: [at[0], y + 1.1, at[2]], rot: [0, Math.PI / 8, 0] }), h(C.pagodaRoof), { lit: false });
  room.add(N, place(new CylinderGeometry(0.12, 0.18, 3.2, 6), { at: [at[0], y + 3.7, at[2]] }), h(shade(C.pagodaRoof, 0.8)), { lit: false });
  room.add(N, place(new SphereGeometry(0.5, 8, 6), { at: [at[0], y + 5.4, at[2]] }), h(shade(C.pagodaRoof, 0.8)), { lit: false });
}

/** Builds the yard: caves with their lattices, the open cave, yard objects, hillside, valley and the far pagoda. */
export function yananYard(): Room {
  const room = new Room('yanan-yangjialing-yard', RIG);
  ground(room);
  facadeBed(room);
  facadeStones(room);
  lattices(room);
  openCave(room);
  stoneTable(room);
  stoneMill(room);
  spinningWheel(room);
  vegetablePlot(room);
  yardThings(room);
  yardTree(room);
  hillside(room);
  farHills(room);
  pagoda(room);
  sky(room);
  return room;
}

export default yananYard;
