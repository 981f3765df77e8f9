import { useFrame, useLoader } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import { BufferAttribute, BufferGeometry, type Mesh } from 'three';
import type { PanoramaRoom as PanoramaRoomContent } from '../content/schema';
import { assetUrl } from './assets';
import { panoramaSphere } from './panoramaSphere';
import { PanoramaLoader } from './panoramaTexture';

/** Far beyond anything else in the room (hotspots 4 m, panels 1.2 m), inside the camera's far plane. */
const RADIUS = 100;

function sphereGeometry(): BufferGeometry {
  // 64 × 32 quads: about 4,000 triangles, round enough at any angle.
  const s = panoramaSphere(RADIUS, 64, 32);
  const g = new BufferGeometry();
  g.setAttribute('position', new BufferAttribute(s.positions, 3));
  g.setAttribute('uv', new BufferAttribute(s.uvs, 2));
  g.setIndex(new BufferAttribute(s.indices, 1));
  return g;
}

/**
 * A room shown from one 360° photo around the visitor. The sphere follows the eyes, so the photo
 * stays at infinity (as it was taken) when a visitor leans or steps in VR. The texture is freed
 * when the room is left.
 */
export function PanoramaRoom({ room }: { room: PanoramaRoomContent }) {
  const url = assetUrl(room.image);
  const texture = useLoader(PanoramaLoader, url);
  const geometry = useMemo(sphereGeometry, []);
  const sphere = useRef<Mesh>(null);

  useEffect(
    () => () => {
      texture.dispose();
      useLoader.clear(PanoramaLoader, url);
    },
    [texture, url],
  );
  useEffect(() => () => geometry.dispose(), [geometry]);

  useFrame(({ camera }) => {
    if (sphere.current) camera.getWorldPosition(sphere.current.position);
  });

  return (
    <mesh ref={sphere} name="panorama" geometry={geometry} renderOrder={-1} raycast={() => null}>
      <meshBasicMaterial map={texture} toneMapped={false} depthWrite={false} />
    </mesh>
  );
}
