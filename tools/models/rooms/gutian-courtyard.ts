/**
 * The Gutian Meeting site (古田会议会址) from outside: the Liao clan ancestral hall (廖氏宗祠) in
 * Gutian, Shanghang county, western Fujian — a single-storey Hakka ancestral hall with whitewashed
 * walls and grey tiled roofs, a raised central gateway, lower side wings with their gables to the
 * front, a paved apron and open ground before it, trees, and wooded hills all round.
 * An illustrative reconstruction, not a survey.
 *
 * Plan (metres, y up, −z ahead at yaw 0): the hall's front wall stands on z = 0 for x∈[−8.4, 8.4],
 * the gateway recess x∈[−1.8, 1.8], z∈[−1.4, 0]; side wings x∈±[8.4, 13] with gables on z = −0.8;
 * the visitor walks on the ground x∈[−7, 7], z∈[1.2, 14] (see scenes/gutian/scene.json).
 */
import { box, fan, GeometryWriter, hash3, mix, normalize, panel, reveals, rng, shade, srgb, type Rect2, type RGB, type Vec3, type WallFrame } from '../geometry';
import { HAKKA, hillRing, ridge, roofPitch, tree } from '../hakka';
import type { LightRig } from '../lighting';
import { Room } from '../room';

const C = {
  ...HAKKA,
  grass: srgb(0x6b8a45),
  grassDry: srgb(0x8a9250),
  paving: srgb(0x9c978c),
  pavingJoint: srgb(0x55524c),
  earth: srgb(0x7d6a4f),
  band: srgb(0x5d5f60),
  glass: srgb(0x2b2724),
  inside: srgb(0x2e2823),
  sky: srgb(0xc8d8e4),
};

/** Late-morning sun from the front left, a bright hazy sky over the valley. */
const SUN: Vec3 = normalize([0.45, -0.62, -0.64]);
const RIG: LightRig = {
  ambient: [0.3, 0.3, 0.31],
  sky: [0.62, 0.68, 0.78],
  ground: [0.2, 0.22, 0.17],
  suns: [{ dir: SUN, color: [1.3, 1.18, 0.98], spread: 0.03 }],
  lamps: [],
  aoRadius: 0.8,
  aoStrength: 0.85,
  skyDistance: 60,
};

const HALF = 8.4;
const WALL_H = 4.0;
const PORCH: Rect2 = { s0: HALF - 1.8, s1: HALF + 1.8, t0: 0, t1: 3.5 };
const PORCH_DEPTH = 1.4;
const WINDOWS = [-6.6, -4.3, 4.3, 6.6];
const WIN = { w: 0.9, t0: 1.5, t1: 2.6 };
const WING = { x0: 8.4, x1: 13.0, z: -0.8, eave: 3.3, ridge: 5.2, back: -14 };

function vary(c: RGB, h: number, amount: number): RGB {
  const k = 1 + (h - 0.5) * 2 * amount;
  return [c[0] * k, c[1] * k, c[2] * k];
}

function frame(origin: Vec3, u: Vec3): WallFrame {
  return { origin, u, v: [0, 1, 0] };
}

/** Whitewash a little greyed towards the foot of the wall (splash and weathering). */
function whitewash(p: Vec3): RGB {
  const k = Math.min(1, Math.max(0, (p[1] - 0.5) / 1.6));
  return mix(shade(C.plasterDim, 0.92), C.plaster, 0.55 + 0.45 * k);
}

// ---------------------------------------------------------------- ground

