/**
 * The Huangyangjie sentry post (黄洋界哨口) on Jinggangshan: a saddle on the ridge where the mountain
 * path from the valley crosses into the base. Earthwork trenches with a stone-faced parapet run
 * along the edge of the saddle, sharpened bamboo spikes (竹钉) stud the slope below them, a
 * thatched sentry shed and a red flag stand beside the gap the path comes through, and beyond the
 * drop the valleys are filled with cloud, with ridge after ridge of the Luoxiao mountains behind.
 *
 * Plan (metres, y up, the saddle's floor at 0): the visitor's clearing is x∈[-6, 6], z∈[-1.3, 6];
 * the trench line runs along z ≈ -1.4 … -3.6 for x∈[-9.5, 9.5], with the path's gap at x ≈ 3.45;
 * the shed stands at x∈[3.2, 5.6], z∈[0.4, 2.8]; the slope falls away to the north (−z) into a
 * cloud sea at y ≈ -55. Walkable areas come from scenes/jinggangshan/scene.json.
 * An illustrative reconstruction, not a survey.
 */
import { CylinderGeometry, IcosahedronGeometry } from 'three';
import type { BufferGeometry } from 'three';
import { box, boxAt, GeometryWriter, hash3, mix, normalize, place, plain, rng, shade, srgb, tube, type RGB, type Vec3 } from '../geometry';
import type { LightRig, Occluder } from '../lighting';
import { skyDome } from '../sky';
import { Room, type Instance } from '../room';

const C = {
  grass: srgb(0x6f8a45),
  grassDry: srgb(0x8e8c52),
  earth: srgb(0x7d5f3d),
  earthRed: srgb(0x8a5a36),
  path: srgb(0x9a7c56),
  rock: srgb(0x8a877c),
  stone: srgb(0x5f594f),
  forest: srgb(0x3b5a33),
  forestLight: srgb(0x557a3d),
  bambooGreen: srgb(0x7d9a4a),
  spike: srgb(0xc8b27a),
  spikeOld: srgb(0x9a8a5c),
  culm: srgb(0x7f9550),
  leaf: srgb(0x6f9a45),
  pineLeaf: srgb(0x33502e),
  trunk: srgb(0x4e3d2c),
  timber: srgb(0x6a5037),
  thatch: srgb(0xa48a55),
  thatchDark: srgb(0x7e6a43),
  weave: srgb(0xa89262),
  flag: srgb(0xc41e1a),
  pole: srgb(0xa08c5a),
  cloud: srgb(0xf1f3f4),
  cloudShade: srgb(0xc9d3dc),
  haze: srgb(0xc3d2dd),
  ridge: srgb(0x4f6a57),
};

/** Afternoon sun from behind the visitor's left shoulder, open sky, a bright cloud sea below. */
const RIG: LightRig = {
  ambient: [0.3, 0.31, 0.32],
  sky: [0.62, 0.68, 0.78],
  ground: [0.3, 0.31, 0.32],
  suns: [{ dir: normalize([0.45, -0.75, -0.45]), color: [1.25, 1.14, 0.95], spread: 0.03 }],
  lamps: [],
  aoRadius: 0.6,
  aoStrength: 0.85,
  skyDistance: 60,
};

const CLOUD_Y = -36;
/** Where a visitor's eyes usually are, for the haze on distant ground. */
const EYE: Vec3 = [0, 1.6, 2];
const GAP_X = 3.45;
const TRENCH_HALF = 9.5;
/** The mountain path, from the gap in the parapet down the slope (x, z). */
const PATH: [number, number][] = [
  [GAP_X, -1.0],
  [GAP_X, -3.8],
  [2.6, -6.2],
  [0.2, -9.2],
  [-3.8, -12.2],
  [-7.8, -16],
  [-10.8, -21],
  [-12.8, -27],
  [-13.6, -34],
  [-13, -42],
  [-11, -50],
];

/** Per-item colour variation that does not depend on build order. */
function vary(c: RGB, h: number, amount: number, hue = 0.02): RGB {
  const k = 1 + (h - 0.5) * 2 * amount;
  const t = (hash3(h, 1.7, 3.1) - 0.5) * hue;
  return [c[0] * k * (1 + t), c[1] * k, c[2] * k * (1 - t)];
}

function smooth(a: number, b: number, x: number): number {
  const t = Math.min(1, Math.max(0, (x - a) / (b - a)));
  return t * t * (3 - 2 * t);
}

/** Where the saddle's flat floor ends and the trench begins, at x (a gentle zigzag). */
function edgeZ(x: number): number {
  const tri = Math.abs(((x / 3 + 0.25) % 1 + 1) % 1 - 0.5) * 2;
  return -1.36 - 0.28 * tri;
}

