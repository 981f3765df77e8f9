/**
 * The VR rig's per-frame state and the actions that move the visitor in VR (teleport,
 * recenter). Plain module state, read and written in useFrame; nothing here goes through React.
 */
import { selectStation } from '../state/selectors';
import { lookAngles, player } from '../state/player';
import { useAppStore } from '../state/store';
import { stationPlace } from '../world/stationPlace';
import { canLandAt, createOriginSolve, type OriginSolve } from './locomotion';

export interface RigState {
  solve: OriginSolve;
  /** Current upward shift of the origin (seated mode), metres. */
  lift: number;
  /** Set when the seated lift must be measured again from the head height (next frame). */
  remeasureLift: boolean;
  /** The last teleport attempt, for feedback and tests. */
  lastTeleport: { x: number; z: number; accepted: boolean } | null;
  /** How many teleports were tried (accepted or not). */
  teleportAttempts: number;
}

/** The one rig state. */
export const rig: RigState = { solve: createOriginSolve(), lift: 0, remeasureLift: true, lastTeleport: null, teleportAttempts: 0 };

const readyListeners = new Set<() => void>();
let sceneReady = false;

/**
 * Whether the 3D scene with <XR> and the rig has mounted. Entering VR before that (the Canvas
 * content waits for fonts and models) would start a session the <XR> component never sees:
 * three.js would then render from the desktop camera and ignore the XR origin.
 */
export const xrScene = {
  get ready(): boolean {
    return sceneReady;
  },
  set(ready: boolean): void {
    if (ready === sceneReady) return;
    sceneReady = ready;
    readyListeners.forEach((l) => l());
  },
  subscribe(listener: () => void): () => void {
    readyListeners.add(listener);
    return () => readyListeners.delete(listener);
  },
};

/** Forgets the previous session's solve (called when a session starts or ends). */
export function resetRig(): void {
  rig.solve = createOriginSolve();
  rig.remeasureLift = true;
}

/**
 * Teleports the visitor's head to a point the arc hit, if it is a place to stand.
 * Returns whether it moved.
 */
export function teleportTo(point: { x: number; y: number; z: number }): boolean {
  const accepted = canLandAt(player.plan, point);
  rig.lastTeleport = { x: point.x, z: point.z, accepted };
  rig.teleportAttempts += 1;
  if (!accepted) return false;
  player.x = point.x;
  player.z = point.z;
  player.target = null;
  return true;
}

/**
 * Turns the view to what the current station shows (its exhibit, or the quiz panel), from where
 * the visitor stands, and measures the seated height again. For the B/Y button and menus.
 */
export function recenter(): void {
  rig.remeasureLift = true;
  const station = selectStation(useAppStore.getState());
  if (!station) return;
  const { position, lookAt } = stationPlace(station);
  const fromHere = Math.hypot(lookAt[0] - player.x, lookAt[2] - player.z) > 0.05;
  const from = fromHere ? player : { x: position[0], z: position[2] };
  player.yaw = lookAngles(from.x, 1.6, from.z, lookAt).yaw;
  player.target = null;
}
