/**
 * The one table from a room's content `type` to the component that draws it (DESIGN §3.2).
 * Typed so that adding a room type to the schema without a component here fails to compile.
 */
import type { ComponentType } from 'react';
import type { Room, RoomType } from '../content/schema';
import { ModelRoom } from './ModelRoom';
import { PanoramaRoom } from './PanoramaRoom';

type RoomComponents = { [K in RoomType]: ComponentType<{ room: Extract<Room, { type: K }> }> };

export const roomComponents: Required<RoomComponents> = {
  model: ModelRoom,
  panorama: PanoramaRoom,
};

/** The component for a room, or null (with a warning) for a type this build does not know. */
export function roomComponent(room: Room): ComponentType<{ room: Room }> | null {
  const c = (roomComponents as Record<string, ComponentType<{ room: Room }>>)[room.type];
  if (!c) console.warn(`RedTour: room "${room.id}" has unknown type "${room.type}"; skipped`);
  return c ?? null;
}
