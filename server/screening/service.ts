/**
 * Group screening on the server: the rooms (one `RoomState` each, held here and nowhere else),
 * the WebSocket they sync over, and their HTTP routes.
 *
 *   POST /api/screening/rooms            create a room (from this computer only) → { code, token, meetingId, joinUrl }
 *   GET  /api/screening/rooms/<code>/qr.svg   the phones' join address as a QR code (made here, offline)
 *   GET  /j/<code>                       a phone's page (the `phone.html` entry of the build)
 *   WS   /ws/screening                   the room socket; see `src/screening/protocol.ts`
 *
 * Every client says `hello` first and gets the whole view at once — so a phone or a window that
 * dropped and reconnected is back where the room is. Phones keep a client id in their storage:
 * the same id is the same participant again. Only a client that shows the presenter token (made
 * when the room is created, kept by the presenter's browser) may control the room. Rooms live in
 * memory; what must last (statements, the meeting record) is stored when attendance is confirmed.
 */
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Scene } from '../../src/content/schema';
import type { RecordConfig } from '../../src/record/statements';
import { CODE_PATTERN, PHONE_PATH, SOCKET_PATH, type ClientMessage, type Command, type ErrorCode, type Role, type ServerMessage } from '../../src/screening/protocol';
import {
  answer,
  applyCommand,
  confirmAttendance,
  createRoom,
  join as joinRoom,
  markRecorded,
  phoneView,
  presenterView,
  setOnline,
  type RoomResult,
  type RoomState,
} from '../../src/screening/room';
import { readBody, type Route } from '../app';
import { sameOrigin } from '../admin/http';
import { loadScenes } from '../admin/scenes';
import type { RosterQueries } from '../db/roster';
import type { StatementStore } from '../db/types';
import { parseClientMessage } from './messages';
import { meetingRecord, meetingStatements, storeStatements, type AttendeeInfo } from './records';
import type { MeetingStore } from './store';

/** Which listener a request came in on: the app's, or the plain-HTTP one for phones on the LAN. */
export type Listener = 'app' | 'phone';

export interface ScreeningOptions {
  store: StatementStore;
  meetings: MeetingStore;
  roster: RosterQueries;
  config: RecordConfig;
  /** The branch the statements are stored under (the device credential's). */
  deviceBranch: string;
  scenesDir: string;
  /** The built app, for `/j/<code>` (its `phone.html`). */
  distDir: string;
  now?: () => number;
  log?: (line: string) => void;
  /** Ping interval for dead-connection detection, ms. Default 20 000. */
  heartbeatMs?: number;
}

interface Client {
  ws: WebSocket;
  role: Role;
  clientId: string;
  control: boolean;
  memberId: string | null;
  room: Room;
  lastRev: number;
}

interface Room {
  state: RoomState;
  scene: Scene;
  token: string;
  clients: Set<Client>;
  /** Phone client id → member id: the same phone is the same participant after a reconnect. */
  phones: Map<string, string>;
  broadcastQueued: boolean;
  recording: Promise<void> | null;
}

const MAX_ROOMS = 50;
const ROOM_TTL_MS = 24 * 3600 * 1000;

const ERROR_TEXT: Record<ErrorCode, string> = {
  'bad-message': 'the message is not valid',
  'no-room': 'there is no room with this code',
  'not-presenter': 'only the presenter may do this',
  'not-joined': 'pick a name first',
  'unknown-member': 'not a member on the roster',
  'role-not-allowed': 'this address serves phones only',
  'no-question': 'no such question on screen',
  'question-closed': 'answers to this question are closed',
  'bad-answer': 'the answer does not fit the question',
  'bad-station': 'no such station',
  'meeting-ended': 'the meeting has ended',
  'already-confirmed': 'attendance was already confirmed',
  'record-failed': 'the records could not be stored; try again',
  replaced: 'this name was taken up on another device',
};

const isLoopback = (address: string | undefined) => !!address && (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));

function tokenMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function sendJson(req: IncomingMessage, res: ServerResponse, status: number, value: unknown): void {
  const body = Buffer.from(JSON.stringify(value));
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(body.length), 'Cache-Control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : body);
}

export class ScreeningService {
  readonly routes: Route[];
  private readonly rooms = new Map<string, Room>();
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private readonly now: () => number;
  private readonly heartbeat: NodeJS.Timeout;
  /** Answered the last ping (a socket that did not by the next one is dropped). */
  private readonly alive = new WeakMap<WebSocket, boolean>();
  private scenes: Promise<Scene[]> | null = null;
  /** `http://<LAN address>:<phone port>`; set by the server once it listens. */
  joinBase = 'http://127.0.0.1:8081';

