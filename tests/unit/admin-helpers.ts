/**
 * Shared by the roster, admin and dashboard tests: a real server with the study-record service
 * on 127.0.0.1 (SQLite in a temp dir, or PostgreSQL), raw HTTP calls, login, and the app's own
 * statements for a tour (built with `src/record/statements.ts` and `src/tour/progress.ts`).
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScene } from '../../src/content/loader';
import type { Scene } from '../../src/content/schema';
import {
  agent,
  answered,
  completed,
  experienced,
  failed,
  initialized,
  passed,
  terminated,
  type Mode,
  type Occasion,
  type RecordConfig,
  type Statement,
} from '../../src/record/statements';
import { scoreCheckpoint } from '../../src/tour/progress';
import { hashPassword } from '../../server/admin/password';
import { driverOf } from '../../server/db/index';
import { RosterStore } from '../../server/db/roster';
import { startServer, type RunningServer } from '../../server/main';
import { projectRoot } from '../../server/tls';

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

/** A raw HTTP request (no cookie jar, no redirects followed). */
export function call(
  base: string,
  method: string,
  path: string,
  options: { body?: Buffer | string; headers?: Record<string, string>; cookie?: string } = {},
): Promise<Reply> {
  const url = new URL(base);
  const payload = options.body === undefined ? undefined : Buffer.isBuffer(options.body) ? options.body : Buffer.from(options.body);
  const headers: Record<string, string> = { ...options.headers };
  if (options.cookie) headers.Cookie = options.cookie;
  if (payload) headers['Content-Length'] = String(payload.length);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        const text = body.toString('utf8');
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text, json });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

export const form = (fields: Record<string, string>) => ({
  body: new URLSearchParams(fields).toString(),
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
});

