import { describe, expect, it } from 'vitest';
import type { FloorPlan } from '../../src/tour/walkable';
import {
  DEFAULT_SEATED_LIFT,
  SNAP_ANGLE,
  canLandAt,
  createOriginSolve,
  rotateY,
  seatedLift,
  snapTurn,
  stepOrigin,
  teleportArcPoints,
  wrapAngle,
  yawOfQuaternion,
} from '../../src/xr/locomotion';

const close = (a: number, b: number) => expect(a).toBeCloseTo(b, 9);

/** A quaternion for a pure heading (rotation about +y). */
function yawQuat(yaw: number): [number, number, number, number] {
  return [0, Math.sin(yaw / 2), 0, Math.cos(yaw / 2)];
}

describe('angles', () => {
  it('wraps into (−π, π]', () => {
    close(wrapAngle(3 * Math.PI), Math.PI);
    close(wrapAngle(-Math.PI), Math.PI);
    close(wrapAngle(Math.PI / 2 + 4 * Math.PI), Math.PI / 2);
  });

  it('rotates like three.js rotation.y (a quarter turn left takes −z to −x)', () => {
    const [x, z] = rotateY(0, -1, Math.PI / 2);
    close(x, -1);
    close(z, 0);
  });

  it('reads the heading of a quaternion, also when looking straight down', () => {
    for (const yaw of [0, 0.5, -2, Math.PI / 2]) close(yawOfQuaternion(...yawQuat(yaw)), yaw);
    // yaw 0.7 then pitch −89.99999°: the YXZ fallback keeps the heading
    const [hx, hy, hz, hw] = yawQuat(0.7);
    const p = -Math.PI / 2 + 1e-7;
    const [px, pw] = [Math.sin(p / 2), Math.cos(p / 2)];
    // q = qYaw * qPitch
    const q: [number, number, number, number] = [hw * px + hx * pw, hy * pw + hz * px, hz * pw - hy * px, hw * pw - hx * px];
    expect(yawOfQuaternion(...q)).toBeCloseTo(0.7, 4);
  });
});

describe('stepOrigin (the head lands where player says)', () => {
  it('on the first frame puts the origin so the tracked head is at player, facing player.yaw', () => {
    const solve = createOriginSolve();
    const player = { x: 2, z: 5, yaw: 0.3 };
    const head = { x: 0.4, z: -0.2, yaw: 1.1 };
    const world = stepOrigin(solve, player, head);
    close(world.x, 2);
    close(world.z, 5);
    close(world.yaw, 0.3);
    close(solve.yaw, 0.3 - 1.1);
    const [rx, rz] = rotateY(head.x, head.z, solve.yaw);
    close(solve.x + rx, 2);
    close(solve.z + rz, 5);
  });

  it('lets physical walking and turning move the visitor (origin stays put)', () => {
    const solve = createOriginSolve();
    const player = { x: 0, z: 0, yaw: 0 };
    Object.assign(player, stepOrigin(solve, player, { x: 0, z: 0, yaw: 0 }));
    const before = { ...solve };
    Object.assign(player, stepOrigin(solve, player, { x: 0.5, z: -1, yaw: 0.2 }));
    expect({ x: solve.x, z: solve.z, yaw: solve.yaw }).toEqual({ x: before.x, z: before.z, yaw: before.yaw });
    close(player.x, 0.5);
    close(player.z, -1);
    close(player.yaw, 0.2);
  });

  it('teleport: writing player.x/z moves the head there', () => {
    const solve = createOriginSolve();
    const player = { x: 1, z: 1, yaw: 1 };
    const head = { x: 0.3, z: 0.3, yaw: -0.4 };
    Object.assign(player, stepOrigin(solve, player, head));
    player.x = -2;
    player.z = 3;
    const world = stepOrigin(solve, player, head);
    close(world.x, -2);
    close(world.z, 3);
    close(world.yaw, 1);
  });

  it('snap turn pivots on the head: position kept, heading turned by 45°', () => {
    const solve = createOriginSolve();
    const player = { x: 1, z: 2, yaw: 0 };
    const head = { x: 0.6, z: -0.3, yaw: 0.2 };
    Object.assign(player, stepOrigin(solve, player, head));
    const at = { x: player.x, z: player.z };
    player.yaw = wrapAngle(player.yaw - SNAP_ANGLE);
    const world = stepOrigin(solve, player, head);
    close(world.x, at.x);
    close(world.z, at.z);
    close(world.yaw, -SNAP_ANGLE);
  });
});

