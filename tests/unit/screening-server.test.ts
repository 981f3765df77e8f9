/**
 * Group screening on the real server (SQLite, and PostgreSQL): room creation, the room socket
 * with real `ws` clients (hello, presenter token, phones joining and answering, reconnects, bad
 * messages), the phones' LAN port that serves nothing else, the QR code, and confirming attendance
 * into statements and a meeting record that are never stored twice.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ClientMessage, PhoneView, PresenterView, ServerMessage } from '../../src/screening/protocol';
import { stations } from '../../src/tour/progress';
import { VERBS } from '../../src/record/statements';
import { importRoster } from '../../server/roster/import';
import { driverOf } from '../../server/db/index';
import { MeetingStore } from '../../server/screening/store';
import { nameUuid } from '../../server/screening/records';
import { phoneAllows } from '../../server/screening/phone';
import { optionsFromCli } from '../../server/main';
import { skipPostgres, startPostgres, type TestPostgres } from '../pg';
import { call, jiandang, startRecords, type RecordsServer } from './admin-helpers';

const scene = jiandang();
const list = stations(scene);
const firstCheckpoint = list.findIndex((s) => s.kind === 'checkpoint');
const ROSTER = '姓名,工号/党员编号,支部\n张三,1001,第一党支部\n李四,1002,第一党支部\n王五,1003,第一党支部\n赵六,1004,第一党支部\n';

/** A socket client that keeps every message and waits for the one it needs. */
class Client {
  readonly messages: ServerMessage[] = [];
  readonly ws: WebSocket;
  readonly opened: Promise<void>;
  closed: { code: number; reason: string } | null = null;
  private waiters: (() => void)[] = [];

  constructor(url: string) {
    this.ws = new WebSocket(url);
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
    this.ws.on('message', (data) => {
      this.messages.push(JSON.parse(data.toString()) as ServerMessage);
      for (const w of this.waiters.splice(0)) w();
    });
    this.ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      for (const w of this.waiters.splice(0)) w();
    });
  }

  send(message: ClientMessage | string): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** The first message (from `from` on) that passes `test`. */
  async next<T extends ServerMessage>(test: (m: ServerMessage) => m is T, from = 0, timeout = 5000): Promise<T> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const found = this.messages.slice(from).find(test);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no such message; got ${JSON.stringify(this.messages.slice(from))}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  /** The first state view that passes `test`, from the latest one received on (or from message `from`). */
  view<V extends PresenterView | PhoneView>(test: (v: V) => boolean = () => true, from = this.lastState()): Promise<V> {
    return this.next((m): m is Extract<ServerMessage, { type: 'state' }> => m.type === 'state' && test(m.view as V), from).then((m) => m.view as V);
  }

  private lastState(): number {
    for (let i = this.messages.length - 1; i >= 0; i--) if (this.messages[i]!.type === 'state') return i;
    return 0;
  }

  error(code?: string, from = 0): Promise<Extract<ServerMessage, { type: 'error' }>> {
    return this.next((m): m is Extract<ServerMessage, { type: 'error' }> => m.type === 'error' && (code === undefined || m.code === code), from);
  }

  close(): void {
    this.ws.terminate();
  }
}

describe('the phones port', () => {
  it('is on at 8081 from the command line, can be moved or turned off', () => {
    expect(optionsFromCli([], {})).toMatchObject({ phonePort: 8081 });
    expect(optionsFromCli(['--phone-port', '9081'], {})).toMatchObject({ phonePort: 9081 });
    expect(optionsFromCli([], { REDTOUR_PHONE_PORT: '7081' })).toMatchObject({ phonePort: 7081 });
    expect(optionsFromCli(['--no-phone-port'], {})).toMatchObject({ phonePort: false });
    expect(() => optionsFromCli(['--phone-port', 'x'], {})).toThrow(/--phone-port/);
  });

  it('lets through only the phone page, its assets and the roster', () => {
    for (const path of ['/j/1234', '/assets/phone-AbC12345.js', '/fonts/redtour-sc.woff', '/api/roster', '/api/roster?x=1']) expect(phoneAllows('GET', path), path).toBe(true);
    for (const path of ['/', '/index.html', '/admin/', '/xapi/statements', '/api/config', '/j/12345', '/j/1234/../admin', '/screening/', '/api/screening/rooms'])
      expect(phoneAllows('GET', path), path).toBe(false);
    expect(phoneAllows('POST', '/j/1234')).toBe(false);
  });
});

const wsUrl = (base: string) => `${base.replace(/^http/, 'ws')}/ws/screening`;

