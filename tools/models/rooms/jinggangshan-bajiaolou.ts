/**
 * The Octagon Building (八角楼) at Maoping, Jinggangshan: the upstairs room of a two-storey
 * earth-brick (土砖) house where Mao Zedong lived and worked in 1927–1929. Its ceiling opens into an
 * octagonal skylight shaft (八角形天窗, a 斗八 well lined with boards, wide below and narrow above)
 * that gives the building its name. A plain desk with an oil lamp stands under the north window,
 * a wooden bed against the west wall, two chairs and a tea table beside it.
 *
 * Plan (metres, y up, this floor at 0): room x∈[-2.6, 2.6], z∈[-3.0, 3.0], ceiling 2.75;
 * earth walls 0.35 thick on the north, east and west, a board partition with the stair door on
 * the south. The skylight is centred at (0, -0.3). Outside, the ground lies 3.2 m below.
 * Walkable areas and the desk obstacle come from scenes/jinggangshan/scene.json.
 * An illustrative reconstruction, not a survey.
 */
import { CylinderGeometry, LatheGeometry, SphereGeometry, Vector2 } from 'three';
import type { BufferGeometry } from 'three';
import { box, boxAt, cross, GeometryWriter, hash3, masonry, mix, normalize, panel, place, plain, reveals, rng, shade, srgb, tube, type Rect2, type RGB, type Vec3, type WallFrame } from '../geometry';
import type { LightRig, Occluder } from '../lighting';
import { skyDome } from '../sky';
import { Room } from '../room';

const C = {
  earth: srgb(0xa3825a),
  earthDark: srgb(0x8c6e4a),
  earthRed: srgb(0x9c7248),
  mud: srgb(0x8a7050),
  floor: srgb(0x6e4c31),
  boards: srgb(0x604431),
  joist: srgb(0x45301f),
  shaft: srgb(0x7a5838),
  shaftBack: srgb(0x1c140e),
  desk: srgb(0x5a3522),
  chair: srgb(0x5b3826),
  bedWood: srgb(0x5a3a27),
  sheetBlue: srgb(0x3d5b85),
  sheetWhite: srgb(0xe2ddd0),
  blanket: srgb(0x5f6453),
  straw: srgb(0xb39a62),
  pillow: srgb(0xd6cfbd),
  net: srgb(0xe8e4da),
  iron: srgb(0x2b2725),
  clay: srgb(0x6b553f),
  oil: srgb(0x8a6a2a),
  flame: srgb(0xffc76a),
  paper: srgb(0xe6ddc4),
  cover: srgb(0xe8e2cf),
  label: srgb(0xa8382a),
  ink: srgb(0x262426),
  brush: srgb(0x9c7a48),
  lattice: srgb(0x4a3020),
  partition: srgb(0x6a4a30),
  stairDark: srgb(0x2a1e15),
  sky: srgb(0xdfe9f0),
  skyGlass: srgb(0xf2f5f2),
  grass: srgb(0x5f7b40),
  field: srgb(0x7c8a4a),
  path: srgb(0x8c7654),
  hill: srgb(0x4d6a47),
  haze: srgb(0x9fb3c4),
  tree: srgb(0x3f5b33),
  maple: srgb(0x9a4a2a),
  trunk: srgb(0x4a3b2c),
  roof: srgb(0x3b3b3c),
  houseWall: srgb(0xb68d57),
};

/** Daylight from above and the west, sky through the windows and skylight, and the oil lamp. */
const RIG: LightRig = {
  ambient: [0.4, 0.37, 0.33],
  sky: [0.95, 1.0, 1.1],
  ground: [0.25, 0.24, 0.2],
  suns: [{ dir: normalize([0.2, -1, 0.16]), color: [1.9, 1.72, 1.42], spread: 0.04 }],
  lamps: [
    // the oil-lamp flame
    { at: [0.545, 1.13, -2.72], color: [0.9, 0.58, 0.26], range: 0.55, shadow: true },
    // light bounced from the sunlit patch under the skylight and from the window walls
    { at: [0.55, 0.6, 0.15], color: [0.3, 0.27, 0.21], range: 2.2, shadow: false },
    { at: [1.9, 1.5, 1.5], color: [0.22, 0.22, 0.22], range: 1.6, shadow: false },
    { at: [0.9, 1.5, -2.3], color: [0.2, 0.19, 0.17], range: 1.3, shadow: false },
  ],
  aoRadius: 0.6,
  aoStrength: 0.9,
  skyDistance: 40,
};

const XW = 2.6;
const ZN = -3.0;
const ZS = 3.0;
const CEIL = 2.75;
const WALL = 0.35;
/** Ground outside, below this upstairs floor. */
const GROUND = -3.2;
const SKY = { x: 0, z: -0.3, r0: 0.9, r1: 0.32, top: 3.8 };
/** North window (over the desk) and east window, in world x / z and height. */
const NWIN = { x0: 0.3, x1: 1.5, y0: 0.95, y1: 1.95 };
const EWIN = { z0: 0.9, z1: 2.1, y0: 0.95, y1: 1.95 };
const DOOR = { x0: -2.1, x1: -1.2, y1: 2.0 };

/** Per-item colour variation that does not depend on build order. */
function vary(c: RGB, h: number, amount: number, hue = 0.02): RGB {
  const k = 1 + (h - 0.5) * 2 * amount;
  const t = (hash3(h, 1.7, 3.1) - 0.5) * hue;
  return [c[0] * k * (1 + t), c[1] * k, c[2] * k * (1 - t)];
}

