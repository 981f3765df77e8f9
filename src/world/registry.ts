/**
 * The one table from a room's content `type` to the component that draws it (DESIGN §3.2).
 * Typed so that adding a room type to the schema without a component here fails to compile.
 */
import type { ComponentType } from 'react';
import type { Room, RoomType } from '../content/schema';
import { ModelRoom, preloadModelRoom, releaseModelRoom } from './ModelRoom';
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

type RoomLoaders = { [K in RoomType]?: { preload(room: Extract<Room, { type: K }>): void; release(room: Extract<Room, { type: K }>): void } };

/**
 * Rooms whose assets can be fetched and prepared before the visitor enters (model rooms: the
 * GLB, parsed). A 360° photo is not: decoded it holds 32 MB, and it is freed on leaving.
 */
const roomLoaders: RoomLoaders = {
  model: { preload: preloadModelRoom, release: releaseModelRoom },
};

const loaderOf = (room: Room) => (roomLoaders as Record<string, { preload(r: Room): void; release(r: Room): void } | undefined>)[room.type];

/** Starts loading a room's assets ahead of time, so that entering it does not wait (nor suspend). */
export function preloadRoom(room: Room): void {
  loaderOf(room)?.preload(room);
}

/** Forgets a room's loaded (or failed) assets, so that the next attempt loads them again. */
export function releaseRoom(room: Room): void {
  loaderOf(room)?.release(room);
}
