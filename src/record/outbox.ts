/**
 * The outbox: every statement is written here, durably, before anything tries to send it.
 * Statements leave it oldest first, either acknowledged by the LRS (deleted) or rejected as
 * poison (moved to a `rejected` list that is kept, so one bad statement never blocks the queue).
 */
import type { Statement } from './statements';

/** A statement the LRS refused for good, with why and when. */
export interface RejectedStatement {
  statement: Statement;
  reason: string;
  rejectedAt: string;
}

/** Storage under an outbox. Every method is one atomic step; the outbox serialises calls. */
export interface OutboxBackend {
  /** Appends in order; ids already pending or rejected are skipped. Resolves once durable. */
  add(statements: readonly Statement[]): Promise<void>;
  /** The oldest `limit` pending statements, oldest first. */
  peek(limit: number): Promise<Statement[]>;
  /** Deletes pending statements (unknown ids are ignored). */
  ack(ids: readonly string[]): Promise<void>;
  /** Moves pending statements to the rejected list (unknown ids are ignored). */
  reject(ids: readonly string[], reason: string, at: Date): Promise<void>;
  count(): Promise<number>;
  rejected(): Promise<RejectedStatement[]>;
}

/** The queue the recorder writes to and the sender reads from. */
export interface Outbox {
  /** Queues statements; durable once the promise resolves. Adding a known id again is a no-op. */
  add(statements: readonly Statement[]): Promise<void>;
  /** The oldest `limit` pending statements, oldest first (they stay pending until ack/reject). */
  peek(limit: number): Promise<Statement[]>;
  /** The LRS has them: remove from pending. */
  ack(ids: readonly string[]): Promise<void>;
  /** The LRS refuses them for good: move to the rejected list, kept for review. */
  reject(ids: readonly string[], reason: string): Promise<void>;
  /** Number of pending statements. */
  count(): Promise<number>;
  /** Statements moved aside by `reject`, oldest first. */
  rejected(): Promise<RejectedStatement[]>;
  /** Calls `cb(pendingCount)` now and after every change made through this outbox; returns unsubscribe. */
  subscribe(cb: (count: number) => void): () => void;
}

/** Wraps a backend: serialises operations (so order and counts are consistent) and notifies subscribers. */
export function createOutbox(backend: OutboxBackend): Outbox {
  let chain: Promise<unknown> = Promise.resolve();
  const listeners = new Set<(count: number) => void>();

  function serial<T>(op: () => Promise<T>): Promise<T> {
    const run = chain.then(op, op);
    chain = run.catch(() => undefined);
    return run;
  }

  function notify(): void {
    if (listeners.size === 0) return;
    serial(() => backend.count()).then(
      (n) => listeners.forEach((cb) => cb(n)),
      () => undefined,
    );
  }

  function write<T>(op: () => Promise<T>): Promise<T> {
    return serial(op).then((v) => {
      notify();
      return v;
    });
  }

  return {
    add: (statements) => (statements.length ? write(() => backend.add(statements)) : Promise.resolve()),
    peek: (limit) => serial(() => backend.peek(Math.max(0, Math.floor(limit)))),
    ack: (ids) => (ids.length ? write(() => backend.ack(ids)) : Promise.resolve()),
    reject: (ids, reason) => (ids.length ? write(() => backend.reject(ids, reason, new Date())) : Promise.resolve()),
    count: () => serial(() => backend.count()),
    rejected: () => serial(() => backend.rejected()),
    subscribe(cb) {
      listeners.add(cb);
      serial(() => backend.count()).then(
        (n) => {
          if (listeners.has(cb)) cb(n);
        },
        () => undefined,
      );
      return () => void listeners.delete(cb);
    },
  };
}

/** An in-memory backend for tests (and as a fallback where IndexedDB is unavailable). Keep the object to "reload". */
export function memoryBackend(): OutboxBackend {
  const pending = new Map<string, Statement>(); // Map keeps insertion order
  const rejected = new Map<string, RejectedStatement>();
  const copy = <T>(v: T): T => structuredClone(v);
  return {
    async add(statements) {
      for (const s of statements) if (!pending.has(s.id) && !rejected.has(s.id)) pending.set(s.id, copy(s));
    },
    async peek(limit) {
      const out: Statement[] = [];
      for (const s of pending.values()) {
        if (out.length >= limit) break;
        out.push(copy(s));
      }
      return out;
    },
    async ack(ids) {
      for (const id of ids) pending.delete(id);
    },
    async reject(ids, reason, at) {
      for (const id of ids) {
        const s = pending.get(id);
        if (!s) continue;
        pending.delete(id);
        rejected.set(id, { statement: s, reason, rejectedAt: at.toISOString() });
      }
    },
    async count() {
      return pending.size;
    },
    async rejected() {
      return [...rejected.values()].map(copy);
    },
  };
}

interface PendingRow {
  id: string;
  seq: number;
  statement: Statement;
}

interface RejectedRow extends RejectedStatement {
  id: string;
  seq: number;
}

const PENDING = 'pending';
const REJECTED = 'rejected';
const BY_SEQ = 'seq';

/** An IndexedDB backend; also exposes `close()` (tests use it to simulate a reload). */
export interface IndexedDbBackend extends OutboxBackend {
  close(): void;
}