  constructor(private readonly options: ScreeningOptions) {
    this.now = options.now ?? Date.now;
    this.routes = [
      { method: 'POST', path: '/api/screening/rooms', handler: (req, res) => this.createRoomRoute(req, res) },
      { method: 'GET', path: '/api/screening/rooms/*', handler: (req, res, ctx) => this.roomRoute(req, res, ctx.rest) },
      { method: 'GET', path: `${PHONE_PATH.slice(0, -1)}/*`, handler: (req, res) => this.phonePage(req, res) },
    ];
    this.heartbeat = setInterval(() => this.ping(), options.heartbeatMs ?? 20_000);
    this.heartbeat.unref();
  }

  /** The scenes rooms can show (read once). */
  private loadScenes(): Promise<Scene[]> {
    this.scenes ??= loadScenes(this.options.scenesDir);
    return this.scenes;
  }

  /** A room's state, for tests and the server's own use. */
  roomState(code: string): RoomState | undefined {
    return this.rooms.get(code)?.state;
  }

  // ---------------------------------------------------------------------------------------- HTTP

  private async createRoomRoute(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // The presenter's laptop serves the room: only a browser on it may open one (phones and other
    // machines on the Wi-Fi cannot), and never from another site's page.
    if (!isLoopback(req.socket.remoteAddress) || !sameOrigin(req)) {
      return sendJson(req, res, 403, { error: 'a screening room can only be created on the computer that runs the server (http://127.0.0.1)' });
    }
    const body = await readBody(req, 16 * 1024);
    let input: { baseId?: unknown; branchId?: unknown; presenterId?: unknown };
    try {
      input = JSON.parse(body?.toString('utf8') ?? '') as typeof input;
    } catch {
      return sendJson(req, res, 400, { error: 'the body must be JSON: { "baseId": …, "branchId"?: …, "presenterId"?: … }' });
    }
    const scene = (await this.loadScenes()).find((s) => s.id === input.baseId);
    if (!scene) return sendJson(req, res, 400, { error: `baseId: no base ${JSON.stringify(input.baseId)}` });
    let branchId: string | null = null;
    if (input.branchId !== undefined && input.branchId !== null && input.branchId !== '') {
      if (typeof input.branchId !== 'string' || !(await this.options.roster.getBranch(input.branchId))) {
        return sendJson(req, res, 400, { error: `branchId: no branch ${JSON.stringify(input.branchId)} on the roster` });
      }
      branchId = input.branchId;
    }
    let presenter: { id: string; name: string } | null = null;
    if (input.presenterId !== undefined && input.presenterId !== null && input.presenterId !== '') {
      const found = typeof input.presenterId === 'string' ? (await this.options.roster.membersByIds([input.presenterId])).get(input.presenterId) : undefined;
      if (!found) return sendJson(req, res, 400, { error: `presenterId: no member ${JSON.stringify(input.presenterId)} on the roster` });
      presenter = { id: found.id, name: found.name };
    }
    this.sweep();
    if (this.rooms.size >= MAX_ROOMS) return sendJson(req, res, 503, { error: `too many open rooms (${MAX_ROOMS}); close some first` });
    let code: string;
    do code = String(Math.floor(Math.random() * 9000) + 1000);
    while (this.rooms.has(code));
    const meetingId = randomUUID();
    const token = randomBytes(24).toString('base64url');
    const joinUrl = `${this.joinBase}${PHONE_PATH}${code}`;
    const state = createRoom(scene, { code, meetingId, branchId, presenter, joinUrl, now: this.now() });
    this.rooms.set(code, { state, scene, token, clients: new Set(), phones: new Map(), broadcastQueued: false, recording: null });
    this.options.log?.(`集体放映 / group screening ${code}: ${scene.title.zh} — ${joinUrl}`);
    sendJson(req, res, 201, { code, token, meetingId, joinUrl });
  }

