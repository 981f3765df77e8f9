import { appendFileSync, mkdtempSync, readdirSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openStore, recordsFile } from '../../server/db/index';
import { numberPlaceholders, redactUrl } from '../../server/db/postgres';
import { migrate, StoredClock } from '../../server/db/sql';
import { FileSyncer, openSqliteDriver } from '../../server/db/sqlite';
import { indexStatement, normaliseStatement } from '../../server/xapi/statement';
import { validateStatements } from '../../server/xapi/schema';

const dir = mkdtempSync(join(tmpdir(), 'redtour-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('StoredClock', () => {
  it('never goes backwards, and never hands out a time at or before a reported consistent-through', () => {
    let now = 1000;
    const clock = new StoredClock(() => now);
    const a = clock.begin();
    expect(a.ms).toBe(1000);
    clock.end(a.ticket);
    expect(clock.consistentThrough()).toBe(1000);
    expect(clock.begin().ms).toBe(1001); // same millisecond as the report: pushed past it
    now = 900; // the wall clock stepped back
    expect(clock.begin().ms).toBe(1001);
  });

  it('holds consistent-through below the oldest batch still in flight', () => {
    let now = 5000;
    const clock = new StoredClock(() => now);
    const slow = clock.begin();
    now = 5010;
    const fast = clock.begin();
    clock.end(fast.ticket);
    expect(clock.consistentThrough()).toBe(4999);
    clock.end(slow.ticket);
    expect(clock.consistentThrough()).toBe(5010);
  });
});

describe('SQL helpers', () => {
  it('numbers placeholders for PostgreSQL outside quotes', () => {
    expect(numberPlaceholders("SELECT '?' , x FROM t WHERE a = ? AND b IN (?, ?)")).toBe("SELECT '?' , x FROM t WHERE a = $1 AND b IN ($2, $3)");
    expect(redactUrl('postgres://u:secret@db:5432/r')).toBe('postgres://u:***@db:5432/r');
  });
});