/** Adds a flat quad p0 p1 p2 p3 (in order round its edge) facing `n`. */
function quad4(w: GeometryWriter, p: [Vec3, Vec3, Vec3, Vec3], n: Vec3): void {
  const e1: Vec3 = [p[1][0] - p[0][0], p[1][1] - p[0][1], p[1][2] - p[0][2]];
  const e2: Vec3 = [p[2][0] - p[0][0], p[2][1] - p[0][1], p[2][2] - p[0][2]];
  const f = cross(e1, e2);
  const ids = p.map((q) => w.vertex(q, n));
  if (f[0] * n[0] + f[1] * n[1] + f[2] * n[2] >= 0) {
    w.tri(ids[0]!, ids[1]!, ids[2]!);
    w.tri(ids[0]!, ids[2]!, ids[3]!);
  } else {
    w.tri(ids[0]!, ids[2]!, ids[1]!);
    w.tri(ids[0]!, ids[3]!, ids[2]!);
  }
}

const lerp3 = (a: Vec3, b: Vec3, t: number): Vec3 => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];

/** Corner k (0‥7) of the skylight octagon of circumradius r at height y; flat sides face ±x and ±z. */
function oct(r: number, k: number, y: number): Vec3 {
  const a = Math.PI / 8 + (k * Math.PI) / 4;
  return [SKY.x + r * Math.cos(a), y, SKY.z + r * Math.sin(a)];
}

// ---------------------------------------------------------------- walls, floor, ceiling

function earthWall(room: Room, f: WallFrame, width: number, holes: Rect2[], seed: number): void {
  room.add('walls', panel(f, width, CEIL, holes, 0.5), C.mud, { bake: { grid: 0.25 } });
  room.add(
    'walls',
    masonry(f, {
      width,
      height: CEIL,
      holes,
      course: 0.15,
      brick: 0.42,
      joint: 0.03,
      relief: 0.01,
      color: (row, col, _s, t) => {
        const h = hash3(row, col, seed);
        const c = h < 0.15 ? C.earthDark : h > 0.88 ? C.earthRed : C.earth;
        // damp and soot: darker near the floor and under the ceiling
        const k = 1 - 0.12 * Math.max(0, 1 - t / 0.5) - 0.1 * Math.max(0, (t - 2.2) / 0.55);
        return shade(vary(c, hash3(col, row, seed + 1), 0.08, 0.04), k);
      },
    }),
    [1, 1, 1],
    { bake: { grid: 0.25 } },
  );
}

function shell(room: Room): void {
  const north: WallFrame = { origin: [-XW, 0, ZN], u: [1, 0, 0], v: [0, 1, 0] };
  const east: WallFrame = { origin: [XW, 0, ZN], u: [0, 0, 1], v: [0, 1, 0] };
  const west: WallFrame = { origin: [-XW, 0, ZS], u: [0, 0, -1], v: [0, 1, 0] };
  const nHole: Rect2 = { s0: NWIN.x0 + XW, s1: NWIN.x1 + XW, t0: NWIN.y0, t1: NWIN.y1 };
  const eHole: Rect2 = { s0: EWIN.z0 - ZN, s1: EWIN.z1 - ZN, t0: EWIN.y0, t1: EWIN.y1 };
  earthWall(room, north, 2 * XW, [nHole], 3.1);
  earthWall(room, east, ZS - ZN, [eHole], 5.7);
  earthWall(room, west, ZS - ZN, [], 8.3);
  room.add('north-window', reveals(north, nHole, WALL), C.earthDark);
  room.add('east-window', reveals(east, eHole, WALL), C.earthDark);
  room.solidWall(north, 2 * XW, CEIL + 1.2, WALL, [nHole]);
  room.solidWall(east, ZS - ZN, CEIL + 1.2, WALL, [eHole]);
  room.solidWall(west, ZS - ZN, CEIL + 1.2, WALL);
  // wall corners the wall boxes leave open
  room.solid([-XW - WALL, 0, ZN - WALL], [-XW, CEIL + 1.2, ZN]);
  room.solid([XW, 0, ZN - WALL], [XW + WALL, CEIL + 1.2, ZN]);

  // floor boards along z
  const r = rng(17);
  const fw = new GeometryWriter();
  const bw = 0.22;
  for (let x = -XW, i = 0; x < XW - 1e-6; x += bw, i++) {
    const x1 = Math.min(x + bw, XW);
    let z = ZN - r() * 1.5;
    while (z < ZS - 1e-6) {
      const len = 1.6 + r() * 1.6;
      const a = Math.max(z, ZN);
      const b = Math.min(z + len, ZS);
      if (b - a > 0.02) {
        fw.withTint(vary([1, 1, 1], r(), 0.16, 0.05));
        fw.quad([x + 0.003, 0, b - 0.003], [x1 - x - 0.006, 0, 0], [0, 0, -(b - a - 0.006)], 0.3);
      }
      z += len;
    }
  }
  room.add('floor', fw.build(), C.floor, { bake: { grid: 0.15 } });
  const gap = new GeometryWriter();
  gap.quad([-XW, -0.004, ZS], [2 * XW, 0, 0], [0, 0, ZN - ZS], 0.6);
  room.add('floor', gap.build(), shade(C.floor, 0.3), { lit: false });
  room.solid([-XW - WALL, -0.3, ZN - WALL], [XW + WALL, 0, ZS + 1.6]);
}

