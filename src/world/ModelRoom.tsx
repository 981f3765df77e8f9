import { useGLTF } from '@react-three/drei';
import type { ModelRoom as ModelRoomContent } from '../content/schema';
import { assetUrl } from './assets';
import { SceneBackground } from './SceneBackground';

/** Fetches and parses a model room's GLB into the loader's cache (the room then mounts without waiting). */
export function preloadModelRoom(room: ModelRoomContent): void {
  useGLTF.preload(assetUrl(room.model), false, true);
}

/** Drops a model room's GLB from the loader's cache, a failed load included (it is cached too). */
export function releaseModelRoom(room: ModelRoomContent): void {
  useGLTF.clear(assetUrl(room.model));
}

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
