/**
 * Where a visitor may stand: the union of a room's walkable rectangles minus its obstacles.
 * Used by desktop walking (collisions) and VR teleport (valid landing spots).
 */
import type { Rect, Room } from '../content/schema';

/** The floor plan of a room, as the scene describes it. */
export interface FloorPlan {
  walkable: readonly Rect[];
  obstacles: readonly Rect[];
}

const NO_FLOOR: FloorPlan = { walkable: [], obstacles: [] };

/** A room's floor plan; a panorama room has none (the visitor stays at the photo's centre). */
export function floorPlan(room: Room): FloorPlan {
  return room.type === 'model' ? { walkable: room.walkable, obstacles: room.obstacles } : NO_FLOOR;
}

/** How far from a wall or obstacle the visitor's centre must stay, in metres. */
export const BODY_RADIUS = 0.2;

function inside(r: Rect, x: number, z: number, margin: number): boolean {
  return x >= r.min[0] + margin && x <= r.max[0] - margin && z >= r.min[1] + margin && z <= r.max[1] - margin;
}

function inRects(rects: readonly Rect[], x: number, z: number, margin: number): boolean {
  // A point near a seam between two touching walkable rects is inside their union even if it is
  // within `margin` of each one's edge, so test with the margin grown around the point instead.
  if (margin === 0) return rects.some((r) => inside(r, x, z, 0));
  const corners: [number, number][] = [
    [x - margin, z - margin],
    [x + margin, z - margin],
    [x - margin, z + margin],
    [x + margin, z + margin],
    [x, z],
  ];
  return corners.every(([cx, cz]) => rects.some((r) => inside(r, cx, cz, 0)));
}

function hitsObstacle(plan: FloorPlan, x: number, z: number, margin: number): boolean {
  return plan.obstacles.some((o) => x > o.min[0] - margin && x < o.max[0] + margin && z > o.min[1] - margin && z < o.max[1] + margin);
}

/** True when a visitor (radius `margin`) can stand at (x, z). */
export function isWalkable(plan: FloorPlan, x: number, z: number, margin = BODY_RADIUS): boolean {
  return inRects(plan.walkable, x, z, margin) && !hitsObstacle(plan, x, z, margin);
}

/**
 * Moves from (x, z) by (dx, dz) as far as the floor plan allows, sliding along walls:
 * the full step if free, else each axis alone, else no move.
 */
export function slide(plan: FloorPlan, x: number, z: number, dx: number, dz: number): [number, number] {
  if (isWalkable(plan, x + dx, z + dz)) return [x + dx, z + dz];
  if (dx !== 0 && isWalkable(plan, x + dx, z)) return [x + dx, z];
  if (dz !== 0 && isWalkable(plan, x, z + dz)) return [x, z + dz];
  return [x, z];
}
