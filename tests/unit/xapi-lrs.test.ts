/**
 * The xAPI Statement Resource, conformance-style, over real HTTP on 127.0.0.1 — the same
 * suite against the SQLite store (a file in a temp dir) and PostgreSQL (a throw-away cluster
 * from tests/pg.ts).
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../server/app';
import { openStore, type OpenStoreOptions, type StatementStore } from '../../server/db/index';
import { createCredential } from '../../server/xapi/auth';
import { xapiRoutes } from '../../server/xapi/routes';
import { skipPostgres, startPostgres, type TestPostgres } from '../pg';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

type Json = Record<string, unknown>;
const HOME = 'https://lrs.redtour.test/xapi';
const MAX_BODY = 200_000;
const VOIDED = 'http://adlnet.gov/expapi/verbs/voided';

function call(
  base: string,
  method: string,
  path: string,
  options: { body?: unknown; raw?: Buffer; auth?: string | null; headers?: Record<string, string>; version?: string | null } = {},
): Promise<Reply> {
  const url = new URL(base);
  const payload = options.raw ?? (options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body)));
  const headers: Record<string, string> = { ...options.headers };
  if (options.version !== null) headers['X-Experience-API-Version'] = options.version ?? '1.0.3';
  if (options.auth) headers.Authorization = options.auth;
  if (payload) {
    headers['Content-Type'] ??= 'application/json';
    headers['Content-Length'] = String(payload.length);
  }
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown = undefined;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    // The server may answer (413) and hang up before the whole body is written.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    req.end(payload);
  });
}

const basic = (key: string, secret: string) => `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
const q = (params: Record<string, string | number | boolean | object>) =>
  new URLSearchParams(
    Object.entries(params).map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : String(v)]),
  ).toString();

/** A valid statement; each test uses its own activity IRIs so that tests do not see each other. */
function statement(overrides: Json = {}): Json {
  return {
    actor: { objectType: 'Agent', name: '学员', mbox: 'mailto:learner@example.com' },
    verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { 'zh-CN': '学习了', 'en-US': 'experienced' } },
    object: {
      objectType: 'Activity',
      id: `https://redtour.test/activity/${randomUUID()}`,
      definition: { name: { 'zh-CN': '遵义会议', en: 'Zunyi Conference' } },
    },
    ...overrides,
  };
}

interface Backend {
  name: string;
  skip: boolean;
  open(): Promise<{ store: StatementStore; close(): Promise<void> }>;
  /** Options for another, empty database (removed with the backend). */
  fresh(): Promise<OpenStoreOptions>;
}

let pgCluster: TestPostgres | null = null;
let sqliteDir = '';
const backends: Backend[] = [
  {
    name: 'SQLite',
    skip: false,
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'redtour-xapi-'));
      sqliteDir = dir;
      const store = await openStore({ dataDir: dir });
      return {
        store,
        close: async () => {
          await store.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
    fresh: async () => ({ file: join(sqliteDir, `fresh-${randomUUID()}.sqlite`) }),
  },
  {
    name: 'PostgreSQL',
    skip: skipPostgres,
    async open() {
      pgCluster = await startPostgres();
      const store = await openStore({ databaseUrl: pgCluster.url });
      return {
        store,
        close: async () => {
          await store.close();
          await pgCluster?.stop();
        },
      };
    },
    fresh: async () => ({ databaseUrl: await pgCluster!.createDatabase(`fresh_${randomUUID().slice(0, 8)}`) }),
  },
];