/** How far x is inside the gap the path takes through the parapet (1 inside, 0 clear of it). */
function gap(x: number): number {
  return 1 - smooth(0.55, 0.95, Math.abs(x - GAP_X));
}

/** Cross-section of the trench and parapet at distance d beyond the edge. */
function trench(d: number): number {
  if (d <= 0.05) return 0;
  if (d <= 0.3) return -0.85 * smooth(0.05, 0.3, d);
  if (d <= 0.9) return -0.85;
  if (d <= 1.1) return -0.85 + 1.2 * smooth(0.9, 1.1, d);
  if (d <= 1.6) return 0.35 - 0.05 * smooth(1.1, 1.6, d);
  if (d <= 2.3) return 0.3 - 0.91 * smooth(1.6, 2.3, d);
  return -0.61;
}

/** Ground height at (x, z): the saddle, the trench, the fall to the north and the rising ridge either side. */
function heightAt(x: number, z: number): number {
  const d = edgeZ(x) - z;
  // the ridge rises to peaks either side of the saddle, then falls away into the clouds far off
  const ax = Math.abs(x);
  const side = 24 * smooth(8, 45, ax) - 90 * smooth(60, 150, ax) + 4 * Math.sin(x / 11) * smooth(10, 30, ax);
  if (d <= 0) {
    const back = z > 7.5 ? 6 * smooth(7.5, 40, z) * (0.7 + 0.3 * Math.sin(x / 7)) - 70 * smooth(60, 150, z) : 0;
    return side + back;
  }
  const spurs = 5 * Math.sin(x / 8 + 1.3) * smooth(10, 30, d);
  if (d > 2.3) {
    // a gentle glacis (where the spikes are) below the parapet, then the steep fall
    const g = Math.min(d, 8) - 2.3;
    const u = Math.max(0, d - 8);
    return side + spurs - 0.61 - 0.3 * g - 0.95 * u - 0.01 * u * u;
  }
  // near the edge: the trench and parapet, except where the path comes through on a ramp
  const inTrench = 1 - smooth(TRENCH_HALF - 1, TRENCH_HALF, ax);
  const t = inTrench * (1 - gap(x));
  const plain = -0.61 * smooth(gap(x) > 0 ? 0.3 : 0, 2.3, d);
  return side + spurs + t * trench(d) + (1 - t) * plain;
}

/** Distance from (x, z) to the path's centre line. */
function pathDistance(x: number, z: number): number {
  let best = Infinity;
  for (let i = 0; i + 1 < PATH.length; i++) {
    const [ax, az] = PATH[i]!;
    const [bx, bz] = PATH[i + 1]!;
    const vx = bx - ax;
    const vz = bz - az;
    const t = Math.max(0, Math.min(1, ((x - ax) * vx + (z - az) * vz) / (vx * vx + vz * vz)));
    best = Math.min(best, Math.hypot(x - ax - vx * t, z - az - vz * t));
  }
  return best;
}

/** Grid lines: fine near the saddle, coarser with distance. */
function lines(fine: number[], outward: number[]): number[] {
  return Array.from(new Set([...fine, ...outward].map((v) => Math.round(v * 1000) / 1000))).sort((a, b) => a - b);
}

function range(a: number, b: number, step: number): number[] {
  const out: number[] = [];
  for (let v = a; v <= b + 1e-9; v += step) out.push(v);
  return out;
}

/** Builds an indexed mesh from positions and indices, with smooth normals. */
function meshFrom(pos: number[], idx: number[]): BufferGeometry {
  const w = new GeometryWriter();
  for (let i = 0; i < pos.length; i += 3) w.vertex([pos[i]!, pos[i + 1]!, pos[i + 2]!], [0, 1, 0]);
  for (let i = 0; i < idx.length; i += 3) w.tri(idx[i]!, idx[i + 1]!, idx[i + 2]!);
  const g = w.build();
  g.computeVertexNormals();
  return plain(g);
}

// ---------------------------------------------------------------- ground

