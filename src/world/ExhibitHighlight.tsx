import { useFrame } from '@react-three/fiber';
import { useMemo, useRef } from 'react';
import { BoxGeometry, EdgesGeometry, type LineBasicMaterial, type MeshBasicMaterial } from 'three';
import { useAppStore } from '../state/store';
import { useRoom, useStation } from '../state/selectors';

const unitEdges = new EdgesGeometry(new BoxGeometry(1, 1, 1));
const unitBox = new BoxGeometry(1, 1, 1);

/** A softly pulsing frame around the exhibit the narration is speaking of. */
export function ExhibitHighlight() {
  const station = useStation();
  const room = useRoom();
  const speaking = useAppStore((s) => s.narrationState === 'playing' || s.narrationState === 'fallback');
  const line = useRef<LineBasicMaterial>(null);
  const glow = useRef<MeshBasicMaterial>(null);
  const exhibit = useMemo(() => {
    if (station?.kind !== 'stop' || !station.stop.exhibit) return null;
    return room?.exhibits.find((e) => e.id === station.stop.exhibit) ?? null;
  }, [station, room]);

  useFrame(({ clock }) => {
    const k = 0.5 + 0.5 * Math.sin(clock.elapsedTime * 3);
    if (line.current) line.current.opacity = 0.45 + 0.5 * k;
    if (glow.current) glow.current.opacity = 0.04 + 0.06 * k;
  });

  if (!exhibit) return null;
  return (
    <group name={`highlight-${exhibit.id}`} position={exhibit.center} scale={exhibit.size} visible={speaking}>
      <lineSegments geometry={unitEdges}>
        <lineBasicMaterial ref={line} color="#ffd54a" transparent depthTest={false} />
      </lineSegments>
      <mesh geometry={unitBox} raycast={() => null}>
        <meshBasicMaterial ref={glow} color="#ffcc33" transparent depthWrite={false} />
      </mesh>
    </group>
  );
}
