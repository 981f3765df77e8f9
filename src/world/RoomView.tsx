import { Suspense } from 'react';
import { useRoom } from '../state/selectors';
import { AssetErrorBoundary } from './AssetErrorBoundary';
import { roomComponent } from './registry';

/** The room the visitor is in, drawn by the component its type maps to. */
export function RoomView() {
  const room = useRoom();
  if (!room) return null;
  const Component = roomComponent(room);
  return (
    <AssetErrorBoundary key={room.id} what={`room "${room.id}"`}>
      <Suspense fallback={null}>{Component && <Component room={room} />}</Suspense>
    </AssetErrorBoundary>
  );
}
