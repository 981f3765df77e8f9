/**
 * The one XR store (DESIGN §3.9), configured for shared headsets in a room without internet:
 * controller and hand models from our own server, a 72/90 Hz frame rate, only the session
 * features a VR tour needs (no spatial-data permission prompts), controllers with a ray and a
 * teleport arc (<Controller/>), hands with pinch rays and poke, slow presses still counting as
 * clicks, and the WebXR emulator only when the page is opened with `?emulate` (tests, development;
 * loaded as its own chunk, never otherwise).
 */
import { createXRStore, type XRStore } from '@react-three/xr';
import { useAppStore } from '../state/store';
import { CLICK_MS, Controller } from './Controller';
import { chooseFrameRate } from './frameRate';
import { resetRig } from './rig';

/** True when the page asked for the WebXR emulator (`?emulate`). */
export const emulatorRequested = typeof location !== 'undefined' && new URLSearchParams(location.search).has('emulate');

/**
 * Where the WebXR input profiles (controller layouts and models, hand models) are served from:
 * copied from @webxr-input-profiles/assets by tools/vite-xr-profiles.ts. The loader resolves
 * paths with `new URL()`, so this must be absolute.
 */
export const xrProfilesUrl =
  typeof location === 'undefined' ? undefined : new URL(`${import.meta.env.BASE_URL}xr-profiles/`, location.href).href;

/** The frame rate the app asked the session for (null before the first session or when the browser offers no choice). */
export const frameRateRequest: { supported: number[]; requested: number | null } = { supported: [], requested: null };

/** The app's XR store. Enter with `xrStore.enterVR()`; leave with `xrStore.getState().session?.end()`. */
export const xrStore: XRStore = createXRStore({
  offerSession: false,
  emulate: emulatorRequested ? { type: 'metaQuest3', inject: true, syntheticEnvironment: false } : false,
  frameRate: (supported) => {
    frameRateRequest.supported = Array.from(supported);
    frameRateRequest.requested = chooseFrameRate(supported);
    return frameRateRequest.requested ?? false;
  },
  baseAssetPath: xrProfilesUrl,
  defaultControllerProfileId: 'generic-trigger',
  defaultXRHandProfileId: 'generic-hand',
  handTracking: true,
  anchors: false,
  layers: false,
  meshDetection: false,
  planeDetection: false,
  hitTest: false,
  domOverlay: false,
  depthSensing: false,
  bodyTracking: false,
  controller: Controller,
  hand: { grabPointer: false, rayPointer: { clickThresholdMs: CLICK_MS }, touchPointer: { clickThresholdMs: CLICK_MS }, teleportPointer: false },
});

xrStore.subscribe((state, prev) => {
  const now = state.session != null;
  if (now === (prev.session != null)) return;
  resetRig();
  useAppStore.getState().setInXR(now);
});