/** The board ceiling with the octagonal opening of the skylight, and joists below it. */
function ceiling(room: Room): void {
  const a0 = SKY.r0 * Math.cos(Math.PI / 8);
  const halfWidth = (d: number) => (Math.abs(d) >= a0 ? -1 : Math.min(a0, a0 * Math.SQRT2 - Math.abs(d)));
  const w = new GeometryWriter();
  const r = rng(29);
  let z = ZN;
  while (z < ZS - 1e-6) {
    const near = Math.abs(z - SKY.z) < a0 + 0.2;
    const z1 = Math.min(ZS, z + (near ? 0.1 : 0.24));
    const hw = Math.max(halfWidth(z - SKY.z), halfWidth(z1 - SKY.z));
    const hx = hw < 0 ? -1 : hw;
    const spans: [number, number][] = hx < 0 ? [[-XW, XW]] : [[-XW, SKY.x - hx], [SKY.x + hx, XW]];
    const tint = vary([1, 1, 1], r(), 0.12, 0.04);
    for (const [x0, x1] of spans) {
      w.withTint(tint);
      w.quad([x0, CEIL, z], [x1 - x0, 0, 0], [0, 0, z1 - z], 0.4);
    }
    z = z1;
  }
  room.add('ceiling', w.build(), C.boards, { bake: { grid: 0.2 } });
  // joists along z, clear of the skylight, and a beam along x over the partition
  for (const x of [-2.2, -1.4, 1.4, 2.2]) room.add('ceiling', box([x - 0.07, CEIL - 0.16, ZN], [x + 0.07, CEIL, ZS], { skip: ['py'], cell: 0.6 }), C.joist);
  room.add('ceiling', box([-XW, CEIL - 0.22, ZS - 0.16], [XW, CEIL, ZS], { skip: ['py', 'pz'], cell: 0.6 }), C.joist);
  // occluders: the ceiling slab round the opening, the shaft as stepped square rings, the roof above
  const ring = (y0: number, y1: number, h: number) => {
    room.solid([-XW, y0, ZN], [XW, y1, SKY.z - h]);
    room.solid([-XW, y0, SKY.z + h], [XW, y1, ZS]);
    room.solid([-XW, y0, SKY.z - h], [SKY.x - h, y1, SKY.z + h]);
    room.solid([SKY.x + h, y0, SKY.z - h], [XW, y1, SKY.z + h]);
  };
  const a1 = SKY.r1 * Math.cos(Math.PI / 8);
  ring(CEIL, CEIL + 0.05, a0);
  const steps = 4;
  for (let i = 0; i < steps; i++) {
    const y0 = CEIL + 0.05 + ((SKY.top - CEIL - 0.05) * i) / steps;
    const y1 = CEIL + 0.05 + ((SKY.top - CEIL - 0.05) * (i + 1)) / steps;
    const t = (i + 1) / steps;
    ring(y0, y1, a0 + (a1 - a0) * t);
  }
  ring(SKY.top, SKY.top + 0.15, a1);
}

/** The skylight shaft: eight board-lined faces, alternately laid across and up, a glazed top and a trim ring. */
function skylight(room: Room): void {
  const N = 'octagonal-skylight';
  const planks = new GeometryWriter();
  const back = new GeometryWriter();
  const r = rng(41);
  const axis: Vec3 = [SKY.x, 0, SKY.z];
  for (let k = 0; k < 8; k++) {
    const b0 = oct(SKY.r0, k, CEIL);
    const b1 = oct(SKY.r0, k + 1, CEIL);
    const t0 = oct(SKY.r1, k, SKY.top);
    const t1 = oct(SKY.r1, k + 1, SKY.top);
    let n = normalize(cross([b1[0] - b0[0], b1[1] - b0[1], b1[2] - b0[2]], [t0[0] - b0[0], t0[1] - b0[1], t0[2] - b0[2]]));
    const mid = lerp3(b0, b1, 0.5);
    if (n[0] * (axis[0] - mid[0]) + n[2] * (axis[2] - mid[2]) < 0) n = [-n[0], -n[1], -n[2]];
    const out = (p: Vec3, d: number): Vec3 => [p[0] - n[0] * d, p[1] - n[1] * d, p[2] - n[2] * d];
    quad4(back, [out(b0, 0.012), out(b1, 0.012), out(t1, 0.012), out(t0, 0.012)], n);
    const at = (s: number, t: number) => lerp3(lerp3(b0, b1, s), lerp3(t0, t1, s), t);
    const across = k % 2 === 0;
    const count = across ? 7 : 5;
    for (let i = 0; i < count; i++) {
      const g = 0.012;
      const a = i / count;
      const b = (i + 1) / count;
      planks.withTint(vary([1, 1, 1], r(), 0.18, 0.05));
      if (across) quad4(planks, [at(0, a + g), at(1, a + g), at(1, b - g), at(0, b - g)], n);
      else quad4(planks, [at(a + g, 0), at(b - g, 0), at(b - g, 1), at(a + g, 1)], n);
    }
  }
  room.add(N, back.build(), C.shaftBack, { lit: false });
  room.add(N, planks.build(), C.shaft, { bake: { ao: 0.4, glow: 0.12 } });
  // the glazed top, bright with sky
  const top = new GeometryWriter();
  const centre = top.vertex([SKY.x, SKY.top, SKY.z], [0, -1, 0]);
  const rim = Array.from({ length: 8 }, (_, k) => top.vertex(oct(SKY.r1, k, SKY.top), [0, -1, 0]));
  for (let k = 0; k < 8; k++) top.tri(centre, rim[k]!, rim[(k + 1) % 8]!);
  room.add(N, top.build(), C.skyGlass, { material: 'glow', lit: false });
  // glazing bars across the top
  room.add(N, box([SKY.x - 0.012, SKY.top - 0.03, SKY.z - SKY.r1], [SKY.x + 0.012, SKY.top - 0.005, SKY.z + SKY.r1]), C.lattice);
  room.add(N, box([SKY.x - SKY.r1, SKY.top - 0.03, SKY.z - 0.012], [SKY.x + SKY.r1, SKY.top - 0.005, SKY.z + 0.012]), C.lattice);
  // an octagonal trim ring where the shaft meets the ceiling
  const trim = new GeometryWriter();
  for (let k = 0; k < 8; k++) {
    const i0 = oct(SKY.r0 - 0.02, k, CEIL - 0.04);
    const i1 = oct(SKY.r0 - 0.02, k + 1, CEIL - 0.04);
    const o0 = oct(SKY.r0 + 0.14, k, CEIL - 0.04);
    const o1 = oct(SKY.r0 + 0.14, k + 1, CEIL - 0.04);
    quad4(trim, [i0, i1, o1, o0], [0, -1, 0]);
    const u0 = oct(SKY.r0 - 0.02, k, CEIL);
    const u1 = oct(SKY.r0 - 0.02, k + 1, CEIL);
    const m = lerp3(i0, i1, 0.5);
    const nIn = normalize([SKY.x - m[0], 0, SKY.z - m[2]]);
    quad4(trim, [i0, i1, u1, u0], nIn);
    const e0 = oct(SKY.r0 + 0.14, k, CEIL);
    const e1 = oct(SKY.r0 + 0.14, k + 1, CEIL);
    quad4(trim, [o0, o1, e1, e0], [-nIn[0], 0, -nIn[2]]);
  }
  room.add(N, trim.build(), C.joist);
}

