/**
 * Where the visitor is, updated every frame. Kept out of React on purpose (DESIGN §3.5):
 * controls write it, the camera rig and XR origin read it in useFrame.
 */
import type { FloorPlan } from '../tour/walkable';

export interface PlayerState {
  x: number;
  z: number;
  /** Heading in radians; 0 looks towards −z. */
  yaw: number;
  /** Desktop only: looking up (+) or down (−), radians. */
  pitch: number;
  /** An automatic walk in progress (to a stop), or null. */
  target: { x: number; z: number; yaw: number; pitch: number } | null;
  /** The floor plan of the current room, for collisions and teleport. */
  plan: FloorPlan;
}

/** The one player state object. */
export const player: PlayerState = { x: 0, z: 0, yaw: 0, pitch: 0, target: null, plan: { walkable: [], obstacles: [] } };

/** Heading and pitch that look from (x, eyeY, z) at a point. */
export function lookAngles(x: number, eyeY: number, z: number, at: readonly [number, number, number]): { yaw: number; pitch: number } {
  const dx = at[0] - x;
  const dz = at[2] - z;
  const yaw = Math.atan2(-dx, -dz);
  const pitch = Math.atan2(at[1] - eyeY, Math.hypot(dx, dz));
  return { yaw, pitch };
}

/** Puts the visitor somewhere at once (room entry, teleport, resume). */
export function placePlayer(x: number, z: number, yaw: number, pitch = 0): void {
  Object.assign(player, { x, z, yaw, pitch, target: null });
}

/** Starts a smooth walk to a spot, ending facing the given angles. */
export function walkPlayerTo(x: number, z: number, yaw: number, pitch: number): void {
  player.target = { x, z, yaw, pitch };
}
