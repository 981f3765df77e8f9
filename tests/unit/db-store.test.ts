import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, recordsFile } from '../../server/db/index';
import { numberPlaceholders, redactUrl } from '../../server/db/postgres';
import { migrate, StoredClock } from '../../server/db/sql';
import { openSqliteDriver } from '../../server/db/sqlite';
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
  it('runs in WAL mode with synchronous=FULL', async () => {
    const driver = openSqliteDriver(join(dir, 'pragma.sqlite'));
    try {
      expect(await driver.all('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
      expect(await driver.all('PRAGMA synchronous')).toEqual([{ synchronous: 2 }]);
      expect(await migrate(driver)).toBe(1);
      expect(await migrate(driver)).toBe(0);
      const indexes = (await driver.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'index'")).map((r) => r.name);
      expect(indexes).toEqual(expect.arrayContaining(['statements_verb', 'statements_activity', 'statements_registration', 'statements_actor', 'statements_stored']));
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
