/**
 * The study-record service under load: starts the server in a process of its own
 * (tools/bench/record-server.ts: the xAPI store on SQLite in a temp data dir, one branch
 * credential), then runs tools/bench/loadgen.mjs in another process against it on loopback.
 * Anything that keeps it from running makes the result "not available" (with the reason)
 * instead of failing the bench.
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

/** Runs a Node child with one JSON argument; resolves to the first JSON line it prints. */
function child(script: string, config: object, loader: boolean) {
  const args = [...(loader ? ['--import', 'tsx'] : []), join(here, script), JSON.stringify(config)];
  const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const firstLine = (timeoutMs: number) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => {
        proc.kill('SIGKILL');
        reject(new Error(`${script} did not answer within ${Math.round(timeoutMs / 1000)} s`));
      }, timeoutMs);
      const done = (fn: () => void) => {
        clearTimeout(timer);
        fn();
      };
      proc.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const line = out.split('\n').find((x, i, all) => i < all.length - 1 && x.trim());
        if (line === undefined) return;
        done(() => {
          try {
            resolve(JSON.parse(line) as Record<string, unknown>);
          } catch {
            reject(new Error(`${script} printed no result: ${line.slice(0, 200)}`));
          }
        });
      });
      proc.on('error', (error) => done(() => reject(error)));
      proc.on('exit', (code) =>
        done(() => reject(new Error(`${script} exited with ${code}: ${err.trim().split('\n').slice(-3).join(' | ')}`))),
      );
    });
  const exited = new Promise<void>((resolve) => (proc.exitCode !== null ? resolve() : proc.once('exit', () => resolve())));
  return { proc, firstLine, exited };
}

/**
 * Measures ingestion throughput and latency of the xAPI statements endpoint: the service and the
 * load generator each run in a Node process of their own, as in use.
 */
export async function benchRecords(options: RecordsOptions): Promise<RecordsResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'redtour-bench-records-'));
  const server = child('record-server.ts', { distDir: options.distDir, dataDir }, true);
  try {
    const started = await server.firstLine(60_000);
    if (typeof started.error === 'string') return { available: false, reason: started.error };
    const url = String(started.url);
    const probe = await fetch(`${url}/xapi/about`).catch(() => null);
    if (!probe || probe.status !== 200) return { available: false, reason: `GET /xapi/about answered ${probe?.status ?? 'nothing'}` };
    const loadgen = child(
      'loadgen.mjs',
      {
        url,
        auth: started.auth,
        connections: options.connections,
        batchSeconds: options.batchSeconds,
        singleSeconds: options.singleSeconds,
        rate: options.rate,
        rateSeconds: options.rateSeconds,
        graceSeconds: options.graceSeconds,
      },
      false,
    );
    const result = (await loadgen.firstLine(options.timeoutMs)) as unknown as Omit<Extract<RecordsResult, { available: true }>, 'available' | 'store'>;
    const failed = result.batched.requests === 0 || result.single.requests === 0;
    if (failed) return { available: false, reason: `every POST failed (batched errors ${result.batched.errors}, single errors ${result.single.errors})` };
    return { available: true, store: String(started.store), ...result };
  } catch (error) {
    return { available: false, reason: (error as Error).message.split('\n')[0] ?? 'unknown error' };
  } finally {
    if (server.proc.exitCode === null) server.proc.kill('SIGTERM');
    await Promise.race([server.exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    if (server.proc.exitCode === null) server.proc.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
}
