import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useRef } from 'react';
import { player } from '../state/player';
import { slide } from '../tour/walkable';
import { turnDirection, walkDirection } from './keymap';

/** Eye height of a standing visitor on desktop, metres. */
export const EYE_HEIGHT = 1.6;
const WALK_SPEED = 1.6;
const AUTO_WALK_SPEED = 1.8;
const LOOK_SPEED = 0.0035;
const PITCH_LIMIT = 1.3;
/** Turning with the keys where there is no floor (a panorama), radians per second. */
const KEY_TURN_SPEED = 1.2;

function approachAngle(from: number, to: number, maxStep: number): number {
  const d = Math.atan2(Math.sin(to - from), Math.cos(to - from));
  return Math.abs(d) <= maxStep ? to : from + Math.sign(d) * maxStep;
}

/**
 * The desktop/tablet camera: WASD/arrows walk (sliding along walls), mouse drag or pointer
 * lock looks around, touch drag looks, and walks to a stop glide. In a panorama room (no floor)
 * WASD/arrows turn the view instead. All per-frame state is in `player`.
 */
export function DesktopRig() {
  const camera = useThree((s) => s.camera);
  const canvas = useThree((s) => s.gl.domElement);
  const held = useRef(new Set<string>());

  useEffect(() => {
    const keys = held.current;
    const typing = (e: KeyboardEvent) => e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
    const down = (e: KeyboardEvent) => {
      if (!typing(e)) keys.add(e.code);
    };
    const up = (e: KeyboardEvent) => keys.delete(e.code);
    const blur = () => keys.clear();
    let dragging: number | null = null;
    const look = (dx: number, dy: number) => {
      player.target = null;
      player.yaw -= dx * LOOK_SPEED;
      player.pitch = Math.max(-PITCH_LIMIT, Math.min(PITCH_LIMIT, player.pitch - dy * LOOK_SPEED));
    };
    const pointerDown = (e: PointerEvent) => {
      if (document.pointerLockElement !== canvas) dragging = e.pointerId;
    };
    const pointerMove = (e: PointerEvent) => {
      if (document.pointerLockElement === canvas || dragging === e.pointerId) look(e.movementX, e.movementY);
    };
    const pointerUp = (e: PointerEvent) => {
      if (dragging === e.pointerId) dragging = null;
    };
    const lockChange = () => document.body.classList.toggle('pointer-locked', document.pointerLockElement === canvas);
    // An AbortController removes every listener at once on unmount.
    const off = new AbortController();
    const opts = { signal: off.signal };
    window.addEventListener('keydown', down, opts);
    window.addEventListener('keyup', up, opts);
    window.addEventListener('blur', blur, opts);
    canvas.addEventListener('pointerdown', pointerDown, opts);
    window.addEventListener('pointermove', pointerMove, opts);
    window.addEventListener('pointerup', pointerUp, opts);
    window.addEventListener('pointercancel', pointerUp, opts);
    document.addEventListener('pointerlockchange', lockChange, opts);
    canvas.style.touchAction = 'none';
    return () => {
      off.abort();
      document.body.classList.remove('pointer-locked');
    };
  }, [canvas]);

  useFrame((_, delta) => {
    const dt = Math.min(delta, 0.1);
    const [dx, dz] = walkDirection(held.current, player.yaw);
    const [turn, tilt] = player.plan.walkable.length === 0 ? turnDirection(held.current) : [0, 0];
    if (turn !== 0 || tilt !== 0) {
      player.target = null;
      player.yaw -= turn * KEY_TURN_SPEED * dt;
      player.pitch = Math.max(-PITCH_LIMIT, Math.min(PITCH_LIMIT, player.pitch + tilt * KEY_TURN_SPEED * dt));
    } else if (dx !== 0 || dz !== 0) {
      player.target = null;
      [player.x, player.z] = slide(player.plan, player.x, player.z, dx * WALK_SPEED * dt, dz * WALK_SPEED * dt);
    } else if (player.target) {
      const t = player.target;
      const rx = t.x - player.x;
      const rz = t.z - player.z;
      const dist = Math.hypot(rx, rz);
      const step = AUTO_WALK_SPEED * dt;
      if (dist <= step) {
        player.x = t.x;
        player.z = t.z;
      } else {
        player.x += (rx / dist) * step;
        player.z += (rz / dist) * step;
      }
      player.yaw = approachAngle(player.yaw, t.yaw, 2.2 * dt);
      player.pitch = approachAngle(player.pitch, t.pitch, 1.2 * dt);
      if (dist <= step && player.yaw === t.yaw && player.pitch === t.pitch) player.target = null;
    }
    camera.position.set(player.x, EYE_HEIGHT, player.z);
    camera.rotation.set(player.pitch, player.yaw, 0, 'YXZ');
  });

  return null;
}
