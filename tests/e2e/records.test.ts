/**
 * Study records never lost and never duplicated, with the real server as a child process, its
 * real SQLite file, and the app's real IndexedDB outbox in Chromium:
 * (1) a tour finished while the service is stopped arrives exactly once after it restarts
 *     (and after a reload of the page in between);
 * (2) the server SIGKILLed in the middle of a stream of batches loses nothing it acknowledged
 *     and duplicates nothing.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, type OpenedPage } from './harness';

const root = join(import.meta.dirname, '..', '..');
const TSX = ['--import', 'tsx'];
let data: string;
let port: number;
let server: ChildProcess | null = null;
let browser: Browser;
let opened: OpenedPage | null = null;
let auth: string;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

async function startServer(): Promise<void> {
  const env = { ...process.env };
  delete env.REDTOUR_DATABASE_URL;
  const child = spawn(process.execPath, [...TSX, 'server/main.ts', '--port', String(port), '--no-https', '--data-dir', data], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server = child;
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/xapi/about`);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`server did not start: ${output}`);
}

async function stopServer(signal: NodeJS.Signals): Promise<void> {
  const child = server;
  server = null;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await exited;
}

/** Statements the record store holds for a registration (or all), following `more` links. */
async function stored(query: string): Promise<{ id: string; verb: { id: string } }[]> {
  const all: { id: string; verb: { id: string } }[] = [];
  let next: string | null = `/xapi/statements?limit=0&${query}`;
  while (next) {
    const r = await fetch(`http://127.0.0.1:${port}${next}`, { headers: { Authorization: auth, 'X-Experience-API-Version': '1.0.3' } });
    expect(r.status).toBe(200);
    const body = (await r.json()) as { statements: { id: string; verb: { id: string } }[]; more?: string };
    all.push(...body.statements);
    next = body.more || null;
  }
  return all;
}

const verbCounts = (list: { verb: { id: string } }[]) =>
  list.reduce<Record<string, number>>((acc, s) => {
    const v = s.verb.id.split('/').pop()!;
    acc[v] = (acc[v] ?? 0) + 1;
    return acc;
  }, {});

function page(): Page {
  return opened!.page;
}
const evaluate = <T>(fn: string) => page().evaluate(`(() => { const r = window.__redtour; const s = r.store.getState(); return ${fn}; })()`) as Promise<T>;
const waitFor = (fn: string, timeout = 30_000) =>
  page().waitForFunction(`(() => { const r = window.__redtour; if (!r || !r.store) return false; const s = r.store.getState(); return ${fn}; })()`, undefined, { timeout, polling: 200 });

/** Answers the current checkpoint rightly through the store, as the quiz panel would. */
async function passCheckpoint(): Promise<void> {
  await evaluate(`(() => {
    const st = s.scene.rooms.flatMap((room) => [...room.stops.map(() => null), room.checkpoint])[s.progress.station];
    for (const q of st.questions) for (const a of q.answer) r.store.getState().chooseOption(q.id, a);
    r.store.getState().submitQuiz();
    return 0;
  })()`);
  await waitFor('s.quizResult && s.quizResult.passed');
}

