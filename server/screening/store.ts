/**
 * Meeting records of group screenings (集体放映会议记录), in the same database as the statements
 * (SQLite or PostgreSQL): one row per meeting, written once when the presenter confirms the
 * attendance, never changed afterwards. The body is the whole record as JSON; the columns are what
 * the dashboard filters and sorts by.
 */
import type { SqlDriver } from '../db/sql';

export interface MeetingAttendee {
  id: string;
  name: string;
  branchId: string | null;
  /** Joined from a phone (rather than ticked by the presenter). */
  phone: boolean;
  answered: number;
  correct: number;
}

export interface MeetingQuestion {
  checkpointId: string;
  checkpointTitle: string;
  questionId: string;
  prompt: string;
  /** Attendees' answers only. */
  answered: number;
  correct: number;
  /** Option label ("A. …") and how many chose it. */
  options: { id: string; label: string; count: number; right: boolean }[];
}

export interface MeetingRecord {
  /** The meeting's UUID, also the xAPI registration of its statements. */
  id: string;
  code: string;
  baseId: string;
  baseTitle: string;
  branchId: string | null;
  branchName: string | null;
  presenter: { id: string; name: string } | null;
  startedMs: number;
  endedMs: number;
  /** Every station of the base was shown. */
  completion: boolean;
  stationsShown: number;
  stationsTotal: number;
  attendees: MeetingAttendee[];
  questions: MeetingQuestion[];
  /** How many statements were stored for it. */
  statements: number;
}

/** Numbered from 2001 in the shared `schema_migrations` table. Never edit a shipped one. */
const MIGRATIONS: readonly (readonly string[])[] = [
  [
    `CREATE TABLE screening_meetings (
      id TEXT PRIMARY KEY,
      branch_id TEXT,
      base_id TEXT NOT NULL,
      started_ms {{BIGINT}} NOT NULL,
      ended_ms {{BIGINT}} NOT NULL,
      body TEXT NOT NULL
    )`,
    'CREATE INDEX screening_meetings_branch ON screening_meetings (branch_id, ended_ms)',
    'CREATE INDEX screening_meetings_ended ON screening_meetings (ended_ms)',
  ],
];
const BASE = 2001;

/** Brings the meetings table up to date; safe on every start. */
export async function migrateMeetings(driver: SqlDriver): Promise<number> {
  return driver.transaction(async (tx) => {
    if (driver.dialect.migrationLock) await tx.all(driver.dialect.migrationLock);
    await tx.run('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    const applied = new Set((await tx.all<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => Number(r.version)));
    let count = 0;
    for (const [index, statements] of MIGRATIONS.entries()) {
      if (applied.has(BASE + index)) continue;
      for (const sql of statements) await tx.run(sql.replaceAll('{{BIGINT}}', driver.dialect.bigint));
      await tx.run('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)', [BASE + index, new Date().toISOString()]);
      count++;
    }
    return count;
  });
}

export class MeetingStore {
  constructor(private readonly driver: SqlDriver) {}

  /** Stores a record unless one with its id exists; returns the stored one (the first wins). */
  async save(record: MeetingRecord): Promise<MeetingRecord> {
    await this.driver.run(
      'INSERT INTO screening_meetings (id, branch_id, base_id, started_ms, ended_ms, body) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
      [record.id, record.branchId, record.baseId, record.startedMs, record.endedMs, JSON.stringify(record)],
    );
    return (await this.get(record.id))!;
  }

  async get(id: string): Promise<MeetingRecord | null> {
    const rows = await this.driver.all<{ body: string }>('SELECT body FROM screening_meetings WHERE id = ?', [id]);
    return rows[0] ? (JSON.parse(String(rows[0].body)) as MeetingRecord) : null;
  }

  /** Newest first; only one branch's when `branchId` is given. */
  async list(options: { branchId?: string | null; sinceMs?: number; untilMs?: number } = {}): Promise<MeetingRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (options.branchId) {
      where.push('branch_id = ?');
      params.push(options.branchId);
    }
    if (options.sinceMs !== undefined) {
      where.push('ended_ms >= ?');
      params.push(options.sinceMs);
    }
    if (options.untilMs !== undefined) {
      where.push('ended_ms < ?');
      params.push(options.untilMs);
    }
    const rows = await this.driver.all<{ body: string }>(
      `SELECT body FROM screening_meetings${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ended_ms DESC, id`,
      params,
    );
    return rows.map((row) => JSON.parse(String(row.body)) as MeetingRecord);
  }
}
