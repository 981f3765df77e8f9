/**
 * Read-only handles for the browser tests, present only when the page is opened with
 * `?test` or `?emulate`: the store, the per-frame player state and the three.js scene.
 * Also, in test mode only, for the benchmark (tools/bench): `&autostart=<baseId>` opens a base
 * without a click, and the performance marks `redtour:first-frame` (after the first rendered
 * frame of the 3D view), `redtour:first-text` (after the first frame drawn with a synced troika
 * text visible) and `redtour:first-room` (after the first frame with more than 1,000 triangles).
 */
import type { RootState } from '@react-three/fiber';
import { player } from './state/player';
import { useAppStore, type AppState } from './state/store';

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
      /** VR handles (src/xr/debug.ts), with `?emulate`. */
      xr?: import('./xr/debug').XRDebug;
      /** The study-record outbox and recorder (src/state/recording.ts). */
      records?: { outbox: import('./record/outbox').Outbox; recorder: import('./record/recorder').Recorder };
    };
  }
}

/** Installs `window.__redtour` in test mode. */
export function exposeForTests(state?: RootState): void {
  if (!testMode) return;
  window.__redtour = { ...window.__redtour, store: useAppStore, player, ...(state ? { scene: state.scene, gl: state.gl, camera: state.camera } : {}) };
  if (state) markFirstFrames(state);
  else autostart(new URLSearchParams(location.search).get('autostart'));
}

/** `?test&autostart=<baseId>`: opens that base (from the start) as soon as the catalogue is loaded. */
function autostart(baseId: string | null): void {
  if (!baseId) return;
  let opened = false;
  const open = (s: AppState): boolean => {
    if (opened) return true;
    const entry = s.catalogue?.find((r) => r.ok && r.scene.id === baseId);
    if (!entry?.ok) return false;
    opened = true; // before the set() calls below, which run this listener again
    if (!s.chosen) s.chooseVisitor('guest', '');
    s.setStarted(true);
    s.openBase(entry.scene, true);
    return true;
  };
  if (open(useAppStore.getState())) return;
  const unsubscribe = useAppStore.subscribe((s) => {
    if (open(s)) unsubscribe();
  });
}

/** True when a troika text (drei `<Text>`) in a visible subtree has finished its sync. */
function syncedTextVisible(scene: RootState['scene']): boolean {
  let found = false;
  scene.traverseVisible((o) => {
    if (!found && (o as { textRenderInfo?: unknown }).textRenderInfo) found = true;
  });
  return found;
}

let marking = false;

/** Start-up marks (first canvas only), set from the scene's after-render callback; it is put back once all are set. */
function markFirstFrames({ scene, gl }: RootState): void {
  if (marking) return;
  marking = true;
  const previous = scene.onAfterRender;
  let frame = false;
  let text = false;
  let room = false;
  scene.onAfterRender = function (...args) {
    previous.apply(this, args);
    if (!frame) {
      frame = true;
      performance.mark('redtour:first-frame');
    }
    if (!room && gl.info.render.triangles > 1000) {
      room = true;
      performance.mark('redtour:first-room');
    }
    if (!text && syncedTextVisible(scene)) {
      text = true;
      performance.mark('redtour:first-text');
    }
    if (frame && text && room) scene.onAfterRender = previous;
  };
}
