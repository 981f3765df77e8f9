import { useEffect, useState, useSyncExternalStore } from 'react';
import { useAppStore } from '../state/store';
import { xrScene } from '../xr/rig';
import { xrStore } from '../xr/xrStore';
import { useT } from './i18n';

type Support = 'checking' | 'yes' | 'no';

/** Asks the browser whether an immersive VR session can start here (false on plain http, desktop without a headset…). */
async function vrSupported(): Promise<boolean> {
  if (typeof navigator === 'undefined' || !navigator.xr) return false;
  return navigator.xr.isSessionSupported('immersive-vr').catch(() => false);
}

/**
 * Enter VR / Exit VR. Entering also counts as the "start" gesture that unlocks narration audio.
 * Where VR cannot start (e.g. a headset opened the plain-http LAN address) it says so instead.
 * Enabled once the 3D scene (with the XR rig) has mounted.
 */
export function EnterVRButton() {
  const tr = useT();
  const inXR = useAppStore((s) => s.inXR);
  const setStarted = useAppStore((s) => s.setStarted);
  const [support, setSupport] = useState<Support>('checking');
  const sceneReady = useSyncExternalStore(xrScene.subscribe, () => xrScene.ready, () => false);

  useEffect(() => {
    let live = true;
    const check = () => void vrSupported().then((ok) => live && setSupport(ok ? 'yes' : 'no'));
    check();
    // The emulator (?emulate) installs itself a moment after load; a headset may connect later.
    const unsubscribe = xrStore.subscribe((s, prev) => {
      if (s.emulator !== prev.emulator) check();
    });
    navigator.xr?.addEventListener('devicechange', check);
    return () => {
      live = false;
      unsubscribe();
      navigator.xr?.removeEventListener('devicechange', check);
    };
  }, []);

  if (inXR) {
    return (
      <button data-action="exit-vr" onClick={() => void xrStore.getState().session?.end()}>
        {tr('exitVR')}
      </button>
    );
  }
  if (support === 'no') {
    return (
      <span className="vr-unsupported" data-vr="unsupported">
        {tr('vrUnsupported')}
      </span>
    );
  }
  return (
    <button
      className="primary"
      data-action="enter-vr"
      disabled={support !== 'yes' || !sceneReady}
      onClick={() => {
        setStarted(true);
        xrStore.enterVR().catch((e: unknown) => console.warn('VR session could not start', e));
      }}
    >
      {tr('enterVR')}
    </button>
  );
}
