/** Narrow selectors over the app store; each returns a stable reference while its value is unchanged. */
import type { Room } from '../content/schema';
import { currentStation, stations, type Station } from '../tour/progress';
import type { AppState } from './slices';
import { useAppStore } from './store';

/** The station the visitor is at, or null outside a tour. */
export function selectStation(s: AppState): Station | null {
  return s.scene && s.progress ? currentStation(s.scene, s.progress) : null;
}

/** The room the visitor is in, or null outside a tour. */
export function selectRoom(s: AppState): Room | null {
  const st = selectStation(s);
  return st && s.scene ? (s.scene.rooms[st.room] ?? null) : null;
}

/** All stations of the open base (stable array), or an empty list. */
export function selectStations(s: AppState): readonly Station[] {
  return s.scene ? stations(s.scene) : EMPTY;
}
const EMPTY: readonly Station[] = [];

export const useStation = () => useAppStore(selectStation);
export const useRoom = () => useAppStore(selectRoom);
export const useStations = () => useAppStore(selectStations);