// ---------------------------------------------------------------- windows and the partition

/** A plain lattice window (直棂窗): frame and upright bars, set in the middle of the wall. */
function latticeWindow(room: Room, node: string, along: 'x' | 'z', a0: number, a1: number, y0: number, y1: number, plane: number, inward: number): void {
  const bars: BufferGeometry[] = [];
  const d0 = Math.min(plane, plane + inward * 0.07);
  const d1 = Math.max(plane, plane + inward * 0.07);
  const make = (s0: number, s1: number, ya: number, yb: number, thin = 0) => {
    const e0 = thin ? Math.min(plane + inward * 0.02, plane + inward * 0.05) : d0;
    const e1 = thin ? Math.max(plane + inward * 0.02, plane + inward * 0.05) : d1;
    bars.push(along === 'x' ? box([s0, ya, e0], [s1, yb, e1]) : box([e0, ya, s0], [e1, yb, s1]));
  };
  const fr = 0.07;
  make(a0, a1, y0, y0 + fr);
  make(a0, a1, y1 - fr, y1);
  make(a0, a0 + fr, y0, y1);
  make(a1 - fr, a1, y0, y1);
  const n = 7;
  for (let i = 1; i < n; i++) {
    const s = a0 + fr + ((a1 - a0 - 2 * fr) * i) / n;
    make(s - 0.018, s + 0.018, y0 + fr, y1 - fr, 1);
  }
  make(a0 + fr, a1 - fr, (y0 + y1) / 2 - 0.02, (y0 + y1) / 2 + 0.02, 1);
  for (const b of bars) room.add(node, b, C.lattice);
  // a board sill from the lattice to just proud of the room-side face
  const lo = Math.min(plane, plane + inward * (WALL / 2 + 0.06));
  const hi = Math.max(plane, plane + inward * (WALL / 2 + 0.06));
  if (along === 'x') room.add(node, box([a0 - 0.06, y0 - 0.05, lo], [a1 + 0.06, y0, hi]), C.lattice);
  else room.add(node, box([lo, y0 - 0.05, a0 - 0.06], [hi, y0, a1 + 0.06]), C.lattice);
}

function windows(room: Room): void {
  // lattices in the middle of the walls; the room-side face of the wall is at ZN / XW
  latticeWindow(room, 'north-window', 'x', NWIN.x0, NWIN.x1, NWIN.y0, NWIN.y1, ZN - WALL / 2, 1);
  latticeWindow(room, 'east-window', 'z', EWIN.z0, EWIN.z1, EWIN.y0, EWIN.y1, XW + WALL / 2, -1);
}

