/**
 * The Central Auditorium at Yangjialing (杨家岭中央大礼堂), where the Seventh National Congress met
 * in 1945, as an illustrative reconstruction: a long hall under a plastered vault on transverse
 * ribs, tall windows down both sides, rows of wooden benches either side of a centre aisle, and a
 * raised stage at the far end with the presidium table, a lectern and a red banner across its
 * front. Red flags stand in V-shaped pairs on the wall piers.
 *
 * Plan (metres, y up, floor at 0): hall x∈[-7, 7], z∈[-13, 13]; walls 5.6 m to the springing of
 * the vault (crown 8.4 m); stage x∈[-7, 7], z∈[-13, -8.6], 0.9 m high; benches x∈[-5.2, -1.2] and
 * [1.2, 5.2], rows z = -5.6 … 9.4. Walkable areas and obstacles come from scenes/yanan/scene.json.
 */
import { CylinderGeometry, LatheGeometry, Vector2 } from 'three';
import type { BufferGeometry } from 'three';
import { box, fan, GeometryWriter, hash3, mix, normalize, panel, place, plain, reveals, rng, shade, srgb, tube, type Rect2, type RGB, type Vec3, type WallFrame } from '../geometry';
import type { LightRig, Occluder } from '../lighting';
import { Room, type Instance } from '../room';

const C = {
  plaster: srgb(0xeae5d8),
  plasterShade: srgb(0xd2cbbb),
  dado: srgb(0x6b6455),
  stone: srgb(0xb2a791),
  floor: srgb(0x8d8577),
  boards: srgb(0x7a5336),
  boardsDark: srgb(0x5a3b25),
  bench: srgb(0x80593a),
  curtain: srgb(0x6e1a18),
  red: srgb(0xb8221a),
  redDark: srgb(0x8e1712),
  cloth: srgb(0xe8e3d6),
  gold: srgb(0xd8b25a),
  white: srgb(0xf3efe6),
  wood: srgb(0x5b3b26),
  iron: srgb(0x2b2927),
  sky: srgb(0xdfe8ee),
  skyLow: srgb(0xc9d6de),
};

/** Daylight through the side windows, a low sun from the west (left), warm fill over the stage. */
const RIG: LightRig = {
  ambient: [0.34, 0.33, 0.31],
  sky: [1.1, 1.15, 1.25],
  ground: [0.3, 0.28, 0.25],
  suns: [{ dir: normalize([0.8, -0.45, -0.25]), color: [1.25, 1.1, 0.88], spread: 0.03 }],
  lamps: [
    { at: [0, 4.6, -9.2], color: [0.5, 0.42, 0.3], range: 3.2, shadow: false },
    { at: [0, 5.2, -1], color: [0.18, 0.16, 0.13], range: 5, shadow: false },
    { at: [0, 5.2, 7], color: [0.18, 0.16, 0.13], range: 5, shadow: false },
  ],
  aoRadius: 0.8,
  aoStrength: 0.9,
  skyDistance: 30,
};

const HX = 7;
const HZ = 13;
const WALL = 5.6;
const CROWN = 8.4;
const STAGE_Z = -8.6;
const STAGE_Y = 0.9;
const THICK = 0.6;
const WINDOWS = [-6, -2, 2, 6, 10];
const WIN = { w: 1.6, y0: 1.6, y1: 4.4 };
const PIERS = [STAGE_Z, -4, 0, 4, 8, 12];
const VAULT_R = (HX * HX + (CROWN - WALL) ** 2) / (2 * (CROWN - WALL));

/** Height of the vault's underside at x. */
function vaultY(x: number): number {
  return CROWN - VAULT_R + Math.sqrt(Math.max(0, VAULT_R * VAULT_R - x * x));
}

function vary(c: RGB, h: number, amount: number): RGB {
  const k = 1 + (h - 0.5) * 2 * amount;
  return [c[0] * k, c[1] * k, c[2] * k];
}

function frame(origin: Vec3, u: Vec3): WallFrame {
  return { origin, u, v: [0, 1, 0] };
}

// ---------------------------------------------------------------- shell: floor, walls, vault