function ground(room: Room): void {
  const N = 'ground';
  const r = rng(5);
  // granite apron along the front and a slab path out across the open ground
  const slabs = new GeometryWriter();
  const pave = (x0: number, x1: number, z0: number, z1: number, size: number) => {
    for (let z = z0; z < z1 - 1e-6; z += size * 0.8) {
      const zb = Math.min(z + size * 0.8, z1);
      let x = x0 - r() * size * 0.5;
      while (x < x1 - 1e-6) {
        const len = size * (0.8 + r() * 0.6);
        const xa = Math.max(x, x0) + 0.012;
        const xb = Math.min(x + len, x1) - 0.012;
        if (xb - xa > 0.05) {
          slabs.withTint(vary([1, 1, 1], r(), 0.14));
          slabs.quad([xa, 0.012, zb - 0.012], [xb - xa, 0, 0], [0, 0, -(zb - z - 0.024)], 0.8);
        }
        x += len;
      }
    }
  };
  pave(-WING.x1 - 0.5, WING.x1 + 0.5, 0, 2.6, 0.75);
  pave(-1.8, 1.8, -PORCH_DEPTH, 0, 0.6);
  pave(-1.3, 1.3, 2.6, 16, 0.75);
  room.add(N, slabs.build(), C.paving, { bake: { grid: 0.3 } });
  const joints = new GeometryWriter();
  joints.quad([-WING.x1 - 0.5, 0.004, 2.6], [2 * WING.x1 + 1, 0, 0], [0, 0, -2.6 - PORCH_DEPTH], 0.8);
  joints.quad([-1.3, 0.004, 16], [2.6, 0, 0], [0, 0, -13.4], 0.8);
  room.add(N, joints.build(), C.pavingJoint, { bake: { grid: 0.3 } });
  // the open ground: grass with worn, drier patches
  const lawn = new GeometryWriter();
  lawn.quad([-45, 0, 45], [90, 0, 0], [0, 0, -80], 1.6);
  room.add(N, lawn.build(), (p) => {
    const n = hash3(Math.round(p[0] / 3.2), 0, Math.round(p[2] / 3.2));
    const worn = Math.abs(p[0]) < 2.2 && p[2] > 2 ? 0.35 : 0;
    return mix(vary(C.grass, n, 0.12), C.grassDry, Math.min(1, 0.25 * hash3(p[0], 1, p[2]) + worn));
  }, { bake: { grid: 1.6 } });
  room.solid([-60, -1, -60], [60, 0, 60]);
}

// ---------------------------------------------------------------- the hall's front

function frontWall(room: Room): void {
  const N = 'ancestral-hall';
  const f = frame([-HALF, 0, 0], [1, 0, 0]);
  const W = 2 * HALF;
  const wins: Rect2[] = WINDOWS.map((x) => ({ s0: x + HALF - WIN.w / 2, s1: x + HALF + WIN.w / 2, t0: WIN.t0, t1: WIN.t1 }));
  room.add(N, panel(f, W, WALL_H, [PORCH, ...wins], 0.5), whitewash, { bake: { grid: 0.4 } });
  room.solidWall(frame([-HALF, 0, -0.02], [1, 0, 0]), W, WALL_H, 0.4, [PORCH, ...wins]);
  // stone plinth either side of the gateway
  for (const [x0, x1] of [
    [-HALF, -1.8],
    [1.8, HALF],
  ] as const)
    room.add(N, box([x0, 0, 0], [x1, 0.5, 0.04], { skip: ['ny', 'nz'], cell: 0.6 }), C.stone);
  // a painted grey frieze under the eaves with a pale line through it
  for (const [x0, x1] of [
    [-HALF, -2.7],
    [2.7, HALF],
  ] as const) {
    room.add(N, box([x0, 3.5, 0], [x1, 3.95, 0.015], { skip: ['nz', 'ny'], cell: 0.6 }), C.band);
    room.add(N, box([x0 + 0.15, 3.7, 0.015], [x1 - 0.15, 3.74, 0.02], { skip: ['nz'] }), C.plasterDim);
  }
  // windows: reveals, dark interior, plain wooden bars (直棂窗) and stone sills
  for (const h of wins) {
    room.add(N, reveals(f, h, 0.3), C.plasterDim);
    const x0 = h.s0 - HALF;
    const x1 = h.s1 - HALF;
    const back = new GeometryWriter();
    back.quad([x0, h.t0, -0.3], [x1 - x0, 0, 0], [0, h.t1 - h.t0, 0]);
    room.add(N, back.build(), C.glass, { lit: false });
    for (let i = 0; i <= 6; i++) {
      const x = x0 + 0.04 + (i * (x1 - x0 - 0.08)) / 6;
      room.add(N, box([x - 0.022, h.t0, -0.16], [x + 0.022, h.t1, -0.1]), C.wood);
    }
    room.add(N, box([x0 - 0.06, h.t0 - 0.08, -0.05], [x1 + 0.06, h.t0, 0.06], { skip: ['nz'] }), C.stoneLight);
    room.add(N, box([x0 - 0.05, h.t1, -0.02], [x1 + 0.05, h.t1 + 0.08, 0.03], { skip: ['nz'] }), C.stoneLight);
  }
  // the short return walls where the front steps back to the wings, and the gable ends above them
  for (const s of [-1, 1]) {
    const x = s * HALF;
    const g = new GeometryWriter();
    if (s > 0) g.quad([x, 0, 0], [0, 0, WING.z], [0, WALL_H, 0], 0.5);
    else g.quad([x, 0, WING.z], [0, 0, -WING.z], [0, WALL_H, 0], 0.5);
    room.add(N, g.build(), whitewash, { bake: { grid: 0.4 } });
    room.add(N, fan([[x, WALL_H, 0.9], [x, WALL_H, -9.5], [x, 6.25, -4.6]], [s, 0, 0]), C.plaster);
    room.solid([x - 0.4, 0, WING.z], [x, WALL_H, 0]);
  }
  // the main front pitch, in two parts either side of the raised gateway, then its ridge
  const up: Vec3 = [0, 2.3, -5.6];
  roofPitch(room, 'roofs', [-HALF - 0.4, WALL_H, 1.0], [HALF + 0.4 - 2.7, 0, 0], up, { underside: true });
  roofPitch(room, 'roofs', [2.7, WALL_H, 1.0], [HALF + 0.4 - 2.7, 0, 0], up, { underside: true });
  const k = 1.45 / 5.6;
  roofPitch(room, 'roofs', [-2.7, WALL_H + up[1] * k, 1.0 + up[2] * k], [5.4, 0, 0], [up[0], up[1] * (1 - k), up[2] * (1 - k)], { underside: false, noDrips: true });
  ridge(room, 'roofs', [-HALF - 0.3, 6.25, -4.6], [HALF + 0.3, 6.25, -4.6], 0.34, 0.3);
  // the far pitch behind the ridge (seen only from the sides), as a plain slope
  const far = new GeometryWriter();
  far.quad([-HALF - 0.4, 6.3, -4.6], [2 * HALF + 0.8, 0, 0], [0, -2.0, -4.9], 1.2);
  room.add('roofs', far.build(), C.tile, { bake: { ao: 0.3 } });
  // the body of the hall behind its front wall, leaving the gateway recess open
  room.solid([-HALF, 0, -9.5], [HALF, WALL_H + 0.6, -PORCH_DEPTH - 0.3]);
  room.solid([-HALF, 0, -PORCH_DEPTH - 0.3], [-1.8, WALL_H + 0.6, -0.4]);
  room.solid([1.8, 0, -PORCH_DEPTH - 0.3], [HALF, WALL_H + 0.6, -0.4]);
  room.solid([-1.8, 3.5, -PORCH_DEPTH - 0.3], [1.8, WALL_H + 0.6, -0.4]);
}