function partition(room: Room): void {
  const N = 'stair-door';
  const f: WallFrame = { origin: [XW, 0, ZS], u: [-1, 0, 0], v: [0, 1, 0] };
  const door: Rect2 = { s0: XW - DOOR.x1, s1: XW - DOOR.x0, t0: 0, t1: DOOR.y1 };
  // vertical boards of the partition
  const w = new GeometryWriter();
  const r = rng(53);
  for (let x = -XW; x < XW - 1e-6; x += 0.24) {
    const x1 = Math.min(XW, x + 0.24);
    const overDoor = x1 > DOOR.x0 + 1e-6 && x < DOOR.x1 - 1e-6;
    w.withTint(vary([1, 1, 1], r(), 0.15, 0.05));
    const y0 = overDoor ? DOOR.y1 : 0;
    w.quad([x1 - 0.004, y0, ZS], [-(x1 - x - 0.008), 0, 0], [0, CEIL - y0, 0], 0.45);
  }
  room.add(N, w.build(), C.partition, { bake: { grid: 0.2 } });
  room.add(N, panel({ origin: [XW, 0, ZS + 0.005], u: [-1, 0, 0], v: [0, 1, 0] }, 2 * XW, CEIL, [door], 0.6, 0), shade(C.partition, 0.25), { lit: false });
  // posts, a rail and the door frame
  for (const x of [-XW + 0.06, -0.6, 1.0, XW - 0.06]) room.add(N, box([x - 0.06, 0, ZS - 0.05], [x + 0.06, CEIL, ZS]), C.joist);
  room.add(N, box([-XW, 1.0, ZS - 0.035], [DOOR.x0 - 0.06, 1.07, ZS]), C.joist);
  room.add(N, box([DOOR.x1 + 0.06, 1.0, ZS - 0.035], [XW, 1.07, ZS]), C.joist);
  room.add(N, box([DOOR.x0 - 0.07, 0, ZS - 0.04], [DOOR.x0, DOOR.y1 + 0.08, ZS + 0.06]), C.joist);
  room.add(N, box([DOOR.x1, 0, ZS - 0.04], [DOOR.x1 + 0.07, DOOR.y1 + 0.08, ZS + 0.06]), C.joist);
  room.add(N, box([DOOR.x0 - 0.07, DOOR.y1, ZS - 0.04], [DOOR.x1 + 0.07, DOOR.y1 + 0.08, ZS + 0.06]), C.joist);
  room.add(N, box([DOOR.x0, 0, ZS - 0.02], [DOOR.x1, 0.03, ZS + 0.06]), C.joist);
  // the door leaf, swung out onto the landing
  const leaf = boxAt([0, DOOR.y1 / 2, 0], [DOOR.x1 - DOOR.x0 - 0.02, DOOR.y1 - 0.02, 0.04]);
  const lw = DOOR.x1 - DOOR.x0;
  leaf.translate(-lw / 2, 0, 0);
  leaf.rotateY(Math.PI * 0.58);
  leaf.translate(DOOR.x1, 0, ZS + 0.08);
  room.add(N, plain(leaf), shade(C.partition, 0.85));
  // the landing and the stair going down
  const lz0 = ZS + 0.06;
  const lz1 = ZS + 1.7;
  const land = new GeometryWriter();
  land.quad([-XW, 0, lz1], [1.9, 0, 0], [0, 0, -(lz1 - lz0)], 0.4);
  room.add(N, land.build(), shade(C.floor, 0.8));
  const walls = new GeometryWriter();
  walls.quad([-XW, 0, lz1], [0, 0, lz0 - lz1], [0, CEIL, 0], 0.4);
  walls.quad([0.3, 0, lz1], [-(XW + 0.3), 0, 0], [0, CEIL, 0], 0.5);
  walls.quad([-XW, CEIL, lz0], [XW + 0.3, 0, 0], [0, 0, lz1 - lz0], 0.5);
  room.add(N, walls.build(), C.earthDark);
  for (let s = 0; s < 7; s++) {
    const x0 = -0.7 + s * 0.24;
    room.add(N, box([x0, -0.19 * (s + 1), lz0 + 0.2], [x0 + 0.26, -0.19 * s, lz1]), vary(C.stairDark, s / 7, 0.15));
  }
  room.add(N, tube([[-0.72, 0.95, lz0 + 0.15], [1.0, 0.95 - 1.2, lz0 + 0.15]], 0.025, 6), C.joist);
  room.add(N, tube([[-0.72, 0, lz0 + 0.15], [-0.72, 0.95, lz0 + 0.15]], 0.03, 6), C.joist);
  room.solid([-XW, -1.6, lz0 + 0.2], [XW, -0.01, lz1]);
  room.solid([-XW - 0.2, 0, lz1], [XW, CEIL, lz1 + 0.2]);
  room.solid([-XW - 0.2, 0, lz0], [-XW, CEIL, lz1]);
  room.solid([-XW, 0, ZS + 0.005], [DOOR.x0, CEIL, ZS + 0.05]);
  room.solid([DOOR.x1, 0, ZS + 0.005], [XW, CEIL, ZS + 0.05]);
  room.solid([DOOR.x0, DOOR.y1, ZS + 0.005], [DOOR.x1, CEIL, ZS + 0.05]);
}

// ---------------------------------------------------------------- the desk, the lamp, the bed

function lathe(points: [number, number][], segments = 14): BufferGeometry {
  return plain(new LatheGeometry(points.map(([x, y]) => new Vector2(x, y)), segments));
}

const DESK = { x0: 0.3, x1: 1.5, z0: -2.98, z1: -2.4, top: 0.8 };

function desk(room: Room): void {
  const N = 'writing-desk';
  const { x0, x1, z0, z1, top } = DESK;
  room.add(N, box([x0, top - 0.04, z0], [x1, top, z1], { cell: 0.2 }), C.desk);
  // apron with three drawers
  room.add(N, box([x0 + 0.03, top - 0.2, z0 + 0.03], [x1 - 0.03, top - 0.04, z1 - 0.01], { skip: ['py'] }), shade(C.desk, 0.92));
  const dw = (x1 - x0 - 0.08) / 3;
  for (let i = 0; i < 3; i++) {
    const a = x0 + 0.04 + i * dw;
    room.add(N, box([a + 0.015, top - 0.185, z1 - 0.01], [a + dw - 0.015, top - 0.055, z1 + 0.005], { skip: ['nz'] }), vary(C.desk, i / 3, 0.08));
    room.add(N, place(new CylinderGeometry(0.014, 0.014, 0.02, 8), { at: [a + dw / 2, top - 0.12, z1 + 0.014], rot: [Math.PI / 2, 0, 0] }), C.iron);
  }
  for (const [lx, lz] of [
    [x0 + 0.02, z0 + 0.02],
    [x1 - 0.07, z0 + 0.02],
    [x0 + 0.02, z1 - 0.07],
    [x1 - 0.07, z1 - 0.07],
  ] as const)
    room.add(N, box([lx, 0, lz], [lx + 0.05, top - 0.04, lz + 0.05], { skip: ['ny'] }), C.desk);
  room.add(N, box([x0 + 0.04, 0.1, z0 + 0.03], [x1 - 0.04, 0.14, z0 + 0.06]), shade(C.desk, 0.9));
  for (const x of [x0 + 0.04, x1 - 0.07]) room.add(N, box([x, 0.1, z0 + 0.06], [x + 0.03, 0.14, z1 - 0.07]), shade(C.desk, 0.9));
  room.solid([x0, top - 0.2, z0], [x1, top, z1]);
  // on the desk: two bound books, sheets of paper, an inkstone and a brush
  const y = top;
  room.add(N, box([0.78, y, -2.85], [1.0, y + 0.025, -2.55]), C.cover);
  room.add(N, boxAt([0.9, y + 0.037, -2.7], [0.21, 0.024, 0.29], [0, 0.12, 0]), mix(C.cover, C.paper, 0.5));
  room.add(N, boxAt([0.918, y + 0.05, -2.74], [0.035, 0.002, 0.14], [0, 0.12, 0]), C.label);
  room.add(N, boxAt([0.98, y + 0.002, -2.52], [0.3, 0.004, 0.22], [0, -0.2, 0]), C.paper);
  room.add(N, boxAt([0.84, y + 0.004, -2.5], [0.26, 0.004, 0.2], [0, 0.15, 0]), shade(C.paper, 0.96));
  // columns of writing on the top sheet (turned with it)
  const th = -0.2;
  const rr = rng(61);
  for (let col = 0; col < 8; col++) {
    const u = 0.1 - col * 0.028;
    const len = 0.08 + rr() * 0.08;
    const v = -0.08 + len / 2;
    const c: Vec3 = [0.98 + u * Math.cos(th) + v * Math.sin(th), y + 0.0045, -2.52 - u * Math.sin(th) + v * Math.cos(th)];
    room.add(N, boxAt(c, [0.007, 0.0008, len], [0, th, 0], { skip: ['ny'] }), C.ink);
  }
  room.add(N, box([1.16, y, -2.86], [1.32, y + 0.028, -2.64], { skip: ['ny'] }), C.ink);
  room.add(N, box([1.18, y + 0.028, -2.84], [1.3, y + 0.03, -2.76]), shade(C.ink, 0.6));
  room.add(N, tube([[1.12, y + 0.012, -2.56], [1.36, y + 0.02, -2.62]], 0.006, 5), C.brush);
  room.add(N, tube([[1.36, y + 0.02, -2.62], [1.39, y + 0.02, -2.63]], 0.008, 5), C.ink);
  // a bamboo brush pot
  room.add(N, place(new CylinderGeometry(0.04, 0.04, 0.13, 10, 1, true), { at: [1.4, y + 0.065, -2.88] }), C.brush);
  for (const [dx, dz] of [
    [-0.01, 0.01],
    [0.012, -0.005],
  ])
    room.add(N, tube([[1.4 + dx!, y + 0.05, -2.88 + dz!], [1.4 + dx! * 3, y + 0.24, -2.88 + dz! * 3]], 0.005, 4), C.brush);
}