function floor(room: Room): void {
  const r = rng(3);
  const w = new GeometryWriter();
  // square clay tiles in running rows
  const t = 0.6;
  for (let z = STAGE_Z; z < HZ - 1e-6; z += t)
    for (let x = -HX; x < HX - 1e-6; x += t) {
      w.withTint(vary([1, 1, 1], r(), 0.08));
      w.quad([x + 0.008, 0, Math.min(z + t, HZ) - 0.008], [t - 0.016, 0, 0], [0, 0, -(Math.min(z + t, HZ) - z - 0.016)]);
    }
  room.add('floor', w.build(), C.floor, { bake: { grid: 0.35 } });
  const bed = new GeometryWriter();
  bed.quad([-HX, -0.004, HZ], [2 * HX, 0, 0], [0, 0, -(HZ - STAGE_Z)], 0.7);
  room.add('floor', bed.build(), shade(C.floor, 0.6), { bake: { grid: 0.35 } });
  room.solid([-HX - 1, -0.5, -HZ - 1], [HX + 1, 0, HZ + 1]);
}

function walls(room: Room): void {
  const sideHoles = (toS: (z: number) => number): Rect2[] => WINDOWS.map((z) => {
    const s = toS(z);
    return { s0: s - WIN.w / 2, s1: s + WIN.w / 2, t0: WIN.y0, t1: WIN.y1 };
  });
  const left = frame([-HX, 0, HZ], [0, 0, -1]);
  const right = frame([HX, 0, -HZ], [0, 0, 1]);
  const L = 2 * HZ;
  const leftHoles = sideHoles((z) => HZ - z);
  const rightHoles = sideHoles((z) => z + HZ);
  room.add('walls', panel(left, L, WALL, leftHoles, 0.7), C.plaster, { bake: { grid: 0.35 } });
  room.add('walls', panel(right, L, WALL, rightHoles, 0.7), C.plaster, { bake: { grid: 0.35 } });
  for (const h of leftHoles) room.add('walls', reveals(left, h, THICK), C.plasterShade);
  for (const h of rightHoles) room.add('walls', reveals(right, h, THICK), C.plasterShade);
  room.solidWall(left, L, WALL + 0.5, THICK, leftHoles);
  room.solidWall(right, L, WALL + 0.5, THICK, rightHoles);

  // end walls: the rear with its doorway and two windows, the front (behind the stage) plain
  const rear = frame([HX, 0, HZ], [-1, 0, 0]);
  const door: Rect2 = { s0: HX - 1.1, s1: HX + 1.1, t0: 0, t1: 2.9 };
  const transom: Rect2 = { s0: HX - 1.1, s1: HX + 1.1, t0: 3.1, t1: 3.9 };
  const rearWins: Rect2[] = [-4.2, 4.2].map((x) => ({ s0: HX - x - 0.7, s1: HX - x + 0.7, t0: 1.8, t1: 4.2 }));
  const rearHoles = [door, transom, ...rearWins];
  room.add('walls', panel(rear, 2 * HX, WALL, rearHoles, 0.7), C.plaster, { bake: { grid: 0.35 } });
  for (const h of rearHoles) room.add('walls', reveals(rear, h, THICK, { bottom: h.t0 > 0 }), C.plasterShade);
  room.solidWall(rear, 2 * HX, WALL, THICK, rearHoles);
  const front = frame([-HX, 0, -HZ], [1, 0, 0]);
  room.add('walls', panel(front, 2 * HX, WALL, [], 0.7), C.plaster, { bake: { grid: 0.35 } });
  room.solidWall(front, 2 * HX, WALL, THICK);
  // the lunettes under the vault at both ends
  for (const [z, nz] of [
    [HZ, -1],
    [-HZ, 1],
  ] as const) {
    const pts: Vec3[] = [];
    for (let k = 0; k <= 16; k++) {
      const x = -HX + (2 * HX * k) / 16;
      pts.push([x, vaultY(x), z]);
    }
    pts.push([0, WALL, z]);
    room.add('walls', fan(pts, [0, 0, nz]), C.plaster);
    room.solid([-HX, WALL, nz > 0 ? z - THICK : z], [HX, CROWN + 0.5, nz > 0 ? z : z + THICK]);
  }
  // a dark dado along the foot of the walls (the stage hides the front one)
  const dado = 1.1;
  room.add('walls', box([-HX, 0, -HZ], [-HX + 0.02, dado, HZ], { skip: ['ny', 'nx'], cell: 0.7 }), C.dado, { bake: { grid: 0.35 } });
  room.add('walls', box([HX - 0.02, 0, -HZ], [HX, dado, HZ], { skip: ['ny', 'px'], cell: 0.7 }), C.dado, { bake: { grid: 0.35 } });
  room.add('walls', box([-HX, 0, HZ - 0.02], [-1.1, dado, HZ], { skip: ['ny', 'pz'], cell: 0.7 }), C.dado, { bake: { grid: 0.35 } });
  room.add('walls', box([1.1, 0, HZ - 0.02], [HX, dado, HZ], { skip: ['ny', 'pz'], cell: 0.7 }), C.dado, { bake: { grid: 0.35 } });
  for (const x of [-HX + 0.02, HX - 0.02]) room.add('walls', box([Math.min(x, x - Math.sign(x) * 0.015), dado, -HZ], [Math.max(x, x - Math.sign(x) * 0.015), dado + 0.05, HZ], { cell: 0.8 }), shade(C.dado, 0.8));
  // piers under the ribs
  for (const z of PIERS)
    for (const s of [-1, 1]) {
      const x0 = s < 0 ? -HX : HX - 0.22;
      const x1 = s < 0 ? -HX + 0.22 : HX;
      room.add('walls', box([x0, 0, z - 0.28], [x1, WALL, z + 0.28], { skip: [s < 0 ? 'nx' : 'px'], cell: 0.5 }), C.plasterShade, { bake: { grid: 0.35 } });
      room.solid([x0, 0, z - 0.28], [x1, WALL, z + 0.28]);
    }
}