describe('SQLite store', () => {
  it('runs in WAL mode, and a write resolves only after an fsync of the WAL begun after its commit', async () => {
    const file = join(dir, 'pragma.sqlite');
    const committedRows = () => {
      const reader = new Database(file, { readonly: true });
      try {
        return (reader.prepare('SELECT COUNT(*) AS n FROM t').get() as { n: number }).n;
      } catch {
        return -1; // no table t yet
      } finally {
        reader.close();
      }
    };
    const walSyncs: number[] = [];
    let gate: Promise<void> | null = null;
    let release = () => {};
    const driver = openSqliteDriver(file, {
      // The real fsync, watched: the rows another connection sees as it begins, and held while `gate` is.
      fsync: async (path) => {
        if (path.endsWith('-wal')) {
          walSyncs.push(committedRows());
          await gate;
        }
        const handle = await open(path, 'r');
        await handle.sync();
        await handle.close();
      },
    });
    try {
      expect(await driver.all('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
      // NORMAL is FULL without the fsync at commit, which the driver does itself (below).
      expect(await driver.all('PRAGMA synchronous')).toEqual([{ synchronous: 1 }]);
      expect(await migrate(driver)).toBe(2);
      expect(await migrate(driver)).toBe(0);
      const indexes = (await driver.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'index'")).map((r) => r.name);
      expect(indexes).toEqual(expect.arrayContaining(['statements_verb', 'statements_activity', 'statements_registration', 'statements_ref', 'statements_stored']));
      // Dropped by migration 2: nothing reads it, and every insert paid for it.
      expect(indexes).not.toContain('statements_actor');

      await driver.run('CREATE TABLE t (x INTEGER)');
      gate = new Promise((resolve) => (release = resolve));
      walSyncs.length = 0;
      let resolved = false;
      const write = driver.transaction((tx) => tx.run('INSERT INTO t (x) VALUES (1)')).then(() => (resolved = true));
      await vi.waitFor(() => expect(walSyncs.length).toBeGreaterThan(0));
      // The fsync began with the row committed, and the write is not answered before it ends.
      expect(walSyncs).toEqual([1]);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(resolved).toBe(false);
      release();
      await write;
      expect(resolved).toBe(true);
    } finally {
      release();
      await driver.close();
    }
  });

  it('syncs a file through one descriptor kept open (a directory is closed at once), and lets go on close', async () => {
    const file = join(dir, 'synced.bin');
    writeFileSync(file, 'x');
    // The descriptors of this process open on a path (Linux: /proc/self/fd).
    const descriptors = (path: string) =>
      readdirSync('/proc/self/fd').filter((fd) => {
        try {
          return readlinkSync(`/proc/self/fd/${fd}`) === path;
        } catch {
          return false; // closed meanwhile
        }
      }).length;
    const syncer = new FileSyncer();
    await Promise.all([syncer.sync(file), syncer.sync(file)]);
    expect(descriptors(file)).toBe(1);
    for (let i = 0; i < 10; i++) {
      appendFileSync(file, 'y');
      await syncer.sync(file);
    }
    expect(descriptors(file)).toBe(1);
    await syncer.sync(dir);
    expect(descriptors(dir)).toBe(0);
    await syncer.close();
    expect(descriptors(file)).toBe(0);
    // A driver with the default syncer leaves no descriptor of its WAL behind.
    const db = join(dir, 'syncer.sqlite');
    const driver = openSqliteDriver(db);
    await driver.run('CREATE TABLE t (x INTEGER)');
    for (let i = 1; i <= 5; i++) await driver.transaction((tx) => tx.run('INSERT INTO t (x) VALUES (?)', [i]));
    expect(await driver.all('SELECT COUNT(*) AS n FROM t')).toEqual([{ n: 5 }]);
    await driver.close();
    expect(descriptors(`${db}-wal`)).toBe(0);
  });

  it('commits transactions queued together as one, rolling back only those that fail', async () => {
    const file = join(dir, 'group.sqlite');
    let walSyncs = 0;
    const driver = openSqliteDriver(file, {
      fsync: async (path) => {
        if (path.endsWith('-wal')) walSyncs++;
        const handle = await open(path, 'r');
        await handle.sync();
        await handle.close();
      },
    });
    const walFrames = () => (statSync(`${file}-wal`).size - 32) / (4096 + 24);
    try {
      await driver.run('CREATE TABLE t (x INTEGER PRIMARY KEY)');
      const before = walFrames();
      walSyncs = 0;
      const results = await Promise.allSettled([
        driver.transaction((tx) => tx.run('INSERT INTO t (x) VALUES (1)')),
        driver.transaction(async (tx) => {
          await tx.run('INSERT INTO t (x) VALUES (2)');
          throw new Error('refused');
        }),
        driver.transaction((tx) => tx.run('INSERT INTO t (x) VALUES (1)')),
        driver.transaction(async (tx) => (await tx.run('INSERT INTO t (x) VALUES (3)')) + (await tx.run('INSERT INTO t (x) VALUES (4)'))),
        driver.transaction((tx) => tx.run('INSERT INTO t (x) VALUES (5)')),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled', 'fulfilled']);
      expect((results[1] as PromiseRejectedResult).reason.message).toBe('refused');
      expect((results[2] as PromiseRejectedResult).reason.message).toMatch(/UNIQUE/);
      expect((results[3] as PromiseFulfilledResult<number>).value).toBe(2);
      expect(await driver.all('SELECT x FROM t ORDER BY x')).toEqual([{ x: 1 }, { x: 3 }, { x: 4 }, { x: 5 }]);
      // One commit wrote the table's page once (a commit per transaction: four times), and one fsync covered it.
      expect(walFrames() - before).toBe(1);
      expect(walSyncs).toBe(1);
    } finally {
      await driver.close();
    }
  });

  it('keeps statements across reopening, and rolls a failed batch back', async () => {
    const data = join(dir, 'reopen');
    const make = (n: number) => {
      const v = validateStatements({ actor: { mbox: `mailto:m${n}@x.test` }, verb: { id: 'http://x.test/v' }, object: { id: `http://x.test/a/${n}` } });
      if (!v.ok) throw new Error(v.error);
      const statement = normaliseStatement(v.statements[0]!, { id: `00000000-0000-4000-8000-00000000000${n}`, version: '1.0.0' });
      statement.authority = { objectType: 'Agent', account: { homePage: 'https://x.test', name: 'b' } };
      return { statement, index: indexStatement(statement) };
    };
    const first = await openStore({ dataDir: data });
    expect(first.location).toBe(recordsFile(data));
    await first.insert([make(1), make(2)], { branch: 'b', admin: false });
    // A batch with a conflicting id is refused whole.
    const conflicting = make(1);
    conflicting.statement.object = { id: 'http://x.test/other' };
    await expect(first.insert([make(3), conflicting], { branch: 'b', admin: false })).rejects.toMatchObject({ status: 409 });
    await first.close();
    const second = await openStore({ dataDir: data });
    try {
      expect((await second.stats()).total).toBe(2);
      expect(await second.get('00000000-0000-4000-8000-000000000003', { voided: false })).toBeNull();
      const page = await second.query({ agent: 'mbox:mailto:m2@x.test' }, { limit: 10 });
      expect(page.statements.map((s) => s.id)).toEqual(['00000000-0000-4000-8000-000000000002']);
    } finally {
      await second.close();
    }
  });
});
