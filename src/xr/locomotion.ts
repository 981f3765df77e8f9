/**
 * VR locomotion as plain math, no three.js or React: where the XR origin must be so that the
 * head is where `player` says, snap turning, teleport landing rules and the seated lift.
 *
 * In VR, `player.x/z/yaw` is the visitor's HEAD on the floor plan (what desktop shows too),
 * not the XR origin: the rig writes the tracked head back into `player` every frame, and when
 * anything else changes `player` (teleport, snap turn, recenter, a new station) the origin is
 * solved again so that the head lands exactly there. Turning therefore pivots on the head.
 */
import { isWalkable, type FloorPlan } from '../tour/walkable';

/** A head pose in the origin's space, flattened to the floor. */
export interface HeadPose {
  x: number;
  z: number;
  /** Heading in radians, same convention as `player.yaw` (0 looks towards −z). */
  yaw: number;
}

export interface OriginSolve {
  /** Where the XR origin stands and how it is turned (rotation.y). */
  x: number;
  z: number;
  yaw: number;
  /** The head pose last written to `player`; null until the first frame in a session. */
  written: { x: number; z: number; yaw: number } | null;
}

/** A fresh solve state, for the start of each XR session. */
export function createOriginSolve(): OriginSolve {
  return { x: 0, z: 0, yaw: 0, written: null };
}

/** Angle in (−π, π]. */
export function wrapAngle(a: number): number {
  const w = Math.atan2(Math.sin(a), Math.cos(a));
  return w === -Math.PI ? Math.PI : w;
}

/** (x, z) turned by `angle` about +y, as three.js `rotation.y` does. */
export function rotateY(x: number, z: number, angle: number): [number, number] {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  return [x * c + z * s, -x * s + z * c];
}

/** The heading of an orientation quaternion (yaw of a 'YXZ' Euler), stable when looking straight up or down. */
export function yawOfQuaternion(x: number, y: number, z: number, w: number): number {
  const m13 = 2 * (x * z + w * y);
  const m33 = 1 - 2 * (x * x + y * y);
  const m23 = 2 * (y * z - w * x);
  if (Math.abs(m23) < 0.9999999) return Math.atan2(m13, m33);
  return Math.atan2(-(2 * (x * z - w * y)), 1 - 2 * (y * y + z * z));
}

/**
 * One frame of the rig: re-solves the origin if `player` was changed by someone else since the
 * last frame, then returns where the head now is in the world (to be written to `player`).
 * Mutates `solve`; the returned object is `solve.written`, reused from frame to frame.
 */
export function stepOrigin(solve: OriginSolve, player: { x: number; z: number; yaw: number }, head: HeadPose): { x: number; z: number; yaw: number } {
  const w = solve.written;
  if (!w || w.x !== player.x || w.z !== player.z || w.yaw !== player.yaw) {
    solve.yaw = wrapAngle(player.yaw - head.yaw);
    const [rx, rz] = rotateY(head.x, head.z, solve.yaw);
    solve.x = player.x - rx;
    solve.z = player.z - rz;
  }
  const c = Math.cos(solve.yaw);
  const s = Math.sin(solve.yaw);
  const out = solve.written ?? (solve.written = { x: 0, z: 0, yaw: 0 });
  out.x = solve.x + head.x * c + head.z * s;
  out.z = solve.z - head.x * s + head.z * c;
  out.yaw = wrapAngle(solve.yaw + head.yaw);
  return out;
}

/** The size of one snap turn. */
export const SNAP_ANGLE = Math.PI / 4;
/** Stick deflection that fires a turn, and the one it must fall back under before the next. */
const SNAP_FIRE = 0.6;
const SNAP_REARM = 0.3;

/** Per-stick memory for snap turning (one turn per flick). */
export interface SnapState {
  armed: boolean;
}

/**
 * Reads one thumbstick's x axis: returns the yaw change for this frame (+45° turns left,
 * −45° right, 0 none). Mutates `state`.
 */
export function snapTurn(state: SnapState, stickX: number): number {
  if (!state.armed) {
    if (Math.abs(stickX) < SNAP_REARM) state.armed = true;
    return 0;
  }
  if (Math.abs(stickX) < SNAP_FIRE) return 0;
  state.armed = false;
  return stickX > 0 ? -SNAP_ANGLE : SNAP_ANGLE;
}

/**
 * The teleport arc's shape in the arc's own frame (−z ahead, +y up): a quadratic Bézier of
 * `segments` pieces. Held level it lands about 2.3 m ahead from hand height, at most about 14 m
 * (the library's reaches 24 m: too far to aim well within our rooms).
 */
export function teleportArcPoints(segments = 20): [number, number, number][] {
  const c: [number, number, number] = [0, 0, -5];
  const end: [number, number, number] = [0, -14, -9];
  return Array.from({ length: segments + 1 }, (_, i) => {
    const t = i / segments;
    const a = 2 * (1 - t) * t;
    const b = t * t;
    return [a * c[0] + b * end[0], a * c[1] + b * end[1], a * c[2] + b * end[2]];
  });
}

/** How far above the floor a teleport hit may be and still count as the floor, metres. */
export const FLOOR_TOLERANCE = 0.15;

/**
 * True when the teleport arc's hit is a place to stand: on the floor (not a wall, table or
 * exhibit the arc ran into) and inside the room's walkable area, clear of obstacles.
 */
export function canLandAt(plan: FloorPlan, point: { x: number; y: number; z: number }): boolean {
  return Math.abs(point.y) <= FLOOR_TOLERANCE && isWalkable(plan, point.x, point.z);
}

/** Eye height we lift a seated visitor to, metres. */
export const SEATED_EYE_HEIGHT = 1.6;
/** Lift used when the head height is not known yet (a typical seated eye is about 1.15 m). */
export const DEFAULT_SEATED_LIFT = 0.45;

/** How far to raise the origin so a seated visitor whose eyes are at `headY` sees from standing height. */
export function seatedLift(headY: number): number {
  if (!Number.isFinite(headY) || headY < 0.5) return DEFAULT_SEATED_LIFT;
  return Math.min(1, Math.max(0, SEATED_EYE_HEIGHT - headY));
}
