import { useFrame } from '@react-three/fiber';
import { useXR } from '@react-three/xr';
import { useEffect, useRef, type ReactNode } from 'react';
import { Vector3, type Group, type Object3D } from 'three';
import { teleportTo } from './rig';

/** How often newly loaded meshes (a room GLB arriving after Suspense) get marked, seconds. */
const MARK_EVERY = 0.5;

function markTeleportTargets(root: Object3D): void {
  root.traverse((o) => {
    o.userData.teleportTarget = true;
  });
}

/**
 * Wrap the room model in this. Every mesh inside becomes something the teleport arc can hit,
 * so walls, tables and exhibits stop the arc; only a hit on walkable floor moves the visitor
 * (see `canLandAt`). Only teleport pointers see these meshes: put clickable things (hotspots,
 * panels) outside it. An invisible floor at y = 0 catches arcs where the model has no floor.
 */
export function TeleportArea({ children }: { children?: ReactNode }) {
  const ref = useRef<Group>(null);
  const inSession = useXR((s) => s.session != null);
  const sinceMark = useRef(MARK_EVERY);

  useEffect(() => {
    const group = ref.current;
    if (!group) return;
    const onUp = (e: { point?: unknown; pointerType?: string }) => {
      if (e.pointerType === 'teleport' && e.point instanceof Vector3) teleportTo(e.point);
    };
    group.addEventListener('pointerup', onUp);
    return () => group.removeEventListener('pointerup', onUp);
  }, []);

  useFrame((_, delta) => {
    if (!inSession || !ref.current) return;
    sinceMark.current += delta;
    if (sinceMark.current < MARK_EVERY) return;
    sinceMark.current = 0;
    markTeleportTargets(ref.current);
  });

  return (
    <group ref={ref} name="teleport-area" pointerEventsType={{ allow: 'teleport' }}>
      {children}
      <mesh name="teleport-floor" rotation-x={-Math.PI / 2}>
        <planeGeometry args={[200, 200]} />
        <meshBasicMaterial visible={false} />
      </mesh>
    </group>
  );
}
