/** Where an exhibit's highlight box goes, for either kind of room. Pure. */
import { facingEye, HIGHLIGHT_DISTANCE, pointInDirection, spanAt } from '../content/panorama';
import type { Room, Vec3 } from '../content/schema';

export interface HighlightPlacement {
  id: string;
  position: Vec3;
  rotation: [number, number, number, 'YXZ'];
  /** Size of the unit box. */
  scale: Vec3;
}

/** How deep the flat frame over a photo is, metres. */
const FRAME_DEPTH = 0.01;

/**
 * A model room's exhibit: its box as given. A panorama's: a flat frame facing the eye, at
 * HIGHLIGHT_DISTANCE, spanning the exhibit's angular size. Null for an unknown exhibit id.
 */
export function highlightPlacement(room: Room, exhibitId: string): HighlightPlacement | null {
  if (room.type === 'model') {
    const e = room.exhibits.find((x) => x.id === exhibitId);
    return e ? { id: e.id, position: e.center, rotation: [0, 0, 0, 'YXZ'], scale: e.size } : null;
  }
  const e = room.exhibits.find((x) => x.id === exhibitId);
  if (!e) return null;
  const [w, h] = spanAt(e.angularSize, HIGHLIGHT_DISTANCE);
  return { id: e.id, position: pointInDirection(e.direction, HIGHLIGHT_DISTANCE), rotation: facingEye(e.direction), scale: [w, h, FRAME_DEPTH] };
}
