/**
 * The SQLite driver (better-sqlite3, synchronous): WAL journal with `synchronous=FULL`, so a
 * batch is on disk — the WAL fsynced — before the HTTP answer goes out, and survives a kill
 * or a power cut. One connection; every call goes through one queue so that an open
 * transaction never sees another request's statements interleaved between its awaits.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { jsonKeys, type Dialect, type SqlDriver, type SqlExecutor } from './sql';

const SQLITE: Dialect = {
  name: 'sqlite',
  seqPrimaryKey: 'INTEGER PRIMARY KEY AUTOINCREMENT',
  bigint: 'INTEGER',
  maxParams: 32766,
  jsonValue: (column, keys) => `json_extract(${column}, '$.${jsonKeys(keys).join('.')}')`,
};

/** Runs tasks one at a time, in order. */
class Queue {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(task: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

const bind = (params: readonly unknown[]) => params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p === undefined ? null : p));

export function openSqliteDriver(file: string): SqlDriver {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  // Another process (the credentials CLI) may hold the write lock for a moment.
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
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
  const direct: SqlExecutor = {
    all: async <T>(sql: string, params: readonly unknown[] = []) => {
      const statement = prepare(sql);
      if (!statement.reader) {
        statement.run(...bind(params));
        return [] as T[];
      }
      return statement.all(...bind(params)) as T[];
    },
    run: async (sql: string, params: readonly unknown[] = []) => {
      const statement = prepare(sql);
      if (statement.reader) {
        statement.all(...bind(params));
        return 0;
      }
      return statement.run(...bind(params)).changes;
    },
  };
  const queue = new Queue();
  let closed = false;
  return {
    dialect: SQLITE,
    location: file,
    all: (sql, params) => queue.run(() => direct.all(sql, params)),
    run: (sql, params) => queue.run(() => direct.run(sql, params)),
    transaction: (fn) =>
      queue.run(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(direct);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        }
      }),
    close: () =>
      queue.run(() => {
        if (closed) return;
        closed = true;
        cache.clear();
        db.close();
      }),
  };
}