function terrain(room: Room): void {
  const xs = lines(
    [...range(-10, 10, 0.5), GAP_X - 0.95, GAP_X - 0.55, GAP_X, GAP_X + 0.55, GAP_X + 0.95],
    [-150, -110, -80, -60, -45, -35, -28, -22, -17, -13.5, -11.5, 11.5, 13.5, 17, 22, 28, 35, 45, 60, 80, 110, 150],
  );
  const zs = lines(
    [...range(-4.2, -1.2, 0.1), ...range(-1.2, 8, 0.5), ...range(-10.8, -4.2, 0.4)],
    [-150, -110, -80, -62, -50, -40, -32, -26, -21, -17, -14, -11.5, 10, 13, 17, 23, 30, 40, 55, 75, 100, 140],
  );
  const pos: number[] = [];
  const idx: number[] = [];
  const tint: RGB[] = [];
  for (const z of zs) {
    for (const x of xs) {
      const y = heightAt(x, z);
      pos.push(x, y, z);
      const d = edgeZ(x) - z;
      const h = hash3(x, 0, z);
      let c: RGB;
      const inTrench = d > 0.04 && d < 2.4 && Math.abs(x) < TRENCH_HALF;
      const onPath = pathDistance(x, z) < 0.75;
      if (onPath) c = vary(C.path, h, 0.1);
      else if (inTrench) c = d > 1.05 && d < 1.6 ? vary(C.grassDry, h, 0.12) : vary(mix(C.earth, C.earthRed, h), h, 0.1);
      else if (d > 9 || Math.abs(x) > 12 || z > 9) c = vary(mix(C.forest, C.forestLight, hash3(Math.round(x / 3), 1, Math.round(z / 3))), h, 0.15);
      else if (d > 2.4) c = vary(mix(C.grassDry, C.earth, 0.35), h, 0.15);
      else c = vary(mix(C.grass, C.grassDry, h * 0.6), h, 0.1);
      const far = smooth(25, 200, Math.hypot(x - EYE[0], y - EYE[1], z - EYE[2]));
      tint.push(mix(c, C.haze, far * 0.7));
    }
  }
  const nx = xs.length;
  for (let j = 0; j + 1 < zs.length; j++)
    for (let i = 0; i + 1 < nx; i++) {
      const a = j * nx + i;
      const b = a + 1;
      const c = a + nx;
      const d = c + 1;
      idx.push(a, c, b, b, c, d);
    }
  const g = meshFrom(pos, idx);
  const cols = tint;
  room.add('terrain', g, (p) => {
    // look up the tint of the nearest grid point (positions are exactly the grid's)
    const i = xs.indexOf(Math.round(p[0] * 1000) / 1000);
    const j = zs.indexOf(Math.round(p[2] * 1000) / 1000);
    return i >= 0 && j >= 0 ? cols[j * nx + i]! : C.grass;
  });
  room.solid([-12, -2, -1.3], [12, 0, 9]);
}

/** The path worn into the slope: a ribbon a little above the ground. */
function path(room: Room): void {
  const w = new GeometryWriter();
  const pts: Vec3[] = [];
  for (let i = 0; i + 1 < PATH.length; i++) {
    const [ax, az] = PATH[i]!;
    const [bx, bz] = PATH[i + 1]!;
    const n = Math.max(1, Math.ceil(Math.hypot(bx - ax, bz - az) / 0.6));
    for (let k = 0; k < n; k++) pts.push([ax + ((bx - ax) * k) / n, 0, az + ((bz - az) * k) / n]);
  }
  pts.push([PATH.at(-1)![0], 0, PATH.at(-1)![1]]);
  const left: number[] = [];
  const right: number[] = [];
  pts.forEach((p, i) => {
    const q = pts[Math.min(pts.length - 1, i + 1)]!;
    const o = pts[Math.max(0, i - 1)]!;
    const dir = normalize([q[0] - o[0], 0, q[2] - o[2]]);
    const side: Vec3 = [-dir[2], 0, dir[0]];
    const hw = 0.5 + 0.08 * Math.sin(i * 1.7);
    const l: Vec3 = [p[0] + side[0] * hw, 0, p[2] + side[2] * hw];
    const r: Vec3 = [p[0] - side[0] * hw, 0, p[2] - side[2] * hw];
    l[1] = heightAt(l[0], l[2]) + 0.03;
    r[1] = heightAt(r[0], r[2]) + 0.03;
    w.withTint(vary([1, 1, 1], hash3(i, 3, 1), 0.12));
    left.push(w.vertex(l, [0, 1, 0]));
    right.push(w.vertex(r, [0, 1, 0]));
  });
  for (let i = 0; i + 1 < pts.length; i++) {
    w.tri(left[i]!, right[i]!, right[i + 1]!);
    w.tri(left[i]!, right[i + 1]!, left[i + 1]!);
  }
  const g = w.build();
  // facing up whichever way the path turns
  const n = g.getAttribute('normal');
  for (let i = 0; i < n.count; i++) n.setXYZ(i, 0, 1, 0);
  room.add('terrain', fixWinding(g), C.path, { bake: { ao: 0.3 } });
}

/**
 * Flips triangles whose winding disagrees with a reference direction per triangle (its vertices'
 * indices in): by default up, for ground that faces the sky.
 */
