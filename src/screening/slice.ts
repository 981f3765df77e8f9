/**
 * The group-screening slice of the app store (presenter and projector windows): the room's latest
 * view from the server, the socket's status, and the last refusal to show.
 */
import type { StateCreator } from 'zustand';
import type { ErrorCode, PresenterView } from './protocol';
import type { SocketStatus } from './socket';

export interface ScreeningSlice {
  roomView: PresenterView | null;
  roomStatus: SocketStatus;
  roomError: ErrorCode | null;
  setRoomView: (view: PresenterView) => void;
  setRoomStatus: (status: SocketStatus) => void;
  setRoomError: (error: ErrorCode | null) => void;
}

export const createScreeningSlice = <S extends ScreeningSlice>(set: Parameters<StateCreator<S>>[0]): ScreeningSlice => ({
  roomView: null,
  roomStatus: 'connecting',
  roomError: null,
  setRoomView: (roomView) => set({ roomView } as Partial<S>),
  setRoomStatus: (roomStatus) => set({ roomStatus } as Partial<S>),
  setRoomError: (roomError) => set({ roomError } as Partial<S>),
});