/**
 * The browser backend. Stores `pending` (key: statement id, unique index `seq` for insertion
 * order) and `rejected`. Each operation is one transaction; writes ask for strict durability
 * so that "resolved" means "on disk", and survive reloads and browser restarts.
 */
export function indexedDbBackend(dbName = 'redtour-outbox', factory: IDBFactory = globalThis.indexedDB): IndexedDbBackend {
  let db: Promise<IDBDatabase> | null = null;

  function open(): Promise<IDBDatabase> {
    if (db) return db;
    const opening = new Promise<IDBDatabase>((resolve, reject) => {
      if (!factory) return reject(new Error('IndexedDB is not available'));
      const req = factory.open(dbName, 1);
      req.onupgradeneeded = () => {
        const d = req.result;
        if (!d.objectStoreNames.contains(PENDING)) d.createObjectStore(PENDING, { keyPath: 'id' }).createIndex(BY_SEQ, 'seq', { unique: true });
        if (!d.objectStoreNames.contains(REJECTED)) d.createObjectStore(REJECTED, { keyPath: 'id' });
      };
      req.onsuccess = () => {
        const d = req.result;
        // Another tab upgrading, or the browser closing us: let go and reopen on next use.
        d.onversionchange = () => {
          d.close();
          db = null;
        };
        d.onclose = () => {
          db = null;
        };
        resolve(d);
      };
      req.onerror = () => reject(req.error ?? new Error(`cannot open IndexedDB "${dbName}"`));
      req.onblocked = () => reject(new Error(`IndexedDB "${dbName}" is blocked by another tab`));
    });
    db = opening;
    opening.catch(() => {
      if (db === opening) db = null;
    });
    return opening;
  }

  /** Runs `body` in one transaction; resolves with its value when the transaction completes. */
  async function tx<T>(stores: string[], mode: IDBTransactionMode, body: (t: IDBTransaction, done: (v: T) => void) => void): Promise<T> {
    const d = await open();
    return new Promise<T>((resolve, reject) => {
      const t = mode === 'readwrite' ? d.transaction(stores, mode, { durability: 'strict' }) : d.transaction(stores, mode);
      let value: T;
      t.oncomplete = () => resolve(value);
      t.onerror = () => reject(t.error ?? new Error('IndexedDB transaction failed'));
      t.onabort = () => reject(t.error ?? new Error('IndexedDB transaction aborted'));
      body(t, (v) => {
        value = v;
      });
    });
  }

  return {
    add: (statements) =>
      tx<void>([PENDING, REJECTED], 'readwrite', (t) => {
        const pending = t.objectStore(PENDING);
        const rejected = t.objectStore(REJECTED);
        const last = pending.index(BY_SEQ).openCursor(null, 'prev');
        last.onsuccess = () => {
          let seq = last.result ? (last.result.value as PendingRow).seq : 0;
          // Requests on one transaction run in order, so each lookup sees the puts before it.
          const seen = new Set<string>();
          const unique = statements.filter((s) => !seen.has(s.id) && seen.add(s.id));
          for (const s of unique) {
            const inRejected = rejected.getKey(s.id);
            inRejected.onsuccess = () => {
              if (inRejected.result !== undefined) return;
              const inPending = pending.getKey(s.id);
              inPending.onsuccess = () => {
                if (inPending.result !== undefined) return;
                seq += 1;
                pending.put({ id: s.id, seq, statement: s } satisfies PendingRow);
              };
            };
          }
        };
      }),
    peek: (limit) =>
      tx<Statement[]>([PENDING], 'readonly', (t, done) => {
        const out: Statement[] = [];
        done(out);
        if (limit <= 0) return;
        const cur = t.objectStore(PENDING).index(BY_SEQ).openCursor();
        cur.onsuccess = () => {
          const c = cur.result;
          if (!c) return;
          out.push((c.value as PendingRow).statement);
          if (out.length < limit) c.continue();
        };
      }),
    ack: (ids) =>
      tx<void>([PENDING], 'readwrite', (t) => {
        const pending = t.objectStore(PENDING);
        for (const id of ids) pending.delete(id);
      }),
    reject: (ids, reason, at) =>
      tx<void>([PENDING, REJECTED], 'readwrite', (t) => {
        const pending = t.objectStore(PENDING);
        const rejected = t.objectStore(REJECTED);
        for (const id of ids) {
          const get = pending.get(id);
          get.onsuccess = () => {
            const row = get.result as PendingRow | undefined;
            if (!row) return;
            rejected.put({ id, seq: row.seq, statement: row.statement, reason, rejectedAt: at.toISOString() } satisfies RejectedRow);
            pending.delete(id);
          };
        }
      }),
    count: () =>
      tx<number>([PENDING], 'readonly', (t, done) => {
        const req = t.objectStore(PENDING).count();
        req.onsuccess = () => done(req.result);
      }),
    rejected: () =>
      tx<RejectedStatement[]>([REJECTED], 'readonly', (t, done) => {
        const req = t.objectStore(REJECTED).getAll();
        req.onsuccess = () =>
          done(
            (req.result as RejectedRow[])
              .sort((a, b) => a.rejectedAt.localeCompare(b.rejectedAt) || a.seq - b.seq)
              .map(({ statement, reason, rejectedAt }) => ({ statement, reason, rejectedAt })),
          );
      }),
    close() {
      const current = db;
      db = null;
      current?.then((d) => d.close(), () => undefined);
    },
  };
}
