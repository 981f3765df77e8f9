import { useState } from 'react';
import { Label } from './Label';

interface PanelButtonProps {
  name: string;
  label: string;
  position: [number, number, number];
  width: number;
  height: number;
  color?: string;
  textColor?: string;
  disabled?: boolean;
  fontSize?: number;
  align?: 'center' | 'left';
  onSelect: () => void;
}

/** A flat in-world button: works with the mouse, touch, controller rays and hand pinch. */
export function PanelButton({
  name,
  label,
  position,
  width,
  height,
  color = '#efe6d2',
  textColor = '#1f1a17',
  disabled = false,
  fontSize = 0.06,
  align = 'center',
  onSelect,
}: PanelButtonProps) {
  const [hover, setHover] = useState(false);
  return (
    <group position={position}>
      <mesh
        name={name}
        onClick={(e) => {
          e.stopPropagation();
          if (!disabled) onSelect();
        }}
        onPointerOver={() => setHover(true)}
        onPointerOut={() => setHover(false)}
      >
        <planeGeometry args={[width, height]} />
        <meshBasicMaterial color={hover && !disabled ? '#ffe08a' : color} transparent opacity={disabled ? 0.45 : 1} />
      </mesh>
      <Label
        position={[align === 'left' ? -width / 2 + 0.05 : 0, 0, 0.005]}
        anchorX={align}
        fontSize={fontSize}
        maxWidth={width - 0.1}
        color={textColor}
        fillOpacity={disabled ? 0.5 : 1}
      >
        {label}
      </Label>
    </group>
  );
}
