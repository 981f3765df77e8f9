/**
 * The SQL both stores share: schema and migrations, inserting a batch, voiding, the filtered
 * query with its cursor, stats and credentials. A driver only executes SQL written with `?`
 * placeholders and a few dialect words ({@link Dialect}); everything else is here, once.
 */
import type {
  CredentialRecord,
  Cursor,
  InsertResult,
  Json,
  NewStatement,
  QueryOptions,
  QueryResult,
  Scope,
  StatementFilter,
  StatementStats,
  StatementStore,
  StatsFilter,
  StoredStatement,
  WriterContext,
} from './types';
import { StoreError } from './types';
import { NARROW_AGENT_ROLES, sameStatement } from '../xapi/statement';

export type Row = Record<string, unknown>;

export interface SqlExecutor {
  /** Rows of a query (or of `… RETURNING`). Placeholders are `?`. */
  all<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a statement; resolves to the number of rows changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
}

export interface Dialect {
  readonly name: 'sqlite' | 'postgres';
  /** The auto-incrementing primary key of `statements`. */
  readonly seqPrimaryKey: string;
  readonly bigint: string;
  /** Run first inside the migration transaction (PostgreSQL: an advisory lock). */
  readonly migrationLock?: string;
  /** Largest number of bound parameters in one statement. */
  readonly maxParams: number;
  /**
   * INSERT … RETURNING inside WITH (PostgreSQL): a batch and its filter rows go in one statement,
   * one round trip. SQLite inserts them one statement after the other (no round trips there).
   */
  readonly writableCtes?: boolean;
  /**
   * A SQL expression reading one value out of a JSON text column, as text or number (SQLite's
   * `json_extract` gives a JSON `true` as 1, PostgreSQL's `#>>` as 'true'). `keys` are fixed
   * names (letters, digits, `_`), never user input. Used by the dashboard queries.
   */
  jsonValue(column: string, keys: readonly string[]): string;
}

/** Checks the keys of a {@link Dialect.jsonValue} path: they are pasted into SQL. */
export function jsonKeys(keys: readonly string[]): readonly string[] {
  for (const key of keys) if (!/^[A-Za-z0-9_]+$/.test(key)) throw new Error(`jsonValue: unsafe key ${JSON.stringify(key)}`);
  return keys;
}

