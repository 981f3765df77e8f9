/**
 * The SQLite driver (better-sqlite3, synchronous), WAL journal, tuned for many small writers:
 *
 * - **Group commit.** The transactions waiting when the connection comes free run as one SQLite
 *   transaction, each inside its own SAVEPOINT (one that fails is rolled back alone), so a busy
 *   server writes each changed page once per group instead of once per request.
 * - **Durable before answered, without blocking the event loop.** A write resolves only after
 *   an fsync of the WAL file that began after its COMMIT; the fsync runs in libuv's thread pool
 *   and every commit made meanwhile shares the next one. This is what `synchronous=FULL` does
 *   inside COMMIT (in WAL mode FULL = NORMAL + an fsync of the WAL at each commit), moved off
 *   the event loop: SQLite runs with NORMAL, which still syncs around checkpoints and never
 *   lets a crash corrupt the file, and after a crash the WAL is replayed up to the last intact
 *   commit — so an answered write survives a kill or a power cut, and nothing is answered early.
 * - **Checkpoints on a worker thread.** Copying the WAL back into the database file (with its
 *   own fsyncs) happens on a second connection in a worker, not inside a request's COMMIT.
 *
 * Every call goes through one queue, so an open transaction never sees another request's
 * statements interleaved between its awaits.
 */
import { mkdirSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { jsonKeys, type Dialect, type SqlDriver, type SqlExecutor } from './sql';

const SQLITE: Dialect = {
  name: 'sqlite',
  seqPrimaryKey: 'INTEGER PRIMARY KEY AUTOINCREMENT',
  bigint: 'INTEGER',
  maxParams: 32766,
  jsonValue: (column, keys) => `json_extract(${column}, '$.${jsonKeys(keys).join('.')}')`,
};

/** A checkpoint starts at most this often: each one copies every page changed since the last, once. */
const CHECKPOINT_INTERVAL_MS = 200;
/**
 * WAL size (pages) at which commits wait (asynchronously) for one checkpoint with no commit
 * beside it, so that the next commit starts the WAL file over instead of growing it.
 */
const WAL_RESTART_PAGES = 16_384;
/** At most this many turns of the event loop pass between the first job of a group and its start. */
const GATHER_TURNS = 8;
/** Should the worker ever stop, the writing connection checkpoints by itself at this size. */
const FALLBACK_CHECKPOINT_PAGES = 65_536;

export interface SqliteOptions {
  /** Flushes one file or directory to disk (default: {@link FileSyncer}). Tests wrap it to watch the order. */
  fsync?: (path: string) => Promise<void>;
}

/**
 * fdatasync, as SQLite syncs its files (data and the size; not the times); fsync for a directory.
 * A file stays open after its first sync, so that each later one is a single job in libuv's
 * thread pool: open, stat and close would each wait for the event loop between them, and under
 * load the loop is busy with the next group's transaction, which made every answer wait longer.
 * Keeping the WAL open is safe because SQLite keeps the same file (the same inode) for as long as
 * this connection is open: it rewrites or truncates the WAL in place and deletes it only when the
 * last connection closes, and an fdatasync of an open descriptor flushes that inode.
 */
export class FileSyncer {
  /** Per path: its descriptor kept open, or null for a directory (synced by a fresh descriptor each time). */
  private readonly open = new Map<string, Promise<FileHandle | null>>();

  readonly sync = async (path: string): Promise<void> => {
    let opening = this.open.get(path);
    if (!opening) {
      opening = open(path, 'r').then(async (handle) => {
        if (!(await handle.stat()).isDirectory()) return handle;
        await handle.close();
        return null;
      });
      this.open.set(path, opening); // callers meanwhile share it
    }
    let handle: FileHandle | null;
    try {
      handle = await opening;
    } catch (error) {
      if (this.open.get(path) === opening) this.open.delete(path);
      throw error;
    }
    if (handle) return handle.datasync();
    const directory = await open(path, 'r');
    try {
      await directory.sync();
    } finally {
      await directory.close();
    }
  };

  async close(): Promise<void> {
    const handles = [...this.open.values()];
    this.open.clear();
    await Promise.all(handles.map(async (opening) => (await opening.catch(() => null))?.close().catch(() => {})));
  }
}

/** The WAL fsync, in libuv's thread pool; callers arriving while one runs share the next one. */
class WalSync {
  private running: Promise<void> | null = null;
  private next: Promise<void> | null = null;
  private dirSynced = false;

  constructor(
    private readonly file: string,
    private readonly fsync: (path: string) => Promise<void>,
  ) {}

  /** Resolves once everything written to the WAL before the call is on disk. */
  sync(): Promise<void> {
    if (!this.running) {
      this.running = this.flush().finally(() => (this.running = null));
      return this.running;
    }
    // The sync in flight may have begun before our write: wait for the one after it.
    this.next ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.next = null;
        return this.sync();
      });
    return this.next;
  }

  /** Resolves when no sync is running or waiting. */
  async idle(): Promise<void> {
    while (this.running || this.next) await (this.next ?? this.running)!.catch(() => undefined);
  }

  private async flush(): Promise<void> {
    // No WAL file yet (only PRAGMAs ran): the database file instead.
    await this.fsync(`${this.file}-wal`).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
      return this.fsync(this.file);
    });
    // Once, the directory too, so that a newly created WAL file is still found after a crash.
    if (!this.dirSynced) {
      await this.fsync(dirname(this.file));
      this.dirSynced = true;
    }
  }
}

