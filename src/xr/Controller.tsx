import { createPortal, useFrame, useThree } from '@react-three/fiber';
import {
  CombinedPointer,
  DefaultXRInputSourceRayPointer,
  PointerCursorModel,
  TeleportPointerRayModel,
  XRControllerModel,
  XRSpace,
  useLinesPointer,
  usePointerXRInputSourceEvents,
  useXRInputSourceStateContext,
} from '@react-three/xr';
import { Suspense, useMemo, useRef, type ComponentProps } from 'react';
import { Euler, MathUtils, Quaternion, Vector3, type Group, type Mesh, type Object3D } from 'three';
import { player } from '../state/player';
import { selectRoom } from '../state/selectors';
import { useAppStore } from '../state/store';
import { canLandAt, teleportArcPoints } from './locomotion';

type Pointer = ComponentProps<typeof TeleportPointerRayModel>['pointer'];

/**
 * A press counts as a click up to this long (library default 300 ms): older visitors pull the
 * trigger or pinch slowly, and nothing in the tour is dragged.
 */
export const CLICK_MS = 1500;

const OK = '#ffffff';
const NO = '#e53935';

/** Arc and cursor colour: white where the visitor may land, red on walls, exhibits and off-limits floor. */
function landingColor(pointer: Pointer): string {
  const hit = pointer.getIntersection();
  return hit && canLandAt(player.plan, hit.point) ? OK : NO;
}

/**
 * What the arc can meet: teleport areas (marked by <TeleportArea/>, walls included) and objects
 * marked `userData.arcSelectable` (a stop's light on the floor: landing the arc on it selects it,
 * through its onClick, instead of teleporting next to it).
 */
const arcTargets = (object: Object3D) => object.userData.teleportTarget === true || object.userData.arcSelectable === true;

const a = new Vector3();
const b = new Vector3();

/**
 * Orders the arc's hits by how far along the arc they are. The library orders them by distance
 * within each straight piece of the arc, so a floor hit on a later piece could win over the wall
 * hit before it and the arc would pass through walls. The arc runs steadily forward (−z), so
 * "earlier" is simply "larger local z".
 */
function alongArc(arc: { current: Object3D | null }) {
  return (i1: { point: Vector3 }, order1: number | undefined, i2: { point: Vector3 }, order2: number | undefined): number => {
    if ((order1 ?? 0) !== (order2 ?? 0)) return (order2 ?? 0) - (order1 ?? 0);
    const g = arc.current;
    if (!g) return 0;
    return g.worldToLocal(b.copy(i2.point)).z - g.worldToLocal(a.copy(i1.point)).z;
  };
}

const target = new Quaternion();
const euler = new Euler(0, 0, 0, 'YXZ');
const ARC_TILT = MathUtils.degToRad(-10);
const ARC_PITCH_MIN = -Math.PI / 2;
const ARC_PITCH_MAX = MathUtils.degToRad(49.5);

/**
 * The teleport arc of one controller: a bent ray that only meets teleport areas (walls included,
 * so they stop it) and moves the visitor on trigger release (see TeleportArea). It follows the
 * controller's heading and pitch, eased to steady the hand; unlike the library's arc, the easing
 * never overshoots when a frame comes late (a room loading, a slow test browser).
 */
function TeleportArc() {
  const state = useXRInputSourceStateContext('controller');
  const space = useRef<Object3D>(null);
  const arc = useRef<Group>(null);
  const cursor = useRef<Mesh>(null);
  const linePoints = useMemo(() => teleportArcPoints().map(([x, y, z]) => new Vector3(x, y, z)), []);
  const customSort = useMemo(() => alongArc(arc), []);
  const pointer = useLinesPointer(arc, state, { linePoints, filter: arcTargets, customSort, clickThresholdMs: CLICK_MS }, 'teleport');
  usePointerXRInputSourceEvents(pointer, state.inputSource, 'select', state.events);
  const scene = useThree((s) => s.scene);

  useFrame((_, delta) => {
    const from = space.current;
    const to = arc.current;
    if (cursor.current) cursor.current.visible = pointer.getEnabled() && pointer.getButtonsDown().size > 0;
    if (!from || !to) return;
    from.updateWorldMatrix(true, false);
    from.matrixWorld.decompose(to.position, target, to.scale);
    euler.setFromQuaternion(target);
    euler.z = 0;
    euler.x = MathUtils.clamp(euler.x + ARC_TILT, ARC_PITCH_MIN, ARC_PITCH_MAX);
    target.setFromEuler(euler);
    to.quaternion.slerp(target, 1 - Math.exp(-10 * Math.min(delta, 1)));
  });

  return (
    <>
      <XRSpace ref={space} space="target-ray-space" />
      {createPortal(
        <group ref={arc} name="teleport-arc">
          <TeleportPointerRayModel pointer={pointer} linePoints={linePoints} color={landingColor} opacity={0.6} />
          <PointerCursorModel ref={cursor} pointer={pointer} color={landingColor} opacity={0.6} />
        </group>,
        scene,
      )}
    </>
  );
}

/**
 * A controller: its model (served by us), a ray for buttons and panels, and the teleport arc
 * (not in a panorama room, where the visitor stays at the photo's centre).
 */
export function Controller() {
  const walkable = useAppStore((s) => selectRoom(s)?.type !== 'panorama');
  return (
    <>
      <Suspense fallback={null}>
        <XRControllerModel />
      </Suspense>
      <CombinedPointer>
        <DefaultXRInputSourceRayPointer makeDefault minDistance={0.2} clickThresholdMs={CLICK_MS} />
        {walkable && <TeleportArc />}
      </CombinedPointer>
    </>
  );
}