function fixWinding(g: BufferGeometry, reference: (a: number, b: number, c: number) => number[] = () => [0, 1, 0]): BufferGeometry {
  const pos = g.getAttribute('position');
  const index = g.getIndex()!;
  for (let t = 0; t < index.count; t += 3) {
    const a = index.getX(t);
    const b = index.getX(t + 1);
    const c = index.getX(t + 2);
    const e1 = [pos.getX(b) - pos.getX(a), pos.getY(b) - pos.getY(a), pos.getZ(b) - pos.getZ(a)];
    const e2 = [pos.getX(c) - pos.getX(a), pos.getY(c) - pos.getY(a), pos.getZ(c) - pos.getZ(a)];
    const f = [e1[1]! * e2[2]! - e1[2]! * e2[1]!, e1[2]! * e2[0]! - e1[0]! * e2[2]!, e1[0]! * e2[1]! - e1[1]! * e2[0]!];
    const n = reference(a, b, c);
    if (f[0]! * n[0]! + f[1]! * n[1]! + f[2]! * n[2]! < 0) {
      index.setX(t + 1, c);
      index.setX(t + 2, b);
    }
  }
  return g;
}

// ---------------------------------------------------------------- the defences

function defences(room: Room): void {
  const N = 'defence-works';
  const r = rng(19);
  // stones facing the parapet's inner slope, and stakes along the ditch
  for (let x = -TRENCH_HALF + 0.6; x < TRENCH_HALF - 0.6; x += 0.34) {
    if (gap(x) > 0.02) continue;
    const e = edgeZ(x);
    for (let k = 0; k < 3; k++) {
      const d = 0.93 + k * 0.05 + r() * 0.03;
      const y = -0.72 + k * 0.3 + r() * 0.05;
      const s: Vec3 = [0.22 + r() * 0.1, 0.2 + r() * 0.08, 0.14];
      room.add(N, boxAt([x + r() * 0.1, y, e - d], s, [(r() - 0.5) * 0.3 - 0.5, (r() - 0.5) * 0.4, (r() - 0.5) * 0.2]), vary(C.stone, r(), 0.15, 0.04));
    }
  }
  for (let x = -TRENCH_HALF + 0.5; x < TRENCH_HALF - 0.5; x += 0.55) {
    if (gap(x) > 0.02) continue;
    const e = edgeZ(x);
    room.add(N, tube([[x, -0.85, e - 0.28], [x, 0.12, e - 0.12]], 0.035, 5), vary(C.timber, r(), 0.15));
  }
  // the bamboo spikes on the slope below the parapet, pointing out and down the hill
  const w = new GeometryWriter();
  for (let z = -3.9; z > -10.5; z -= 0.42) {
    for (let x = -TRENCH_HALF + 0.3; x < TRENCH_HALF - 0.3; x += 0.4) {
      const px = x + (r() - 0.5) * 0.12 + (Math.round(z / 0.42) % 2) * 0.2;
      const pz = z + (r() - 0.5) * 0.1;
      if (edgeZ(px) - pz < 2.45 || edgeZ(px) - pz > 8 || pathDistance(px, pz) < 0.9 || r() < 0.12) continue;
      const y = heightAt(px, pz);
      const len = 0.36 + r() * 0.12;
      const tilt = 0.6 + r() * 0.15;
      const tip: Vec3 = [px + (r() - 0.5) * 0.08, y + len * Math.cos(tilt), pz - len * Math.sin(tilt)];
      const rad = 0.024;
      w.withTint(vary(r() < 0.3 ? mix(C.spike, C.spikeOld, 0.8) : [1, 1, 1], r(), 0.12));
      const base = [0, 1, 2].map((k) => {
        const a = (k / 3) * Math.PI * 2 + r();
        return [px + Math.cos(a) * rad, y - 0.03, pz + Math.sin(a) * rad] as Vec3;
      });
      for (let k = 0; k < 3; k++) {
        const p0 = base[k]!;
        const p1 = base[(k + 1) % 3]!;
        const mid: Vec3 = [(p0[0] + p1[0]) / 2 - px, 0, (p0[2] + p1[2]) / 2 - pz];
        const n = normalize([mid[0], 0.3, mid[2]]);
        const ia = w.vertex(p0, n);
        const ib = w.vertex(p1, n);
        const ic = w.vertex(tip, n);
        // counter-clockwise seen from outside
        const e1: Vec3 = [p1[0] - p0[0], p1[1] - p0[1], p1[2] - p0[2]];
        const e2: Vec3 = [tip[0] - p0[0], tip[1] - p0[1], tip[2] - p0[2]];
        const f: Vec3 = [e1[1] * e2[2] - e1[2] * e2[1], e1[2] * e2[0] - e1[0] * e2[2], e1[0] * e2[1] - e1[1] * e2[0]];
        if (f[0] * n[0] + f[1] * n[1] + f[2] * n[2] >= 0) w.tri(ia, ib, ic);
        else w.tri(ia, ic, ib);
      }
    }
  }
  room.add(N, w.build(), C.spike, { bake: { ao: 0.2 } });
  // a log barrier across the gap the path takes
  const bx0 = GAP_X - 0.75;
  const bx1 = GAP_X + 0.75;
  const bz = edgeZ(GAP_X) - 1.2;
  const by = heightAt(GAP_X, bz);
  for (const x of [bx0, bx1]) room.add(N, tube([[x, by - 0.1, bz], [x, by + 1.15, bz]], 0.06, 6), C.timber);
  for (const y of [0.35, 0.75, 1.05]) room.add(N, tube([[bx0 - 0.15, by + y, bz + 0.04], [bx1 + 0.15, by + y + 0.03, bz + 0.04]], 0.05, 6), vary(C.timber, y, 0.1));
}