/** A multipart/form-data body as a browser sends it. */
export function multipart(fields: Record<string, string>, file?: { name: string; filename: string; data: Buffer; type?: string }) {
  const boundary = `----redtourtest${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: ${file.type ?? 'text/csv'}\r\n\r\n`),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` } };
}

export interface RecordsServer {
  server: RunningServer;
  base: string;
  roster: RosterStore;
  dataDir: string;
  /** Basic auth header of the device credential from /api/config. */
  deviceAuth: string;
  config: RecordConfig;
  close(): Promise<void>;
}

/** Starts the server with the study-record service; a minimal dist unless `distDir` is given. */
export async function startRecords(options: { databaseUrl?: string; distDir?: string; https?: boolean; phone?: boolean } = {}): Promise<RecordsServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'redtour-admin-'));
  let distDir = options.distDir;
  if (!distDir) {
    distDir = join(dataDir, 'dist');
    mkdirSync(distDir, { recursive: true });
    writeFileSync(join(distDir, 'index.html'), '<!doctype html><title>app</title>');
  }
  const server = await startServer({
    distDir,
    port: 0,
    host: '127.0.0.1',
    httpsPort: options.https ? 0 : false,
    httpsHost: '127.0.0.1',
    // The phones' LAN port of group screening, on loopback for tests.
    phonePort: options.phone ? 0 : false,
    phoneHost: '127.0.0.1',
    dataDir,
    lanAddresses: [],
    log: () => {},
    records: { ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}), scenesDir: firstBaseOnly() },
  });
  const roster = new RosterStore(driverOf(server.records!));
  const config = (await call(server.httpUrl, 'GET', '/api/config')).json as {
    xapi: { auth: { username: string; password: string } };
    activityBase: string;
    homePage: string;
  };
  return {
    server,
    base: server.httpUrl,
    roster,
    dataDir,
    deviceAuth: `Basic ${Buffer.from(`${config.xapi.auth.username}:${config.xapi.auth.password}`).toString('base64')}`,
    config: { activityBase: config.activityBase, homePage: config.homePage },
    close: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Adds a secretary (cheap scrypt cost) directly in the store. */
export async function addSecretary(roster: RosterStore, username: string, password: string, branchId: string | null = null): Promise<void> {
  await roster.addAdminUser({ username, passwordHash: await hashPassword(password, 1024), branchId, created: new Date().toISOString() });
}

/** Logs in over HTTP; returns the `Cookie` header value and the CSRF token of the session. */
export async function login(base: string, username: string, password: string): Promise<{ cookie: string; csrf: string; setCookie: string }> {
  const reply = await call(base, 'POST', '/admin/login', form({ username, password, next: '/admin/' }));
  if (reply.status !== 303) throw new Error(`login failed: ${reply.status} ${reply.text.slice(0, 200)}`);
  const setCookie = String(reply.headers['set-cookie']?.[0] ?? '');
  const cookie = setCookie.split(';')[0]!;
  const page = await call(base, 'GET', '/admin/roster', { cookie });
  const csrf = /name="csrf" value="([^"]+)"/.exec(page.text)?.[1];
  if (!csrf) throw new Error('no CSRF token on the roster page');
  return { cookie, csrf, setCookie };
}

/** POSTs statements to /xapi/statements with the device credential. */
export async function postStatements(records: RecordsServer, statements: readonly object[]): Promise<Reply> {
  const reply = await call(records.base, 'POST', '/xapi/statements', {
    body: JSON.stringify(statements),
    headers: { Authorization: records.deviceAuth, 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json' },
  });
  if (reply.status !== 200) throw new Error(`POST /xapi/statements: ${reply.status} ${reply.text}`);
  return reply;
}

/** The real first base. */
let firstBaseDir: string | undefined;
/** A scenes folder with only the first base, so the reports' columns stay fixed as bases are added. */
function firstBaseOnly(): string {
  if (!firstBaseDir) {
    firstBaseDir = mkdtempSync(join(tmpdir(), 'redtour-scenes-'));
    cpSync(join(projectRoot, 'scenes', 'jiandang'), join(firstBaseDir, 'jiandang'), { recursive: true });
    process.once('exit', () => rmSync(firstBaseDir!, { recursive: true, force: true }));
  }
  return firstBaseDir;
}

export function jiandang(): Scene {
  const file = join(projectRoot, 'scenes', 'jiandang', 'scene.json');
  const result = loadScene('scenes/jiandang/scene.json', readFileSync(file, 'utf8'));
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.scene;
}

export interface TourPlan {
  memberId: string;
  name: string;
  registration: string;
  mode: Mode;
  /** When the attempt starts; statements follow a second apart. */
  start: Date;
  /** Answers per checkpoint id, per attempt; the default answers everything right once. */
  attempts?: Record<string, Record<string, string[]>[]>;
  /** Finish the base (completed) — default true. */
  complete?: boolean;
  /** Study time in ms reported by completed / terminated. */
  activeMs: number;
  /** Extra ms of study time reported by terminated after completed (the app stops counting at completion, so 0). */
  afterMs?: number;
}

/**
 * The statements the app's recorder writes for one attempt at a base: initialized, one
 * experienced per stop, per checkpoint attempt the answered statements and passed/failed, then
 * completed (score = mean of best checkpoint scores) and terminated.
 */
export function tourStatements(scene: Scene, config: RecordConfig, plan: TourPlan): Statement[] {
  let tick = 0;
  const at = () => new Date(plan.start.getTime() + 1000 * tick++);
  const occasion = (): Occasion => ({ config, actor: agent(config, { name: plan.name, memberId: plan.memberId }), registration: plan.registration, mode: plan.mode, at: at() });
  const out: Statement[] = [initialized(occasion(), scene)];
  const best: number[] = [];
  for (const room of scene.rooms) {
    for (const stop of room.stops) out.push(experienced(occasion(), scene, stop, { listenedMs: 20_000, finished: true }));
    const cp = room.checkpoint;
    if (!cp) continue;
    const attempts = plan.attempts?.[cp.id] ?? [Object.fromEntries(cp.questions.map((q) => [q.id, q.answer]))];
    let top = 0;
    attempts.forEach((answers, index) => {
      const result = scoreCheckpoint(cp, answers);
      top = Math.max(top, result.score);
      const o = occasion();
      for (const q of cp.questions) {
        const r = result.questions.find((x) => x.id === q.id)!;
        out.push(answered(o, scene, cp, q, r, index + 1));
      }
      out.push((result.passed ? passed : failed)(o, scene, cp, result, index + 1));
    });
    best.push(top);
  }
  if (plan.complete !== false) {
    out.push(completed(occasion(), scene, { scaled: best.reduce((a, b) => a + b, 0) / Math.max(1, best.length), activeMs: plan.activeMs }));
  }
  out.push(terminated(occasion(), scene, { activeMs: plan.activeMs + (plan.afterMs ?? 0) }));
  return out;
}
