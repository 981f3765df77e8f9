import { Canvas, events as pointerEvents, type RootState } from '@react-three/fiber';
import { useEffect } from 'react';
import { XR } from '@react-three/xr';
import { useDesktopKeys } from './desktop/useDesktopKeys';
import { TourHud } from './ui/TourHud';
import { useStudyClock } from './ui/useStudyClock';
import { World } from './world/World';
import { xrStore } from './xr/xrStore';
import { exposeForTests } from './testHooks';

/** While the pointer is locked, aim at the centre of the view (the crosshair) instead of the hidden cursor. */
function lockedAwareEvents(store: Parameters<typeof pointerEvents>[0]) {
  const base = pointerEvents(store);
  return {
    ...base,
    compute(event: { offsetX: number; offsetY: number }, state: RootState) {
      if (document.pointerLockElement === state.gl.domElement) state.pointer.set(0, 0);
      else state.pointer.set((event.offsetX / state.size.width) * 2 - 1, -(event.offsetY / state.size.height) * 2 + 1);
      state.raycaster.setFromCamera(state.pointer, state.camera);
    },
  };
}

/** An open tour: the 3D view (desktop or VR) with the DOM HUD over it. */
export function TourView() {
  useDesktopKeys();
  useStudyClock();
  // Leaving the tour (finished, menu, next member) also leaves VR: the headset shows the 2D page again.
  useEffect(() => () => void xrStore.getState().session?.end().catch(() => undefined), []);
  return (
    <div className="tour">
      <Canvas
        events={lockedAwareEvents}
        camera={{ fov: 70, near: 0.05, far: 400, position: [0, 1.6, 0] }}
        dpr={[1, 2]}
        gl={{ antialias: true, powerPreference: 'high-performance' }}
        onCreated={(state) => exposeForTests(state)}
        onPointerMissed={(e) => {
          const canvas = e.target instanceof HTMLCanvasElement ? e.target : null;
          if (canvas && 'pointerType' in e && e.pointerType === 'mouse' && document.pointerLockElement !== canvas) canvas.requestPointerLock?.()?.catch?.(() => {});
        }}
      >
        <XR store={xrStore}>
          <World />
        </XR>
      </Canvas>
      <TourHud />
    </div>
  );
}
