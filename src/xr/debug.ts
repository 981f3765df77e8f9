/**
 * Read-only XR handles for browser tests, as `window.__redtour.xr` (only with `?test` or
 * `?emulate`). Tests drive the emulated headset through `emulator.remote.dispatch(…)`.
 */
import type { Object3D } from 'three';
import { testMode } from '../testHooks';
import { rig } from './rig';
import { frameRateRequest, xrStore } from './xrStore';

/** What `window.__redtour.xr` offers. */
export interface XRDebug {
  /** The XR store (read its state; `store.getState().emulator` is the IWER XRDevice when emulated). */
  readonly store: typeof xrStore;
  /** True while an XR session runs. */
  readonly inSession: boolean;
  /** The frame rates the session offered and the one the app asked for. */
  readonly frameRate: { supported: number[]; requested: number | null; current: number | undefined };
  /** The XR origin (the visitor's floor point, turned with them); null outside VR. */
  readonly origin: Object3D | null;
  /** The seated lift currently applied, metres. */
  readonly lift: number;
  /** The last teleport attempt. */
  readonly lastTeleport: { x: number; z: number; accepted: boolean } | null;
  /** How many teleports were tried since the page loaded. */
  readonly teleportAttempts: number;
}

/** The origin object, set by <XRRig/>. */
export const originHandle: { current: Object3D | null } = { current: null };

const debug: XRDebug = {
  store: xrStore,
  get inSession() {
    return xrStore.getState().session != null;
  },
  get frameRate() {
    return { supported: [...frameRateRequest.supported], requested: frameRateRequest.requested, current: xrStore.getState().session?.frameRate };
  },
  get origin() {
    return originHandle.current;
  },
  get lift() {
    return rig.lift;
  },
  get lastTeleport() {
    return rig.lastTeleport ? { ...rig.lastTeleport } : null;
  },
  get teleportAttempts() {
    return rig.teleportAttempts;
  },
};

/** Adds `xr` to `window.__redtour` in test mode (merging with what testHooks put there). */
export function exposeXRForTests(): void {
  if (!testMode || typeof window === 'undefined') return;
  const w = window as unknown as { __redtour?: Record<string, unknown> };
  w.__redtour = { ...w.__redtour, xr: debug };
}
