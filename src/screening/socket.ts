/**
 * The browser side of the room socket, for the presenter and projector windows and for phones:
 * connects, says hello, hands every view and error to the caller, and reconnects after a drop
 * (0.5 s, doubling up to 5 s) — the server then sends the whole view again. No React here.
 */
import { SOCKET_PATH, type ClientMessage, type Command, type ErrorCode, type Role, type RoomView, type ServerMessage } from './protocol';

export type SocketStatus = 'connecting' | 'open' | 'closed';

export interface RoomSocketOptions {
  code: string;
  role: Role;
  clientId: string;
  token?: string;
  onView(view: RoomView): void;
  onStatus?(status: SocketStatus): void;
  onError?(code: ErrorCode, message: string): void;
  /** After each (re)connect's welcome. */
  onWelcome?(control: boolean): void;
  /** Default: this page's host, ws: or wss: to match. */
  url?: string;
}

export interface RoomSocket {
  send(message: ClientMessage): boolean;
  command(command: Command): boolean;
  close(): void;
}

/** A stable random id for this browser (phones: the same id is the same participant). */
export function browserClientId(key: string): string {
  try {
    const saved = localStorage.getItem(key);
    if (saved && /^[A-Za-z0-9_-]{8,64}$/.test(saved)) return saved;
  } catch {
    /* storage unavailable: a fresh id per page */
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const id = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  try {
    localStorage.setItem(key, id);
  } catch {
    /* ignore */
  }
  return id;
}

/** Opens the room socket; it keeps reconnecting until `close()`. */
export function openRoomSocket(options: RoomSocketOptions): RoomSocket {
  const url = options.url ?? `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${SOCKET_PATH}`;
  let ws: WebSocket | null = null;
  let closed = false;
  let delay = 500;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let rev = 0;

  const connect = () => {
    options.onStatus?.('connecting');
    const socket = new WebSocket(url);
    ws = socket;
    socket.onopen = () => {
      delay = 500;
      rev = 0;
      socket.send(JSON.stringify({ type: 'hello', code: options.code, role: options.role, clientId: options.clientId, ...(options.token ? { token: options.token } : {}) } satisfies ClientMessage));
    };
    socket.onmessage = (event) => {
      let message: ServerMessage;
      try {
        message = JSON.parse(String(event.data)) as ServerMessage;
      } catch {
        return;
      }
      if (message.type === 'welcome') {
        options.onStatus?.('open');
        options.onWelcome?.(message.control);
      } else if (message.type === 'state') {
        // Views arrive in order on one socket; a lower revision can only be a stale duplicate.
        if (message.view.rev < rev) return;
        rev = message.view.rev;
        options.onView(message.view);
      } else if (message.type === 'error') options.onError?.(message.code, message.message);
    };
    socket.onclose = (event) => {
      if (ws !== socket) return;
      ws = null;
      options.onStatus?.('closed');
      // 4401/4403/4404: no token, wrong port, no room — trying again would not help.
      if (closed || (event.code >= 4400 && event.code < 4500)) return;
      retry = setTimeout(connect, delay);
      delay = Math.min(delay * 2, 5000);
    };
  };
  connect();

  const send = (message: ClientMessage): boolean => {
    if (!ws || ws.readyState !== WebSocket.OPEN) return false;
    ws.send(JSON.stringify(message));
    return true;
  };
  return {
    send,
    command: (command) => send({ type: 'command', command }),
    close() {
      closed = true;
      clearTimeout(retry);
      ws?.close();
      ws = null;
    },
  };
}
