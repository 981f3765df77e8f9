/**
 * The projector camera's glide between stops, as pure functions: a cubic Hermite curve per
 * component (x, z, yaw, pitch) from the current pose and velocity to the target at rest. From rest
 * it is the smoothstep ease-in-out; when a new target arrives mid-glide it starts with the current
 * velocity, so the picture never jerks. Its duration is the shortest for which the sampled linear
 * speed and angular speed stay under comfortable caps (a room of people watches this on a wall:
 * slow turns, no sudden moves). The camera stays at eye height and never rolls.
 */

export interface Pose {
  x: number;
  z: number;
  /** Heading, radians; 0 looks towards −z. */
  yaw: number;
  pitch: number;
}

/** Velocity of a pose, per second. */
export type PoseVelocity = Pose;

export interface GlideLimits {
  /** Metres per second. */
  maxSpeed: number;
  /** Radians per second (yaw and pitch combined). */
  maxAngular: number;
  /** Seconds; even a tiny move takes this long. */
  minDuration: number;
}

/** 0.7 m/s, 25°/s, at least 1.2 s. */
export const COMFORT: GlideLimits = { maxSpeed: 0.7, maxAngular: (25 * Math.PI) / 180, minDuration: 1.2 };

export interface Glide {
  from: Pose;
  /** The target, with its yaw unwrapped to the nearest turn from `from`. */
  to: Pose;
  velocity: PoseVelocity;
  /** Seconds. */
  duration: number;
}

const ZERO: PoseVelocity = { x: 0, z: 0, yaw: 0, pitch: 0 };
const KEYS = ['x', 'z', 'yaw', 'pitch'] as const;
const SAMPLES = 48;

/** `to` shifted by whole turns so that it is at most half a turn from `from`. */
export function nearestAngle(from: number, to: number): number {
  return from + Math.atan2(Math.sin(to - from), Math.cos(to - from));
}

/** Position and velocity (per unit of u) of a cubic Hermite from p0 with slope m0 to p1 with slope 0. */
function hermite(p0: number, m0: number, p1: number, u: number): { p: number; d: number } {
  const u2 = u * u;
  const u3 = u2 * u;
  const p = (2 * u3 - 3 * u2 + 1) * p0 + (u3 - 2 * u2 + u) * m0 + (-2 * u3 + 3 * u2) * p1;
  const d = (6 * u2 - 6 * u) * p0 + (3 * u2 - 4 * u + 1) * m0 + (-6 * u2 + 6 * u) * p1;
  return { p, d };
}

/** Pose and velocity (per second) `t` seconds into a glide. */
export function sampleGlide(glide: Glide, t: number): { pose: Pose; velocity: PoseVelocity } {
  const T = glide.duration;
  if (T <= 0 || t >= T) return { pose: { ...glide.to }, velocity: { ...ZERO } };
  const u = Math.max(0, t) / T;
  const pose = { ...ZERO };
  const velocity = { ...ZERO };
  for (const k of KEYS) {
    const { p, d } = hermite(glide.from[k], glide.velocity[k] * T, glide.to[k], u);
    pose[k] = p;
    velocity[k] = d / T;
  }
  return { pose, velocity };
}

/** Peak linear and angular speed of a glide, sampled. */
export function peakSpeeds(glide: Glide): { linear: number; angular: number } {
  let linear = 0;
  let angular = 0;
  for (let i = 0; i <= SAMPLES; i++) {
    const { velocity } = sampleGlide(glide, (glide.duration * i) / SAMPLES);
    linear = Math.max(linear, Math.hypot(velocity.x, velocity.z));
    angular = Math.max(angular, Math.hypot(velocity.yaw, velocity.pitch));
  }
  return { linear, angular };
}

/**
 * A glide from `from` (moving at `velocity`) to `to`, as short as the limits allow. The starting
 * velocity is clamped to the limits first, so a glide can always meet them.
 */
export function planGlide(from: Pose, to: Pose, velocity: PoseVelocity = ZERO, limits: GlideLimits = COMFORT): Glide {
  const target = { ...to, yaw: nearestAngle(from.yaw, to.yaw) };
  const v = { ...velocity };
  const lin = Math.hypot(v.x, v.z);
  if (lin > limits.maxSpeed) {
    v.x *= limits.maxSpeed / lin;
    v.z *= limits.maxSpeed / lin;
  }
  const ang = Math.hypot(v.yaw, v.pitch);
  if (ang > limits.maxAngular) {
    v.yaw *= limits.maxAngular / ang;
    v.pitch *= limits.maxAngular / ang;
  }
  const distance = Math.hypot(target.x - from.x, target.z - from.z);
  const turn = Math.hypot(target.yaw - from.yaw, target.pitch - from.pitch);
  // Smoothstep's peak slope is 1.5 × the mean: the first guess for a glide from rest.
  let duration = Math.max(limits.minDuration, (1.5 * distance) / limits.maxSpeed, (1.5 * turn) / limits.maxAngular);
  if (distance < 1e-6 && turn < 1e-6 && lin < 1e-6 && ang < 1e-6) return { from: { ...from }, to: target, velocity: { ...ZERO }, duration: 0 };
  for (let i = 0; i < 40; i++) {
    const glide = { from: { ...from }, to: target, velocity: v, duration };
    const peak = peakSpeeds(glide);
    if (peak.linear <= limits.maxSpeed * 1.0001 && peak.angular <= limits.maxAngular * 1.0001) return glide;
    duration *= 1.15;
  }
  return { from: { ...from }, to: target, velocity: v, duration };
}
