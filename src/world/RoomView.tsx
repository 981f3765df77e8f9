import { Suspense, useCallback, useEffect } from 'react';
import type { Room } from '../content/schema';
import { selectStation, useRoom } from '../state/selectors';
import { useAppStore, type AppState } from '../state/store';
import { AssetErrorBoundary } from './AssetErrorBoundary';
import { preloadRoom, releaseRoom, roomComponent } from './registry';

/** The room after the one the visitor is in, if the base has one. */
function selectNextRoom(s: AppState): Room | null {
  const station = selectStation(s);
  return station && s.scene ? (s.scene.rooms[station.room + 1] ?? null) : null;
}

/** Runs `then` once the Suspense boundary it sits in shows its content (every sibling has loaded). */
function WhenShown({ then }: { then: () => void }) {
  useEffect(then, [then]);
  return null;
}

/**
 * The room the visitor is in, drawn by the component its type maps to. Once it is shown, the
 * next room's assets load (the member spends minutes here), so that passing the checkpoint
 * opens it at once; a room that fails to load is forgotten by the loader, so entering it again
 * tries again.
 */
export function RoomView() {
  const room = useRoom();
  const next = useAppStore(selectNextRoom);
  const preloadNext = useCallback(() => {
    if (next) preloadRoom(next);
  }, [next]);
  if (!room) return null;
  const Component = roomComponent(room);
  return (
    <AssetErrorBoundary key={room.id} what={`room "${room.id}"`} onError={() => releaseRoom(room)}>
      <Suspense fallback={null}>
        {Component && <Component room={room} />}
        <WhenShown then={preloadNext} />
      </Suspense>
    </AssetErrorBoundary>
  );
}