function vault(room: Room): void {
  const n = 20;
  const rows = 26;
  const pos: number[] = [];
  const idx: number[] = [];
  for (let j = 0; j <= rows; j++) {
    const z = -HZ + (2 * HZ * j) / rows;
    for (let k = 0; k <= n; k++) {
      const x = -HX + (2 * HX * k) / n;
      pos.push(x, vaultY(x), z);
    }
  }
  for (let j = 0; j < rows; j++)
    for (let k = 0; k < n; k++) {
      const a = j * (n + 1) + k;
      const b = a + n + 1;
      idx.push(a, a + 1, b + 1, a, b + 1, b);
    }
  const w = new GeometryWriter();
  for (let i = 0; i < pos.length / 3; i++) {
    const x = pos[i * 3]!;
    const y = pos[i * 3 + 1]!;
    w.vertex([x, y, pos[i * 3 + 2]!], normalize([-x / VAULT_R, -(y - (CROWN - VAULT_R)) / VAULT_R, 0]));
  }
  for (let t = 0; t < idx.length; t += 3) w.tri(idx[t]!, idx[t + 1]!, idx[t + 2]!);
  room.add('vault', w.build(), C.plaster);
  // transverse ribs
  for (const z of PIERS) {
    const pts: Vec3[] = [];
    for (let k = 0; k <= n; k++) {
      const x = -HX + 0.11 + ((2 * HX - 0.22) * k) / n;
      pts.push([x, vaultY(x) - 0.1, z]);
    }
    room.add('vault', tube(pts, 0.2, 4), C.plasterShade, { bake: { ao: 0.5 } });
  }
  // a cornice along the springing
  for (const s of [-1, 1]) room.add('vault', box([s < 0 ? -HX : HX - 0.18, WALL - 0.12, -HZ], [s < 0 ? -HX + 0.18 : HX, WALL, HZ], { cell: 0.8 }), C.plasterShade);
  const slices = 12;
  for (let k = 0; k < slices; k++) {
    const x0 = -HX + (2 * HX * k) / slices;
    const x1 = x0 + (2 * HX) / slices;
    room.solid([x0, Math.max(vaultY(x0), vaultY(x1)) + 0.03, -HZ], [x1, CROWN + 0.6, HZ]);
  }
}

