import { useState } from 'react';
import type { Vec3 } from '../content/schema';
import { Label } from './Label';

interface HotspotProps {
  index: number;
  position: Vec3;
  label: string;
  active: boolean;
  kind: 'stop' | 'checkpoint';
  onSelect: (index: number) => void;
}

/** A glowing marker on the floor at a stop; click, tap, ray or pinch to go there. */
export function Hotspot({ index, position, label, active, kind, onSelect }: HotspotProps) {
  const [hover, setHover] = useState(false);
  const color = kind === 'checkpoint' ? '#d4a017' : '#c8102e';
  return (
    <group position={position} name={`hotspot-${index}`}>
      <mesh
        rotation-x={-Math.PI / 2}
        position-y={0.02}
        userData={{ arcSelectable: true }}
        onClick={(e) => {
          e.stopPropagation();
          onSelect(index);
        }}
        onPointerOver={() => setHover(true)}
        onPointerOut={() => setHover(false)}
      >
        <circleGeometry args={[0.32, 32]} />
        <meshBasicMaterial color={color} transparent opacity={active ? 0.25 : hover ? 0.95 : 0.7} depthWrite={false} />
      </mesh>
      <Label position={[0, 0.9, 0]} fontSize={0.16} color="#ffffff" outlineWidth={0.012} outlineColor={color}>
        {label}
      </Label>
    </group>
  );
}
