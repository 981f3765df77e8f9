/**
 * The projector camera's per-frame state, outside React (DESIGN §3.5): the glide in progress and
 * how far along it is. `ProjectorCamera` advances it in useFrame; the tests read `pose`.
 */
import { planGlide, sampleGlide, type Glide, type Pose, type PoseVelocity } from './glide';

export const projectorCamera: { glide: Glide | null; t: number; pose: Pose; velocity: PoseVelocity } = {
  glide: null,
  t: 0,
  pose: { x: 0, z: 0, yaw: 0, pitch: 0 },
  velocity: { x: 0, z: 0, yaw: 0, pitch: 0 },
};

/** Glides from wherever the camera is (keeping its velocity) to `to`. */
export function glideTo(to: Pose): void {
  projectorCamera.glide = planGlide(projectorCamera.pose, to, projectorCamera.velocity);
  projectorCamera.t = 0;
}

/** Puts the camera at `to` at once (behind the fade between rooms). */
export function jumpTo(to: Pose): void {
  projectorCamera.glide = null;
  projectorCamera.pose = { ...to };
  projectorCamera.velocity = { x: 0, z: 0, yaw: 0, pitch: 0 };
}

/** Advances the glide by `dt` seconds. */
export function stepCamera(dt: number): Pose {
  const c = projectorCamera;
  if (c.glide) {
    c.t += dt;
    const sample = sampleGlide(c.glide, c.t);
    c.pose = sample.pose;
    c.velocity = sample.velocity;
    if (c.t >= c.glide.duration) c.glide = null;
  }
  return c.pose;
}