function windows(room: Room): void {
  const N = 'windows';
  const put = (pane: BufferGeometry) => room.add(N, pane, (p) => mix(C.skyLow, C.sky, Math.min(1, Math.max(0, (p[1] - WIN.y0) / (WIN.y1 - WIN.y0)))), { material: 'glow', lit: false });
  const bars = (a: Vec3, b: Vec3) => room.add(N, box(a, b), C.wood, { bake: { ao: 0.4 } });
  for (const s of [-1, 1]) {
    const xm = s * (HX + THICK / 2);
    const xin = s * HX;
    for (const z of WINDOWS) {
      const z0 = z - WIN.w / 2;
      const z1 = z + WIN.w / 2;
      const g = new GeometryWriter();
      if (s < 0) g.quad([xm, WIN.y0, z1], [0, 0, -WIN.w], [0, WIN.y1 - WIN.y0, 0]);
      else g.quad([xm, WIN.y0, z0], [0, 0, WIN.w], [0, WIN.y1 - WIN.y0, 0]);
      put(g.build());
      const xa = Math.min(xm, xm - s * 0.05);
      const xb = Math.max(xm, xm - s * 0.05);
      bars([xa, WIN.y0, z0], [xb, WIN.y0 + 0.07, z1]);
      bars([xa, WIN.y1 - 0.07, z0], [xb, WIN.y1, z1]);
      bars([xa, WIN.y0, z0], [xb, WIN.y1, z0 + 0.07]);
      bars([xa, WIN.y0, z1 - 0.07], [xb, WIN.y1, z1]);
      bars([xa, WIN.y0, z - 0.03], [xb, WIN.y1, z + 0.03]);
      for (let k = 1; k < 5; k++) {
        const y = WIN.y0 + ((WIN.y1 - WIN.y0) * k) / 5;
        bars([xa, y - 0.02, z0], [xb, y + 0.02, z1]);
      }
      // sill on the room side
      const xs0 = Math.min(xin, xin - s * 0.08);
      const xs1 = Math.max(xin, xin - s * 0.08);
      room.add(N, box([Math.min(xs0, xm), WIN.y0 - 0.05, z0 - 0.05], [Math.max(xs1, xm), WIN.y0, z1 + 0.05]), C.stone);
    }
  }
  // rear windows and the door transom
  for (const x of [-4.2, 4.2]) {
    const g = new GeometryWriter();
    g.quad([x + 0.7, 1.8, HZ + THICK / 2], [-1.4, 0, 0], [0, 2.4, 0]);
    put(g.build());
    for (let k = 1; k < 5; k++) bars([x - 0.7, 1.8 + k * 0.48 - 0.02, HZ + THICK / 2 - 0.05], [x + 0.7, 1.8 + k * 0.48 + 0.02, HZ + THICK / 2]);
    bars([x - 0.03, 1.8, HZ + THICK / 2 - 0.05], [x + 0.03, 4.2, HZ + THICK / 2]);
  }
  const tr = new GeometryWriter();
  tr.quad([1.1, 3.1, HZ + THICK / 2], [-2.2, 0, 0], [0, 0.8, 0]);
  put(tr.build());
  for (const x of [-0.55, 0, 0.55]) bars([x - 0.03, 3.1, HZ + THICK / 2 - 0.05], [x + 0.03, 3.9, HZ + THICK / 2]);
}

function doors(room: Room): void {
  const N = 'doors';
  const z = HZ + 0.25;
  // two closed leaves with raised panels, set back in the doorway
  for (const s of [-1, 1]) {
    const x0 = s < 0 ? -1.1 : 0.005;
    const x1 = s < 0 ? -0.005 : 1.1;
    room.add(N, box([x0, 0, z], [x1, 2.9, z + 0.06], { skip: ['ny'] }), C.wood);
    for (const [y0, y1] of [
      [0.25, 1.25],
      [1.5, 2.65],
    ])
      room.add(N, box([x0 + 0.12, y0!, z - 0.02], [x1 - 0.12, y1!, z]), shade(C.wood, 0.82));
    room.add(N, place(new CylinderGeometry(0.015, 0.015, 0.35, 6), { at: [s * 0.12, 1.25, z - 0.04] }), C.iron);
  }
  room.solid([-1.1, 0, z], [1.1, 2.9, z + 0.3]);
}

