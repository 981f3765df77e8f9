/**
 * The benchmark's baseline: the bare stack the app is built on (three + @react-three/fiber,
 * @react-three/xr `<XR>` with a default `createXRStore()`, drei `<Text>` in our CJK font), one
 * box and one line of Chinese text. It sets the same start-up marks as the app does in test
 * mode (src/testHooks.ts), measured the same way, so tools/bench can compare the two.
 */
import { Text } from '@react-three/drei';
import { Canvas, type RootState } from '@react-three/fiber';
import { createXRStore, XR } from '@react-three/xr';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import fontUrl from '../../public/fonts/redtour-sc.woff?url';

performance.mark('redtour:main');

const store = createXRStore();

function syncedTextVisible(scene: RootState['scene']): boolean {
  let found = false;
  scene.traverseVisible((o) => {
    if (!found && (o as { textRenderInfo?: unknown }).textRenderInfo) found = true;
  });
  return found;
}

function markFirstFrames({ scene }: RootState): void {
  const previous = scene.onAfterRender;
  let frame = false;
  let text = false;
  scene.onAfterRender = function (...args) {
    previous.apply(this, args);
    if (!frame) {
      frame = true;
      performance.mark('redtour:first-frame');
    }
    if (!text && syncedTextVisible(scene)) {
      text = true;
      performance.mark('redtour:first-text');
    }
    if (frame && text) scene.onAfterRender = previous;
  };
}

function App() {
  return (
    <Canvas camera={{ fov: 70, position: [0, 1.6, 3] }} onCreated={markFirstFrames}>
      <XR store={store}>
        <ambientLight intensity={0.8} />
        <directionalLight position={[2, 4, 3]} intensity={1.5} />
        <mesh position={[0, 1, 0]}>
          <boxGeometry args={[0.6, 0.6, 0.6]} />
          <meshStandardMaterial color="#b71c1c" />
        </mesh>
        <Text font={fontUrl} position={[0, 1.9, 0]} fontSize={0.25} color="#1f1a17" anchorX="center" anchorY="middle">
          红途 · 红色VR学习馆
        </Text>
      </XR>
    </Canvas>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