// ---------------------------------------------------------------- the sentry post and the flag

const SHED = { x0: 3.3, x1: 5.5, z0: 0.5, z1: 2.7, eave: 2.05, ridge: 2.95 };

function sentryPost(room: Room): void {
  const N = 'sentry-post';
  const { x0, x1, z0, z1, eave, ridge } = SHED;
  const zc = (z0 + z1) / 2;
  for (const [x, z] of [
    [x0, z0],
    [x1, z0],
    [x0, z1],
    [x1, z1],
  ] as const)
    room.add(N, place(new CylinderGeometry(0.06, 0.07, eave, 7), { at: [x, eave / 2, z] }), C.timber);
  for (const x of [x0, x1]) room.add(N, place(new CylinderGeometry(0.055, 0.06, ridge, 7), { at: [x, ridge / 2, zc] }), C.timber);
  room.add(N, tube([[x0 - 0.3, ridge, zc], [x1 + 0.3, ridge, zc]], 0.06, 6), C.timber);
  for (const z of [z0, z1]) room.add(N, tube([[x0 - 0.3, eave, z], [x1 + 0.3, eave, z]], 0.05, 6), C.timber);
  // thatch: two thick pitches running past the posts, with a ragged fringe at the eaves
  const run = zc - z0;
  const over = 0.4;
  const half = run + over;
  const pitch = Math.atan2(ridge - eave, run);
  const slope = half / Math.cos(pitch);
  const edgeY = ridge - (ridge - eave) * (half / run);
  for (const side of [-1, 1]) {
    const yMid = ridge - (ridge - eave) * (half / 2 / run);
    room.add(N, boxAt([(x0 + x1) / 2, yMid + 0.09, zc + side * (half / 2)], [x1 - x0 + 0.7, 0.16, slope], [side * pitch, 0, 0], { cell: 0.35 }), (p) => vary(C.thatch, hash3(p[0], 0, p[2]), 0.12));
    for (let i = 0; i < 16; i++) {
      const x = x0 - 0.35 + (i + 0.5) * ((x1 - x0 + 0.7) / 16);
      room.add(N, boxAt([x, edgeY + 0.04 + 0.02 * Math.sin(i * 2.1), zc + side * (half - 0.02)], [(x1 - x0 + 0.7) / 16 + 0.02, 0.08, 0.14], [side * pitch, 0, 0]), C.thatchDark);
    }
  }
  room.add(N, place(new CylinderGeometry(0.12, 0.12, x1 - x0 + 0.7, 8), { at: [(x0 + x1) / 2, ridge + 0.1, zc], rot: [0, 0, Math.PI / 2] }), C.thatchDark);
  // woven bamboo screens on the north and east sides, open to the clearing
  const weave = new GeometryWriter();
  const screen = (a: Vec3, u: Vec3, len: number, height: number) => {
    const cols = Math.round(len / 0.12);
    const rows = Math.round(height / 0.12);
    const n = normalize([u[2], 0, -u[0]]);
    for (let i = 0; i < cols; i++)
      for (let j = 0; j < rows; j++) {
        weave.withTint((i + j) % 2 === 0 ? [1, 1, 1] : [0.82, 0.8, 0.72]);
        const o: Vec3 = [a[0] + u[0] * i * 0.12 + n[0] * 0.005 * ((i + j) % 2), a[1] + j * 0.12, a[2] + u[2] * i * 0.12 + n[2] * 0.005 * ((i + j) % 2)];
        weave.quad(o, [u[0] * 0.12, 0, u[2] * 0.12], [0, 0.12, 0]);
        weave.quad([o[0] + u[0] * 0.12, o[1], o[2] + u[2] * 0.12], [-u[0] * 0.12, 0, -u[2] * 0.12], [0, 0.12, 0]);
      }
  };
  screen([x1, 0, z0 + 0.05], [-1, 0, 0], x1 - x0, 1.2);
  screen([x1 - 0.05, 0, z0], [0, 0, 1], z1 - z0, 1.2);
  room.add(N, weave.build(), C.weave, { bake: { ao: 0.6 } });
  for (const [a, b] of [
    [[x0, 1.2, z0 + 0.05], [x1, 1.2, z0 + 0.05]],
    [[x1 - 0.05, 1.2, z0], [x1 - 0.05, 1.2, z1]],
  ] as [Vec3, Vec3][])
    room.add(N, tube([a, b], 0.035, 5), C.timber);
  // a log bench inside
  room.add(N, place(new CylinderGeometry(0.14, 0.14, 1.6, 8), { at: [(x0 + x1) / 2, 0.3, z0 + 0.45], rot: [0, 0, Math.PI / 2] }), C.timber);
  for (const x of [x0 + 0.5, x1 - 0.5]) room.add(N, box([x - 0.08, 0, z0 + 0.3], [x + 0.08, 0.18, z0 + 0.6]), shade(C.timber, 0.8));
  room.solid([x0 - 0.3, eave, z0 - 0.4], [x1 + 0.3, ridge, z1 + 0.4]);
  room.solid([x0, 0, z0], [x1, 1.2, z0 + 0.1]);
  room.solid([x1 - 0.1, 0, z0], [x1, 1.2, z1]);
}

