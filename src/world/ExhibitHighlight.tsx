import { useFrame } from '@react-three/fiber';
import { useMemo, useRef } from 'react';
import { BoxGeometry, EdgesGeometry, type LineBasicMaterial, type MeshBasicMaterial } from 'three';
import { useAppStore } from '../state/store';
import { useRoom, useStation } from '../state/selectors';
import { highlightPlacement } from './highlightPlacement';

const unitEdges = new EdgesGeometry(new BoxGeometry(1, 1, 1));
const unitBox = new BoxGeometry(1, 1, 1);

/** A softly pulsing frame around the exhibit the narration is speaking of (a box in a model room, a rectangle over a photo). */
export function ExhibitHighlight() {
  const station = useStation();
  const room = useRoom();
  const speaking = useAppStore((s) => s.narrationState === 'playing' || s.narrationState === 'fallback');
  const line = useRef<LineBasicMaterial>(null);
  const glow = useRef<MeshBasicMaterial>(null);
  const placed = useMemo(() => {
    if (station?.kind !== 'stop' || !station.stop.exhibit || !room) return null;
    return highlightPlacement(room, station.stop.exhibit);
  }, [station, room]);

  useFrame(({ clock }) => {
    const k = 0.5 + 0.5 * Math.sin(clock.elapsedTime * 3);
    if (line.current) line.current.opacity = 0.45 + 0.5 * k;
    if (glow.current) glow.current.opacity = 0.04 + 0.06 * k;
  });

  if (!placed) return null;
  return (
    <group name={`highlight-${placed.id}`} position={placed.position} rotation={placed.rotation} scale={placed.scale} visible={speaking}>
      <lineSegments geometry={unitEdges}>
        <lineBasicMaterial ref={line} color="#ffd54a" transparent depthTest={false} />
      </lineSegments>
      <mesh geometry={unitBox} raycast={() => null}>
        <meshBasicMaterial ref={glow} color="#ffcc33" transparent depthWrite={false} />
      </mesh>
    </group>
  );
}
