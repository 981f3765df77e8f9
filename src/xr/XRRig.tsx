import { useFrame, useThree } from '@react-three/fiber';
import { XROrigin } from '@react-three/xr';
import { useEffect, useRef } from 'react';
import type { Group } from 'three';
import { placePlayer, player } from '../state/player';
import { useAppStore } from '../state/store';
import { exposeXRForTests, originHandle } from './debug';
import { seatedLift, stepOrigin, wrapAngle, yawOfQuaternion } from './locomotion';
import { recenter, rig, xrScene } from './rig';
import { useControllerButtons } from './useControllerButtons';

const head = { x: 0, z: 0, yaw: 0 };

/**
 * The visitor in VR: the XR origin placed every frame so the tracked head is where `player`
 * says (teleport, snap turn, recenter and station moves all just write `player`), raised in
 * seated mode. Outside a session it only holds the XR camera and does nothing per frame.
 */
export function XRRig() {
  const origin = useRef<Group>(null);
  const xr = useThree((s) => s.gl.xr);
  const readButtons = useControllerButtons();
  const seatedBefore = useRef<boolean | null>(null);

  useEffect(() => {
    originHandle.current = origin.current;
    exposeXRForTests();
    xrScene.set(true);
    return () => {
      originHandle.current = null;
      xrScene.set(false);
    };
  }, []);

  useFrame((_state, _delta, frame?: XRFrame) => {
    const o = origin.current;
    const space = xr.getReferenceSpace();
    if (!o || !frame || !space) return;
    const pose = frame.getViewerPose(space);
    if (!pose) return;

    const buttons = readButtons(frame.session);
    if (buttons.turn !== 0) player.yaw = wrapAngle(player.yaw + buttons.turn);
    if (buttons.recenter) recenter();
    // In VR an automatic walk becomes a jump: gliding the view is what makes people sick.
    if (player.target) placePlayer(player.target.x, player.target.z, player.target.yaw);

    const { position: p, orientation: q } = pose.transform;
    const seated = useAppStore.getState().seated;
    if (seated !== seatedBefore.current || rig.remeasureLift) {
      rig.lift = seated ? seatedLift(p.y) : 0;
      seatedBefore.current = seated;
      // The head height is only known once tracking runs; until then keep measuring.
      rig.remeasureLift = seated && p.y < 0.5;
    }

    head.x = p.x;
    head.z = p.z;
    head.yaw = yawOfQuaternion(q.x, q.y, q.z, q.w);
    const world = stepOrigin(rig.solve, player, head);
    o.position.set(rig.solve.x, rig.lift, rig.solve.z);
    o.rotation.set(0, rig.solve.yaw, 0);
    player.x = world.x;
    player.z = world.z;
    player.yaw = world.yaw;
  });

  return <XROrigin ref={origin} />;
}