// ---------------------------------------------------------------- the gateway

function gateway(room: Room): void {
  const N = 'hall-gate';
  const D = -PORCH_DEPTH;
  // raised front over the gateway, with its own small roof (门楼)
  const top = 5.15;
  const upper = frame([-2.7, WALL_H, 0], [1, 0, 0]);
  room.add(N, panel(upper, 5.4, top - WALL_H, [], 0.45), C.plaster, { bake: { grid: 0.4 } });
  for (const s of [-1, 1]) room.add(N, box([s * 2.7 - (s > 0 ? 0 : 0.02), WALL_H - 0.45, -0.45], [s * 2.7 + (s > 0 ? 0.02 : 0), top, 0], { cell: 0.4 }), C.plaster);
  room.solid([-2.7, WALL_H, -0.45], [2.7, top, 0]);
  room.add(N, box([-2.55, 4.3, 0], [2.55, 4.95, 0.02], { skip: ['nz'], cell: 0.5 }), C.band);
  room.add(N, box([-2.4, 4.45, 0.02], [2.4, 4.8, 0.03], { skip: ['nz'], cell: 0.5 }), mix(C.band, C.plaster, 0.55));
  roofPitch(room, N, [-3.05, top, 0.6], [6.1, 0, 0], [0, 0.6, -0.82], { underside: true, row: 0.22 });
  roofPitch(room, N, [3.05, top, -1.05], [-6.1, 0, 0], [0, 0.6, 0.83], { underside: false, row: 0.22, noDrips: true });
  ridge(room, N, [-3.0, top + 0.6, -0.22], [3.0, top + 0.6, -0.22], 0.28, 0.24);
  // brackets under the little roof's eaves
  for (const x of [-2.3, -0.8, 0.8, 2.3]) room.add(N, box([x - 0.06, top - 0.22, 0], [x + 0.06, top, 0.45]), C.woodDark);

  // the recess: side walls, a boarded ceiling, and the back wall with the door
  const fw = frame([-HALF, 0, 0], [1, 0, 0]);
  room.add(N, reveals(fw, PORCH, PORCH_DEPTH, { bottom: false }), (p) => (p[1] > 3.45 ? C.wood : whitewash(p)), { bake: { grid: 0.3 } });
  const back = frame([-1.8, 0, D], [1, 0, 0]);
  const door: Rect2 = { s0: 0.95, s1: 2.65, t0: 0, t1: 2.8 };
  room.add(N, panel(back, 3.6, 3.5, [door], 0.35), whitewash, { bake: { grid: 0.3 } });
  room.add(N, box([-1.8, 0, D], [1.8, 0.45, D + 0.03], { skip: ['ny', 'nz'] }), C.stone);
  room.solidWall(frame([-1.8, 0, D - 0.02], [1, 0, 0]), 3.6, 3.5, 0.3, [door]);
  // granite door frame, threshold and a lintel
  room.add(N, box([-1.02, 0, D], [-0.85, 2.95, D + 0.07], { skip: ['ny', 'nz'] }), C.stoneLight);
  room.add(N, box([0.85, 0, D], [1.02, 2.95, D + 0.07], { skip: ['ny', 'nz'] }), C.stoneLight);
  room.add(N, box([-1.02, 2.8, D], [1.02, 2.98, D + 0.08], { skip: ['nz'] }), C.stoneLight);
  room.add(N, box([-0.85, 0, D - 0.3], [0.85, 0.1, D + 0.08], { skip: ['ny'] }), C.stone);
  // a plain black board with a gilt edge above the door
  room.add(N, box([-1.05, 3.04, D], [1.05, 3.42, D + 0.05], { skip: ['nz'] }), C.gold);
  room.add(N, box([-0.99, 3.08, D + 0.05], [0.99, 3.38, D + 0.06], { skip: ['nz'] }), C.lacquer);
  // two door leaves opened inward, and the dim front hall seen through them
  for (const s of [-1, 1]) {
    const hinge = s * 0.85;
    const ang = -s * 1.2;
    const leaf = box([s < 0 ? 0 : -0.85, 0.02, -0.07], [s < 0 ? 0.85 : 0, 2.76, 0]);
    leaf.rotateY(ang);
    leaf.translate(hinge, 0, D - 0.05);
    room.add(N, leaf, C.lacquer, { bake: { ao: 0.5 } });
  }
  const inside = new GeometryWriter();
  inside.quad([-1.8, 0.001, D - 0.3], [3.6, 0, 0], [0, 0, -3.2]);
  inside.quad([-1.8, 0, D - 3.5], [3.6, 0, 0], [0, 3.4, 0]);
  room.add(N, inside.build(), (p) => mix(C.inside, shade(C.earth, 0.5), Math.max(0, 1 - (p[1] + (D - p[2])) / 3)), { lit: false });
}