function redFlag(room: Room): void {
  const N = 'red-flag';
  const px = 2.95;
  const pz = -1.0;
  const top = 5.1;
  room.add(N, tube([[px, -0.2, pz], [px, top, pz]], 0.03, 6), C.pole, { bake: { unshadowed: true } });
  room.add(N, place(new IcosahedronGeometry(0.05, 0), { at: [px, top + 0.03, pz] }), C.pole, { bake: { unshadowed: true } });
  // the cloth, gently waving, both faces
  const front = new GeometryWriter();
  const back = new GeometryWriter();
  const W = 1.3;
  const H = 0.85;
  const cols = 10;
  const rows = 4;
  const at = (i: number, j: number): Vec3 => {
    const s = i / cols;
    return [px + 0.03 + s * W, top - 0.05 - H + (j / rows) * H - s * 0.08, pz + 0.09 * Math.sin(s * 5.2) * s];
  };
  for (const [wr, sign] of [
    [front, 1],
    [back, -1],
  ] as const) {
    const ids: number[][] = [];
    for (let i = 0; i <= cols; i++) {
      ids.push([]);
      for (let j = 0; j <= rows; j++) {
        const p = at(i, j);
        const slope = 0.09 * (5.2 * Math.cos((i / cols) * 5.2) * (i / cols) + Math.sin((i / cols) * 5.2));
        ids[i]!.push(wr.vertex(p, normalize([-slope * sign, 0, sign])));
      }
    }
    for (let i = 0; i < cols; i++)
      for (let j = 0; j < rows; j++) {
        const a = ids[i]![j]!;
        const b = ids[i + 1]![j]!;
        const c = ids[i + 1]![j + 1]!;
        const d = ids[i]![j + 1]!;
        if (sign > 0) {
          wr.tri(a, b, c);
          wr.tri(a, c, d);
        } else {
          wr.tri(a, c, b);
          wr.tri(a, d, c);
        }
      }
  }
  room.add(N, front.build(), C.flag, { bake: { unshadowed: true, glow: 0.15 } });
  room.add(N, back.build(), shade(C.flag, 0.9), { bake: { unshadowed: true, glow: 0.1 } });
}

// ---------------------------------------------------------------- trees

/** Where trees stand: on the slopes and ridges, clear of the clearing, the path and the shed. */
function treeSpots(seed: number, count: number, keep: (x: number, z: number) => boolean): Instance[] {
  const r = rng(seed);
  const out: Instance[] = [];
  let guard = 0;
  while (out.length < count && guard++ < count * 40) {
    const a = r() * Math.PI * 2;
    const d = 9 + Math.pow(r(), 0.8) * 55;
    const x = Math.cos(a) * d;
    const z = Math.sin(a) * d * 0.9 + 2;
    if (!keep(x, z)) continue;
    if (pathDistance(x, z) < 2.2 || heightAt(x, z) < CLOUD_Y + 4) continue;
    if (out.some((o) => Math.hypot(o.at[0] - x, o.at[2] - z) < 3.2)) continue;
    out.push({ at: [x, heightAt(x, z) - 0.15, z], yaw: r() * Math.PI * 2 });
  }
  return out;
}