function oilLamp(room: Room): void {
  const N = 'oil-lamp';
  const x = 0.5;
  const z = -2.72;
  const y = DESK.top;
  room.add(N, lathe([
    [0, 0],
    [0.075, 0],
    [0.075, 0.015],
    [0.05, 0.03],
    [0.015, 0.035],
    [0, 0.035],
  ], 16).translate(x, y, z), C.desk);
  room.add(N, place(new CylinderGeometry(0.011, 0.014, 0.27, 8), { at: [x, y + 0.165, z] }), C.desk);
  // the iron holder and the clay dish of oil
  room.add(N, place(new CylinderGeometry(0.03, 0.02, 0.02, 10), { at: [x, y + 0.305, z] }), C.iron);
  room.add(N, lathe([
    [0, 0],
    [0.03, 0],
    [0.055, 0.018],
    [0.062, 0.032],
    [0.056, 0.032],
    [0.048, 0.02],
    [0, 0.02],
  ], 16).translate(x, y + 0.315, z), C.clay);
  room.add(N, place(new CylinderGeometry(0.05, 0.05, 0.003, 14), { at: [x, y + 0.337, z] }), C.oil);
  // one wick lying in the oil, its tip over the rim, and its small flame
  room.add(N, tube([[x - 0.01, y + 0.339, z], [x + 0.045, y + 0.341, z], [x + 0.052, y + 0.35, z]], 0.0035, 4), C.straw);
  room.add(N, place(new SphereGeometry(1, 10, 8), { at: [x + 0.053, y + 0.373, z], scale: [0.009, 0.024, 0.009] }), C.flame, { material: 'glow', lit: false });
  room.add(N, place(new SphereGeometry(1, 10, 8), { at: [x + 0.053, y + 0.366, z], scale: [0.005, 0.012, 0.005] }), srgb(0xfff4d8), { material: 'glow', lit: false });
}

const BED = { x0: -2.58, x1: -1.24, z0: -2.95, z1: -0.95, deck: 0.45, top: 1.95 };

function bed(room: Room): void {
  const N = 'bed';
  const { x0, x1, z0, z1, deck, top } = BED;
  const p = 0.035;
  for (const [x, z] of [
    [x0, z0],
    [x1 - p * 2, z0],
    [x0, z1 - p * 2],
    [x1 - p * 2, z1 - p * 2],
  ] as const)
    room.add(N, box([x, 0, z], [x + p * 2, top, z + p * 2], { skip: ['ny'] }), C.bedWood);
  // canopy rails for the mosquito net, and the net rolled up along the front
  for (const [a, b] of [
    [[x0, top - 0.05, z0], [x1, top, z0 + 0.05]],
    [[x0, top - 0.05, z1 - 0.05], [x1, top, z1]],
    [[x0, top - 0.05, z0], [x0 + 0.05, top, z1]],
    [[x1 - 0.05, top - 0.05, z0], [x1, top, z1]],
  ] as [Vec3, Vec3][])
    room.add(N, box(a, b), C.bedWood);
  room.add(N, tube([[x1 - 0.02, top - 0.1, z0 + 0.08], [x1 - 0.02, top - 0.13, (z0 + z1) / 2], [x1 - 0.02, top - 0.1, z1 - 0.08]], 0.05, 8), C.net);
  room.add(N, tube([[x0 + 0.08, top - 0.1, z1 - 0.02], [(x0 + x1) / 2, top - 0.13, z1 - 0.02], [x1 - 0.08, top - 0.1, z1 - 0.02]], 0.045, 8), C.net);
  // rails, boards and a low board at the foot
  room.add(N, box([x0, deck - 0.12, z0], [x1, deck - 0.02, z1], { skip: ['py'] }), shade(C.bedWood, 0.9));
  room.add(N, box([x0, deck - 0.02, z0], [x1, deck, z1], { cell: 0.4 }), C.bedWood);
  room.add(N, box([x0, deck, z1 - 0.05], [x1, deck + 0.25, z1 - 0.02]), C.bedWood);
  room.add(N, box([x0, deck, z0 + 0.02], [x1, deck + 0.32, z0 + 0.05]), C.bedWood);
  room.solid([x0, deck - 0.12, z0], [x1, deck, z1]);
  // straw mattress, a blue-and-white cloth, a folded blanket and a pillow
  room.add(N, box([x0 + 0.05, deck, z0 + 0.06], [x1 - 0.05, deck + 0.06, z1 - 0.06], { skip: ['ny'] }), C.straw);
  // indigo cloth with a small pale print
  const floral = (q: Vec3): RGB => mix(C.sheetBlue, C.sheetWhite, hash3(Math.round(q[0] / 0.06), 0, Math.round(q[2] / 0.06)) > 0.82 ? 0.55 : 0.08);
  room.add(N, box([x0 + 0.04, deck + 0.06, z0 + 0.05], [x1 - 0.04, deck + 0.075, z1 - 0.05], { skip: ['ny'], cell: 0.06 }), floral);
  room.add(N, boxAt([(x0 + x1) / 2 + 0.05, deck + 0.13, z1 - 0.42], [0.78, 0.11, 0.5], [0, 0.04, 0]), C.blanket);
  room.add(N, boxAt([(x0 + x1) / 2 + 0.05, deck + 0.2, z1 - 0.42], [0.74, 0.035, 0.46], [0, 0.04, 0]), shade(C.blanket, 1.08));
  room.add(N, boxAt([(x0 + x1) / 2, deck + 0.12, z0 + 0.3], [0.55, 0.09, 0.3]), C.pillow);
}