  private async roomRoute(req: IncomingMessage, res: ServerResponse, rest: string): Promise<void> {
    const match = /^(\d{4})\/qr\.svg$/.exec(rest);
    const room = match ? this.rooms.get(match[1]!) : undefined;
    if (!room) return sendJson(req, res, 404, { error: 'no such room' });
    const svg = await QRCode.toString(room.state.joinUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    res.writeHead(200, { 'Content-Type': 'image/svg+xml', 'Content-Length': String(Buffer.byteLength(svg)), 'Cache-Control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : svg);
  }

  private async phonePage(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let page: Buffer;
    try {
      page = await readFile(join(this.options.distDir, 'phone.html'));
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('phone.html is missing from the build: run npm run build\n');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(page.length), 'Cache-Control': 'no-cache' });
    res.end(req.method === 'HEAD' ? undefined : page);
  }

  /** Drops rooms older than a day. */
  private sweep(): void {
    const now = this.now();
    for (const [code, room] of this.rooms) {
      if (now - room.state.createdAt < ROOM_TTL_MS) continue;
      for (const client of room.clients) client.ws.close(1001, 'room closed');
      this.rooms.delete(code);
    }
  }

  // ----------------------------------------------------------------------------------- WebSocket

  /** Takes an HTTP upgrade on {@link SOCKET_PATH}; anything else is refused. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, listener: Listener): void {
    const path = (req.url ?? '').split('?', 1)[0];
    if (path !== SOCKET_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.connected(ws, listener));
  }

  private send(ws: WebSocket, message: ServerMessage): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  }

  private error(ws: WebSocket, code: ErrorCode, detail?: string, seq?: number): void {
    this.send(ws, { type: 'error', code, message: detail ? `${ERROR_TEXT[code]}: ${detail}` : ERROR_TEXT[code], ...(seq !== undefined ? { seq } : {}) });
  }

  private connected(ws: WebSocket, listener: Listener): void {
    let client: Client | null = null;
    this.alive.set(ws, true);
    ws.on('pong', () => this.alive.set(ws, true));
    ws.on('message', (data, isBinary) => {
      if (isBinary) return this.error(ws, 'bad-message', 'send text frames');
      const parsed = parseClientMessage(data.toString());
      if (!parsed.ok) return this.error(ws, 'bad-message', parsed.reason);
      const message = parsed.message;
      if (message.type === 'hello') {
        if (client) return this.error(ws, 'bad-message', 'hello was already said');
        client = this.hello(ws, message, listener);
        return;
      }
      if (!client) return this.error(ws, 'bad-message', 'say hello first');
      void this.handle(client, message).catch((error: unknown) => {
        this.options.log?.(`[screening] ${(error as Error).stack ?? String(error)}`);
        this.error(ws, 'record-failed');
      });
    });
    ws.on('close', () => {
      if (client) this.disconnected(client);
    });
    ws.on('error', () => undefined);
  }

  private hello(ws: WebSocket, message: Extract<ClientMessage, { type: 'hello' }>, listener: Listener): Client | null {
    const room = CODE_PATTERN.test(message.code) ? this.rooms.get(message.code) : undefined;
    if (!room) {
      this.error(ws, 'no-room', message.code);
      ws.close(4404, 'no such room');
      return null;
    }
    if (message.role !== 'phone' && listener === 'phone') {
      this.error(ws, 'role-not-allowed');
      ws.close(4403, 'phones only');
      return null;
    }
    const control = message.role !== 'phone' && tokenMatches(room.token, message.token);
    if (message.role !== 'phone' && !control) {
      this.error(ws, 'not-presenter', 'the presenter token is missing or wrong');
      ws.close(4401, 'presenter token required');
      return null;
    }
    const client: Client = { ws, role: message.role, clientId: message.clientId, control, memberId: null, room, lastRev: 0 };
    room.clients.add(client);
    this.send(ws, { type: 'welcome', role: client.role, clientId: client.clientId, control });
    const memberId = client.role === 'phone' ? room.phones.get(client.clientId) : undefined;
    if (memberId && room.state.participants[memberId]) {
      // The same phone again (a reconnect): the same participant.
      this.bindPhone(client, memberId);
    } else this.sendView(client, true);
    return client;
  }

  private disconnected(client: Client): void {
    const room = client.room;
    room.clients.delete(client);
    if (client.memberId) this.update(room, setOnline(room.state, client.memberId, this.onlineCount(room, client.memberId)));
  }

  private onlineCount(room: Room, memberId: string): number {
    let n = 0;
    for (const c of room.clients) if (c.memberId === memberId) n++;
    return n;
  }

  private bindPhone(client: Client, memberId: string): void {
    const room = client.room;
    // A name taken up on another phone leaves the first one.
    for (const other of room.clients) {
      if (other !== client && other.role === 'phone' && other.memberId === memberId && other.clientId !== client.clientId) {
        other.memberId = null;
        room.phones.delete(other.clientId);
        this.error(other.ws, 'replaced');
        this.sendView(other, true);
      }
    }
    client.memberId = memberId;
    room.phones.set(client.clientId, memberId);
    this.update(room, setOnline(room.state, memberId, this.onlineCount(room, memberId)));
    this.sendView(client, true);
  }

  private async handle(client: Client, message: Exclude<ClientMessage, { type: 'hello' }>): Promise<void> {
    const room = client.room;
    const { ws } = client;
    switch (message.type) {
      case 'join': {
        if (client.role !== 'phone') return this.error(ws, 'role-not-allowed', 'only phones join');
        const member = (await this.options.roster.membersByIds([message.memberId])).get(message.memberId);
        if (!member || !member.active) return this.error(ws, 'unknown-member', message.memberId);
        if (client.memberId && client.memberId !== member.id) this.leave(client);
        const joined = joinRoom(room.state, { id: member.id, name: member.name, branchId: member.branchId }, this.now());
        if (!joined.ok) return this.error(ws, joined.code, joined.message);
        this.update(room, joined.state);
        this.bindPhone(client, member.id);
        return;
      }
      case 'leave':
        if (client.memberId) this.leave(client);
        this.sendView(client, true);
        return;
      case 'answer': {
        if (!client.memberId) return this.error(ws, 'not-joined');
        const result = answer(room.scene, room.state, client.memberId, { checkpointId: message.checkpointId, questionId: message.questionId, options: message.given }, this.now());
        return this.apply(client, result);
      }
      case 'command': {
        if (!client.control) return this.error(ws, 'not-presenter', undefined, message.seq);
        if (message.command.type === 'confirm') return this.confirm(client, message.command.attendees, message.seq);
        return this.apply(client, applyCommand(room.scene, room.state, message.command as Exclude<Command, { type: 'confirm' }>, this.now()), message.seq);
      }
    }
  }

  private leave(client: Client): void {
    const room = client.room;
    const memberId = client.memberId!;
    client.memberId = null;
    room.phones.delete(client.clientId);
    this.update(room, setOnline(room.state, memberId, this.onlineCount(room, memberId)));
  }

  private apply(client: Client, result: RoomResult, seq?: number): void {
    if (!result.ok) return this.error(client.ws, result.code, result.message, seq);
    this.update(client.room, result.state);
    if (seq !== undefined) this.send(client.ws, { type: 'ack', seq });
  }

  /** Fixes the attendance, then stores the statements and the meeting record (again on a retry, never twice). */
  private async confirm(client: Client, attendees: readonly string[], seq?: number): Promise<void> {
    const room = client.room;
    const members = await this.options.roster.membersByIds(attendees);
    const unknown = attendees.filter((id) => !members.has(id) && !room.state.participants[id]);
    if (unknown.length > 0) return this.error(client.ws, 'unknown-member', unknown.join(', '), seq);
    const fixed = confirmAttendance(room.state, attendees, this.now());
    if (!fixed.ok) return this.error(client.ws, fixed.code, fixed.message, seq);
    this.update(room, fixed.state);
    while (room.recording) await room.recording;
    if (room.state.ended?.recorded) {
      if (seq !== undefined) this.send(client.ws, { type: 'ack', seq });
      return;
    }
    const state = room.state;
    const infos: AttendeeInfo[] = state.ended!.attendees.map((id) => {
      const m = members.get(id);
      const p = state.participants[id];
      return { id, name: m?.name ?? p?.name ?? id, branchId: m?.branchId ?? p?.branchId ?? null };
    });
    const task = (async () => {
      const statements = meetingStatements(room.scene, state, this.options.config, infos);
      await storeStatements(this.options.store, statements, { branch: this.options.deviceBranch, homePage: this.options.config.homePage });
      const branch = state.branchId ? await this.options.roster.getBranch(state.branchId) : null;
      await this.options.meetings.save(meetingRecord(room.scene, state, { attendees: infos, branchName: branch?.name ?? null, statements: statements.length }));
    })();
    room.recording = task.then(
      () => undefined,
      () => undefined,
    );
    try {
      await task;
      this.update(room, markRecorded(room.state));
      if (seq !== undefined) this.send(client.ws, { type: 'ack', seq });
    } catch (error) {
      this.options.log?.(`[screening] records of meeting ${state.meetingId} could not be stored: ${(error as Error).message}`);
      this.error(client.ws, 'record-failed', (error as Error).message, seq);
    } finally {
      room.recording = null;
    }
  }

  // ----------------------------------------------------------------------------------- broadcast

  private update(room: Room, next: RoomState): void {
    if (next === room.state) return;
    room.state = next;
    if (room.broadcastQueued) return;
    room.broadcastQueued = true;
    // Coalesce a burst (thirty phones answering at once) into one view per client.
    setImmediate(() => {
      room.broadcastQueued = false;
      for (const client of room.clients) this.sendView(client, false);
    });
  }

  private sendView(client: Client, force: boolean): void {
    const { room } = client;
    if (!force && client.lastRev === room.state.rev) return;
    client.lastRev = room.state.rev;
    const view = client.role === 'phone' ? phoneView(room.scene, room.state, client.memberId) : presenterView(room.scene, room.state, this.now());
    this.send(client.ws, { type: 'state', view });
  }

  private ping(): void {
    for (const ws of this.wss.clients) {
      if (this.alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      this.alive.set(ws, false);
      ws.ping();
    }
  }

  /** Closes every socket (server shutdown). */
  close(): void {
    clearInterval(this.heartbeat);
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
  }
}