beforeAll(async () => {
  data = mkdtempSync(join(tmpdir(), 'redtour-records-'));
  port = await freePort();
  const add = spawnSync(process.execPath, [...TSX, 'server/xapi/credentials.ts', 'add', '--branch', 'test', '--name', 'e2e reader', '--scopes', 'read,admin', '--data-dir', data], {
    cwd: root,
    encoding: 'utf8',
  });
  expect(add.status, add.stderr).toBe(0);
  const key = /key:\s+(\S+)/.exec(add.stdout)![1]!;
  const secret = /secret:\s+(\S+)/.exec(add.stdout)![1]!;
  auth = `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
  browser = await launchBrowser();
});

afterEach(async () => {
  await opened?.close();
  opened = null;
});

afterAll(async () => {
  await stopServer('SIGKILL');
  await browser?.close();
  rmSync(data, { recursive: true, force: true });
});

describe('study records across outages', () => {
  it('a tour finished while the service is down arrives exactly once after it restarts and the page reloads', async () => {
    await startServer();
    opened = await openPage(browser, `http://127.0.0.1:${port}/?test`, { context: { viewport: { width: 800, height: 500 } } });
    await page().click('[data-member="guest"]');
    await page().click('[data-base="jiandang"] [data-action="start"]');
    await waitFor('s.progress && s.progress.station === 0');
    await evaluate('(s.goToStation(4), 0)');
    await passCheckpoint();
    await evaluate('(s.continueFromQuiz(), 0)');
    await waitFor("s.progress.station === 5 && r.scene && r.scene.getObjectByName('red-boat') !== undefined", 60_000);
    await waitFor('s.pendingRecords === 0', 60_000);
    const registration = await evaluate<string>('s.progress.registration');
    const before = await stored(`registration=${registration}`);
    expect(verbCounts(before)).toMatchObject({ initialized: 1, answered: 4, passed: 1 });

    await stopServer('SIGTERM');
    for (const station of [5, 6, 7]) {
      await waitFor(`s.progress.station === ${station} && (s.narrationState === 'playing' || s.narrationState === 'fallback')`);
      await page().keyboard.press('KeyK'); // skip: the narration ends
      await waitFor("s.narrationState === 'ended'");
      await evaluate('(s.nextStation(), 0)');
    }
    await waitFor('s.progress.station === 8');
    await passCheckpoint();
    await waitFor('s.progress.completedAt !== undefined');
    await waitFor('s.pendingRecords >= 9'); // 3 experienced, 4 answered, passed, completed
    await page().locator('[data-pending]').first().waitFor();

    await startServer();
    await page().reload();
    await waitFor('s.catalogue !== null');
    await page().evaluate(() => window.dispatchEvent(new Event('online')));
    await waitFor('s.pendingRecords === 0', 90_000);
    const after = await stored(`registration=${registration}`);
    expect(new Set(after.map((s) => s.id)).size).toBe(after.length);
    expect(verbCounts(after)).toEqual({ initialized: 1, answered: 8, passed: 2, experienced: 3, completed: 1 });
    expect(opened!.offHostRequests).toEqual([]);
  });

  it('nothing acknowledged is lost and nothing duplicated when the server is SIGKILLed mid-stream', async () => {
    if (!server) await startServer();
    opened = await openPage(browser, `http://127.0.0.1:${port}/?test`, { context: { viewport: { width: 800, height: 500 } } });
    await waitFor('s.catalogue !== null && r.records !== undefined');
    await waitFor('s.pendingRecords === 0', 60_000);
    const COUNT = 2000;
    // A stream of `experienced` statements for one fresh registration, written by the app's own recorder.
    const registration = await evaluate<string>(`(() => {
      const scene = s.catalogue.find((c) => c.ok).scene;
      const progress = { version: 1, baseId: scene.id, registration: crypto.randomUUID(), station: 0, visited: [], checkpoints: {}, activeMs: 0, startedAt: new Date().toISOString() };
      const stop = scene.rooms[0].stops[0];
      const all = [];
      for (let i = 0; i < ${COUNT}; i++) all.push(r.records.recorder.stopExperienced(scene, stop, progress, { finished: true }));
      window.__stream = Promise.all(all);
      return progress.registration;
    })()`);
    await page().evaluate(() => (window as unknown as { __stream: Promise<unknown> }).__stream);
    // Kill the server as soon as some, but not all, batches are acknowledged.
    await page().waitForFunction(`window.__redtour.store.getState().pendingRecords < ${COUNT} && window.__redtour.store.getState().pendingRecords > 0`, undefined, { timeout: 60_000, polling: 20 });
    await stopServer('SIGKILL');
    const pendingAtKill = await evaluate<number>('s.pendingRecords');
    expect(pendingAtKill).toBeGreaterThan(0);
    await startServer();
    await page().evaluate(() => window.dispatchEvent(new Event('online')));
    await waitFor('s.pendingRecords === 0', 90_000);
    const after = await stored(`registration=${registration}`);
    expect(after.length).toBe(COUNT);
    expect(new Set(after.map((s) => s.id)).size).toBe(COUNT);
  });
});
