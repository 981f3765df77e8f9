import { Text } from '@react-three/drei';
import { useFrame } from '@react-three/fiber';
import { useMemo, useRef } from 'react';
import { MeshBasicMaterial, Quaternion, Vector3, type Group, type Mesh } from 'three';
import { useStation } from '../state/selectors';
import { useAppStore } from '../state/store';
import { createFollowState, followStep, panelPose } from '../xr/follow';
import { yawOfQuaternion } from '../xr/locomotion';
import { FONT_URL } from './assets';

const PAD = 0.06;
const headPos = new Vector3();
const headQuat = new Quaternion();
const head = { x: 0, y: 0, z: 0, yaw: 0 };

/**
 * In VR, the sentence being narrated as text on a dark panel about 1.8 m ahead and a little
 * below the eyes, which follows the head lazily. Drawn over the room (a nearby wall never hides it).
 * Only in XR with subtitles on; on desktop the DOM <Subtitles/> shows the same cue.
 */
export function VRSubtitles() {
  const inXR = useAppStore((s) => s.inXR);
  const on = useAppStore((s) => s.subtitles);
  const cue = useAppStore((s) => s.cueIndex);
  const locale = useAppStore((s) => s.locale);
  const station = useStation();
  const group = useRef<Group>(null);
  const back = useRef<Mesh>(null);
  const follow = useRef(createFollowState());
  const textMaterial = useMemo(() => new MeshBasicMaterial({ depthTest: false, depthWrite: false, transparent: true }), []);

  const sentence = station?.kind === 'stop' && cue >= 0 ? station.stop.narration[cue] : undefined;
  const line = inXR && on && sentence ? (sentence[locale] ?? sentence.zh) : '';
  const shown = line !== '';

  useFrame((state, delta) => {
    const g = group.current;
    if (!g) return;
    if (!shown) {
      follow.current.placed = false;
      return;
    }
    state.camera.getWorldPosition(headPos);
    state.camera.getWorldQuaternion(headQuat);
    head.x = headPos.x;
    head.y = headPos.y;
    head.z = headPos.z;
    head.yaw = yawOfQuaternion(headQuat.x, headQuat.y, headQuat.z, headQuat.w);
    followStep(follow.current, head, delta);
    const pose = panelPose(follow.current);
    g.position.set(...pose.position);
    g.rotation.set(pose.tilt, pose.yaw, 0, 'YXZ');
  });

  return (
    <group ref={group} name="vr-subtitles" visible={shown}>
      <mesh ref={back} renderOrder={20} position-z={-0.002}>
        <planeGeometry args={[1, 1]} />
        <meshBasicMaterial color="#1f1a17" transparent opacity={0.78} depthTest={false} depthWrite={false} />
      </mesh>
      <Text
        font={FONT_URL}
        material={textMaterial}
        renderOrder={21}
        fontSize={0.065}
        lineHeight={1.35}
        maxWidth={1.2}
        textAlign="center"
        anchorX="center"
        anchorY="middle"
        color="#ffffff"
        onSync={(troika: { textRenderInfo?: { blockBounds: [number, number, number, number] } }) => {
          const b = troika.textRenderInfo?.blockBounds;
          if (!b || !back.current) return;
          back.current.scale.set(b[2] - b[0] + 2 * PAD, b[3] - b[1] + 2 * PAD, 1);
          back.current.position.set((b[0] + b[2]) / 2, (b[1] + b[3]) / 2, -0.002);
        }}
      >
        {line}
      </Text>
    </group>
  );
}