/** A plain straight-backed chair (local: seat centred, facing −z, back on +z). */
function chairs(room: Room): void {
  const N = 'chairs';
  const seat = 0.46;
  const hw = 0.22;
  const hd = 0.2;
  const parts: BufferGeometry[] = [];
  parts.push(box([-hw, seat - 0.035, -hd], [hw, seat, hd]));
  for (const [x, z] of [
    [-hw, -hd],
    [hw - 0.04, -hd],
  ])
    parts.push(box([x!, 0, z!], [x! + 0.04, seat - 0.035, z! + 0.04], { skip: ['ny', 'py'] }));
  for (const x of [-hw, hw - 0.04]) parts.push(box([x, 0, hd - 0.04], [x + 0.04, 0.98, hd], { skip: ['ny'] }));
  parts.push(box([-hw + 0.04, 0.86, hd - 0.035], [hw - 0.04, 0.95, hd - 0.005]));
  parts.push(box([-0.07, seat + 0.02, hd - 0.03], [0.07, 0.86, hd - 0.01]));
  parts.push(box([-hw + 0.04, 0.14, -hd + 0.01], [hw - 0.04, 0.17, -hd + 0.03]));
  parts.push(box([-hw + 0.04, 0.14, hd - 0.03], [hw - 0.04, 0.17, hd - 0.01]));
  for (const g of parts) room.add(N, g, C.chair);
  const floor: Occluder = { min: [-2, -0.3, -2], max: [2, 0, 2] };
  const seatBox: Occluder = { min: [-hw, seat - 0.035, -hd], max: [hw, seat, hd] };
  room.instance(
    N,
    [
      { at: [0.9, 0, -2.15], yaw: 0 },
      { at: [-2.32, 0, 0.7], yaw: -Math.PI / 2 },
      { at: [-2.32, 0, 1.9], yaw: -Math.PI / 2 },
    ],
    { ...RIG, sky: [0.3, 0.31, 0.33], suns: [], lamps: [] },
    [floor, seatBox],
  );
  room.solid([0.9 - hw, seat - 0.035, -2.15 - hd], [0.9 + hw, seat, -2.15 + hd]);
}

function furniture(room: Room): void {
  const N = 'furniture';
  // a small tea table between the two chairs, with a pot and two bowls
  const cx = -2.32;
  const cz = 1.3;
  const h = 0.64;
  room.add(N, box([cx - 0.22, h - 0.03, cz - 0.22], [cx + 0.22, h, cz + 0.22]), C.chair);
  room.add(N, box([cx - 0.2, h - 0.12, cz - 0.2], [cx + 0.2, h - 0.03, cz + 0.2], { skip: ['py'] }), shade(C.chair, 0.9));
  for (const [dx, dz] of [
    [-0.2, -0.2],
    [0.16, -0.2],
    [-0.2, 0.16],
    [0.16, 0.16],
  ])
    room.add(N, box([cx + dx!, 0, cz + dz!], [cx + dx! + 0.04, h - 0.03, cz + dz! + 0.04], { skip: ['ny'] }), C.chair);
  room.solid([cx - 0.22, h - 0.12, cz - 0.22], [cx + 0.22, h, cz + 0.22]);
  room.add(N, lathe([
    [0, 0],
    [0.05, 0],
    [0.07, 0.04],
    [0.065, 0.09],
    [0.035, 0.11],
    [0, 0.12],
  ]).translate(cx - 0.05, h, cz - 0.06), C.clay);
  for (const [dx, dz] of [
    [0.08, 0.07],
    [-0.06, 0.1],
  ])
    room.add(N, lathe([
      [0, 0],
      [0.025, 0],
      [0.04, 0.035],
      [0.036, 0.035],
      [0.021, 0.006],
      [0, 0.006],
    ]).translate(cx + dx!, h, cz + dz!), shade(C.clay, 1.3));
  // a bamboo hat (斗笠) hanging on the east wall beside the window
  room.add(N, place(new CylinderGeometry(0.012, 0.24, 0.1, 16, 1, true), { at: [XW - 0.05, 1.78, 0.35], rot: [0, 0, -Math.PI / 2] }), C.straw);
  room.add(N, place(new CylinderGeometry(0.012, 0.012, 0.06, 6), { at: [XW - 0.03, 1.95, 0.35], rot: [0, 0, Math.PI / 2] }), C.joist);
}

// ---------------------------------------------------------------- outside

