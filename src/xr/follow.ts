/**
 * A "lazy follow" for head-locked-ish UI in VR (the subtitle panel): the panel stays put while
 * the visitor looks around a little, and only once the head has turned well away does it glide
 * back in front, easing out. Never rigidly head-locked, never jumpy: the comfortable pattern.
 * Plain math, tested without a Canvas.
 */
import { wrapAngle } from './locomotion';

export interface FollowOptions {
  /** How far in front of the eyes, metres. */
  distance: number;
  /** How far below eye level, metres. */
  drop: number;
  /** Head turn away from the panel that starts a follow, radians. */
  startAngle: number;
  /** Closer than this and the follow stops, radians. */
  stopAngle: number;
  /** Easing rate, 1/s (larger is quicker). */
  rate: number;
  /** A head jump longer than this (a teleport) moves the panel at once, metres. */
  snapDistance: number;
}

export const SUBTITLE_FOLLOW: FollowOptions = {
  distance: 1.8,
  drop: 0.32,
  startAngle: (28 * Math.PI) / 180,
  stopAngle: (2 * Math.PI) / 180,
  rate: 3,
  snapDistance: 1,
};

export interface FollowState {
  /** The head position the panel is anchored to, and the heading it sits at. */
  x: number;
  y: number;
  z: number;
  yaw: number;
  following: boolean;
  placed: boolean;
}

export function createFollowState(): FollowState {
  return { x: 0, y: 0, z: 0, yaw: 0, following: false, placed: false };
}

/** Moves the anchor one frame towards the head `dt` seconds on. Mutates `s`. */
export function followStep(s: FollowState, head: { x: number; y: number; z: number; yaw: number }, dt: number, o: FollowOptions = SUBTITLE_FOLLOW): void {
  const jump = Math.hypot(head.x - s.x, head.z - s.z);
  if (!s.placed || jump > o.snapDistance) {
    Object.assign(s, { x: head.x, y: head.y, z: head.z, yaw: head.yaw, following: false, placed: true });
    return;
  }
  const off = wrapAngle(head.yaw - s.yaw);
  if (!s.following && Math.abs(off) > o.startAngle) s.following = true;
  const k = 1 - Math.exp(-o.rate * Math.max(0, dt));
  if (s.following) {
    s.yaw = wrapAngle(s.yaw + off * k);
    if (Math.abs(wrapAngle(head.yaw - s.yaw)) < o.stopAngle) s.following = false;
  }
  // Small steps of the head (leaning, walking in the play area) are followed smoothly.
  s.x += (head.x - s.x) * k;
  s.y += (head.y - s.y) * k;
  s.z += (head.z - s.z) * k;
}

/** Where the panel is and how it is turned (rotation.y and a slight tilt back towards the eyes). */
export function panelPose(s: FollowState, o: FollowOptions = SUBTITLE_FOLLOW): { position: [number, number, number]; yaw: number; tilt: number } {
  return {
    position: [s.x - Math.sin(s.yaw) * o.distance, s.y - o.drop, s.z - Math.cos(s.yaw) * o.distance],
    yaw: s.yaw,
    tilt: -Math.atan2(o.drop, o.distance),
  };
}