// ---------------------------------------------------------------- the stage

function stage(room: Room): void {
  const N = 'stage';
  const r = rng(8);
  // boarded floor and apron
  const boards = new GeometryWriter();
  for (let x = -HX; x < HX - 1e-6; x += 0.18) {
    boards.withTint(vary([1, 1, 1], r(), 0.12));
    boards.quad([x + 0.004, STAGE_Y, STAGE_Z], [0.172, 0, 0], [0, 0, -(HZ + STAGE_Z)], 0.8);
  }
  room.add(N, boards.build(), C.boards, { bake: { grid: 0.35 } });
  room.add(N, box([-HX, 0, STAGE_Z - 0.05], [HX, STAGE_Y, STAGE_Z], { skip: ['ny', 'nz', 'py'], cell: 0.5 }), C.boardsDark, { bake: { grid: 0.35 } });
  room.add(N, box([-HX, STAGE_Y - 0.06, STAGE_Z - 0.05], [HX, STAGE_Y + 0.006, STAGE_Z + 0.03], { skip: ['nz'], cell: 0.6 }), shade(C.boardsDark, 0.85));
  room.solid([-HX, 0, -HZ], [HX, STAGE_Y, STAGE_Z]);
  // steps up at both ends of the apron
  for (const s of [-1, 1]) {
    for (let k = 0; k < 3; k++) {
      const x0 = s < 0 ? -6.8 : 5.8;
      const top = (STAGE_Y * (k + 1)) / 3;
      const zf = STAGE_Z + 0.9 - k * 0.3;
      room.add(N, box([x0, 0, STAGE_Z - 0.05], [x0 + 1.0, top, zf], { skip: ['ny'] }), vary(C.boards, k / 3, 0.08));
      room.solid([x0, 0, STAGE_Z], [x0 + 1.0, top, zf]);
    }
  }
  // the backdrop: a pleated dark-red curtain across the back wall
  const curtain = new GeometryWriter();
  const x0 = -5.6;
  const x1 = 5.6;
  const pleat = 0.22;
  let prev: number[] | undefined;
  for (let i = 0, x = x0; x <= x1 + 1e-6; i++, x += pleat / 2) {
    const zc = -HZ + 0.14 + (i % 2 === 0 ? 0 : 0.08);
    const n: Vec3 = i % 2 === 0 ? [0, 0, 1] : [0, 0, 1];
    const col: number[] = [];
    for (const y of [STAGE_Y, 2.4, 3.9, 5.3]) col.push(curtain.vertex([x, y, zc], n));
    if (prev) for (let k = 0; k < 3; k++) {
      curtain.tri(prev[k]!, col[k]!, col[k + 1]!);
      curtain.tri(prev[k]!, col[k + 1]!, prev[k + 1]!);
    }
    prev = col;
  }
  room.add('backdrop', curtain.build(), C.curtain, { bake: { ao: 0.4 } });
  room.add('backdrop', box([x0 - 0.1, 5.3, -HZ], [x1 + 0.1, 5.55, -HZ + 0.3], { cell: 0.6 }), C.redDark);
  room.solid([x0, STAGE_Y, -HZ], [x1, 5.3, -HZ + 0.2]);
  // flags on stands at both sides of the stage
  for (const s of [-1, 1]) {
    for (const dz of [-0.5, 0.5]) {
      const base: Vec3 = [s * 6.0, STAGE_Y, -11.4 + dz];
      room.add('stage-flags', place(new CylinderGeometry(0.16, 0.2, 0.12, 10), { at: [base[0], STAGE_Y + 0.06, base[2]] }), C.iron);
      const top: Vec3 = [base[0] - s * 0.25, STAGE_Y + 3.1, base[2] + dz * 0.5];
      room.add('stage-flags', tube([[base[0], STAGE_Y + 0.1, base[2]], top], 0.025, 5), C.wood);
      room.add('stage-flags', place(new CylinderGeometry(0.05, 0.05, 0.08, 6), { at: [top[0], top[1] + 0.04, top[2]] }), C.gold);
      flag(room, 'stage-flags', top, [-s, 0, 0], 1.3, 0.9, 1);
    }
  }
}

