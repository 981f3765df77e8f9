import { useState } from 'react';
import { Billboard } from '@react-three/drei';
import type { Vec3 } from '../content/schema';
import { Label } from './Label';

interface HotspotProps {
  index: number;
  position: Vec3;
  /** Set in a panorama: the marker stands upright, turned by this to face the visitor, instead of lying on the floor. */
  facing?: [number, number, number, 'YXZ'];
  label: string;
  active: boolean;
  kind: 'stop' | 'checkpoint';
  onSelect: (index: number) => void;
}

/**
 * A glowing marker at a stop; click, tap, ray or pinch to go there. On the floor where to stand,
 * or, in a panorama, a ring floating over what the stop shows (the photo shows through it).
 */
export function Hotspot({ index, position, facing, label, active, kind, onSelect }: HotspotProps) {
  const [hover, setHover] = useState(false);
  const color = kind === 'checkpoint' ? '#d4a017' : '#c8102e';
  const opacity = active ? 0.25 : hover ? 0.95 : 0.7;
  return (
    <group position={position} rotation={facing} name={`hotspot-${index}`}>
      <mesh
        rotation-x={facing ? 0 : -Math.PI / 2}
        position-y={facing ? 0 : 0.02}
        userData={{ arcSelectable: true }}
        onClick={(e) => {
          e.stopPropagation();
          onSelect(index);
        }}
        onPointerOver={() => setHover(true)}
        onPointerOut={() => setHover(false)}
      >
        <circleGeometry args={[0.32, 32]} />
        <meshBasicMaterial color={color} transparent opacity={facing ? opacity * 0.35 : opacity} depthWrite={false} />
      </mesh>
      {facing && (
        <mesh raycast={() => null}>
          <ringGeometry args={[0.24, 0.32, 48]} />
          <meshBasicMaterial color={color} transparent opacity={opacity} depthWrite={false} />
        </mesh>
      )}
      {/* upright, turning about the vertical to face the viewer, so it never reads mirrored from behind */}
      <Billboard position={[0, facing ? 0.55 : 0.9, 0]} lockX lockZ>
        <Label fontSize={0.16} color="#ffffff" outlineWidth={0.012} outlineColor={color}>
          {label}
        </Label>
      </Billboard>
    </group>
  );
}