describe('snapTurn', () => {
  it('fires once per flick, right turns clockwise (yaw down), left counter-clockwise', () => {
    const s = { armed: true };
    expect(snapTurn(s, 0.2)).toBe(0);
    expect(snapTurn(s, 0.9)).toBe(-SNAP_ANGLE);
    expect(snapTurn(s, 1)).toBe(0);
    expect(snapTurn(s, 0.5)).toBe(0); // not yet back under the re-arm line
    expect(snapTurn(s, 0.1)).toBe(0);
    expect(snapTurn(s, -0.8)).toBe(SNAP_ANGLE);
  });

  it('ignores stick noise', () => {
    const s = { armed: true };
    for (const x of [0.1, -0.3, 0.55, -0.55]) expect(snapTurn(s, x)).toBe(0);
  });

  it('eight snaps make a full turn', () => {
    expect(SNAP_ANGLE * 8).toBeCloseTo(2 * Math.PI);
  });
});

describe('canLandAt (teleport landing)', () => {
  // The first room of the sample base: courtyard, gate, hall with the table as an obstacle.
  const plan: FloorPlan = {
    walkable: [
      { min: [-4, 4.4], max: [4, 8] },
      { min: [-0.6, 3.6], max: [0.6, 4.4] },
      { min: [-2.2, -2.2], max: [2.2, 3.6] },
    ],
    obstacles: [{ min: [-1.05, -1.45], max: [1.05, 1.85] }],
  };

  it('accepts walkable floor', () => {
    expect(canLandAt(plan, { x: 0, y: 0, z: 6 })).toBe(true);
    expect(canLandAt(plan, { x: 0, y: 0.02, z: 4 })).toBe(true); // through the gate
    expect(canLandAt(plan, { x: 1.6, y: 0, z: 0 })).toBe(true);
  });

  it('rejects a wall or exhibit the arc ran into, even above walkable floor', () => {
    expect(canLandAt(plan, { x: 0, y: 1.2, z: 6 })).toBe(false);
    expect(canLandAt(plan, { x: 0, y: 0.75, z: 0 })).toBe(false); // table top
  });

  it('rejects floor outside the walkable area, near walls and on obstacles', () => {
    expect(canLandAt(plan, { x: 3, y: 0, z: 4 })).toBe(false); // beside the gate, inside the wall
    expect(canLandAt(plan, { x: 3.95, y: 0, z: 6 })).toBe(false); // closer to the wall than the body radius
    expect(canLandAt(plan, { x: 0, y: 0, z: 0 })).toBe(false); // under the table
    expect(canLandAt(plan, { x: 0, y: 0, z: 20 })).toBe(false); // outside the room
  });

  it('rejects everything in a room without a plan', () => {
    expect(canLandAt({ walkable: [], obstacles: [] }, { x: 0, y: 0, z: 0 })).toBe(false);
  });
});

describe('seatedLift', () => {
  it('lifts a seated visitor to a 1.6 m eye height', () => {
    expect(seatedLift(1.15)).toBeCloseTo(0.45);
    expect(seatedLift(1.0)).toBeCloseTo(0.6);
  });

  it('never lowers, never lifts more than a metre', () => {
    expect(seatedLift(1.8)).toBe(0);
    expect(seatedLift(0.55)).toBe(1);
  });

  it('uses a typical lift while tracking has not given a head height', () => {
    expect(seatedLift(0)).toBe(DEFAULT_SEATED_LIFT);
    expect(seatedLift(Number.NaN)).toBe(DEFAULT_SEATED_LIFT);
  });
});

describe('teleportArcPoints', () => {
  const arc = teleportArcPoints();

  it('starts at the hand and bends steadily forward and down', () => {
    expect(arc).toHaveLength(21);
    expect(arc[0]!.map(Math.abs)).toEqual([0, 0, 0]);
    for (let i = 1; i < arc.length; i++) {
      expect(arc[i]![2]).toBeLessThan(arc[i - 1]![2]);
      expect(arc[i]![1]).toBeLessThanOrEqual(arc[i - 1]![1]);
    }
  });

  /** Where the arc, tilted by `pitch` about x from `height`, meets the floor (metres ahead). */
  function reach(pitch: number, height = 1.3): number {
    const pts = arc.map(([, y, z]) => [y * Math.cos(pitch) - z * Math.sin(pitch), y * Math.sin(pitch) + z * Math.cos(pitch)] as const);
    for (let i = 1; i < pts.length; i++) {
      const [y0, z0] = pts[i - 1]!;
      const [y1, z1] = pts[i]!;
      if (height + y1 <= 0) return -(z0 + ((height + y0) / (y0 - y1)) * (z1 - z0));
    }
    return Infinity;
  }

  it('reaches a few metres held level, always lands, and at most about 14 m', () => {
    const deg = Math.PI / 180;
    expect(reach(-10 * deg)).toBeGreaterThan(2);
    expect(reach(-10 * deg)).toBeLessThan(3);
    expect(reach(-45 * deg)).toBeLessThan(1.2);
    expect(reach(49.5 * deg)).toBeLessThan(15);
  });
});
