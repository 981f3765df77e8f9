import { useGLTF } from '@react-three/drei';
import type { ModelRoom as ModelRoomContent } from '../content/schema';
import { assetUrl } from './assets';
import { SceneBackground } from './SceneBackground';

/** A room drawn from its GLB (meshopt-compressed; the decoder is bundled, no Draco/CDN). */
export function ModelRoom({ room }: { room: ModelRoomContent }) {
  const gltf = useGLTF(assetUrl(room.model), false, true);
  return (
    <>
      <SceneBackground color={room.background} />
      <primitive object={gltf.scene} />
    </>
  );
}
