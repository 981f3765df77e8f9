import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createOutbox, memoryBackend, type Outbox } from '../../src/record/outbox';
import { createSender, type Clock, type SenderOptions, type SenderStatus } from '../../src/record/sender';
import { agent, validateStatement, type RecordConfig, type Statement } from '../../src/record/statements';

const config: RecordConfig = { activityBase: 'https://redtour.example/xapi/activities', homePage: 'https://branch.example/members' };
const actor = agent(config, { name: '李明', memberId: 'm-0042' });
let serial = 0;
function mk(n: number): Statement[] {
  return Array.from({ length: n }, () => {
    serial += 1;
    return {
      id: crypto.randomUUID(),
      actor,
      verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { 'zh-CN': '收听', 'en-US': 'experienced' } },
      object: { objectType: 'Activity', id: `${config.activityBase}/bases/jiandang/stops/s-${serial}` },
      result: { completion: true, duration: 'PT1M5.2S' },
      timestamp: new Date(Date.UTC(2026, 6, 1, 8, 0, serial % 60)).toISOString(),
    };
  });
}

/**
 * A small LRS: validates, stores by id, treats an identical re-send as success and a different
 * statement under a known id as 409; a batch is all-or-nothing. `plan` scripts misbehaviour.
 */
class TestLrs {
  stored = new Map<string, string>();
  /** Every POST: the ids it carried and the status answered ('lost' when the socket was cut). */
  requests: { ids: string[]; status: number | 'lost'; headers: IncomingMessage['headers'] }[] = [];
  /** Answers for the next requests, consumed in order: a status, or 'lost' (store, then cut the connection). */
  plan: (number | 'lost')[] = [];
  auth = 'Basic ' + Buffer.from('branch:秘密').toString('base64');
  server: Server | null = null;
  port = 0;

