/**
 * Directions in a 360° panorama room, as authors write them and as the world uses them. Pure.
 *
 * An author gives a direction as `{ yaw, pitch }` in degrees, measured from the visitor at the
 * centre of the photo: yaw 0 is the centre column of the equirectangular image, positive yaw is to
 * the right (clockwise seen from above), ±180 is its left/right edge; pitch 0 is the horizon (the
 * middle row), +90 straight up. So a pixel (x, y) of a W×H photo is yaw = (x / W − 0.5) × 360,
 * pitch = (0.5 − y / H) × 180. In the world, yaw 0 looks along −z and +x is to the right.
 */
import type { Vec3 } from './schema';

/** `{ yaw, pitch }` in degrees (see the module comment). */
export interface Direction {
  yaw: number;
  pitch: number;
}

/** The eye height the photo is shown at: a standing visitor's (desktop EYE_HEIGHT). */
export const PANORAMA_EYE_HEIGHT = 1.6;
/** Where the visitor's eyes are in a panorama room. */
export const PANORAMA_EYE: Vec3 = [0, PANORAMA_EYE_HEIGHT, 0];
/** Where the visitor stands (on the floor) in a panorama room. */
export const PANORAMA_CENTRE: Vec3 = [0, 0, 0];
/** How far a stop's look target is put from the eye; only its direction matters. */
export const LOOK_DISTANCE = 3;
/** How far from the eye hotspots float. */
export const HOTSPOT_DISTANCE = 4;
/** How far from the eye an exhibit's highlight frame is drawn (behind the hotspots). */
export const HIGHLIGHT_DISTANCE = 6;
/**
 * Horizontal distance of the quiz panel (2 m × 1.7 m) from the eye, and its centre's height at
 * pitch 0: far enough that the whole panel fits a desktop view without turning.
 */
export const PANEL_DISTANCE = 1.8;
export const PANEL_HEIGHT = 1.5;

const RAD = Math.PI / 180;

/** The unit vector of a direction, in world axes (y up, yaw 0 along −z, yaw 90 along +x). */
export function directionVector({ yaw, pitch }: Direction): Vec3 {
  const c = Math.cos(pitch * RAD);
  return [Math.sin(yaw * RAD) * c, Math.sin(pitch * RAD), -Math.cos(yaw * RAD) * c];
}

/** The point `distance` metres from `from` (default: the panorama eye) in a direction. */
export function pointInDirection(d: Direction, distance: number, from: Vec3 = PANORAMA_EYE): Vec3 {
  const v = directionVector(d);
  return [from[0] + v[0] * distance, from[1] + v[1] * distance, from[2] + v[2] * distance];
}

/**
 * The direction from `from` to `to`, in degrees (yaw in (−180, 180]), e.g. to turn a model room's
 * `lookAt` points into panorama directions from the eye a panorama was rendered at.
 */
export function directionTo(from: Vec3, to: Vec3): Direction {
  const dx = to[0] - from[0];
  const dy = to[1] - from[1];
  const dz = to[2] - from[2];
  const yaw = Math.atan2(dx, -dz) / RAD;
  const pitch = Math.atan2(dy, Math.hypot(dx, dz)) / RAD;
  return { yaw: yaw === -180 ? 180 : yaw, pitch };
}

/** The direction shown at pixel (x, y) of a width×height equirectangular image. */
export function pixelToDirection(x: number, y: number, width: number, height: number): Direction {
  return { yaw: (x / width - 0.5) * 360, pitch: (0.5 - y / height) * 180 };
}

/** The pixel (x, y) of a width×height equirectangular image that shows a direction. */
export function directionToPixel(d: Direction, width: number, height: number): [number, number] {
  const u = (((d.yaw / 360 + 0.5) % 1) + 1) % 1;
  return [u * width, (0.5 - d.pitch / 180) * height];
}

/**
 * Euler angles ('YXZ') that turn a flat thing (facing +z) placed in direction `d` around the eye
 * so that it faces the eye: hotspots, highlight frames.
 */
export function facingEye(d: Direction): [number, number, number, 'YXZ'] {
  return [d.pitch * RAD, -d.yaw * RAD, 0, 'YXZ'];
}

/** The quiz panel's centre for a checkpoint whose panel floats in direction `d`. */
export function panelPoint(d: Direction): Vec3 {
  const yaw = d.yaw * RAD;
  return [Math.sin(yaw) * PANEL_DISTANCE, PANEL_HEIGHT + Math.tan(d.pitch * RAD) * PANEL_DISTANCE, -Math.cos(yaw) * PANEL_DISTANCE];
}

/** Width and height (metres) of a flat frame at `distance` that spans `angularSize` degrees. */
export function spanAt(angularSize: readonly [number, number], distance: number): [number, number] {
  return [2 * distance * Math.tan((angularSize[0] * RAD) / 2), 2 * distance * Math.tan((angularSize[1] * RAD) / 2)];
}

/**
 * Limits for a panorama photo. 4096×2048 RGBA is 32 MiB of texture memory (no mipmaps: on screen
 * and in a headset the photo is magnified, never minified), half the 64 MB a stop may use; larger
 * photos are scaled down to this when loaded, and `npm run validate` rejects them.
 */
export const PANORAMA_LIMITS = {
  maxWidth: 4096,
  maxHeight: 2048,
  /** The file itself, against the 4 MB download budget of a base. */
  maxBytes: 2 * 1024 * 1024,
  /** width / height must be 2 within this share. */
  aspectTolerance: 0.01,
} as const;

/** GPU bytes of an RGBA8 texture of this size, with or without a full mipmap chain. */
export function textureBytes(width: number, height: number, mipmaps = false): number {
  let bytes = 0;
  for (let w = width, h = height; ; w = Math.max(1, w >> 1), h = Math.max(1, h >> 1)) {
    bytes += w * h * 4;
    if (!mipmaps || (w === 1 && h === 1)) return bytes;
  }
}

/** The size a photo is shown at: its own, or scaled down (keeping 2:1) to fit the limits. */
export function fittedSize(width: number, height: number): { width: number; height: number } {
  const k = Math.min(1, PANORAMA_LIMITS.maxWidth / width, PANORAMA_LIMITS.maxHeight / height);
  return { width: Math.max(1, Math.round(width * k)), height: Math.max(1, Math.round(height * k)) };
}

/** Where the hotspot of a station whose look target is `lookAt` floats in a panorama room, turned to face the eye. */
export function hotspotPlacement(lookAt: Vec3): { position: Vec3; rotation: [number, number, number, 'YXZ'] } {
  const d = directionTo(PANORAMA_EYE, lookAt);
  return { position: pointInDirection(d, HOTSPOT_DISTANCE), rotation: facingEye(d) };
}

/** The angle between two directions, degrees. */
export function angleBetween(a: Direction, b: Direction): number {
  const u = directionVector(a);
  const v = directionVector(b);
  const dot = u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
  return Math.acos(Math.max(-1, Math.min(1, dot))) / RAD;
}

/** Hotspots closer than this (degrees) would overlap (each ring is about 9° across) and hide each other. */
export const HOTSPOT_MIN_SEPARATION = 10;
