import { useGLTF } from '@react-three/drei';
import type { ModelRoom as ModelRoomContent } from '../content/schema';
import { assetUrl } from './assets';

/** A room drawn from its GLB (meshopt-compressed; the decoder is bundled, no Draco/CDN). */
export function ModelRoom({ room }: { room: ModelRoomContent }) {
  const gltf = useGLTF(assetUrl(room.model), false, true);
  return (
    <>
      <color attach="background" args={[room.background]} />
      <primitive object={gltf.scene} />
    </>
  );
}
