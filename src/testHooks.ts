/**
 * Read-only handles for the browser tests, present only when the page is opened with
 * `?test` or `?emulate`: the store, the per-frame player state and the three.js scene.
 */
import type { RootState } from '@react-three/fiber';
import { player } from './state/player';
import { useAppStore } from './state/store';

/** True when the page was opened by a test. */
export const testMode = typeof location !== 'undefined' && /[?&](test|emulate)\b/.test(location.search);

declare global {
  interface Window {
    __redtour?: {
      store: typeof useAppStore;
      player: typeof player;
      scene?: RootState['scene'];
      gl?: RootState['gl'];
      camera?: RootState['camera'];
    };
  }
}

/** Installs `window.__redtour` in test mode. */
export function exposeForTests(state?: RootState): void {
  if (!testMode) return;
  window.__redtour = { ...window.__redtour, store: useAppStore, player, ...(state ? { scene: state.scene, gl: state.gl, camera: state.camera } : {}) };
}