/** Instanced trees are lit by themselves: open sky, the sun, no neighbours. */
const TREE_RIG: LightRig = { ...RIG, aoRadius: 1.2 };
const TREE_OCCLUDERS: Occluder[] = [{ min: [-6, -1, -6], max: [6, 0, 6] }];

function pines(room: Room): void {
  const N = 'pines';
  const h = 9;
  room.add(N, tube([[0, 0, 0], [0, h * 0.75, 0]], 0.16, 6), C.trunk);
  const tiers = [
    [0.32, 2.1, 2.6],
    [0.5, 1.7, 2.3],
    [0.66, 1.3, 2.0],
    [0.8, 0.85, 1.7],
  ];
  tiers.forEach(([y, r0, len], i) => {
    room.add(N, place(new CylinderGeometry(0.02, r0!, len!, 8, 1), { at: [0, h * y! + len! / 2, 0] }), vary(C.pineLeaf, i / 4, 0.08));
  });
  // the clearing's edge is kept open so the view stays free
  const spots = treeSpots(7, 70, (x, z) => {
    const d = edgeZ(x) - z;
    if (Math.abs(x) < 12 && z > -14 && z < 9) return false;
    return d > 10 || Math.abs(x) > 12 || z > 9;
  });
  room.instance(N, spots, TREE_RIG, TREE_OCCLUDERS);
}

function bamboo(room: Room): void {
  const N = 'bamboo';
  const r = rng(23);
  for (let i = 0; i < 7; i++) {
    const a = (i / 7) * Math.PI * 2 + r();
    const d = 0.25 + r() * 0.45;
    const bx = Math.cos(a) * d;
    const bz = Math.sin(a) * d;
    const h = 6.5 + r() * 2;
    const lean = 0.5 + r() * 0.6;
    const pts: Vec3[] = [
      [bx, 0, bz],
      [bx + Math.cos(a) * lean * 0.3, h * 0.5, bz + Math.sin(a) * lean * 0.3],
      [bx + Math.cos(a) * lean, h, bz + Math.sin(a) * lean],
    ];
    room.add(N, tube(pts, 0.045, 5), vary(C.culm, r(), 0.1));
    for (let k = 0; k < 5; k++) {
      const t = 0.5 + k * 0.12;
      const c: Vec3 = [bx + Math.cos(a) * lean * t * t + (r() - 0.5) * 0.7, h * t + 0.3, bz + Math.sin(a) * lean * t * t + (r() - 0.5) * 0.7];
      room.add(N, place(new IcosahedronGeometry(1, 0), { at: c, scale: [0.55 + r() * 0.3, 0.3, 0.55 + r() * 0.3], rot: [r() * 0.4, r() * 3, 0] }), vary(C.leaf, r(), 0.18));
    }
  }
  const spots = treeSpots(11, 20, (x, z) => {
    if (Math.abs(x) < 8.5 && z > -3 && z < 8) return false;
    return (z > 7.5 && Math.abs(x) < 30) || (Math.abs(x) > 9 && Math.abs(x) < 24 && z > -6 && z < 20);
  });
  room.instance(N, spots, TREE_RIG, TREE_OCCLUDERS);
}

// ---------------------------------------------------------------- the cloud sea and the far ridges

function ridgeNoise(theta: number, seed: number): number {
  const r = rng(seed);
  let v = 0;
  for (let k = 1; k <= 7; k++) v += Math.sin(theta * (k * 2 + 1) + r() * 6.283) / k;
  return v;
}

function cloudSea(room: Room): void {
  const N = 'cloud-sea';
  const rings = [12, 40, 70, 100, 140, 190, 250, 340];
  const seg = 64;
  const pos: number[] = [];
  const idx: number[] = [];
  for (const R of rings)
    for (let i = 0; i < seg; i++) {
      const th = (i / seg) * Math.PI * 2;
      const x = Math.cos(th) * R;
      const z = Math.sin(th) * R;
      const bump = R < 30 ? 0 : 2.2 * Math.sin(x / 23 + 1) * Math.sin(z / 17) + 1.4 * Math.sin(x / 9 - z / 13);
      pos.push(x, CLOUD_Y + bump, z);
    }
  for (let r = 0; r + 1 < rings.length; r++)
    for (let i = 0; i < seg; i++) {
      const a = r * seg + i;
      const b = r * seg + ((i + 1) % seg);
      const c = (r + 1) * seg + i;
      const d = (r + 1) * seg + ((i + 1) % seg);
      idx.push(a, b, d, a, d, c);
    }
  const g = fixWinding(meshFrom(pos, idx));
  g.computeVertexNormals();
  room.add(N, plain(g), (p, n) => mix(C.cloudShade, C.cloud, Math.min(1, Math.max(0, 0.35 + 2.2 * (n[1] - 0.9) + (p[1] - CLOUD_Y) * 0.12))), { lit: false });
  // billows rising out of the sea
  const r = rng(37);
  for (let i = 0; i < 26; i++) {
    const a = -Math.PI * 0.95 + r() * Math.PI * 0.9;
    const d = 60 + r() * 200;
    const s = 8 + r() * 16;
    const c: Vec3 = [Math.cos(a) * d, CLOUD_Y - s * 0.35, Math.sin(a) * d];
    room.add(N, place(new IcosahedronGeometry(1, 1), { at: c, scale: [s * 1.6, s * 0.55, s] }), (_p, n) => mix(C.cloudShade, C.cloud, 0.4 + 0.6 * Math.max(0, n[1])), { lit: false });
  }
}