/** Smooth periodic noise round the horizon (fixed phases). */
function ridge(theta: number, seed: number): number {
  const r = rng(seed);
  let v = 0;
  for (let k = 1; k <= 6; k++) v += Math.sin(theta * (k * 2 + 1) + r() * 6.283) / k;
  return v;
}

/** A broadleaf tree as low-poly blobs on a trunk. */
function tree(room: Room, base: Vec3, height: number, seed: number, leaf: RGB): void {
  const r = rng(seed);
  room.add('outside', tube([base, [base[0], base[1] + height * 0.55, base[2]]], 0.04 * height, 5), C.trunk, { bake: { unshadowed: true } });
  for (let i = 0; i < 4; i++) {
    const a = r() * Math.PI * 2;
    const d = i === 0 ? 0 : height * 0.2;
    const s = height * (0.24 + r() * 0.08);
    room.add('outside', place(new SphereGeometry(1, 7, 5), { at: [base[0] + Math.cos(a) * d, base[1] + height * (0.6 + r() * 0.15), base[2] + Math.sin(a) * d], scale: [s * 1.1, s * 0.85, s * 1.1] }), vary(leaf, r(), 0.15), { bake: { unshadowed: true, ao: 0 } });
  }
}

function outside(room: Room): void {
  const N = 'outside';
  // the ground round the house, fields and a path, fading into the valley
  const g = new GeometryWriter();
  const r = rng(71);
  for (let i = -6; i < 6; i++) {
    for (let j = -6; j < 6; j++) {
      const x = i * 12;
      const z = j * 12;
      const h = r();
      g.withTint(h < 0.3 ? vary([1.1, 1.05, 0.85], r(), 0.1) : vary([1, 1, 1], r(), 0.12));
      g.quad([x, GROUND, z + 12], [12, 0, 0], [0, 0, -12], 6);
    }
  }
  room.add(N, g.build(), C.grass, { bake: { unshadowed: true } });
  // a neighbouring earth house with a grey tiled roof, off to the north-east
  const hx = 13;
  const hz = -17;
  room.add(N, box([hx, GROUND, hz - 4], [hx + 6, GROUND + 5.2, hz + 4], { skip: ['ny'], cell: 1 }), C.houseWall, { bake: { unshadowed: true } });
  const roofA = new GeometryWriter();
  roofA.quad([hx - 0.6, GROUND + 5.2, hz + 4.4], [3.6, 1.8, 0], [0, 0, -8.8], 1.2);
  roofA.quad([hx + 6.6, GROUND + 5.2, hz - 4.4], [-3.6, 1.8, 0], [0, 0, 8.8], 1.2);
  room.add(N, roofA.build(), C.roof, { bake: { unshadowed: true } });
  for (const z of [hz - 4.4, hz + 4.4]) {
    const gable = new GeometryWriter();
    const n: Vec3 = [0, 0, z > hz ? 1 : -1];
    const ids = [[hx, GROUND + 5.2, z], [hx + 6, GROUND + 5.2, z], [hx + 3, GROUND + 7, z]].map((p) => gable.vertex(p as Vec3, n));
    if (n[2] > 0) gable.tri(ids[0]!, ids[1]!, ids[2]!);
    else gable.tri(ids[0]!, ids[2]!, ids[1]!);
    room.add(N, gable.build(), C.houseWall, { bake: { unshadowed: true } });
  }
  room.add(N, box([hx - 0.05, GROUND + 1.4, hz - 0.5], [hx, GROUND + 2.4, hz + 0.5]), C.lattice, { lit: false });
  // trees near the house: a big maple and camphors
  tree(room, [9, GROUND, -4], 11, 3, C.maple);
  tree(room, [12, GROUND, 9], 9, 4, C.tree);
  tree(room, [-3, GROUND, -13], 10, 5, C.tree);
  tree(room, [5, GROUND, -16], 8, 6, C.maple);
  tree(room, [24, GROUND, 14], 12, 7, C.tree);
  // ridges of the Luoxiao mountains all round, hazier with distance
  const hills = new GeometryWriter();
  const seg = 96;
  for (const [R, H, seed, haze] of [
    [60, 30, 9, 0.18],
    [120, 62, 13, 0.5],
  ] as const) {
    const ring: [number, number][] = [];
    for (let i = 0; i <= seg; i++) {
      const th = (i / seg) * Math.PI * 2;
      const dir: Vec3 = [Math.cos(th), 0, Math.sin(th)];
      const rad = R + 10 * ridge(th, seed + 1);
      const h = Math.max(6, H * (0.7 + 0.35 * ridge(th, seed)));
      const col = mix(C.hill, C.haze, haze);
      hills.withTint(col);
      const a = hills.vertex([dir[0] * (rad - 30), GROUND - 0.1, dir[2] * (rad - 30)], [-dir[0], 0.4, -dir[2]]);
      hills.withTint(mix(col, C.haze, 0.15));
      const b = hills.vertex([dir[0] * rad, GROUND + h, dir[2] * rad], normalize([-dir[0], 0.7, -dir[2]]));
      ring.push([a, b]);
    }
    for (let i = 0; i < seg; i++) {
      const [a0, a1] = ring[i]!;
      const [b0, b1] = ring[i + 1]!;
      hills.tri(a0, b0, b1);
      hills.tri(a0, b1, a1);
    }
  }
  room.add('far-hills', hills.build(), [1, 1, 1], { lit: false });
}


/** Builds the jinggangshan-bajiaolou room: the upstairs room with its skylight, desk, lamp and bed. */
export function bajiaolou(): Room {
  const room = new Room('jinggangshan-bajiaolou', RIG);
  shell(room);
  ceiling(room);
  skylight(room);
  windows(room);
  partition(room);
  desk(room);
  oilLamp(room);
  bed(room);
  chairs(room);
  furniture(room);
  outside(room);
  skyDome(room, 200, srgb(0xbccbd6), srgb(0x86a8c8), C.grass);
  return room;
}

export default bajiaolou;
