import { useLayoutEffect } from 'react';
import { Color } from 'three';
import { useThree } from '@react-three/fiber';

/**
 * Sets the scene's background colour while mounted. (`<color attach="background">` attaches to its
 * parent object, so inside a room's group it coloured the group, and the sky stayed black.)
 */
export function SceneBackground({ color }: { color: string }) {
  const scene = useThree((s) => s.scene);
  useLayoutEffect(() => {
    const previous = scene.background;
    scene.background = new Color(color);
    return () => {
      scene.background = previous;
    };
  }, [scene, color]);
  return null;
}