function farRidges(room: Room): void {
  const w = new GeometryWriter();
  const seg = 120;
  for (const [R, H, seed, haze] of [
    [190, 22, 5, 0.45],
    [260, 40, 9, 0.6],
    [340, 62, 13, 0.72],
  ] as const) {
    const ring: [number, number][] = [];
    for (let i = 0; i <= seg; i++) {
      const th = (i / seg) * Math.PI * 2;
      const dir: Vec3 = [Math.cos(th), 0, Math.sin(th)];
      const rad = R + 14 * ridgeNoise(th, seed + 2);
      const h = CLOUD_Y + Math.max(10, H * (0.75 + 0.4 * ridgeNoise(th, seed)));
      const col = mix(C.ridge, C.haze, haze);
      w.withTint(mix(col, C.cloud, 0.25));
      const a = w.vertex([dir[0] * (rad - 25), CLOUD_Y - 8, dir[2] * (rad - 25)], [-dir[0], 0.4, -dir[2]]);
      w.withTint(col);
      const b = w.vertex([dir[0] * rad, h, dir[2] * rad], normalize([-dir[0], 0.7, -dir[2]]));
      ring.push([a, b]);
    }
    for (let i = 0; i < seg; i++) {
      const [a0, a1] = ring[i]!;
      const [b0, b1] = ring[i + 1]!;
      w.tri(a0, b0, b1);
      w.tri(a0, b1, a1);
    }
  }
  // a few nearer peaks standing out of the clouds to the north
  const r = rng(43);
  for (let i = 0; i < 5; i++) {
    const a = -Math.PI * 0.9 + (i / 4) * Math.PI * 0.8 + (r() - 0.5) * 0.2;
    const d = 150 + r() * 50;
    const h = 10 + r() * 14;
    const cx = Math.cos(a) * d;
    const cz = Math.sin(a) * d;
    const n = 9;
    w.withTint(mix(C.ridge, C.haze, 0.3));
    const apex = w.vertex([cx, CLOUD_Y + h, cz], [0, 1, 0]);
    const base: number[] = [];
    for (let k = 0; k < n; k++) {
      const t = (k / n) * Math.PI * 2;
      const rr = h * (1.4 + 0.5 * r());
      w.withTint(mix(C.ridge, C.haze, 0.45));
      base.push(w.vertex([cx + Math.cos(t) * rr, CLOUD_Y - 4, cz + Math.sin(t) * rr * 0.8], normalize([Math.cos(t), 0.6, Math.sin(t)])));
    }
    for (let k = 0; k < n; k++) w.tri(apex, base[(k + 1) % n]!, base[k]!);
  }
  const g = w.build();
  room.add('far-ridges', fixWindingOut(g), [1, 1, 1], { lit: false });
}

/** Flips triangles whose winding disagrees with their stored vertex normals. */
function fixWindingOut(g: BufferGeometry): BufferGeometry {
  const nor = g.getAttribute('normal');
  return fixWinding(g, (a, b, c) => [nor.getX(a) + nor.getX(b) + nor.getX(c), nor.getY(a) + nor.getY(b) + nor.getY(c), nor.getZ(a) + nor.getZ(b) + nor.getZ(c)]);
}

/** Builds the jinggangshan-huangyangjie room: the saddle, trenches, spikes, shed, flag, forest and clouds. */
export function huangyangjie(): Room {
  const room = new Room('jinggangshan-huangyangjie', RIG);
  terrain(room);
  path(room);
  defences(room);
  sentryPost(room);
  redFlag(room);
  pines(room);
  bamboo(room);
  cloudSea(room);
  farRidges(room);
  skyDome(room, 380, srgb(0xc6d4de), srgb(0x8fb0cf), C.cloud);
  return room;
}

export default huangyangjie;
