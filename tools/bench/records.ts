/**
 * The study-record service under load: starts the server with the xAPI store (SQLite in a temp
 * data dir), creates a branch credential, and runs tools/bench/loadgen.mjs in a second process
 * against it on loopback.
 *
 * The xAPI service is being built alongside this bench, so it is loaded at run time and any
 * missing piece makes the result "not available" (with the reason) instead of failing the bench.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface LoopResult {
  connections: number;
  statementsPerRequest: number;
  requests: number;
  errors: number;
  seconds: number;
  statementsPerSecond: number;
  p50: number | null;
  p99: number | null;
}

export interface PacedResult {
  rate: number;
  requests: number;
  errors: number;
  seconds: number;
  achievedRate: number;
  /** Requests still unanswered when the load generator stopped waiting (counted in errors). */
  unanswered: number;
  /** null when more than that share of requests went unanswered. */
  p50: number | null;
  p99: number | null;
  max: number | null;
}

export type RecordsResult =
  | { available: true; store: string; batched: LoopResult; single: LoopResult; paced: PacedResult }
  | { available: false; reason: string };

export interface RecordsOptions {
  /** A directory with an index.html (the server wants a built app; the app itself is not used). */
  distDir: string;
  connections: number;
  batchSeconds: number;
  singleSeconds: number;
  rate: number;
  rateSeconds: number;
  /** How long the paced run waits for answers after its last request. */
  graceSeconds: number;
  timeoutMs: number;
}

const here = dirname(fileURLToPath(import.meta.url));

interface Store {
  kind: string;
  location: string;
  addCredential(record: unknown): Promise<void>;
}

/** Runs the load generator and returns its JSON line. */
function runLoadgen(config: object, timeoutMs: number): Promise<Omit<Extract<RecordsResult, { available: true }>, 'available' | 'store'>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(here, 'loadgen.mjs'), JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`load generator did not finish within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`load generator exited with ${code}: ${err.trim().split('\n').slice(-3).join(' | ')}`));
      try {
        resolve(JSON.parse(out.trim().split('\n').pop() ?? ''));
      } catch {
        reject(new Error(`load generator printed no result: ${out.slice(0, 200)}`));
      }
    });
  });
}

/** Measures ingestion throughput and latency of the xAPI statements endpoint. */
export async function benchRecords(options: RecordsOptions): Promise<RecordsResult> {
  let createCredential: ((input: { branch: string; name: string; scopes?: string[] }) => Promise<{ record: unknown; secret: string }>) | undefined;
  let startServer: ((options: Record<string, unknown>) => Promise<{ httpUrl: string; records?: Store; close(): Promise<void> }>) | undefined;
  try {
    ({ createCredential } = (await import('../../server/xapi/auth')) as { createCredential?: typeof createCredential });
    ({ startServer } = (await import('../../server/main')) as unknown as { startServer?: typeof startServer });
  } catch (error) {
    return { available: false, reason: `server/xapi could not be loaded: ${(error as Error).message.split('\n')[0]}` };
  }
  if (typeof createCredential !== 'function' || typeof startServer !== 'function') {
    return { available: false, reason: 'server/xapi/auth.ts has no createCredential() or server/main.ts no startServer()' };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'redtour-bench-records-'));
  let server: Awaited<ReturnType<NonNullable<typeof startServer>>> | undefined;
  try {
    server = await startServer({
      distDir: options.distDir,
      port: 0,
      host: '127.0.0.1',
      httpsPort: false,
      dataDir,
      lanAddresses: [],
      log: () => {},
      records: {},
    });
    if (!server.records) return { available: false, reason: 'startServer({ records }) did not open a statement store' };
    const { record, secret } = await createCredential({ branch: 'bench', name: 'tools/bench', scopes: ['write'] });
    await server.records.addCredential(record);
    const key = (record as { key: string }).key;
    const auth = `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
    const probe = await fetch(`${server.httpUrl}/xapi/about`).catch(() => null);
    if (!probe || probe.status !== 200) return { available: false, reason: `GET /xapi/about answered ${probe?.status ?? 'nothing'}` };
    const result = await runLoadgen(
      {
        url: server.httpUrl,
        auth,
        connections: options.connections,
        batchSeconds: options.batchSeconds,
        singleSeconds: options.singleSeconds,
        rate: options.rate,
        rateSeconds: options.rateSeconds,
        graceSeconds: options.graceSeconds,
      },
      options.timeoutMs,
    );
    const failed = result.batched.requests === 0 || result.single.requests === 0;
    if (failed) return { available: false, reason: `every POST failed (batched errors ${result.batched.errors}, single errors ${result.single.errors})` };
    return { available: true, store: `${server.records.kind} (${server.records.location.replace(dataDir, '<temp>')})`, ...result };
  } catch (error) {
    return { available: false, reason: (error as Error).message.split('\n')[0] ?? 'unknown error' };
  } finally {
    await server?.close().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  }
}