/** A flag hanging from near the top of a pole, spreading in direction `d` (horizontal), with a slight wave. */
function flag(room: Room, node: string, top: Vec3, d: Vec3, w: number, h: number, seed: number): void {
  const g = new GeometryWriter();
  const cols = 6;
  const side: Vec3 = normalize([-d[2], 0, d[0]]);
  const front: number[][] = [];
  const back: number[][] = [];
  for (let i = 0; i <= cols; i++) {
    const t = i / cols;
    const wave = 0.06 * Math.sin(t * Math.PI * 2 + seed) * t;
    const p0: Vec3 = [top[0] + d[0] * w * t + side[0] * wave, top[1] - 0.05 - t * 0.08, top[2] + d[2] * w * t + side[2] * wave];
    const f: number[] = [];
    const b: number[] = [];
    for (const y of [0, h]) {
      const p: Vec3 = [p0[0], p0[1] - y, p0[2]];
      f.push(g.vertex(p, [-side[0], 0, -side[2]]));
      b.push(g.vertex(p, side));
    }
    front.push(f);
    back.push(b);
  }
  for (let i = 0; i < cols; i++) {
    g.tri(front[i]![0]!, front[i + 1]![0]!, front[i + 1]![1]!);
    g.tri(front[i]![0]!, front[i + 1]![1]!, front[i]![1]!);
    g.tri(back[i]![0]!, back[i + 1]![1]!, back[i + 1]![0]!);
    g.tri(back[i]![0]!, back[i]![1]!, back[i + 1]![1]!);
  }
  room.add(node, g.build(), C.red, { bake: { ao: 0.3, glow: 0.08 } });
}

/** The banner (横幅) across the front of the stage: red cloth with a row of white characters. */
function banner(room: Room): void {
  const N = 'banner';
  const z = STAGE_Z + 0.22;
  const y0 = 4.55;
  const y1 = 5.35;
  const x0 = -5.2;
  const x1 = 5.2;
  const cloth = new GeometryWriter();
  cloth.quad([x0, y0, z], [x1 - x0, 0, 0], [0, y1 - y0, 0], 0.5);
  room.add(N, cloth.build(), C.red, { bake: { glow: 0.1 } });
  room.add(N, box([x0 - 0.1, y1, z - 0.03], [x1 + 0.1, y1 + 0.05, z + 0.01]), C.wood);
  // eleven characters, drawn as bold strokes (not legible text)
  const r = rng(19);
  const ink = new GeometryWriter();
  const count = 11;
  const cw = (x1 - x0 - 0.6) / count;
  for (let c = 0; c < count; c++) {
    const cx = x0 + 0.3 + cw * (c + 0.5);
    const cy = (y0 + y1) / 2;
    const strokes = 3 + Math.floor(r() * 3);
    for (let s = 0; s < strokes; s++) {
      const horizontal = s % 2 === 0;
      const sw = horizontal ? 0.3 + r() * 0.22 : 0.06;
      const sh = horizontal ? 0.06 : 0.32 + r() * 0.22;
      const ox = horizontal ? (r() - 0.5) * 0.1 : (r() - 0.5) * 0.4;
      const oy = horizontal ? (r() - 0.5) * 0.42 : (r() - 0.5) * 0.1;
      ink.quad([cx + ox - sw / 2, cy + oy - sh / 2, z + 0.004], [sw, 0, 0], [0, sh, 0]);
    }
  }
  room.add(N, ink.build(), C.white, { bake: { glow: 0.15 } });
  // cords up to the rib
  for (const x of [x0 + 0.3, x1 - 0.3]) room.add(N, tube([[x, y1 + 0.05, z - 0.01], [x, vaultY(x) - 0.25, STAGE_Z]], 0.012, 4), C.iron);
}

