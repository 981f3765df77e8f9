/**
 * The presenter and projector windows' link to their room: one socket per window, mirrored into
 * the store (`roomView`), and `sendCommand` for keys and buttons. Both windows run on the
 * presenter's laptop and share its storage, where the presenter token is kept.
 */
import { useAppStore } from '../state/store';
import type { Command } from './protocol';
import { browserClientId, openRoomSocket, type RoomSocket } from './socket';

let socket: RoomSocket | null = null;

const tokenKey = (code: string) => `redtour.screening.${code}`;

/** Keeps the presenter token of a room created in this browser. */
export function saveToken(code: string, token: string): void {
  localStorage.setItem(tokenKey(code), token);
}

/** The presenter token of a room, when this browser created it. */
export function savedToken(code: string): string | null {
  try {
    return localStorage.getItem(tokenKey(code));
  } catch {
    return null;
  }
}

/** Opens the window's room socket; returns the function that closes it. */
export function connectRoom(code: string, role: 'presenter' | 'projector', token: string): () => void {
  const store = useAppStore.getState();
  const s = openRoomSocket({
    code,
    role,
    token,
    clientId: browserClientId(`redtour.screening.${role}`),
    onView: (view) => {
      if (view.kind === 'presenter') useAppStore.getState().setRoomView(view);
    },
    onStatus: (status) => useAppStore.getState().setRoomStatus(status),
    onError: (error) => useAppStore.getState().setRoomError(error),
  });
  store.setRoomError(null);
  socket = s;
  return () => {
    s.close();
    if (socket === s) socket = null;
  };
}

/** Sends a presenter command; false when the socket is not open (the status line says so). */
export function sendCommand(command: Command): boolean {
  if (command.type !== 'playback') useAppStore.getState().setRoomError(null);
  return socket?.command(command) ?? false;
}