export interface SqlDriver extends SqlExecutor {
  readonly dialect: Dialect;
  readonly location: string;
  /** Runs `fn` in one transaction: committed (durably) if it resolves, rolled back if it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Numbered migrations; `{{SEQ}}` and `{{BIGINT}}` are replaced per dialect. Never edit a shipped one. */
const MIGRATIONS: readonly (readonly string[])[] = [
  [
    `CREATE TABLE statements (
      seq {{SEQ}},
      id TEXT NOT NULL UNIQUE,
      stored TEXT NOT NULL,
      stored_ms {{BIGINT}} NOT NULL,
      timestamp_ms {{BIGINT}},
      branch TEXT NOT NULL,
      verb_id TEXT NOT NULL,
      actor_ifi TEXT,
      object_activity TEXT,
      object_ref TEXT,
      registration TEXT,
      voiding INTEGER NOT NULL DEFAULT 0,
      voided INTEGER NOT NULL DEFAULT 0,
      body TEXT NOT NULL
    )`,
    'CREATE INDEX statements_stored ON statements (stored_ms, seq)',
    'CREATE INDEX statements_branch ON statements (branch, stored_ms, seq)',
    'CREATE INDEX statements_verb ON statements (verb_id, stored_ms)',
    'CREATE INDEX statements_actor ON statements (actor_ifi, stored_ms)',
    'CREATE INDEX statements_activity ON statements (object_activity, stored_ms)',
    'CREATE INDEX statements_registration ON statements (registration, stored_ms)',
    'CREATE INDEX statements_timestamp ON statements (timestamp_ms)',
    'CREATE INDEX statements_ref ON statements (object_ref)',
    `CREATE TABLE statement_activities (
      seq {{BIGINT}} NOT NULL REFERENCES statements (seq),
      activity_id TEXT NOT NULL,
      role TEXT NOT NULL,
      PRIMARY KEY (activity_id, role, seq)
    )`,
    'CREATE INDEX statement_activities_seq ON statement_activities (seq)',
    `CREATE TABLE statement_agents (
      seq {{BIGINT}} NOT NULL REFERENCES statements (seq),
      ifi TEXT NOT NULL,
      role TEXT NOT NULL,
      PRIMARY KEY (ifi, role, seq)
    )`,
    'CREATE INDEX statement_agents_seq ON statement_agents (seq)',
    `CREATE TABLE credentials (
      key TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      branch TEXT NOT NULL,
      scopes TEXT NOT NULL,
      salt TEXT NOT NULL,
      secret_hash TEXT NOT NULL,
      created TEXT NOT NULL,
      revoked TEXT
    )`,
  ],
  // Fewer B-trees to update per statement (ingestion speed). No query reads these: the agent
  // filters and the dashboard use statement_agents (ifi, role, seq) for actors; nothing filters
  // on timestamp alone; statements are never deleted, so the child seq indexes serve no foreign
  // key check; and only non-null object refs (StatementRef objects) are ever looked up.
  [
    'DROP INDEX statements_actor',
    'DROP INDEX statements_timestamp',
    'DROP INDEX statement_activities_seq',
    'DROP INDEX statement_agents_seq',
    'DROP INDEX statements_ref',
    'CREATE INDEX statements_ref ON statements (object_ref) WHERE object_ref IS NOT NULL',
  ],
];

/**
 * The roster, the dashboard's secretaries and their sessions, and an index for the dashboard's
 * per-base queries. Numbered from 1001 in the same `schema_migrations` table, so that the
 * statement schema's own numbering (above) stays independent. Never edit a shipped one.
 */
const ROSTER_MIGRATIONS: readonly (readonly string[])[] = [
  [
    `CREATE TABLE branches (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      created TEXT NOT NULL
    )`,
    `CREATE TABLE members (
      member_id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      branch_id TEXT NOT NULL REFERENCES branches (id),
      active INTEGER NOT NULL DEFAULT 1,
      updated TEXT NOT NULL
    )`,
    'CREATE INDEX members_branch ON members (branch_id, active)',
    `CREATE TABLE admin_users (
      username TEXT PRIMARY KEY,
      password_hash TEXT NOT NULL,
      branch_id TEXT REFERENCES branches (id),
      created TEXT NOT NULL
    )`,
    `CREATE TABLE admin_sessions (
      token_hash TEXT PRIMARY KEY,
      username TEXT NOT NULL REFERENCES admin_users (username) ON DELETE CASCADE,
      csrf TEXT NOT NULL,
      created_ms {{BIGINT}} NOT NULL,
      expires_ms {{BIGINT}} NOT NULL
    )`,
    'CREATE INDEX admin_sessions_expiry ON admin_sessions (expires_ms)',
    'CREATE INDEX statements_object_verb_time ON statements (object_activity, verb_id, timestamp_ms)',
  ],
];

/** First version number of {@link ROSTER_MIGRATIONS}. */
const ROSTER_MIGRATION_BASE = 1001;

/**
 * Brings the roster/dashboard tables up to date (after {@link migrate}); safe on every start and
 * from several processes. Returns how many of its migrations were applied.
 */
export async function migrateRoster(driver: SqlDriver): Promise<number> {
  return driver.transaction(async (tx) => {
    if (driver.dialect.migrationLock) await tx.all(driver.dialect.migrationLock);
    await tx.run('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    const rows = await tx.all<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((row) => Number(row.version)));
    let count = 0;
    for (const [index, statements] of ROSTER_MIGRATIONS.entries()) {
      const version = ROSTER_MIGRATION_BASE + index;
      if (applied.has(version)) continue;
      for (const sql of statements) {
        await tx.run(sql.replaceAll('{{SEQ}}', driver.dialect.seqPrimaryKey).replaceAll('{{BIGINT}}', driver.dialect.bigint));
      }
      await tx.run('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)', [version, new Date().toISOString()]);
      count++;
    }
    return count;
  });
}

/** Brings the schema up to date; safe to run on every start and from several processes. */
export async function migrate(driver: SqlDriver): Promise<number> {
  return driver.transaction(async (tx) => {
    // Lock first: PostgreSQL's CREATE TABLE IF NOT EXISTS is not safe against a concurrent one.
    if (driver.dialect.migrationLock) await tx.all(driver.dialect.migrationLock);
    await tx.run('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    const rows = await tx.all<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((row) => Number(row.version)));
    let count = 0;
    for (const [index, statements] of MIGRATIONS.entries()) {
      const version = index + 1;
      if (applied.has(version)) continue;
      for (const sql of statements) {
        await tx.run(sql.replaceAll('{{SEQ}}', driver.dialect.seqPrimaryKey).replaceAll('{{BIGINT}}', driver.dialect.bigint));
      }
      await tx.run('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)', [version, new Date().toISOString()]);
      count++;
    }
    return count;
  });
}

/**
 * Hands out `stored` times and answers "consistent through". Within this process stored times
 * never go backwards and never fall at or before a consistent-through already reported, and a
 * batch counts as in flight from the moment it gets its time until its commit returned. So a
 * query capped at consistent-through never misses a statement that later appears below the cap
 * — what makes the paging cursor stable. (One server process per database is assumed.)
 */
export class StoredClock {
  private last = 0;
  private reported = 0;
  private nextTicket = 0;
  private readonly inflight = new Map<number, number>();

  constructor(private readonly now: () => number = Date.now) {}

  begin(): { ticket: number; ms: number } {
    const ms = Math.max(this.now(), this.last, this.reported + 1);
    this.last = ms;
    const ticket = this.nextTicket++;
    this.inflight.set(ticket, ms);
    return { ticket, ms };
  }

  end(ticket: number): void {
    this.inflight.delete(ticket);
  }

  /** Milliseconds; also remembered, so later stored times are strictly greater. */
  consistentThrough(): number {
    let through = Math.max(this.now(), this.reported);
    for (const ms of this.inflight.values()) through = Math.min(through, ms - 1);
    this.reported = Math.max(this.reported, through);
    return through;
  }
}

interface Fragment {
  sql: string;
  params: unknown[];
}

const placeholders = (count: number) => Array.from({ length: count }, () => '?').join(', ');

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const STATEMENT_COLUMNS = [
  'id', 'stored', 'stored_ms', 'timestamp_ms', 'branch', 'verb_id', 'actor_ifi',
  'object_activity', 'object_ref', 'registration', 'voiding', 'voided', 'body',
] as const;

interface StatementRow {
  item: NewStatement;
  values: unknown[];
}

const filterRowCount = (row: StatementRow) => row.item.index.activities.length + row.item.index.agents.length;

/** Rows in chunks whose statement and filter rows together stay within `maxParams` parameters. */
function chunksWithFilterRows(rows: readonly StatementRow[], maxParams: number): StatementRow[][] {
  const out: StatementRow[][] = [];
  let params = Infinity;
  for (const row of rows) {
    const need = STATEMENT_COLUMNS.length + 3 * filterRowCount(row);
    if (params + need > maxParams) {
      out.push([]);
      params = 0;
    }
    out.at(-1)!.push(row);
    params += need;
  }
  return out;
}

/**
 * The INSERT of `part` with its filter rows added in the same statement (writable CTEs): only
 * the rows the INSERT stored get them — a concurrent transaction may have stored one of the ids.
 */
function withFilterRows(insert: Fragment, part: readonly StatementRow[]): Fragment {
  const params = [...insert.params];
  const ctes = [`ins AS (${insert.sql})`];
  const add = (name: string, table: string, columns: string, rows: unknown[][]) => {
    if (rows.length === 0) return;
    ctes.push(
      `${name} AS (INSERT INTO ${table} (seq, ${columns}) SELECT ins.seq, v.column2, v.column3 FROM ins JOIN (VALUES ${rows
        .map(() => '(?, ?, ?)')
        .join(', ')}) AS v ON v.column1 = ins.id)`,
    );
    params.push(...rows.flat());
  };
  add('a', 'statement_activities', 'activity_id, role', part.flatMap((row) => row.item.index.activities.map((a) => [row.item.statement.id, a.id, a.role])));
  add('g', 'statement_agents', 'ifi, role', part.flatMap((row) => row.item.index.agents.map((a) => [row.item.statement.id, a.ifi, a.role])));
  return { sql: `WITH ${ctes.join(', ')} SELECT seq, id FROM ins`, params };
}

/** The store, over any {@link SqlDriver}. */
export class SqlStatementStore implements StatementStore {
  readonly kind: 'sqlite' | 'postgres';
  readonly location: string;
  private readonly clock: StoredClock;

  constructor(
    /** The database connection, shared with the roster and dashboard queries (`server/db/roster.ts`, `dashboard.ts`). */
    readonly driver: SqlDriver,
    options: { clock?: StoredClock } = {},
  ) {
    this.kind = driver.dialect.name;
    this.location = driver.location;
    this.clock = options.clock ?? new StoredClock();
  }

  consistentThrough(): string {
    return new Date(this.clock.consistentThrough()).toISOString();
  }

  async insert(batch: NewStatement[], writer: WriterContext): Promise<InsertResult> {
    const ids = batch.map((item) => item.statement.id);
    if (batch.length === 0) return { ids, inserted: 0, stored: null };
    let ticket: number | null = null;
    try {
      return await this.driver.transaction(async (tx) => {
        const { existing, voidedEarly } = await this.lookUp(tx, ids, writer.branch);
        const fresh: NewStatement[] = [];
        batch.forEach((item, index) => {
          const known = existing.get(item.statement.id);
          if (known === undefined) fresh.push(item);
          else if (!sameStatement(known, item.statement)) {
            throw new StoreError(409, `statement ${index}: id ${item.statement.id} is already stored with different content`, `$[${index}]`);
          }
        });
        if (fresh.length === 0) return { ids, inserted: 0, stored: null };

        // Voiding: the targets in the database and in this batch.
        const targets = [...new Set(fresh.filter((item) => item.index.voiding).map((item) => item.index.objectRef!))];
        const voidable = new Set<string>();
        if (targets.length > 0) {
          const rows = new Map<string, { voiding: boolean; branch: string }>();
          for (const part of chunks(targets, this.driver.dialect.maxParams)) {
            const found = await tx.all<{ id: string; voiding: number; branch: string }>(
              `SELECT id, voiding, branch FROM statements WHERE id IN (${placeholders(part.length)})`,
              part,
            );
            for (const row of found) rows.set(row.id, { voiding: Number(row.voiding) === 1, branch: row.branch });
          }
          for (const item of fresh) rows.set(item.statement.id, { voiding: item.index.voiding, branch: writer.branch });
          for (const item of fresh) {
            if (!item.index.voiding) continue;
            const index = batch.indexOf(item);
            const target = rows.get(item.index.objectRef!);
            if (!target) continue; // voiding a statement not (yet) here is allowed
            if (target.voiding) {
              throw new StoreError(400, `statement ${index}: a voiding statement cannot void another voiding statement (${item.index.objectRef})`, `$[${index}].object.id`);
            }
            if (target.branch !== writer.branch && !writer.admin) {
              throw new StoreError(403, `statement ${index}: statement ${item.index.objectRef} belongs to another branch`, `$[${index}].object.id`);
            }
            voidable.add(item.index.objectRef!);
          }
        }

        const clock = this.clock.begin();
        ticket = clock.ticket;
        const stored = new Date(clock.ms).toISOString();
        const rows = fresh.map((item) => {
          const statement: Json = { ...item.statement, stored };
          if (statement.timestamp === undefined) statement.timestamp = stored;
          const voided = !item.index.voiding && (voidable.has(item.statement.id) || voidedEarly.has(item.statement.id));
          const { index } = item;
          return {
            item,
            values: [
              item.statement.id, stored, clock.ms, index.timestampMs ?? clock.ms, writer.branch, index.verbId, index.actorIfi,
              index.objectActivity, index.objectRef, index.registration, index.voiding ? 1 : 0, voided ? 1 : 0,
              JSON.stringify(statement),
            ],
          };
        });
        const seqById = new Map<string, number>();
        const { maxParams, writableCtes = false } = this.driver.dialect;
        const perInsert = Math.max(1, Math.floor(maxParams / STATEMENT_COLUMNS.length));
        for (const part of writableCtes ? chunksWithFilterRows(rows, maxParams) : chunks(rows, perInsert)) {
          const insert = {
            sql: `INSERT INTO statements (${STATEMENT_COLUMNS.join(', ')}) VALUES ${part
              .map(() => `(${placeholders(STATEMENT_COLUMNS.length)})`)
              .join(', ')} ON CONFLICT (id) DO NOTHING RETURNING seq, id`,
            params: part.flatMap((row) => row.values),
          };
          const { sql, params } = writableCtes ? withFilterRows(insert, part) : insert;
          const returned = await tx.all<{ seq: number; id: string }>(sql, params);
          for (const row of returned) seqById.set(row.id, Number(row.seq));
        }
        // A concurrent transaction (PostgreSQL) may have stored one of these ids meanwhile.
        const raced = fresh.filter((item) => !seqById.has(item.statement.id));
        if (raced.length > 0) {
          const now = await this.bodiesById(tx, raced.map((item) => item.statement.id));
          for (const item of raced) {
            const index = batch.indexOf(item);
            const known = now.get(item.statement.id);
            if (!known || !sameStatement(known, item.statement)) {
              throw new StoreError(409, `statement ${index}: id ${item.statement.id} is already stored with different content`, `$[${index}]`);
            }
          }
        }

        // Independent writes, sent together: the filter rows (PostgreSQL wrote them with the
        // INSERT), with the seqs it returned, and the voiding.
        const writes: Promise<number>[] = [];
        if (!writableCtes) {
          const activityRows: unknown[][] = [];
          const agentRows: unknown[][] = [];
          for (const item of fresh) {
            const seq = seqById.get(item.statement.id);
            if (seq === undefined) continue;
            for (const activity of item.index.activities) activityRows.push([seq, activity.id, activity.role]);
            for (const agent of item.index.agents) agentRows.push([seq, agent.ifi, agent.role]);
          }
          const perRow = Math.floor(maxParams / 3);
          for (const part of chunks(activityRows, perRow)) {
            writes.push(tx.run(`INSERT INTO statement_activities (seq, activity_id, role) VALUES ${part.map(() => '(?, ?, ?)').join(', ')}`, part.flat()));
          }
          for (const part of chunks(agentRows, perRow)) {
            writes.push(tx.run(`INSERT INTO statement_agents (seq, ifi, role) VALUES ${part.map(() => '(?, ?, ?)').join(', ')}`, part.flat()));
          }
        }
        for (const part of chunks([...voidable], maxParams)) {
          writes.push(tx.run(`UPDATE statements SET voided = 1 WHERE voiding = 0 AND id IN (${placeholders(part.length)})`, part));
        }
        await Promise.all(writes);
        return { ids, inserted: seqById.size, stored };
      });
    } finally {
      if (ticket !== null) this.clock.end(ticket);
    }
  }

  /**
   * In one query: what is stored under `ids`, and which of them a voiding statement stored
   * earlier by this branch targets (such a statement is stored voided). The branch is compared
   * here, not in SQL: given `branch = ?`, SQLite's planner picks the branch index and reads every
   * statement of the branch instead of the few refs.
   */
  private async lookUp(tx: SqlExecutor, ids: readonly string[], branch: string): Promise<{ existing: Map<string, Json>; voidedEarly: Set<string> }> {
    const existing = new Map<string, Json>();
    const voidedEarly = new Set<string>();
    for (const part of chunks([...new Set(ids)], Math.floor(this.driver.dialect.maxParams / 2))) {
      const list = placeholders(part.length);
      const rows = await tx.all<{ kind: string; id: string; value: string }>(
        `SELECT 'body' AS kind, id, body AS value FROM statements WHERE id IN (${list})
         UNION ALL SELECT 'ref' AS kind, object_ref AS id, branch AS value FROM statements WHERE voiding = 1 AND object_ref IN (${list})`,
        [...part, ...part],
      );
      for (const row of rows) {
        if (row.kind === 'body') existing.set(row.id, JSON.parse(row.value) as Json);
        else if (row.value === branch) voidedEarly.add(row.id);
      }
    }
    return { existing, voidedEarly };
  }

  private async bodiesById(tx: SqlExecutor, ids: readonly string[]): Promise<Map<string, Json>> {
    const out = new Map<string, Json>();
    for (const part of chunks([...new Set(ids)], this.driver.dialect.maxParams)) {
      const rows = await tx.all<{ id: string; body: string }>(`SELECT id, body FROM statements WHERE id IN (${placeholders(part.length)})`, part);
      for (const row of rows) out.set(row.id, JSON.parse(row.body) as Json);
    }
    return out;
  }

  async get(id: string, options: { voided: boolean; branch?: string }): Promise<StoredStatement | null> {
    const rows = await this.driver.all<{ body: string; stored: string; branch: string; voided: number }>(
      'SELECT body, stored, branch, voided FROM statements WHERE id = ?',
      [id.toLowerCase()],
    );
    const row = rows[0];
    if (!row) return null;
    const voided = Number(row.voided) === 1;
    if (voided !== options.voided) return null;
    if (options.branch !== undefined && row.branch !== options.branch) return null;
    return { statement: JSON.parse(row.body) as Json, stored: row.stored, branch: row.branch, voided };
  }

  async query(filter: StatementFilter, options: QueryOptions): Promise<QueryResult> {
    const through = this.clock.consistentThrough();
    const ctes: Fragment[] = [];
    const where: Fragment[] = [{ sql: 's.voided = 0 AND s.stored_ms <= ?', params: [through] }];
    if (filter.branch !== undefined) where.push({ sql: 's.branch = ?', params: [filter.branch] });
    if (filter.since !== undefined) where.push({ sql: 's.stored_ms > ?', params: [filter.since] });
    if (filter.until !== undefined) where.push({ sql: 's.stored_ms <= ?', params: [filter.until] });

    // Each non-time filter is met directly or through the chain of StatementRefs (§2.1.3).
    const matching = (direct: (alias: string) => Fragment) => {
      const name = `ref${ctes.length}`;
      const base = direct('t');
      ctes.push({
        sql: `${name}(id) AS (
          SELECT t.id FROM statements t WHERE ${base.sql}
            AND t.id IN (SELECT r.object_ref FROM statements r WHERE r.object_ref IS NOT NULL)
          UNION
          SELECT x.id FROM statements x JOIN ${name} m ON x.object_ref = m.id
        )`,
        params: base.params,
      });
      const own = direct('s');
      where.push({ sql: `(${own.sql} OR (s.object_ref IS NOT NULL AND s.object_ref IN (SELECT id FROM ${name})))`, params: own.params });
    };
    if (filter.verb !== undefined) {
      const verb = filter.verb;
      matching((a) => ({ sql: `${a}.verb_id = ?`, params: [verb] }));
    }
    if (filter.registration !== undefined) {
      const registration = filter.registration.toLowerCase();
      matching((a) => ({ sql: `${a}.registration = ?`, params: [registration] }));
    }
    if (filter.activity !== undefined) {
      const activity = filter.activity;
      matching((a) =>
        filter.relatedActivities
          ? { sql: `${a}.seq IN (SELECT seq FROM statement_activities WHERE activity_id = ?)`, params: [activity] }
          : { sql: `${a}.object_activity = ?`, params: [activity] },
      );
    }
    if (filter.agent !== undefined) {
      const agent = filter.agent;
      matching((a) =>
        filter.relatedAgents
          ? { sql: `${a}.seq IN (SELECT seq FROM statement_agents WHERE ifi = ?)`, params: [agent] }
          : {
              sql: `${a}.seq IN (SELECT seq FROM statement_agents WHERE ifi = ? AND role IN (${placeholders(NARROW_AGENT_ROLES.length)}))`,
              params: [agent, ...NARROW_AGENT_ROLES],
            },
      );
    }
    const ascending = options.ascending === true;
    if (options.after) {
      where.push({ sql: `(s.stored_ms, s.seq) ${ascending ? '>' : '<'} (?, ?)`, params: [options.after.storedMs, options.after.seq] });
    }
    const order = ascending ? 'ASC' : 'DESC';
    const sql = `${ctes.length > 0 ? `WITH RECURSIVE ${ctes.map((c) => c.sql).join(', ')} ` : ''}SELECT s.seq, s.stored_ms, s.body FROM statements s
      WHERE ${where.map((w) => w.sql).join(' AND ')}
      ORDER BY s.stored_ms ${order}, s.seq ${order} LIMIT ?`;
    const params = [...ctes.flatMap((c) => c.params), ...where.flatMap((w) => w.params), options.limit + 1];
    const rows = await this.driver.all<{ seq: number; stored_ms: number; body: string }>(sql, params);
    const page = rows.slice(0, options.limit);
    const last = page.at(-1);
    const next: Cursor | null = rows.length > options.limit && last ? { storedMs: Number(last.stored_ms), seq: Number(last.seq) } : null;
    return {
      statements: page.map((row) => JSON.parse(row.body) as Json),
      next,
      consistentThrough: new Date(through).toISOString(),
    };
  }

  async stats(filter: StatsFilter = {}): Promise<StatementStats> {
    const where: Fragment[] = [];
    if (filter.branch !== undefined) where.push({ sql: 'branch = ?', params: [filter.branch] });
    if (filter.since !== undefined) where.push({ sql: 'stored_ms > ?', params: [filter.since] });
    if (filter.until !== undefined) where.push({ sql: 'stored_ms <= ?', params: [filter.until] });
    const clause = (extra?: string) => {
      const parts = [...where.map((w) => w.sql), ...(extra ? [extra] : [])];
      return parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '';
    };
    const params = where.flatMap((w) => w.params);
    const [totals] = await this.driver.all<{ total: number; voided: number | null; actors: number; last: number | null }>(
      `SELECT COUNT(*) AS total, SUM(voided) AS voided, COUNT(DISTINCT actor_ifi) AS actors, MAX(stored_ms) AS last FROM statements ${clause()}`,
      params,
    );
    const byVerb = await this.driver.all<{ verb_id: string; n: number }>(
      `SELECT verb_id, COUNT(*) AS n FROM statements ${clause('voided = 0')} GROUP BY verb_id ORDER BY n DESC, verb_id`,
      params,
    );
    const byBranch = await this.driver.all<{ branch: string; n: number }>(
      `SELECT branch, COUNT(*) AS n FROM statements ${clause('voided = 0')} GROUP BY branch ORDER BY branch`,
      params,
    );
    const last = totals?.last === null || totals?.last === undefined ? null : Number(totals.last);
    return {
      total: Number(totals?.total ?? 0),
      voided: Number(totals?.voided ?? 0),
      actors: Number(totals?.actors ?? 0),
      lastStored: last === null ? null : new Date(last).toISOString(),
      byVerb: byVerb.map((row) => ({ verb: row.verb_id, count: Number(row.n) })),
      byBranch: byBranch.map((row) => ({ branch: row.branch, count: Number(row.n) })),
    };
  }

  async addCredential(record: CredentialRecord): Promise<void> {
    await this.driver.run(
      'INSERT INTO credentials (key, name, branch, scopes, salt, secret_hash, created, revoked) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [record.key, record.name, record.branch, record.scopes.join(' '), record.salt, record.secretHash, record.created, record.revoked],
    );
  }

  async findCredential(key: string): Promise<CredentialRecord | null> {
    const rows = await this.driver.all<Row>('SELECT * FROM credentials WHERE key = ?', [key]);
    return rows[0] ? credentialFromRow(rows[0]) : null;
  }

  async listCredentials(): Promise<CredentialRecord[]> {
    const rows = await this.driver.all<Row>('SELECT * FROM credentials ORDER BY branch, created');
    return rows.map(credentialFromRow);
  }

  async revokeCredential(key: string): Promise<boolean> {
    return (await this.driver.run('UPDATE credentials SET revoked = ? WHERE key = ? AND revoked IS NULL', [new Date().toISOString(), key])) > 0;
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}

function credentialFromRow(row: Row): CredentialRecord {
  return {
    key: String(row.key),
    name: String(row.name),
    branch: String(row.branch),
    scopes: String(row.scopes).split(' ').filter(Boolean) as Scope[],
    salt: String(row.salt),
    secretHash: String(row.secret_hash),
    created: String(row.created),
    revoked: row.revoked === null || row.revoked === undefined ? null : String(row.revoked),
  };
}