function rostrum(room: Room): void {
  const N = 'rostrum';
  const x = 4.0;
  const z0 = -11.4;
  const z1 = -10.6;
  const top = STAGE_Y + 0.78;
  // a long table under a cloth that falls to the floor at the front and the ends
  room.add(N, box([-x, top - 0.04, z0], [x, top, z1], { cell: 0.4 }), C.cloth);
  room.add(N, box([-x, STAGE_Y, z1], [x, top - 0.04, z1 + 0.02], { skip: ['ny', 'nz'], cell: 0.4 }), C.cloth);
  for (const s of [-1, 1]) room.add(N, box([s < 0 ? -x - 0.02 : x, STAGE_Y, z0], [s < 0 ? -x : x + 0.02, top - 0.04, z1 + 0.02], { skip: ['ny', s < 0 ? 'px' : 'nx'] }), C.cloth);
  for (const px of [-x + 0.1, x - 0.14]) room.add(N, box([px, STAGE_Y, z0 + 0.05], [px + 0.04, top - 0.04, z0 + 0.09], { skip: ['ny'] }), C.wood);
  room.solid([-x, STAGE_Y, z0], [x, top, z1 + 0.02]);
  // papers and tea bowls along the table
  const r = rng(7);
  for (let i = 0; i < 10; i++) {
    const px = -3.6 + i * 0.8;
    const pw = new GeometryWriter();
    pw.quad([px - 0.12, top + 0.003, z0 + 0.5], [0.24, 0, 0], [0, 0, -0.3]);
    room.add(N, pw.build(), vary(C.white, r(), 0.05));
    room.add(N, place(plain(new LatheGeometry([new Vector2(0, 0), new Vector2(0.03, 0), new Vector2(0.045, 0.07), new Vector2(0.042, 0.07)], 8)), { at: [px + 0.22, top, z0 + 0.3] }), C.white);
  }
  // chairs behind the table
  const hw = 0.22;
  const parts: BufferGeometry[] = [
    box([-hw, 0.43, -0.2], [hw, 0.47, 0.2]),
    box([-hw + 0.02, 0, 0.15], [-hw + 0.06, 0.43, 0.19], { skip: ['ny'] }),
    box([hw - 0.06, 0, 0.15], [hw - 0.02, 0.43, 0.19], { skip: ['ny'] }),
    box([-hw + 0.02, 0, -0.19], [-hw + 0.06, 0.95, -0.15], { skip: ['ny'] }),
    box([hw - 0.06, 0, -0.19], [hw - 0.02, 0.95, -0.15], { skip: ['ny'] }),
    box([-hw + 0.02, 0.62, -0.2], [hw - 0.02, 0.9, -0.16]),
  ];
  for (const g of parts) room.add('rostrum-chairs', g, C.wood);
  const places: Instance[] = [];
  for (let i = 0; i < 12; i++) places.push({ at: [-3.6 + i * (7.2 / 11), STAGE_Y, -11.85], yaw: 0 });
  const local: Occluder[] = [
    { min: [-2, -0.3, -2], max: [2, 0, 2] },
    { min: [-hw, 0.43, -0.2], max: [hw, 0.47, 0.2] },
  ];
  room.instance('rostrum-chairs', places, { ...RIG, suns: [], lamps: [{ at: [0, 3.6, 1.6], color: [0.45, 0.38, 0.28], range: 3, shadow: false }] }, local);
  for (const p of places) room.solid([p.at[0] - hw, STAGE_Y + 0.43, p.at[2] - 0.2], [p.at[0] + hw, STAGE_Y + 0.47, p.at[2] + 0.2]);
}

function lectern(room: Room): void {
  const N = 'lectern';
  const z = -9.3;
  const y0 = STAGE_Y;
  // a panelled stand with a sloping reading top, a cloth hanging at the front
  room.add(N, box([-0.38, y0, z - 0.22], [0.38, y0 + 1.05, z + 0.22], { skip: ['ny'] }), C.wood);
  room.add(N, box([-0.3, y0 + 0.1, z + 0.22], [0.3, y0 + 0.95, z + 0.24]), shade(C.wood, 0.85));
  const slope = new GeometryWriter();
  // the reading top slopes down towards the speaker, who stands on the stage side
  slope.quad([-0.42, y0 + 1.19, z + 0.26], [0.84, 0, 0], [0, -0.14, -0.52]);
  room.add(N, slope.build(), shade(C.wood, 1.1));
  room.add(N, box([-0.42, y0 + 1.03, z + 0.22], [0.42, y0 + 1.21, z + 0.28]), C.wood);
  room.add(N, box([-0.25, y0 + 0.55, z + 0.245], [0.25, y0 + 1.0, z + 0.255]), C.red, { bake: { glow: 0.08 } });
  room.solid([-0.38, y0, z - 0.22], [0.38, y0 + 1.05, z + 0.22]);
}