for (const backend of ['sqlite', 'postgres'] as const) {
  describe.skipIf(backend === 'postgres' && skipPostgres)(`group screening on the server (${backend})`, { timeout: 60_000 }, () => {
    let pg: TestPostgres | null = null;
    let records: RecordsServer;
    let room: { code: string; token: string; meetingId: string; joinUrl: string };
    const clients: Client[] = [];
    const open = async (base = records.base) => {
      const c = new Client(wsUrl(base));
      clients.push(c);
      await c.opened;
      return c;
    };
    const presenter = async (token = room.token) => {
      const c = await open();
      c.send({ type: 'hello', code: room.code, role: 'presenter', clientId: 'presenter-window-1', token });
      return c;
    };
    const phone = async (clientId: string, base = records.server.phoneUrl!) => {
      const c = await open(base);
      c.send({ type: 'hello', code: room.code, role: 'phone', clientId });
      await c.view();
      return c;
    };

    beforeAll(async () => {
      if (backend === 'postgres') pg = await startPostgres();
      records = await startRecords({ phone: true, ...(pg ? { databaseUrl: await pg.createDatabase('screening') } : {}) });
      writeFileSync(join(records.dataDir, 'dist', 'phone.html'), '<!doctype html><title>phone</title>');
      expect((await importRoster(records.roster, Buffer.from(ROSTER))).ok).toBe(true);
    }, 60_000);

    afterAll(async () => {
      for (const c of clients) c.close();
      await records?.close();
      await pg?.stop();
    }, 30_000);

    it('creates a room from this computer, with a clear error for a bad request', async () => {
      const json = { 'Content-Type': 'application/json' };
      const bad = await call(records.base, 'POST', '/api/screening/rooms', { body: '{"baseId":"nowhere"}', headers: json });
      expect(bad.status).toBe(400);
      expect(bad.json.error).toMatch(/baseId: no base "nowhere"/);
      expect((await call(records.base, 'POST', '/api/screening/rooms', { body: 'not json', headers: json })).status).toBe(400);
      const badPresenter = await call(records.base, 'POST', '/api/screening/rooms', { body: JSON.stringify({ baseId: 'jiandang', presenterId: '9999' }), headers: json });
      expect(badPresenter.json.error).toMatch(/presenterId/);
      const crossSite = await call(records.base, 'POST', '/api/screening/rooms', { body: '{"baseId":"jiandang"}', headers: { ...json, 'Sec-Fetch-Site': 'cross-site' } });
      expect(crossSite.status).toBe(403);
      const branchId = (await records.roster.listBranches())[0]!.id;
      const made = await call(records.base, 'POST', '/api/screening/rooms', { body: JSON.stringify({ baseId: 'jiandang', branchId, presenterId: '1001' }), headers: json });
      expect(made.status).toBe(201);
      room = made.json;
      expect(room.code).toMatch(/^\d{4}$/);
      expect(room.joinUrl).toBe(`${records.server.phoneUrl}/j/${room.code}`);
      expect(records.server.screening!.roomState(room.code)).toMatchObject({ baseId: 'jiandang', branchId, presenter: { id: '1001', name: '张三' } });
    });

    it('serves the join address as a QR code made on the server', async () => {
      const svg = await call(records.base, 'GET', `/api/screening/rooms/${room.code}/qr.svg`);
      expect(svg.status).toBe(200);
      expect(svg.headers['content-type']).toBe('image/svg+xml');
      expect(svg.text).toBe(await QRCode.toString(room.joinUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }));
      expect((await call(records.base, 'GET', '/api/screening/rooms/0000/qr.svg')).status).toBe(404);
    });

    it('lets only the presenter token control the room', async () => {
      const stranger = await presenter('wrong-token');
      await stranger.error('not-presenter');
      await expect.poll(() => stranger.closed?.code).toBe(4401);
      const p = await presenter();
      const welcome = await p.next((m): m is Extract<ServerMessage, { type: 'welcome' }> => m.type === 'welcome');
      expect(welcome).toMatchObject({ role: 'presenter', control: true });
      const view = await p.view<PresenterView>(() => true, 0);
      expect(view).toMatchObject({ kind: 'presenter', code: room.code, station: 0, joinUrl: room.joinUrl });

      const ph = await phone('phone-aaaa-0001');
      const from = ph.messages.length;
      ph.send({ type: 'command', command: { type: 'next' }, seq: 7 });
      expect(await ph.error('not-presenter', from)).toMatchObject({ seq: 7 });
      expect(records.server.screening!.roomState(room.code)!.station).toBe(0);

      const at = p.messages.length;
      p.send({ type: 'command', command: { type: 'next' }, seq: 1 });
      await p.next((m): m is Extract<ServerMessage, { type: 'ack' }> => m.type === 'ack' && m.seq === 1, at);
      expect((await p.view<PresenterView>((v) => v.station === 1, at)).station).toBe(1);
      expect((await ph.view<PhoneView>((v) => v.stationTitle.zh === (list[1] as { stop: { title: { zh: string } } }).stop.title.zh)).stationKind).toBe('stop');
      ph.close();
      p.close();
    });

    it('answers a bad message with a clear error', async () => {
      const c = await open();
      c.send({ type: 'join', memberId: '1001' });
      expect((await c.error('bad-message')).message).toMatch(/say hello first/);
      c.send('{nope');
      expect((await c.error('bad-message', 1)).message).toMatch(/not JSON/);
      c.send(JSON.stringify({ type: 'hello', code: room.code, role: 'judge', clientId: 'x' }));
      expect((await c.error('bad-message', 2)).message).toMatch(/\$\.role/);
      c.send({ type: 'hello', code: '0000', role: 'phone', clientId: 'phone-zzzz-0000' });
      await c.error('no-room');
      await expect.poll(() => c.closed?.code).toBe(4404);

      const p = await presenter();
      await p.view();
      const from = p.messages.length;
      p.send({ type: 'command', command: { type: 'goto', station: 99 } });
      expect((await p.error('bad-station', from)).message).toMatch(/station must be an integer from 0 to 8/);
      p.send(JSON.stringify({ type: 'command', command: { type: 'goto', station: -1 } }));
      expect((await p.error('bad-message', from)).message).toMatch(/\$\.command\.station/);
      p.close();
    });

    it('phones join from the roster, answer, and get the room back after reconnecting', async () => {
      const p = await presenter();
      await p.view();
      p.send({ type: 'command', command: { type: 'goto', station: firstCheckpoint } });
      await p.view<PresenterView>((v) => v.station === firstCheckpoint);

      const a = await phone('phone-aaaa-0001');
      a.send({ type: 'join', memberId: '9999' });
      await a.error('unknown-member');
      a.send({ type: 'join', memberId: '1002' });
      const joined = await a.view<PhoneView>((v) => v.member?.id === '1002');
      expect(joined.question).toMatchObject({ index: 0, phase: 'open' });
      expect(joined.question!.answer).toBeUndefined();
      const q = scene.rooms[0]!.checkpoint!.questions[0]!;
      a.send({ type: 'answer', checkpointId: joined.question!.checkpointId, questionId: q.id, given: q.answer });
      expect((await a.view<PhoneView>((v) => v.mine !== null)).mine).toEqual(q.answer);
      const counts = await p.view<PresenterView>((v) => (v.counts[`${joined.question!.checkpointId}/${q.id}`]?.answered ?? 0) === 1);
      expect(counts.participants.map((x) => [x.id, x.online])).toContainEqual(['1002', 1]);

      // The phone drops; the presenter sees it offline; it comes back with the same client id.
      a.close();
      await p.view<PresenterView>((v) => v.participants.find((x) => x.id === '1002')?.online === 0);
      const again = await open(records.server.phoneUrl!);
      again.send({ type: 'hello', code: room.code, role: 'phone', clientId: 'phone-aaaa-0001' });
      const back = await again.view<PhoneView>((v) => v.member !== null, 0);
      expect(back).toMatchObject({ member: { id: '1002', name: '李四' }, mine: q.answer, question: { questionId: q.id, phase: 'open' } });
      await p.view<PresenterView>((v) => v.participants.find((x) => x.id === '1002')?.online === 1);

      // Another phone taking the same name: the first is told and let go.
      const b = await phone('phone-bbbb-0002');
      b.send({ type: 'join', memberId: '1002' });
      await b.view<PhoneView>((v) => v.member?.id === '1002');
      await again.error('replaced');
      expect((await again.view<PhoneView>((v) => v.member === null)).member).toBeNull();
      b.send({ type: 'leave' });
      await b.view<PhoneView>((v) => v.member === null);
      again.send({ type: 'join', memberId: '1002' });
      await again.view<PhoneView>((v) => v.member?.id === '1002');
      b.send({ type: 'join', memberId: '1003' });
      await b.view<PhoneView>((v) => v.member?.id === '1003');
      const wrong = q.options.find((o) => !q.answer.includes(o.id))!.id;
      b.send({ type: 'answer', checkpointId: joined.question!.checkpointId, questionId: q.id, given: [wrong] });
      await p.view<PresenterView>((v) => v.counts[`${joined.question!.checkpointId}/${q.id}`]?.answered === 2);

      // Reveal: closed to answers, and the phone learns the right answer.
      p.send({ type: 'command', command: { type: 'next' } });
      const revealed = await b.view<PhoneView>((v) => v.question?.phase === 'revealed');
      expect(revealed.question).toMatchObject({ answer: q.answer, explanation: q.explanation, counts: { answered: 2, correct: 1 } });
      b.send({ type: 'answer', checkpointId: joined.question!.checkpointId, questionId: q.id, given: q.answer });
      await b.error('question-closed');
      p.close();
    });

    it('serves phones on their LAN port and nothing else there', async () => {
      const phoneBase = records.server.phoneUrl!;
      expect((await call(phoneBase, 'GET', `/j/${room.code}`)).text).toContain('<title>phone</title>');
      expect((await call(phoneBase, 'GET', '/api/roster')).json.members).toHaveLength(4);
      for (const path of ['/admin/', '/xapi/about', '/api/config', '/', '/index.html']) expect((await call(phoneBase, 'GET', path)).status, path).toBe(404);
      expect((await call(phoneBase, 'POST', '/api/screening/rooms', { body: '{"baseId":"jiandang"}' })).status).toBe(404);
      const sneaky = await open(phoneBase);
      sneaky.send({ type: 'hello', code: room.code, role: 'presenter', clientId: 'sneaky-window', token: room.token });
      await sneaky.error('role-not-allowed');
      await expect.poll(() => sneaky.closed?.code).toBe(4403);
    });

    it('records attendance once: statements per attendee and the meeting record, never twice', async () => {
      const p = await presenter();
      await p.view();
      const from = p.messages.length;
      p.send({ type: 'command', command: { type: 'confirm', attendees: ['1002', '1003', '8888'] }, seq: 20 });
      expect(await p.error('unknown-member', from)).toMatchObject({ seq: 20, message: expect.stringContaining('8888') });
      p.send({ type: 'command', command: { type: 'confirm', attendees: ['1002', '1003', '1004'] }, seq: 21 });
      await p.next((m): m is Extract<ServerMessage, { type: 'ack' }> => m.type === 'ack' && m.seq === 21, from);
      const ended = await p.view<PresenterView>((v) => v.ended?.recorded === true, from);
      expect(ended.ended!.attendees).toEqual(['1002', '1003', '1004']);

      const driver = driverOf(records.server.records!);
      const rows = async () =>
        driver.all<{ id: string; verb_id: string; actor_ifi: string; registration: string }>('SELECT id, verb_id, actor_ifi, registration FROM statements WHERE registration = ? ORDER BY id', [room.meetingId]);
      const stored = await rows();
      const verbs = (verb: string) => stored.filter((r) => r.verb_id === verb);
      expect(verbs(VERBS.attended.id)).toHaveLength(3);
      // 1002 and 1003 answered the first question; 1004 was ticked by the presenter and gave no answer.
      expect(verbs(VERBS.answered.id)).toHaveLength(2);
      expect(stored.map((r) => r.id)).toContain(nameUuid(`${room.meetingId}/attended/1004`));
      const body = JSON.parse(
        String((await driver.all<{ body: string }>('SELECT body FROM statements WHERE id = ?', [nameUuid(`${room.meetingId}/attended/1002`)]))[0]!.body),
      );
      expect(body).toMatchObject({
        actor: { name: '李四', account: { name: '1002' } },
        verb: { id: VERBS.attended.id },
        object: { id: `${records.config.activityBase}/bases/jiandang` },
        context: { registration: room.meetingId, extensions: { [`${records.config.activityBase}/extensions/mode`]: 'screening' } },
        result: { completion: false },
      });

      const meetings = new MeetingStore(driver);
      const record = (await meetings.get(room.meetingId))!;
      expect(record).toMatchObject({ baseId: 'jiandang', presenter: { name: '张三' }, branchName: '第一党支部', statements: 5, completion: false });
      expect(record.attendees.map((a) => [a.id, a.phone, a.answered, a.correct])).toEqual([
        ['1002', true, 1, 1],
        ['1003', true, 1, 0],
        ['1004', false, 0, 0],
      ]);
      expect(record.questions[0]).toMatchObject({ answered: 2, correct: 1 });

      // Confirming again with the same list stores nothing more; another list is refused.
      const again = p.messages.length;
      p.send({ type: 'command', command: { type: 'confirm', attendees: ['1004', '1003', '1002'] }, seq: 22 });
      await p.next((m): m is Extract<ServerMessage, { type: 'ack' }> => m.type === 'ack' && m.seq === 22, again);
      p.send({ type: 'command', command: { type: 'confirm', attendees: ['1002'] }, seq: 23 });
      expect(await p.error('already-confirmed', again)).toMatchObject({ seq: 23 });
      expect(await rows()).toEqual(stored);
      expect(await meetings.list()).toHaveLength(1);
      p.send({ type: 'command', command: { type: 'next' }, seq: 24 });
      await p.error('meeting-ended', again);
      p.close();
    });
  });
}