// ---------------------------------------------------------------- side wings

function wings(room: Room): void {
  const N = 'side-wings';
  const { x0, x1, z, eave, back } = WING;
  const w = x1 - x0;
  const mid = (x0 + x1) / 2;
  for (const s of [-1, 1]) {
    const a = s > 0 ? x0 : -x1;
    const f = frame([a, 0, z], [1, 0, 0]);
    const winS = s > 0 ? 2.9 : w - 2.9 - 0.8;
    const doorS = s > 0 ? 0.9 : w - 0.9 - 1.0;
    const win: Rect2 = { s0: winS, s1: winS + 0.8, t0: 1.5, t1: 2.4 };
    const door: Rect2 = { s0: doorS, s1: doorS + 1.0, t0: 0, t1: 2.3 };
    room.add(N, panel(f, w, eave, [win, door], 0.5), whitewash, { bake: { grid: 0.4 } });
    room.solidWall(frame([a, 0, z - 0.02], [1, 0, 0]), w, eave, 0.4, [win, door]);
    // the gable above, with a dark barge board along its edges
    const cx = s * mid;
    room.add(N, fan([[a, eave, z], [a + w, eave, z], [cx, WING.ridge - 0.05, z]], [0, 0, 1]), C.plaster);
    room.solid([a, eave, z - 0.4], [a + w, eave + 1.2, z]);
    for (const [p, q] of [
      [[a - 0.35, eave - 0.25], [cx, WING.ridge + 0.05]],
      [[cx, WING.ridge + 0.05], [a + w + 0.35, eave - 0.25]],
    ] as [[number, number], [number, number]][]) {
      const len = Math.hypot(q[0] - p[0], q[1] - p[1]);
      const g = box([-len / 2, -0.11, 0], [len / 2, 0.11, 0.08]);
      g.rotateZ(Math.atan2(q[1] - p[1], q[0] - p[0]));
      g.translate((p[0] + q[0]) / 2, (p[1] + q[1]) / 2, z + 0.55);
      room.add(N, g, C.tileDark, { bake: { ao: 0.3 } });
    }
    room.add(N, box([a, 0, z], [a + w, 0.45, z + 0.04], { skip: ['ny', 'nz'], cell: 0.6 }), C.stone);
    room.add(N, box([a, eave - 0.4, z], [a + w, eave, z + 0.015], { skip: ['nz'], cell: 0.6 }), C.band);
    // window bars and a plank door, both set back in the wall
    const wx0 = a + win.s0;
    const wx1 = a + win.s1;
    room.add(N, reveals(f, win, 0.3), C.plasterDim);
    room.add(N, reveals(f, door, 0.3, { bottom: false }), C.plasterDim);
    const dark = new GeometryWriter();
    dark.quad([wx0, win.t0, z - 0.3], [wx1 - wx0, 0, 0], [0, win.t1 - win.t0, 0]);
    room.add(N, dark.build(), C.glass, { lit: false });
    for (let i = 0; i <= 5; i++) {
      const x = wx0 + 0.04 + (i * (wx1 - wx0 - 0.08)) / 5;
      room.add(N, box([x - 0.02, win.t0, z - 0.16], [x + 0.02, win.t1, z - 0.1]), C.wood);
    }
    const dx0 = a + door.s0;
    for (let i = 0; i < 4; i++) {
      const b = box([dx0 + i * 0.25 + 0.004, 0.02, z - 0.3], [dx0 + (i + 1) * 0.25 - 0.004, door.t1, z - 0.24], { skip: ['nz'] });
      room.add(N, b, vary(C.wood, hash3(i, s, 3), 0.12));
    }
    room.add(N, box([dx0 - 0.05, 0, z - 0.02], [dx0 + 1.05, 0.12, z + 0.12], { skip: ['ny'] }), C.stone);
    // roof pitches running back from the gable, and the ridge
    const rise = WING.ridge - eave;
    const outer = s > 0 ? x1 + 0.4 : -x1 - 0.4;
    const inner = s > 0 ? x0 + 0.05 : -x0 - 0.05;
    roofPitch(room, 'roofs', [outer, eave - 0.15, z + 0.6], [0, 0, back - z - 0.6], [cx - outer, rise + 0.15, 0], { underside: true });
    roofPitch(room, 'roofs', [inner, eave, z + 0.6], [0, 0, back - z - 0.6], [cx - inner, rise, 0], { underside: true });
    ridge(room, 'roofs', [cx, WING.ridge, z + 0.6], [cx, WING.ridge, back], 0.3, 0.24);
    room.solid([a, 0, back], [a + w, eave, z - 0.4]);
  }
}