/**
 * The checkpoint worker's code (plain JS: it runs without the TypeScript loader). A PASSIVE
 * checkpoint never blocks the writing connection; each answers with the WAL's size in pages and
 * how many of them are now in the database file.
 */
const CHECKPOINTER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = FULL');
db.pragma('wal_autocheckpoint = 0');
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  let result = { log: -1, checkpointed: -1 };
  try {
    result = db.pragma('wal_checkpoint(PASSIVE)')[0];
  } catch (error) {
    console.error('[records] checkpoint failed:', error.message);
  }
  parentPort.postMessage({ log: result.log, checkpointed: result.checkpointed });
});
`;

/** A second connection, on a worker thread, that copies the WAL back into the database file. */
class Checkpointer {
  private readonly worker: Worker;
  private exited = false;
  /** Settles the checkpoint in flight, if any, with whether the whole WAL is in the database file. */
  private settle: ((complete: boolean) => void) | null = null;
  private running: Promise<boolean> | null = null;
  private lastStart = -Infinity;
  /** The WAL's size in pages after the last checkpoint. */
  walPages = 0;

  constructor(file: string) {
    this.worker = new Worker(CHECKPOINTER, {
      eval: true,
      workerData: { file, module: createRequire(import.meta.url).resolve('better-sqlite3') },
    });
    this.worker.unref();
    this.worker.on('message', (result: { log: number; checkpointed: number }) => {
      if (result.log >= 0) this.walPages = result.log;
      this.settle?.(result.log >= 0 && result.checkpointed === result.log);
    });
    this.worker.on('error', (error) => console.error('[records] checkpoint worker failed:', error.message));
    this.worker.on('exit', () => {
      // From now on the writing connection checkpoints by itself (FALLBACK_CHECKPOINT_PAGES).
      this.exited = true;
      this.walPages = 0;
      this.settle?.(false);
    });
  }

  /** After a commit: starts a checkpoint unless one is running or began very recently. */
  wrote(): void {
    if (!this.running && performance.now() - this.lastStart >= CHECKPOINT_INTERVAL_MS) void this.checkpoint();
  }

  /** Waits for the running checkpoint, then runs one more (the caller commits nothing meanwhile). */
  async catchUp(): Promise<void> {
    await this.running;
    // All of it in the database file: the next commit starts the WAL over.
    if (await this.checkpoint()) this.walPages = 0;
  }

  private checkpoint(): Promise<boolean> {
    if (this.exited) return Promise.resolve(false);
    this.lastStart = performance.now();
    this.running = new Promise<boolean>((resolve) => {
      this.settle = (complete) => {
        this.settle = null;
        this.running = null;
        resolve(complete);
      };
    });
    this.worker.postMessage('checkpoint');
    return this.running;
  }

  async close(): Promise<void> {
    await this.running;
    if (this.exited) return;
    const exited = new Promise((resolve) => this.worker.once('exit', resolve));
    this.worker.ref();
    this.worker.postMessage('close');
    await exited;
  }
}

const bind = (params: readonly unknown[]) => params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p === undefined ? null : p));

interface Job {
  /** A transaction body, run in a group with the ones queued beside it … */
  tx?: (tx: SqlExecutor) => Promise<unknown>;
  /** … or one statement outside any transaction. */
  call?: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export function openSqliteDriver(file: string, options: SqliteOptions = {}): SqlDriver {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  // Another process (the credentials CLI) may hold the write lock for a moment.
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  // NORMAL + the driver's own WAL fsync before a write resolves = FULL (see the top).
  db.pragma('synchronous = NORMAL');
  db.pragma(`wal_autocheckpoint = ${FALLBACK_CHECKPOINT_PAGES}`);
  db.pragma('foreign_keys = ON');
  // Statement and savepoint journals in memory, not in a temp file written for every batch.
  db.pragma('temp_store = MEMORY');
  const syncer = new FileSyncer();
  const wal = new WalSync(file, options.fsync ?? syncer.sync);
  const checkpointer = new Checkpointer(file);

  const cache = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      if (cache.size > 500) cache.clear();
      cache.set(sql, statement);
    }
    return statement;
  };
  /** Whether the current job changed anything (then it waits for the fsync). */
  let wrote = false;
  const all = <T>(sql: string, params: readonly unknown[] = []): T[] => {
    const statement = prepare(sql);
    if (!statement.readonly) wrote = true;
    if (!statement.reader) {
      statement.run(...bind(params));
      return [];
    }
    return statement.all(...bind(params)) as T[];
  };
  const run = (sql: string, params: readonly unknown[] = []): number => {
    const statement = prepare(sql);
    if (!statement.readonly) wrote = true;
    if (statement.reader) {
      statement.all(...bind(params));
      return 0;
    }
    return statement.run(...bind(params)).changes;
  };
  const direct: SqlExecutor = {
    all: async <T>(sql: string, params?: readonly unknown[]) => all<T>(sql, params),
    run: async (sql: string, params?: readonly unknown[]) => run(sql, params),
  };

  const queue: Job[] = [];
  let draining = false;
  let closed: Promise<void> | null = null;
  const enqueue = <T>(job: Pick<Job, 'tx' | 'call'>): Promise<T> => {
    if (closed) return Promise.reject(new Error('the SQLite store is closed'));
    return new Promise<T>((resolve, reject) => {
      queue.push({ ...job, resolve: resolve as (value: unknown) => void, reject });
      if (!draining) {
        draining = true;
        gather(0, 0);
      }
    });
  };

  /**
   * Starts the next group once a turn of the event loop has added no job (or after a few turns):
   * requests read and validated meanwhile join it, and pay for one commit together.
   */
  function gather(seen: number, turns: number): void {
    setImmediate(() => {
      if (queue.length > seen && turns < GATHER_TURNS) gather(queue.length, turns + 1);
      else void drain();
    });
  }

  /** Runs a group as one transaction; each job settles after the fsync that covers it. */
  async function runGroup(group: Job[]): Promise<void> {
    const outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      db.exec('BEGIN IMMEDIATE');
      for (const job of group) {
        db.exec('SAVEPOINT job');
        try {
          outcomes.push({ ok: true, value: await job.tx!(direct) });
          db.exec('RELEASE job');
        } catch (error) {
          outcomes.push({ ok: false, value: error });
          db.exec('ROLLBACK TO job; RELEASE job');
        }
      }
      db.exec('COMMIT');
    } catch (error) {
      // BEGIN or COMMIT failed (busy, I/O error…): nothing of the group is stored.
      try {
        if (db.inTransaction) db.exec('ROLLBACK');
      } catch {
        // SQLite has rolled back already.
      }
      for (const job of group) job.reject(error);
      return;
    }
    const settle = () => group.forEach((job, i) => (outcomes[i]!.ok ? job.resolve(outcomes[i]!.value) : job.reject(outcomes[i]!.value)));
    if (!outcomes.some((outcome) => outcome.ok)) return settle();
    // The next group runs while this fsync is under way; the answers wait for it.
    wal.sync().then(settle, (error: unknown) => group.forEach((job) => job.reject(error)));
  }

  async function drain(): Promise<void> {
    while (queue.length > 0) {
      // A long WAL: commits pause for a checkpoint with none beside it, then the WAL starts over.
      if (checkpointer.walPages >= WAL_RESTART_PAGES) await checkpointer.catchUp();
      wrote = false;
      if (queue[0]!.tx) {
        let n = 1;
        while (n < queue.length && queue[n]!.tx) n++;
        await runGroup(queue.splice(0, n));
      } else {
        const job = queue.shift()!;
        try {
          const value = job.call!();
          if (wrote) wal.sync().then(() => job.resolve(value), job.reject);
          else job.resolve(value);
        } catch (error) {
          job.reject(error);
        }
      }
      if (wrote) checkpointer.wrote();
    }
    draining = false;
  }

  return {
    dialect: SQLITE,
    location: file,
    all: <T>(sql: string, params?: readonly unknown[]) => enqueue<T[]>({ call: () => all<T>(sql, params) }),
    run: (sql, params) => enqueue<number>({ call: () => run(sql, params) }),
    transaction: <T>(fn: (tx: SqlExecutor) => Promise<T>) => enqueue<T>({ tx: fn }),
    close: () =>
      (closed ??= enqueue<void>({ call: () => undefined }).then(async () => {
        await wal.idle();
        await syncer.close();
        await checkpointer.close();
        cache.clear();
        db.close();
      })),
  };
}