  async listen(port = 0): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const reply = (status: number, body?: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json', 'X-Experience-API-Version': '1.0.3' });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    let batch: Statement[] = [];
    try {
      const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
      batch = Array.isArray(parsed) ? (parsed as Statement[]) : [parsed as Statement];
    } catch {
      /* answered 400 below */
    }
    const entry = { ids: batch.map((s) => s?.id), status: 0 as number | 'lost', headers: req.headers };
    this.requests.push(entry);
    const answer = (status: number, body?: unknown) => {
      entry.status = status;
      reply(status, body);
    };
    if (req.method !== 'POST' || req.url !== '/xapi/statements') return answer(404);
    if (req.headers.authorization !== this.auth) return answer(401, { error: 'unauthorised' });
    if (req.headers['x-experience-api-version'] !== '1.0.3' || req.headers['content-type'] !== 'application/json') return answer(400);
    const scripted = this.plan.shift();
    if (typeof scripted === 'number') return answer(scripted, { error: 'scripted' });
    if (batch.length === 0 || batch.some((s) => !validateStatement(s).ok)) return answer(400, { error: 'invalid statement' });
    if (batch.some((s) => this.stored.has(s.id) && this.stored.get(s.id) !== JSON.stringify(s))) return answer(409, { error: 'conflict' });
    for (const s of batch) if (!this.stored.has(s.id)) this.stored.set(s.id, JSON.stringify(s));
    if (scripted === 'lost') {
      entry.status = 'lost';
      res.socket?.destroy();
      return;
    }
    answer(200, batch.map((s) => s.id));
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}/xapi/`;
  }
}

/** Timers under the test's control: nothing fires until `fire()`. */
class FakeClock implements Clock {
  private next = 1;
  timers = new Map<number, { fn: () => void; ms: number }>();
  delays: number[] = [];
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.timers.set(id, { fn, ms });
    this.delays.push(ms);
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  /** Runs the one pending timer (as if its time had come). */
  fire(): void {
    expect(this.timers.size).toBe(1);
    const [id, t] = [...this.timers][0]!;
    this.timers.delete(id);
    t.fn();
  }
}

const lrs = new TestLrs();
afterEach(async () => {
  await lrs.close();
  lrs.stored.clear();
  lrs.requests = [];
  lrs.plan = [];
});

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

function setup(extra: Partial<SenderOptions> = {}) {
  const outbox: Outbox = createOutbox(memoryBackend());
  const clock = new FakeClock();
  const statuses: SenderStatus[] = [];
  const sender = createSender({
    outbox,
    endpoint: lrs.endpoint,
    auth: { username: 'branch', password: '秘密' },
    clock,
    random: () => 0.5,
    connectivity: null,
    onStatus: (s) => statuses.push(s),
    ...extra,
  });
  return { outbox, clock, sender, statuses };
}

async function until(cond: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('sender against a real HTTP LRS on 127.0.0.1', () => {
  it('sends oldest first in batches of at most 50 with the xAPI headers', async () => {
    await lrs.listen();
    const { outbox, sender, statuses } = setup();
    const list = mk(120);
    await outbox.add(list);
    const status = await sender.flush();
    expect(status).toEqual({ pending: 0, state: 'idle' });
    expect(lrs.requests.map((r) => r.ids.length)).toEqual([50, 50, 20]);
    expect(lrs.requests.flatMap((r) => r.ids)).toEqual(list.map((s) => s.id));
    expect([...lrs.stored.keys()]).toEqual(list.map((s) => s.id));
    const h = lrs.requests[0]!.headers;
    expect(h['content-type']).toBe('application/json');
    expect(h['x-experience-api-version']).toBe('1.0.3');
    expect(h.authorization).toBe(`Basic ${Buffer.from('branch:秘密').toString('base64')}`);
    expect(await outbox.count()).toBe(0);
    expect(statuses.map((s) => s.state)).toContain('sending');
  });

  it('server down: waits with exponential backoff and jitter, then everything arrives exactly once', async () => {
    const port = await freePort();
    lrs.port = port;
    let r = 0.5;
    const { outbox, clock, sender } = setup({ random: () => r });
    const list = mk(75);
    await outbox.add(list);
    sender.start();
    await sender.flush();
    expect(sender.status()).toMatchObject({ state: 'waiting', pending: 75 });
    expect(sender.status().lastError).toMatch(/network/);
    for (let i = 0; i < 8; i++) {
      clock.fire();
      await sender.flush();
      expect(sender.status().state).toBe('waiting');
    }
    // 1 s doubling to 60 s; equal jitter keeps each wait in [base/2, base].
    expect(clock.delays).toEqual([750, 1500, 3000, 6000, 12000, 24000, 45000, 45000, 45000]);
    r = 1;
    clock.fire();
    await sender.flush();
    r = 0;
    clock.fire();
    await sender.flush();
    expect(clock.delays.slice(-2)).toEqual([60000, 30000]);

    await lrs.listen(port);
    clock.fire();
    await sender.flush();
    expect(sender.status()).toEqual({ pending: 0, state: 'idle' });
    expect([...lrs.stored.keys()]).toEqual(list.map((s) => s.id));
    expect(lrs.requests.map((q) => q.ids.length)).toEqual([50, 25]);
    expect(clock.timers.size).toBe(0);

    // Back to normal: a new failure starts the backoff at 1 s again, and new statements go out on their own.
    lrs.plan = [503];
    const more = mk(3);
    await outbox.add(more);
    await until(() => sender.status().state === 'waiting');
    expect(clock.delays.at(-1)).toBe(500);
    clock.fire();
    await sender.flush();
    expect(lrs.stored.size).toBe(78);
    sender.stop();
  });

  it('an `online` event retries at once; offline is reported when the browser says so', async () => {
    const port = await freePort();
    lrs.port = port;
    const connectivity = new EventTarget();
    let online = false;
    const { outbox, clock, sender } = setup({ connectivity, isOnline: () => online });
    await outbox.add(mk(5));
    sender.start();
    await sender.flush();
    expect(sender.status().state).toBe('offline');
    expect(clock.timers.size).toBe(1); // a timer still runs: onLine is not always right
    await lrs.listen(port);
    online = true;
    connectivity.dispatchEvent(new Event('online'));
    await sender.flush();
    expect(sender.status()).toEqual({ pending: 0, state: 'idle' });
    expect(clock.timers.size).toBe(0);
    expect(lrs.stored.size).toBe(5);
    sender.stop();
  });

  it('500 then 200: retried after the wait, stored once', async () => {
    await lrs.listen();
    lrs.plan = [500];
    const { outbox, clock, sender } = setup();
    const list = mk(10);
    await outbox.add(list);
    sender.start();
    await sender.flush();
    expect(sender.status()).toMatchObject({ state: 'waiting', pending: 10 });
    expect(sender.status().lastError).toMatch(/HTTP 500/);
    clock.fire();
    await sender.flush();
    expect(sender.status()).toEqual({ pending: 0, state: 'idle' });
    expect(lrs.requests.map((q) => q.status)).toEqual([500, 200]);
    expect(lrs.requests[1]!.ids).toEqual(list.map((s) => s.id));
    expect(lrs.stored.size).toBe(10);
    sender.stop();
  });

  it('429 with Retry-After waits at least that long', async () => {
    await lrs.listen();
    const { outbox, clock, sender } = setup();
    const orig = lrs['handle'].bind(lrs);
    let once = true;
    lrs.server!.removeAllListeners('request');
    lrs.server!.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (once) {
        once = false;
        req.resume();
        res.writeHead(429, { 'Retry-After': '7' }).end();
        return;
      }
      void orig(req, res);
    });
    await outbox.add(mk(2));
    sender.start();
    await sender.flush();
    expect(clock.delays).toEqual([7000]);
    clock.fire();
    await sender.flush();
    expect(lrs.stored.size).toBe(2);
    sender.stop();
  });

  it('response lost after the LRS stored the batch: the re-send uses the same ids and creates no duplicates', async () => {
    await lrs.listen();
    lrs.plan = ['lost'];
    const { outbox, clock, sender } = setup();
    const list = mk(30);
    await outbox.add(list);
    sender.start();
    await sender.flush();
    expect(sender.status()).toMatchObject({ state: 'waiting', pending: 30 });
    expect(lrs.stored.size).toBe(30);
    clock.fire();
    await sender.flush();
    expect(sender.status()).toEqual({ pending: 0, state: 'idle' });
    expect(lrs.requests.map((q) => q.status)).toEqual(['lost', 200]);
    expect(lrs.requests[1]!.ids).toEqual(lrs.requests[0]!.ids);
    expect(lrs.stored.size).toBe(30);
    expect(await outbox.count()).toBe(0);
    expect(await outbox.rejected()).toEqual([]);
    sender.stop();
  });

  it('400 for a batch: bisects, rejects only the bad statement, sends the rest', async () => {
    await lrs.listen();
    const { outbox, sender } = setup();
    const list = mk(50);
    const bad = list[37]!;
    bad.verb = { id: 'not an IRI', display: { 'zh-CN': '坏' } };
    await outbox.add(list);
    const status = await sender.flush();
    expect(status).toEqual({ pending: 0, state: 'idle' });
    expect(lrs.stored.size).toBe(49);
    expect(lrs.stored.has(bad.id)).toBe(false);
    const rejected = await outbox.rejected();
    expect(rejected.map((x) => x.statement.id)).toEqual([bad.id]);
    expect(rejected[0]!.reason).toMatch(/HTTP 400/);
    // log2(50) rounds: the batch, then one half per level until the single bad one.
    expect(lrs.requests.length).toBeLessThanOrEqual(1 + 2 * Math.ceil(Math.log2(50)));
    // Order is kept: the good statements were stored oldest first.
    expect([...lrs.stored.keys()]).toEqual(list.filter((s) => s !== bad).map((s) => s.id));
  });

  it('409 for a batch: sends one by one; the conflicting id is rejected as a conflict, the others stored', async () => {
    await lrs.listen();
    const { outbox, sender } = setup();
    const list = mk(6);
    const clash = list[2]!;
    lrs.stored.set(clash.id, JSON.stringify({ ...clash, timestamp: '2020-01-01T00:00:00.000Z' }));
    await outbox.add(list);
    await sender.flush();
    expect(sender.status()).toEqual({ pending: 0, state: 'idle' });
    expect(lrs.requests.map((q) => q.status)).toEqual([409, 200, 200, 409, 200, 200, 200]);
    const rejected = await outbox.rejected();
    expect(rejected.map((x) => x.statement.id)).toEqual([clash.id]);
    expect(rejected[0]!.reason).toMatch(/^conflict/);
    expect(lrs.stored.size).toBe(6);
  });

  it('401: auth-error, nothing lost, no retry timer; new credentials resume', async () => {
    await lrs.listen();
    const { outbox, clock, sender } = setup({ auth: { username: 'branch', password: 'wrong' } });
    const list = mk(60);
    await outbox.add(list);
    sender.start();
    await sender.flush();
    expect(sender.status()).toMatchObject({ state: 'auth-error', pending: 60 });
    expect(sender.status().lastError).toMatch(/HTTP 401/);
    expect(clock.timers.size).toBe(0);
    expect(await outbox.count()).toBe(60);
    expect(await outbox.rejected()).toEqual([]);
    // More statements while credentials are wrong do not hammer the LRS.
    await outbox.add(mk(1));
    await new Promise((r) => setTimeout(r, 20));
    expect(lrs.requests).toHaveLength(1);

    sender.setAuth({ header: lrs.auth });
    await until(() => sender.status().state === 'idle' && sender.status().pending === 0);
    expect(lrs.stored.size).toBe(61);
    sender.stop();
  });

  it('started: statements added later are sent without a flush; stop() stops that', async () => {
    await lrs.listen();
    const { outbox, sender } = setup();
    sender.start();
    await outbox.add(mk(3));
    await until(() => lrs.stored.size === 3 && sender.status().pending === 0);
    sender.stop();
    await outbox.add(mk(2));
    await new Promise((r) => setTimeout(r, 30));
    expect(lrs.stored.size).toBe(3);
    await sender.flush();
    expect(lrs.stored.size).toBe(5);
  });
});