// ---------------------------------------------------------------- trees and hills

function planting(room: Room): void {
  const N = 'trees';
  tree(room, N, [-11.8, 0, 6.8], 10.5, 11);
  tree(room, N, [12.4, 0, 8.2], 11.5, 12);
  const r = rng(41);
  const behind: [number, number, number][] = [
    [-17, -3, 9],
    [18, -6, 10],
    [-9, -19, 12],
    [-1, -23, 13],
    [8, -20, 12],
    [15, -16, 11],
    [-19, -14, 10],
    [-26, 4, 9],
    [27, 2, 10],
    [-24, 22, 9],
    [25, 24, 10],
    [0, 36, 11],
    [-12, 34, 9],
    [13, 33, 10],
  ];
  for (const [x, z, h] of behind) tree(room, N, [x + r() * 1.5, 0, z + r() * 1.5], h + r() * 2, 100 + Math.round(x * 7 + z));
}

function hills(room: Room): void {
  const haze = srgb(0xc8d8e4);
  hillRing(room, 'hills', { centre: [0, 0, 0], radius: 75, height: 24, vary: 9, color: C.hill, haze, hazeAmount: 0.1, seed: 3, segments: 90, sun: SUN });
  hillRing(room, 'hills', { centre: [0, 0, 0], radius: 160, height: 48, vary: 14, color: C.hillFar, haze, hazeAmount: 0.3, seed: 8, segments: 72, sun: SUN });
  const far = new GeometryWriter();
  far.quad([-200, -0.4, 200], [400, 0, 0], [0, 0, -400], 100);
  room.add('hills', far.build(), mix(C.grass, haze, 0.3), { lit: false });
}

/** Builds the gutian-courtyard room: the ancestral hall's front, its open ground, trees and hills. */
export function gutianCourtyard(): Room {
  const room = new Room('gutian-courtyard', RIG);
  ground(room);
  frontWall(room);
  gateway(room);
  wings(room);
  planting(room);
  hills(room);
  return room;
}

export default gutianCourtyard;
