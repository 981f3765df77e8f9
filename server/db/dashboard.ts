/**
 * The dashboard's read queries over the statements table: grouped in SQL so that a large
 * branch's statements never have to be loaded whole. Voided and voiding statements are left
 * out, like everywhere else. Time filters use the statement's `timestamp` (when the study
 * happened; a headset that was offline may deliver it days later), not `stored`.
 *
 * The rules that turn these rows into the table (what counts as completed, time spent…) live
 * in `server/admin/report.ts`.
 */
import type { SqlDriver } from './sql';

export interface TimeRange {
  /** Inclusive lower bound (ms since the epoch). */
  sinceMs?: number;
  /** Exclusive upper bound (ms since the epoch). */
  untilMs?: number;
}

/** Per actor and base: the latest statement about the base (object or context parent). */
export interface BaseActivityRow {
  actorIfi: string;
  baseActivity: string;
  lastMs: number;
  /** The credential branch of the actor's statements (the greatest, if several). */
  branch: string;
  statements: number;
}

/** One statement whose object is a base (initialized / completed / terminated). */
export interface AttemptStatementRow {
  actorIfi: string;
  baseActivity: string;
  verb: string;
  registration: string | null;
  timestampMs: number;
  branch: string;
  body: string;
}

/** Per actor, question, outcome and response: how many `answered` statements. */
export interface AnswerCountRow {
  actorIfi: string;
  question: string;
  success: boolean | null;
  response: string | null;
  count: number;
}

const placeholders = (count: number) => Array.from({ length: count }, () => '?').join(', ');

function rangeSql(range: TimeRange, alias = 's'): { sql: string; params: number[] } {
  const parts: string[] = [];
  const params: number[] = [];
  if (range.sinceMs !== undefined) {
    parts.push(`${alias}.timestamp_ms >= ?`);
    params.push(range.sinceMs);
  }
  if (range.untilMs !== undefined) {
    parts.push(`${alias}.timestamp_ms < ?`);
    params.push(range.untilMs);
  }
  return { sql: parts.map((p) => ` AND ${p}`).join(''), params };
}

/** SQLite gives JSON true/false as 1/0, PostgreSQL as 'true'/'false'. */
function jsonBoolean(value: unknown): boolean | null {
  if (value === 1 || value === '1' || value === 'true' || value === true) return true;
  if (value === 0 || value === '0' || value === 'false' || value === false) return false;
  return null;
}

export class DashboardQueries {
  constructor(private readonly driver: SqlDriver) {}

  /** Latest statement per actor and base, about any of `baseActivities` (as object or parent). */
  async baseActivity(baseActivities: readonly string[], range: TimeRange): Promise<BaseActivityRow[]> {
    if (baseActivities.length === 0) return [];
    const time = rangeSql(range);
    const rows = await this.driver.all<{ actor: string; base: string; last_ms: number; branch: string; n: number }>(
      `SELECT s.actor_ifi AS actor, a.activity_id AS base, MAX(s.timestamp_ms) AS last_ms, MAX(s.branch) AS branch, COUNT(*) AS n
       FROM statement_activities a JOIN statements s ON s.seq = a.seq
       WHERE a.activity_id IN (${placeholders(baseActivities.length)}) AND a.role IN ('object', 'parent')
         AND s.voided = 0 AND s.voiding = 0 AND s.actor_ifi IS NOT NULL${time.sql}
       GROUP BY s.actor_ifi, a.activity_id`,
      [...baseActivities, ...time.params],
    );
    return rows.map((row) => ({
      actorIfi: String(row.actor),
      baseActivity: String(row.base),
      lastMs: Number(row.last_ms),
      branch: String(row.branch),
      statements: Number(row.n),
    }));
  }

  /** Statements with one of `verbs` whose object is one of `baseActivities` (a few per attempt). */
  async attemptStatements(baseActivities: readonly string[], verbs: readonly string[], range: TimeRange): Promise<AttemptStatementRow[]> {
    if (baseActivities.length === 0 || verbs.length === 0) return [];
    const time = rangeSql(range);
    const rows = await this.driver.all<{ actor: string; base: string; verb: string; registration: string | null; ts: number; branch: string; body: string }>(
      `SELECT s.actor_ifi AS actor, s.object_activity AS base, s.verb_id AS verb, s.registration, s.timestamp_ms AS ts, s.branch, s.body
       FROM statements s
       WHERE s.object_activity IN (${placeholders(baseActivities.length)}) AND s.verb_id IN (${placeholders(verbs.length)})
         AND s.voided = 0 AND s.voiding = 0 AND s.actor_ifi IS NOT NULL${time.sql}
       ORDER BY s.timestamp_ms, s.seq`,
      [...baseActivities, ...verbs, ...time.params],
    );
    return rows.map((row) => ({
      actorIfi: String(row.actor),
      baseActivity: String(row.base),
      verb: String(row.verb),
      registration: row.registration === null ? null : String(row.registration),
      timestampMs: Number(row.ts),
      branch: String(row.branch),
      body: String(row.body),
    }));
  }

  /** `verb` statements (answered) about `questions`, counted per actor, question, success and response. */
  async answerCounts(questions: readonly string[], verb: string, range: TimeRange): Promise<AnswerCountRow[]> {
    if (questions.length === 0) return [];
    const time = rangeSql(range);
    const { dialect } = this.driver;
    const success = dialect.jsonValue('s.body', ['result', 'success']);
    const response = dialect.jsonValue('s.body', ['result', 'response']);
    const rows = await this.driver.all<{ actor: string; question: string; success: unknown; response: unknown; n: number }>(
      `SELECT s.actor_ifi AS actor, s.object_activity AS question, ${success} AS success, ${response} AS response, COUNT(*) AS n
       FROM statements s
       WHERE s.verb_id = ? AND s.object_activity IN (${placeholders(questions.length)})
         AND s.voided = 0 AND s.voiding = 0 AND s.actor_ifi IS NOT NULL${time.sql}
       GROUP BY 1, 2, 3, 4`,
      [verb, ...questions, ...time.params],
    );
    return rows.map((row) => ({
      actorIfi: String(row.actor),
      question: String(row.question),
      success: jsonBoolean(row.success),
      response: row.response === null || row.response === undefined ? null : String(row.response),
      count: Number(row.n),
    }));
  }

  /** The newest non-voided statement body of each actor (for the name of an actor not on the roster). */
  async latestBodies(actorIfis: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const size = this.driver.dialect.maxParams;
    for (let i = 0; i < actorIfis.length; i += size) {
      const part = actorIfis.slice(i, i + size);
      const rows = await this.driver.all<{ actor: string; body: string }>(
        `SELECT actor_ifi AS actor, body FROM statements WHERE seq IN (
           SELECT MAX(s.seq) FROM statement_agents a JOIN statements s ON s.seq = a.seq
           WHERE a.role = 'actor' AND a.ifi IN (${placeholders(part.length)}) AND s.voided = 0 AND s.voiding = 0
           GROUP BY a.ifi)`,
        part,
      );
      for (const row of rows) out.set(String(row.actor), String(row.body));
    }
    return out;
  }
}