describe.each(backends)('xAPI statements on $name', (backend) => {
  if (backend.skip) {
    it.skip('skipped: REDTOUR_SKIP_PG=1', () => {});
    return;
  }
  let store: StatementStore;
  let closeStore: () => Promise<void>;
  let server: Server;
  let base = '';
  const dist = mkdtempSync(join(tmpdir(), 'redtour-xapi-dist-'));
  const auth: Record<'b1' | 'b2' | 'readOnly' | 'writeOnly' | 'admin', string> = { b1: '', b2: '', readOnly: '', writeOnly: '', admin: '' };
  let b1Key = '';

  const x = (method: string, path: string, options: Parameters<typeof call>[3] = {}) =>
    call(base, method, path, { auth: auth.b1, ...options });
  const post = (body: unknown, as: keyof typeof auth = 'b1') => x('POST', '/xapi/statements', { body, auth: auth[as] });
  const get = (params: Record<string, string | number | boolean | object>, as: keyof typeof auth = 'b1', headers: Record<string, string> = {}) =>
    x('GET', `/xapi/statements?${q(params)}`, { auth: auth[as], headers });
  /** Follows `more` links until the end. */
  const all = async (params: Record<string, string | number | boolean | object>, as: keyof typeof auth = 'b1') => {
    let reply = await get(params, as);
    expect(reply.status, reply.text).toBe(200);
    const out: Json[] = [...reply.json.statements];
    while (reply.json.more) {
      reply = await x('GET', reply.json.more, { auth: auth[as] });
      expect(reply.status, reply.text).toBe(200);
      out.push(...reply.json.statements);
    }
    return out;
  };

  beforeAll(async () => {
    const opened = await backend.open();
    store = opened.store;
    closeStore = opened.close;
    mkdirSync(dist, { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html>');
    const make = async (branch: string, scopes: string[]) => {
      const { record, secret } = await createCredential({ branch, name: `${branch} ${scopes.join('+')}`, scopes, cost: 1024 });
      await store.addCredential(record);
      return { key: record.key, header: basic(record.key, secret) };
    };
    const b1 = await make('b1', ['write', 'read']);
    b1Key = b1.key;
    auth.b1 = b1.header;
    auth.b2 = (await make('b2', ['write', 'read'])).header;
    auth.readOnly = (await make('b1', ['read'])).header;
    auth.writeOnly = (await make('b1', ['write'])).header;
    auth.admin = (await make('hq', ['admin'])).header;
    server = createServer(createHandler({ distDir: dist, routes: xapiRoutes({ store, homePage: HOME, maxBodyBytes: MAX_BODY, maxLimit: 50 }) }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 30_000);

  afterAll(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await closeStore?.();
    rmSync(dist, { recursive: true, force: true });
  });

  describe('about and version header', () => {
    it('lists the versions at /xapi/about without credentials or version header', async () => {
      const reply = await call(base, 'GET', '/xapi/about', { version: null });
      expect(reply.status).toBe(200);
      expect(reply.json.version).toEqual(expect.arrayContaining(['1.0.3', '2.0.0']));
      expect(reply.headers['x-experience-api-version']).toBe('1.0.3');
    });

    it('refuses a statements request without X-Experience-API-Version (400), with the header on the answer', async () => {
      const reply = await x('GET', '/xapi/statements', { version: null });
      expect(reply.status).toBe(400);
      expect(reply.json.error).toMatch(/X-Experience-API-Version/);
      expect(reply.headers['x-experience-api-version']).toBe('1.0.3');
      expect((await x('GET', '/xapi/statements', { version: '0.95' })).status).toBe(400);
    });

    it('accepts 1.0.x and 2.0.0 and answers in kind', async () => {
      for (const version of ['1.0.0', '1.0.3']) {
        const reply = await x('GET', '/xapi/statements?limit=1', { version });
        expect(reply.status, version).toBe(200);
        expect(reply.headers['x-experience-api-version']).toBe('1.0.3');
      }
      const two = await x('POST', '/xapi/statements', { body: statement(), version: '2.0.0' });
      expect(two.status).toBe(200);
      expect(two.headers['x-experience-api-version']).toBe('2.0.0');
      const stored = await x('GET', `/xapi/statements?statementId=${two.json[0]}`, { version: '2.0.0' });
      expect(stored.json.version).toBe('2.0.0');
    });

    it('answers wrong methods with 405 and Allow', async () => {
      const del = await x('DELETE', '/xapi/statements');
      expect(del.status).toBe(405);
      expect(del.headers.allow).toBe('GET, HEAD, PUT, POST');
      expect(del.headers['x-experience-api-version']).toBe('1.0.3');
      const about = await x('POST', '/xapi/about', { body: {} });
      expect(about.status).toBe(405);
      expect(about.headers.allow).toBe('GET, HEAD');
      expect((await x('GET', '/xapi/activities/state')).status).toBe(404);
    });
  });

  describe('authentication', () => {
    it('answers 401 with WWW-Authenticate for missing, unknown or wrong credentials', async () => {
      for (const header of [null, basic('rt_nobody', 'x'), basic(b1Key, 'wrong-secret'), 'Bearer abc']) {
        const reply = await x('GET', '/xapi/statements', { auth: header });
        expect(reply.status, String(header)).toBe(401);
        expect(reply.headers['www-authenticate']).toMatch(/^Basic realm=/);
      }
    });

    it('answers 403 for a valid credential without the scope', async () => {
      expect((await post(statement(), 'readOnly')).status).toBe(403);
      expect((await get({}, 'writeOnly')).status).toBe(403);
      expect((await post(statement(), 'writeOnly')).status).toBe(200);
      expect((await get({ limit: 1 }, 'readOnly')).status).toBe(200);
    });

    it('stops accepting a revoked key within the cache time (new handler sees it at once)', async () => {
      const { record, secret } = await createCredential({ branch: 'b9', name: 'temp', cost: 1024 });
      await store.addCredential(record);
      expect((await x('GET', '/xapi/statements?limit=1', { auth: basic(record.key, secret) })).status).toBe(200);
      expect(await store.revokeCredential(record.key)).toBe(true);
      const fresh = createServer(createHandler({ distDir: dist, routes: xapiRoutes({ store }) }));
      await new Promise<void>((resolve) => fresh.listen(0, '127.0.0.1', resolve));
      try {
        const other = `http://127.0.0.1:${(fresh.address() as AddressInfo).port}`;
        expect((await call(other, 'GET', '/xapi/statements', { auth: basic(record.key, secret) })).status).toBe(401);
      } finally {
        await new Promise<void>((resolve) => fresh.close(() => resolve()));
      }
    });
  });

  describe('storing', () => {
    it('stores one statement: assigns the id, stored, authority, timestamp and version', async () => {
      const before = Date.now();
      const reply = await post(statement());
      expect(reply.status, reply.text).toBe(200);
      expect(reply.json).toHaveLength(1);
      const id = reply.json[0] as string;
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(reply.headers['x-experience-api-consistent-through']).toBeDefined();
      const got = await get({ statementId: id });
      expect(got.status).toBe(200);
      const s = got.json;
      expect(s.id).toBe(id);
      expect(s.authority).toEqual({ objectType: 'Agent', account: { homePage: HOME, name: 'b1' } });
      expect(s.version).toBe('1.0.0');
      expect(Date.parse(s.stored)).toBeGreaterThanOrEqual(before - 1);
      expect(s.timestamp).toBe(s.stored);
      expect(got.headers['last-modified']).toBe(new Date(s.stored).toUTCString());
      expect(got.headers['x-experience-api-consistent-through']).toBeDefined();
      const head = await x('HEAD', `/xapi/statements?statementId=${id}`);
      expect(head.status).toBe(200);
      expect(head.text).toBe('');
    });

    it('stores an array and returns the ids in order, keeping given ids and timestamps', async () => {
      const given = randomUUID();
      const batch = [statement(), statement({ id: given, timestamp: '2024-07-01T09:30:00+08:00' }), statement()];
      const reply = await post(batch);
      expect(reply.status, reply.text).toBe(200);
      expect(reply.json).toHaveLength(3);
      expect(reply.json[1]).toBe(given);
      expect(new Set(reply.json).size).toBe(3);
      const second = await get({ statementId: given });
      expect(second.json.timestamp).toBe('2024-07-01T09:30:00+08:00');
      // Client-sent stored/authority are replaced.
      const forged = await post(statement({ stored: '2000-01-01T00:00:00Z', authority: { mbox: 'mailto:boss@example.com' } }));
      const back = await get({ statementId: forged.json[0] });
      expect(back.json.stored).not.toBe('2000-01-01T00:00:00Z');
      expect(back.json.authority.account.name).toBe('b1');
    });

    it('treats an identical re-send as success without a duplicate row', async () => {
      const id = randomUUID();
      const activity = `https://redtour.test/activity/${randomUUID()}`;
      const original = statement({ id, object: { id: activity }, context: { contextActivities: { parent: { id: 'https://redtour.test/base/yanan' } } } });
      expect((await post(original)).status).toBe(200);
      // Same statement, serialised differently: key order, mbox case, array vs single, objectType written out,
      // another verb display and activity definition (not part of the statement).
      const resent = {
        context: { contextActivities: { parent: [{ id: 'https://redtour.test/base/yanan', objectType: 'Activity' }] } },
        object: { objectType: 'Activity', id: activity, definition: { name: { en: 'other' } } },
        verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
        actor: { mbox: 'mailto:LEARNER@example.com', name: '学员' },
        id: id.toUpperCase(),
      };
      const again = await post(resent);
      expect(again.status, again.text).toBe(200);
      expect(again.json).toEqual([id]);
      expect((await x('PUT', `/xapi/statements?statementId=${id}`, { body: original })).status).toBe(204);
      expect(await all({ activity })).toHaveLength(1);
    });

    it('answers 409 for a re-used id with different content, and stores nothing of that batch', async () => {
      const id = randomUUID();
      expect((await post(statement({ id, result: { success: true } }))).status).toBe(200);
      const conflict = await post(statement({ id, result: { success: false } }));
      expect(conflict.status).toBe(409);
      expect(conflict.json.error).toContain(id);
      const fresh = randomUUID();
      const mixed = await post([statement({ id: fresh }), statement({ id, result: { success: false } })]);
      expect(mixed.status).toBe(409);
      expect(mixed.json.path).toBe('$[1]');
      expect((await get({ statementId: fresh })).status).toBe(404);
      const put = await x('PUT', `/xapi/statements?statementId=${id}`, { body: statement({ result: { success: false } }) });
      expect(put.status).toBe(409);
      // A different timestamp is a different statement.
      const timed = randomUUID();
      expect((await post(statement({ id: timed, timestamp: '2024-01-01T00:00:00Z' }))).status).toBe(200);
      const sameInstant = await post({ ...(await get({ statementId: timed })).json, timestamp: '2024-01-01T08:00:00+08:00' });
      expect(sameInstant.status).toBe(200);
      expect((await post(statement({ id: timed, timestamp: '2024-01-01T00:00:01Z' }))).status).toBe(409);
    });

    it('PUT stores under statementId (204) and rejects a mismatched or missing id', async () => {
      const id = randomUUID();
      const put = await x('PUT', `/xapi/statements?statementId=${id}`, { body: statement() });
      expect(put.status, put.text).toBe(204);
      expect(put.text).toBe('');
      expect((await get({ statementId: id })).json.id).toBe(id);
      const mismatch = await x('PUT', `/xapi/statements?statementId=${randomUUID()}`, { body: statement({ id: randomUUID() }) });
      expect(mismatch.status).toBe(400);
      expect(mismatch.json).toMatchObject({ path: '$.id' });
      expect((await x('PUT', '/xapi/statements', { body: statement() })).status).toBe(400);
      expect((await x('PUT', `/xapi/statements?statementId=not-a-uuid`, { body: statement() })).status).toBe(400);
      expect((await x('PUT', `/xapi/statements?statementId=${randomUUID()}`, { body: [statement()] })).status).toBe(400);
    });

    it('rejects a batch with the same id twice (400)', async () => {
      const id = randomUUID();
      const reply = await post([statement({ id }), statement({ id })]);
      expect(reply.status).toBe(400);
      expect(reply.json.path).toBe('$[1].id');
      expect((await get({ statementId: id })).status).toBe(404);
    });

    it('is all-or-nothing: one bad statement rejects the batch with its index and reason', async () => {
      const ids = [randomUUID(), randomUUID(), randomUUID()];
      const reply = await post([
        statement({ id: ids[0] }),
        statement({ id: ids[1], actor: { mbox: 'learner@example.com' } }),
        statement({ id: ids[2] }),
      ]);
      expect(reply.status).toBe(400);
      expect(reply.json).toEqual({ error: expect.stringMatching(/^statement 1: actor\.mbox: .*mailto/), path: '$[1].actor.mbox' });
      for (const id of ids) expect((await get({ statementId: id })).status).toBe(404);
    });

    it.each<[string, unknown, RegExp]>([
      ['no actor', { verb: { id: 'http://x.test/v' }, object: { id: 'http://x.test/a' } }, /actor/],
      ['two IFIs', statement({ actor: { mbox: 'mailto:a@b.test', openid: 'http://id.test/a' } }), /exactly one/],
      ['no IFI', statement({ actor: { name: 'nobody' } }), /exactly one/],
      ['bad mbox', statement({ actor: { mbox: 'a@b.test' } }), /mailto/],
      ['bad account', statement({ actor: { account: { name: 'x' } } }), /homePage/],
      ['verb id not an IRI', statement({ verb: { id: 'experienced' } }), /IRI/],
      ['bad language tag', statement({ verb: { id: 'http://x.test/v', display: { 'not a tag': 'x' } } }), /language/],
      ['scaled out of range', statement({ result: { score: { scaled: 1.5 } } }), /between -1 and 1/],
      ['raw above max', statement({ result: { score: { raw: 11, min: 0, max: 10 } } }), /raw/],
      ['min not below max', statement({ result: { score: { min: 5, max: 5 } } }), /min must be less/],
      ['bad duration', statement({ result: { duration: '90 seconds' } }), /duration/],
      ['bad registration', statement({ context: { registration: '1234' } }), /UUID/],
      ['extension key not an IRI', statement({ result: { extensions: { speed: 1 } } }), /IRI/],
      ['bad timestamp', statement({ timestamp: '2024-13-01 10:00' }), /timestamp/],
      ['-00:00 offset', statement({ timestamp: '2024-01-01T10:00:00-00:00' }), /timestamp/],
      ['bad version', statement({ version: '0.9.5' }), /version/],
      ['bad id', statement({ id: 'abc' }), /UUID/],
      ['unknown property', statement({ mood: 'happy' }), /mood/],
      ['null value', statement({ result: { success: null } }), /result\.success/],
      ['anonymous group without members', statement({ actor: { objectType: 'Group', name: 'g' } }), /member/],
      ['group member that is a group', statement({ actor: { objectType: 'Group', member: [{ objectType: 'Group', mbox: 'mailto:g@x.test' }] } }), /Agent|objectType/],
      ['Agent object without objectType', statement({ object: { mbox: 'mailto:a@b.test' } }), /id|Unrecognized/],
      ['unknown objectType', statement({ object: { objectType: 'Thing', id: 'http://x.test/a' } }), /objectType/],
      ['StatementRef with a bad id', statement({ object: { objectType: 'StatementRef', id: 'x' } }), /UUID/],
      ['SubStatement with an id', statement({ object: { objectType: 'SubStatement', id: randomUUID(), actor: { mbox: 'mailto:a@b.test' }, verb: { id: 'http://x.test/v' }, object: { id: 'http://x.test/a' } } }), /id/],
      ['nested SubStatement', statement({ object: { objectType: 'SubStatement', actor: { mbox: 'mailto:a@b.test' }, verb: { id: 'http://x.test/v' }, object: { objectType: 'SubStatement', actor: { mbox: 'mailto:a@b.test' }, verb: { id: 'http://x.test/v' }, object: { id: 'http://x.test/a' } } } }), /objectType/],
      ['voiding without a StatementRef', statement({ verb: { id: VOIDED } }), /StatementRef/],
      ['revision with an Agent object', statement({ object: { objectType: 'Agent', mbox: 'mailto:a@b.test' }, context: { revision: '2' } }), /revision/],
      ['choices without interactionType', statement({ object: { id: 'http://x.test/q', definition: { choices: [{ id: 'a' }] } } }), /interactionType/],
      ['attachment without fileUrl', statement({ attachments: [{ usageType: 'http://x.test/u', display: { en: 'x' }, contentType: 'text/plain', length: 1, sha2: 'a'.repeat(64) }] }), /fileUrl/],
      ['a number instead of a statement', 42, /object/],
    ])('rejects a malformed statement (%s) with 400 and a reason', async (_name, body, reason) => {
      const reply = await post(body);
      expect(reply.status, reply.text).toBe(400);
      expect(typeof reply.json.error).toBe('string');
      expect(typeof reply.json.path).toBe('string');
      expect(`${reply.json.path} ${reply.json.error}`).toMatch(reason);
    });

    it('rejects bodies that are not JSON, multipart, or the alternate syntax', async () => {
      const bad = await x('POST', '/xapi/statements', { raw: Buffer.from('{"actor": '), headers: { 'Content-Type': 'application/json' } });
      expect(bad.status).toBe(400);
      expect(bad.json.error).toMatch(/JSON/);
      const multipart = await x('POST', '/xapi/statements', { raw: Buffer.from('--x--'), headers: { 'Content-Type': 'multipart/mixed; boundary=x' } });
      expect(multipart.status).toBe(400);
      expect((await x('POST', '/xapi/statements?method=PUT', { body: statement() })).status).toBe(400);
    });

    it('answers 413 for a body over the limit', async () => {
      const big = Array.from({ length: 400 }, () => statement({ result: { response: 'x'.repeat(600) } }));
      const reply = await post(big);
      expect(reply.status).toBe(413);
      expect(reply.headers['x-experience-api-version']).toBe('1.0.3');
      expect(reply.json.error).toMatch(/larger than/);
      // Chunked (no Content-Length) is cut off too.
      const chunked = await new Promise<number>((resolve, reject) => {
        const url = new URL(base);
        const req = request(
          { host: url.hostname, port: url.port, path: '/xapi/statements', method: 'POST', agent: false,
            headers: { 'X-Experience-API-Version': '1.0.3', Authorization: auth.b1, 'Content-Type': 'application/json' } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' || e.code === 'ECONNRESET' ? undefined : reject(e)));
        const chunk = Buffer.from(JSON.stringify(big));
        req.write(chunk.subarray(0, 150_000));
        req.end(chunk.subarray(150_000));
      });
      expect(chunked).toBe(413);
      // The server is still fine afterwards.
      expect((await post(statement())).status).toBe(200);
    });
  });

  describe('querying', () => {
    const alice = { objectType: 'Agent', name: 'Alice', mbox: 'mailto:alice@example.com' };
    const bob = { objectType: 'Agent', name: 'Bob', account: { homePage: 'https://redtour.test', name: 'bob-01' } };
    const carol = { objectType: 'Agent', mbox_sha1sum: 'a'.repeat(40) };
    const team = { objectType: 'Group', name: '一组', mbox: 'mailto:team1@example.com', member: [alice, bob] };
    let activity = '';
    let parent = '';
    let registration = '';
    let verb = '';
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      activity = `https://redtour.test/activity/${randomUUID()}`;
      parent = `https://redtour.test/base/${randomUUID()}`;
      registration = randomUUID();
      verb = `https://redtour.test/verbs/${randomUUID()}`;
      const stored = await post([
        statement({ actor: alice, verb: { id: verb }, object: { id: activity }, context: { registration } }),
        statement({ actor: bob, object: { id: `${parent}/stop-1` }, context: { contextActivities: { parent: [{ id: parent }] } } }),
        statement({ actor: team, verb: { id: verb }, object: { id: activity } }),
        statement({ actor: carol, object: alice }),
        statement({
          actor: carol,
          object: { id: `${parent}/quiz` },
          context: { instructor: bob, registration: registration.toUpperCase(), contextActivities: { grouping: { id: parent } } },
        }),
        statement({
          actor: carol,
          object: { objectType: 'SubStatement', actor: { mbox: 'mailto:dave@example.com' }, verb: { id: verb }, object: { id: activity } },
        }),
      ]);
      expect(stored.status, stored.text).toBe(200);
      ['alice', 'bob', 'team', 'carolAboutAlice', 'carolQuiz', 'carolSub'].forEach((name, i) => (ids[name] = stored.json[i]));
    });

    const idsOf = (statements: Json[]) => statements.map((s) => s.id as string).sort();
    const expectIds = (statements: Json[], names: string[]) => expect(idsOf(statements)).toEqual(names.map((n) => ids[n]!).sort());

    it('filters by verb', async () => {
      expectIds(await all({ verb }), ['alice', 'team']);
    });

    it('filters by activity (the object only) and related_activities (context and SubStatement too)', async () => {
      expectIds(await all({ activity }), ['alice', 'team']);
      expectIds(await all({ activity, related_activities: true }), ['alice', 'team', 'carolSub']);
      expectIds(await all({ activity: parent }), []);
      expectIds(await all({ activity: parent, related_activities: true }), ['bob', 'carolQuiz']);
    });

    it('filters by agent IFI (actor, object, group members; mbox case-insensitive) and related_agents', async () => {
      expectIds(await all({ agent: { mbox: 'mailto:Alice@Example.com' } }), ['alice', 'team', 'carolAboutAlice']);
      expectIds(await all({ agent: { account: { homePage: 'https://redtour.test', name: 'bob-01' } } }), ['bob', 'team']);
      expectIds(
        await all({ agent: { account: { homePage: 'https://redtour.test', name: 'bob-01' } }, related_agents: true }),
        ['bob', 'team', 'carolQuiz'],
      );
      expectIds(await all({ agent: { objectType: 'Group', mbox: 'mailto:team1@example.com' } }), ['team']);
      expectIds(await all({ agent: { mbox: 'mailto:dave@example.com' } }), []);
      expectIds(await all({ agent: { mbox: 'mailto:dave@example.com' }, related_agents: true }), ['carolSub']);
      expect((await get({ agent: { name: 'no ifi' } })).status).toBe(400);
      expect((await get({ agent: 'not json' })).status).toBe(400);
    });

    it('filters by registration (case-insensitive UUID) and combines filters with AND', async () => {
      expectIds(await all({ registration }), ['alice', 'carolQuiz']);
      expectIds(await all({ registration: registration.toUpperCase(), verb }), ['alice']);
      expectIds(await all({ registration, agent: carol }), ['carolQuiz']);
    });

    it('filters by since (exclusive) and until (inclusive) on stored, in either order', async () => {
      const one = await get({ statementId: ids.alice! });
      const stored = one.json.stored as string;
      expectIds(await all({ verb, until: stored }), ['alice', 'team']);
      expectIds(await all({ verb, since: stored }), []);
      const before = new Date(Date.parse(stored) - 1).toISOString();
      expectIds(await all({ verb, since: before, until: stored }), ['alice', 'team']);
      expect((await get({ since: 'yesterday' })).status).toBe(400);
    });

    it('returns newest first by default and oldest first with ascending=true', async () => {
      const a = await post(statement({ object: { id: activity }, verb: { id: `${verb}/order` } }));
      const b = await post(statement({ object: { id: activity }, verb: { id: `${verb}/order` } }));
      const desc = await all({ verb: `${verb}/order` });
      expect(desc.map((s) => s.id)).toEqual([b.json[0], a.json[0]]);
      const asc = await all({ verb: `${verb}/order`, ascending: true });
      expect(asc.map((s) => s.id)).toEqual([a.json[0], b.json[0]]);
    });

    it('pages with limit and a stable more link, without skipping or repeating when statements arrive between pages', async () => {
      const act = `https://redtour.test/activity/${randomUUID()}`;
      const first: string[] = [];
      for (let i = 0; i < 5; i++) first.push((await post(statement({ object: { id: act } }))).json[0]);
      for (const ascending of [false, true]) {
        const seen: string[] = [];
        let reply = await get({ activity: act, limit: 2, ascending });
        expect(reply.json.statements).toHaveLength(2);
        expect(reply.json.more).toMatch(/^\/xapi\/statements\?more=[A-Za-z0-9_-]+$/);
        seen.push(...reply.json.statements.map((s: Json) => s.id));
        const added = [(await post(statement({ object: { id: act } }))).json[0], (await post(statement({ object: { id: act } }))).json[0]];
        while (reply.json.more) {
          reply = await x('GET', reply.json.more);
          expect(reply.status, reply.text).toBe(200);
          seen.push(...reply.json.statements.map((s: Json) => s.id));
        }
        expect(new Set(seen).size).toBe(seen.length);
        if (ascending) {
          // Oldest first: everything that existed, then what arrived meanwhile, in order.
          expect(seen.slice(0, first.length)).toEqual(first);
          expect(seen.slice(-2)).toEqual(added);
        } else {
          // Newest first from a fixed start: exactly what existed then.
          expect(seen).toEqual([...first].reverse());
        }
        first.push(...added);
      }
      expect((await get({ more: 'garbage!' })).status).toBe(400);
      expect((await x('GET', '/xapi/statements?more=eyJ2IjoyfQ')).status).toBe(400);
    });

    it('treats limit=0 as the server maximum and caps larger limits', async () => {
      const reply = await get({ limit: 0 });
      expect(reply.status).toBe(200);
      expect(reply.json.statements.length).toBeLessThanOrEqual(50);
      expect((await get({ limit: 10_000 })).json.statements.length).toBeLessThanOrEqual(50);
      expect((await get({ limit: -1 })).status).toBe(400);
    });

    it('returns format=ids with only identifying properties, and canonical with one language', async () => {
      const [teamIds] = (await get({ verb, agent: { objectType: 'Group', mbox: 'mailto:team1@example.com' }, format: 'ids' })).json.statements;
      expect(teamIds.actor).toEqual({ objectType: 'Group', mbox: 'mailto:team1@example.com' });
      expect(teamIds.verb).toEqual({ id: verb });
      expect(teamIds.object).toEqual({ objectType: 'Activity', id: activity });
      expect(teamIds.authority).toEqual({ objectType: 'Agent', account: { homePage: HOME, name: 'b1' } });
      const single = await get({ statementId: ids.bob!, format: 'ids' });
      expect(single.json.actor).toEqual({ objectType: 'Agent', account: bob.account });

      const id = (await post(statement())).json[0];
      const en = await get({ statementId: id, format: 'canonical' }, 'b1', { 'Accept-Language': 'en-GB, en;q=0.8' });
      expect(en.json.verb.display).toEqual({ 'en-US': 'experienced' });
      expect(en.json.object.definition.name).toEqual({ en: 'Zunyi Conference' });
      const zh = await get({ statementId: id, format: 'canonical' }, 'b1', { 'Accept-Language': 'zh-CN' });
      expect(zh.json.verb.display).toEqual({ 'zh-CN': '学习了' });
      const exact = await get({ statementId: id });
      expect(Object.keys(exact.json.verb.display)).toHaveLength(2);
      expect((await get({ format: 'full' })).status).toBe(400);
    });

    it('rejects bad parameter combinations', async () => {
      expect((await get({ statementId: ids.alice!, voidedStatementId: ids.bob! })).status).toBe(400);
      expect((await get({ statementId: ids.alice!, verb })).status).toBe(400);
      expect((await get({ statementId: ids.alice!, format: 'ids', attachments: false })).status).toBe(200);
      expect((await get({ attachments: true })).status).toBe(400);
      expect((await get({ colour: 'red' })).status).toBe(400);
      expect((await get({ statementId: 'nope' })).status).toBe(400);
      expect((await get({ statementId: randomUUID() })).status).toBe(404);
    });

    it('sends X-Experience-API-Consistent-Through and Last-Modified on queries', async () => {
      const reply = await get({ verb });
      const through = reply.headers['x-experience-api-consistent-through'] as string;
      expect(Date.parse(through)).toBeGreaterThan(Date.now() - 5000);
      expect(Date.parse(reply.headers['last-modified'] as string)).toBeGreaterThan(0);
    });
  });

  describe('voiding', () => {
    it('hides a voided statement from queries and statementId, and returns it by voidedStatementId', async () => {
      const activity = `https://redtour.test/activity/${randomUUID()}`;
      const [target] = (await post(statement({ object: { id: activity } }))).json;
      const voiding = await post(statement({ verb: { id: VOIDED, display: { en: 'voided' } }, object: { objectType: 'StatementRef', id: target } }));
      expect(voiding.status, voiding.text).toBe(200);
      expect((await get({ statementId: target })).status).toBe(404);
      const voided = await get({ voidedStatementId: target });
      expect(voided.status).toBe(200);
      expect(voided.json.id).toBe(target);
      expect((await get({ voidedStatementId: voiding.json[0] })).status).toBe(404);
      expect((await get({ statementId: voiding.json[0] })).status).toBe(200);
      // The StatementRef rule: the voiding statement matches the voided one's activity; the voided one never shows.
      const found = await all({ activity });
      expect(found.map((s) => s.id)).toEqual([voiding.json[0]]);
      expect((await all({ verb: VOIDED, since: new Date(Date.now() - 60_000).toISOString() })).map((s) => s.id)).toContain(voiding.json[0]);
    });

    it('follows chains of StatementRefs for filters', async () => {
      const activity = `https://redtour.test/activity/${randomUUID()}`;
      const [original] = (await post(statement({ object: { id: activity } }))).json;
      const [comment] = (await post(statement({ verb: { id: 'http://adlnet.gov/expapi/verbs/commented' }, object: { objectType: 'StatementRef', id: original } }))).json;
      const [reply] = (await post(statement({ verb: { id: 'http://adlnet.gov/expapi/verbs/responded' }, object: { objectType: 'StatementRef', id: comment } }))).json;
      expect((await all({ activity })).map((s) => s.id).sort()).toEqual([original, comment, reply].sort());
      expect((await all({ activity, verb: 'http://adlnet.gov/expapi/verbs/responded' })).map((s) => s.id)).toEqual([reply]);
    });

    it('voids within one batch, and voids a statement that arrives after its voiding statement', async () => {
      const early = randomUUID();
      const late = randomUUID();
      const reply = await post([
        statement({ id: early }),
        statement({ verb: { id: VOIDED }, object: { objectType: 'StatementRef', id: early } }),
        statement({ verb: { id: VOIDED }, object: { objectType: 'StatementRef', id: late } }),
      ]);
      expect(reply.status, reply.text).toBe(200);
      expect((await get({ statementId: early })).status).toBe(404);
      expect((await post(statement({ id: late }))).status).toBe(200);
      expect((await get({ statementId: late })).status).toBe(404);
      expect((await get({ voidedStatementId: late })).status).toBe(200);
    });

    it('refuses to void a voiding statement (400) and another branch’s statement (403) unless admin', async () => {
      const [target] = (await post(statement())).json;
      const [voiding] = (await post(statement({ verb: { id: VOIDED }, object: { objectType: 'StatementRef', id: target } }))).json;
      const again = await post(statement({ verb: { id: VOIDED }, object: { objectType: 'StatementRef', id: voiding } }));
      expect(again.status).toBe(400);
      expect(again.json.error).toMatch(/voiding statement/);
      expect((await get({ statementId: voiding })).status).toBe(200);

      const [mine] = (await post(statement())).json;
      const foreign = await post(statement({ verb: { id: VOIDED }, object: { objectType: 'StatementRef', id: mine } }), 'b2');
      expect(foreign.status).toBe(403);
      expect((await get({ statementId: mine })).status).toBe(200);
      const byAdmin = await post(statement({ verb: { id: VOIDED }, object: { objectType: 'StatementRef', id: mine } }), 'admin');
      expect(byAdmin.status).toBe(200);
      expect((await get({ statementId: mine })).status).toBe(404);
    });
  });

  describe('branches', () => {
    it('limits reads to the credential’s branch unless it has admin', async () => {
      const activity = `https://redtour.test/activity/${randomUUID()}`;
      const [mine] = (await post(statement({ object: { id: activity } }))).json;
      const [theirs] = (await post(statement({ object: { id: activity } }), 'b2')).json;
      expect((await all({ activity })).map((s) => s.id)).toEqual([mine]);
      expect((await all({ activity }, 'b2')).map((s) => s.id)).toEqual([theirs]);
      expect((await all({ activity }, 'admin')).map((s) => s.id).sort()).toEqual([mine, theirs].sort());
      expect((await get({ statementId: theirs })).status).toBe(404);
      expect((await get({ statementId: theirs }, 'admin')).status).toBe(200);
      expect((await get({ statementId: theirs }, 'b2')).json.authority.account.name).toBe('b2');
    });
  });

  describe('store', () => {
    it('stores one row for concurrent identical re-sends and answers 409 to concurrent different ones', async () => {
      const id = randomUUID();
      const same = statement({ id });
      const replies = await Promise.all(Array.from({ length: 8 }, () => post(same)));
      expect(replies.map((r) => r.status)).toEqual(Array(8).fill(200));
      const activity = (same.object as Json).id as string;
      expect(await all({ activity })).toHaveLength(1);

      const contested = randomUUID();
      const variants = await Promise.all(
        Array.from({ length: 6 }, (_, i) => post(statement({ id: contested, result: { response: `answer ${i}` } }))),
      );
      const statuses = variants.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 409, 409, 409, 409, 409]);
      const winner = variants.findIndex((r) => r.status === 200);
      expect((await get({ statementId: contested })).json.result.response).toBe(`answer ${winner}`);
    });

    it('migrates a new database once, also when two servers open it at the same time', async () => {
      const options = await backend.fresh();
      // SQLite: one process opens its file once (a second in-process connection would wait on the
      // first synchronously); two processes are covered by the durability test's CLI + server.
      const opened =
        backend.name === 'SQLite'
          ? [await openStore(options), await openStore(options)]
          : await Promise.allSettled([openStore(options), openStore(options)]).then(async (results) => {
              const ok = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
              if (ok.length < 2) {
                await Promise.all(ok.map((store) => store.close()));
                throw (results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason;
              }
              return ok;
            });
      const [a, b] = opened as [StatementStore, StatementStore];
      try {
        const { record } = await createCredential({ branch: 'm', name: 'migrated', cost: 1024 });
        await a.addCredential(record);
        expect((await b.findCredential(record.key))?.branch).toBe('m');
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
      const again = await openStore(options);
      expect((await again.listCredentials()).length).toBe(1);
      await again.close();
    });
  });

  describe('store API for the dashboard', () => {
    it('counts statements by verb and branch, and queries by actor, activity and date range', async () => {
      const verb = `https://redtour.test/verbs/${randomUUID()}`;
      const since = Date.now() - 1;
      await post([statement({ verb: { id: verb } }), statement({ verb: { id: verb } })], 'b2');
      const stats = await store.stats({ branch: 'b2', since: since - 1 });
      expect(stats.byVerb.find((v) => v.verb === verb)?.count).toBe(2);
      expect(stats.total).toBeGreaterThanOrEqual(2);
      expect(stats.lastStored).not.toBeNull();
      const all = await store.stats();
      expect(all.byBranch.map((b) => b.branch)).toEqual(expect.arrayContaining(['b1', 'b2']));
      expect(all.voided).toBeGreaterThan(0);
      const page = await store.query({ verb, branch: 'b2', since: since - 1, until: Date.now() + 1000 }, { limit: 10 });
      expect(page.statements).toHaveLength(2);
    });
  });
});
