import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useRef } from 'react';
import { EYE_HEIGHT } from '../desktop/DesktopRig';
import { lookAngles } from '../state/player';
import { useRoom, useStation } from '../state/selectors';
import { stationPlace } from '../world/stationPlace';
import { glideTo, jumpTo, stepCamera } from './projectorCamera';

/** Looking no further up or down than this on a wall-sized picture. */
const PITCH_LIMIT = 0.3;

/**
 * The projector's camera: no walking; it glides between stops (ease-in-out, capped speed and
 * turn rate, see glide.ts) and is put in place at once when the room changes, behind a fade.
 */
export function ProjectorCamera() {
  const camera = useThree((s) => s.camera);
  const station = useStation();
  const room = useRoom();
  const shownRoom = useRef<string | null>(null);

  useEffect(() => {
    if (!station || !room) return;
    const { position, lookAt } = stationPlace(station);
    const { yaw, pitch } = lookAngles(position[0], EYE_HEIGHT, position[2], lookAt);
    const pose = { x: position[0], z: position[2], yaw, pitch: Math.max(-PITCH_LIMIT, Math.min(PITCH_LIMIT, pitch)) };
    if (shownRoom.current !== room.id) {
      shownRoom.current = room.id;
      jumpTo(pose);
    } else glideTo(pose);
  }, [station, room]);

  useFrame((_, delta) => {
    const pose = stepCamera(Math.min(delta, 0.1));
    camera.position.set(pose.x, EYE_HEIGHT, pose.z);
    camera.rotation.set(pose.pitch, pose.yaw, 0, 'YXZ');
  });
  return null;
}