// ---------------------------------------------------------------- the hall

function benches(room: Room): void {
  const N = 'benches';
  const len = 4.0;
  const h = len / 2;
  const parts: BufferGeometry[] = [];
  // seat of two planks, back rail of two planks, legs and stretchers
  parts.push(box([-h, 0.42, -0.2], [h, 0.46, -0.03]));
  parts.push(box([-h, 0.42, -0.02], [h, 0.46, 0.14]));
  parts.push(box([-h, 0.62, 0.17], [h, 0.74, 0.2]));
  parts.push(box([-h, 0.8, 0.18], [h, 0.92, 0.21]));
  for (const x of [-h + 0.12, 0, h - 0.16]) {
    parts.push(box([x, 0, -0.17], [x + 0.05, 0.42, -0.12], { skip: ['ny'] }));
    parts.push(box([x, 0, 0.15], [x + 0.05, 0.94, 0.2], { skip: ['ny'] }));
    parts.push(box([x, 0.12, -0.12], [x + 0.05, 0.16, 0.15]));
  }
  for (const g of parts) room.add(N, g, C.bench);
  const places: Instance[] = [];
  for (let row = 0; row < 16; row++) for (const x of [-3.2, 3.2]) places.push({ at: [x, 0, -5.6 + row], yaw: 0 });
  const local: Occluder[] = [
    { min: [-3, -0.3, -2], max: [3, 0, 2] },
    { min: [-h, 0.42, -0.2], max: [h, 0.46, 0.14] },
    // the next bench's back, in front, and the one behind shade each other
    { min: [-h, 0.6, -0.85], max: [h, 0.95, -0.78] },
    { min: [-h, 0.42, 0.8], max: [h, 0.46, 1.14] },
  ];
  room.instance(N, places, { ...RIG, suns: [], lamps: [] }, local);
  for (const p of places) {
    room.solid([p.at[0] - h, 0.42, p.at[2] - 0.2], [p.at[0] + h, 0.46, p.at[2] + 0.14]);
    room.solid([p.at[0] - h, 0.62, p.at[2] + 0.17], [p.at[0] + h, 0.92, p.at[2] + 0.21]);
  }
}

/** Red flags in V-shaped pairs on the wall piers down both sides of the hall. */
function wallFlags(room: Room): void {
  const N = 'wall-flags';
  let seed = 0;
  for (const z of [-4, 0, 4, 8])
    for (const s of [-1, 1]) {
      const x = s * (HX - 0.24);
      const base: Vec3 = [x - s * 0.05, 2.5, z];
      room.add(N, box([Math.min(x, x - s * 0.12), 2.38, z - 0.12], [Math.max(x, x - s * 0.12), 2.62, z + 0.12]), C.wood);
      room.add(N, box([Math.min(x, x - s * 0.125), 2.42, z - 0.08], [Math.max(x, x - s * 0.125), 2.58, z + 0.08]), C.gold, { bake: { glow: 0.05 } });
      for (const dz of [-1, 1]) {
        const top: Vec3 = [x - s * 0.4, 4.35, z + dz * 0.6];
        room.add(N, tube([base, top], 0.022, 5), C.wood);
        room.add(N, place(new CylinderGeometry(0.035, 0.035, 0.06, 6), { at: [top[0], top[1] + 0.03, top[2]] }), C.gold);
        flag(room, N, top, normalize([0, 0, dz]), 0.55, 0.38, seed++);
      }
    }
}

/** Builds the auditorium: shell, windows, doors, stage with table, lectern and banner, benches and flags. */
export function yananAuditorium(): Room {
  const room = new Room('yanan-auditorium', RIG);
  floor(room);
  walls(room);
  vault(room);
  windows(room);
  doors(room);
  stage(room);
  banner(room);
  rostrum(room);
  lectern(room);
  benches(room);
  wallFlags(room);
  return room;
}

export default yananAuditorium;
