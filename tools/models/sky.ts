/** A sky dome shared by generated outdoor and windowed rooms. */
import { GeometryWriter, mix, normalize, type RGB, type Vec3 } from './geometry';
import type { Room } from './room';

/**
 * A sky dome (faces inward, unlit): haze at the horizon to blue overhead, and `below` under it.
 * It also keeps the view right if the renderer's background colour is missing.
 */
export function skyDome(room: Room, radius: number, horizon: RGB, zenith: RGB, below: RGB): void {
  const w = new GeometryWriter();
  const seg = 24;
  const rings = [-90, -30, -8, 0, 6, 15, 30, 50, 70, 90];
  const ids: number[][] = rings.map((deg) => {
    const e = (deg * Math.PI) / 180;
    const t = deg <= 0 ? 0 : Math.pow(Math.sin(e), 0.6);
    const c = deg < 0 ? mix(horizon, below, Math.min(1, -deg / 20)) : mix(horizon, zenith, t);
    w.withTint(c);
    return Array.from({ length: seg }, (_, i) => {
      const a = (i / seg) * Math.PI * 2;
      const p: Vec3 = [Math.cos(e) * Math.cos(a) * radius, Math.sin(e) * radius, Math.cos(e) * Math.sin(a) * radius];
      return w.vertex(p, normalize([-p[0], -p[1], -p[2]]));
    });
  });
  for (let r = 0; r + 1 < rings.length; r++)
    for (let i = 0; i < seg; i++) {
      const j = (i + 1) % seg;
      // counter-clockwise as seen from inside
      w.tri(ids[r]![i]!, ids[r + 1]![j]!, ids[r + 1]![i]!);
      w.tri(ids[r]![i]!, ids[r]![j]!, ids[r + 1]![j]!);
    }
  room.add('sky', w.build(), [1, 1, 1], { lit: false });
}
