import { Text } from '@react-three/drei';
import type { ComponentProps } from 'react';
import { FONT_URL } from './assets';

type LabelProps = Omit<ComponentProps<typeof Text>, 'font'>;

/** In-world text in our CJK font. */
export function Label(props: LabelProps) {
  return <Text font={FONT_URL} anchorX="center" anchorY="middle" color="#1f1a17" {...props} />;
}
