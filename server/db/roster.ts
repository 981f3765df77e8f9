/**
 * The roster (支部 and 党员), the dashboard's secretaries and their sessions: plain SQL over the
 * same {@link SqlDriver} as the statements, so it works on SQLite and PostgreSQL alike. Tables
 * come from `migrateRoster` in `sql.ts`.
 */
import type { SqlDriver, SqlExecutor } from './sql';

export interface Branch {
  id: string;
  name: string;
}

export interface Member {
  /** 工号 / 党员编号: the xAPI actor's `account.name`. */
  id: string;
  name: string;
  branchId: string;
  active: boolean;
}

export interface AdminUser {
  username: string;
  /** `scrypt$N$r$p$salt$hash` (see `server/admin/password.ts`). */
  passwordHash: string;
  /** The one branch this secretary sees, or null for every branch. */
  branchId: string | null;
  created: string;
}

export interface SessionRecord {
  username: string;
  branchId: string | null;
  csrf: string;
  expiresMs: number;
}

interface MemberRow {
  member_id: string;
  name: string;
  branch_id: string;
  active: number | boolean;
}

const toMember = (row: MemberRow): Member => ({
  id: String(row.member_id),
  name: String(row.name),
  branchId: String(row.branch_id),
  active: Number(row.active) === 1,
});

const placeholders = (count: number) => Array.from({ length: count }, () => '?').join(', ');

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Roster reads and writes on one executor (the pool, or an open transaction). */
export class RosterQueries {
  constructor(
    protected readonly db: SqlExecutor,
    protected readonly maxParams: number,
  ) {}

  async listBranches(): Promise<Branch[]> {
    const rows = await this.db.all<{ id: string; name: string }>('SELECT id, name FROM branches');
    return rows.map((row) => ({ id: String(row.id), name: String(row.name) }));
  }

  async getBranch(id: string): Promise<Branch | null> {
    const rows = await this.db.all<{ id: string; name: string }>('SELECT id, name FROM branches WHERE id = ?', [id]);
    return rows[0] ? { id: String(rows[0].id), name: String(rows[0].name) } : null;
  }

  async insertBranches(branches: readonly Branch[]): Promise<void> {
    const created = new Date().toISOString();
    for (const part of chunks(branches, Math.floor(this.maxParams / 3))) {
      await this.db.run(`INSERT INTO branches (id, name, created) VALUES ${part.map(() => '(?, ?, ?)').join(', ')}`, part.flatMap((b) => [b.id, b.name, created]));
    }
  }

  /** Members, active ones only unless `includeInactive`. Unordered (sort for display). */
  async listMembers(options: { includeInactive?: boolean; branchId?: string } = {}): Promise<Member[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (!options.includeInactive) where.push('active = 1');
    if (options.branchId !== undefined) {
      where.push('branch_id = ?');
      params.push(options.branchId);
    }
    const rows = await this.db.all<MemberRow>(
      `SELECT member_id, name, branch_id, active FROM members${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`,
      params,
    );
    return rows.map(toMember);
  }

  async countMembers(options: { activeOnly?: boolean } = {}): Promise<number> {
    const rows = await this.db.all<{ n: number }>(`SELECT COUNT(*) AS n FROM members${options.activeOnly ? ' WHERE active = 1' : ''}`);
    return Number(rows[0]?.n ?? 0);
  }

  async membersByIds(ids: readonly string[]): Promise<Map<string, Member>> {
    const out = new Map<string, Member>();
    for (const part of chunks([...new Set(ids)], this.maxParams)) {
      const rows = await this.db.all<MemberRow>(
        `SELECT member_id, name, branch_id, active FROM members WHERE member_id IN (${placeholders(part.length)})`,
        part,
      );
      for (const row of rows) out.set(String(row.member_id), toMember(row));
    }
    return out;
  }

  async insertMembers(members: readonly Member[]): Promise<void> {
    const updated = new Date().toISOString();
    for (const part of chunks(members, Math.floor(this.maxParams / 5))) {
      await this.db.run(
        `INSERT INTO members (member_id, name, branch_id, active, updated) VALUES ${part.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
        part.flatMap((m) => [m.id, m.name, m.branchId, m.active ? 1 : 0, updated]),
      );
    }
  }

  async updateMember(member: Member): Promise<void> {
    await this.db.run('UPDATE members SET name = ?, branch_id = ?, active = ?, updated = ? WHERE member_id = ?', [
      member.name,
      member.branchId,
      member.active ? 1 : 0,
      new Date().toISOString(),
      member.id,
    ]);
  }

  /** Active member ids of these branches. */
  async activeMemberIds(branchIds: readonly string[]): Promise<string[]> {
    const out: string[] = [];
    for (const part of chunks([...new Set(branchIds)], this.maxParams)) {
      const rows = await this.db.all<{ member_id: string }>(
        `SELECT member_id FROM members WHERE active = 1 AND branch_id IN (${placeholders(part.length)})`,
        part,
      );
      for (const row of rows) out.push(String(row.member_id));
    }
    return out;
  }

  async deactivateMembers(ids: readonly string[]): Promise<number> {
    let changed = 0;
    const updated = new Date().toISOString();
    for (const part of chunks([...new Set(ids)], this.maxParams - 1)) {
      changed += await this.db.run(`UPDATE members SET active = 0, updated = ? WHERE active = 1 AND member_id IN (${placeholders(part.length)})`, [updated, ...part]);
    }
    return changed;
  }

  // --- secretaries ---------------------------------------------------------------------------

  async addAdminUser(user: AdminUser): Promise<void> {
    await this.db.run('INSERT INTO admin_users (username, password_hash, branch_id, created) VALUES (?, ?, ?, ?)', [
      user.username,
      user.passwordHash,
      user.branchId,
      user.created,
    ]);
  }

  async findAdminUser(username: string): Promise<AdminUser | null> {
    const rows = await this.db.all<{ username: string; password_hash: string; branch_id: string | null; created: string }>(
      'SELECT username, password_hash, branch_id, created FROM admin_users WHERE username = ?',
      [username],
    );
    const row = rows[0];
    return row
      ? { username: String(row.username), passwordHash: String(row.password_hash), branchId: row.branch_id === null ? null : String(row.branch_id), created: String(row.created) }
      : null;
  }

  async listAdminUsers(): Promise<AdminUser[]> {
    const rows = await this.db.all<{ username: string; password_hash: string; branch_id: string | null; created: string }>(
      'SELECT username, password_hash, branch_id, created FROM admin_users ORDER BY username',
    );
    return rows.map((row) => ({
      username: String(row.username),
      passwordHash: String(row.password_hash),
      branchId: row.branch_id === null ? null : String(row.branch_id),
      created: String(row.created),
    }));
  }

  async countAdminUsers(): Promise<number> {
    const rows = await this.db.all<{ n: number }>('SELECT COUNT(*) AS n FROM admin_users');
    return Number(rows[0]?.n ?? 0);
  }

  /** Sets a new password hash and ends the user's sessions. False when there is no such user. */
  async setAdminPassword(username: string, passwordHash: string): Promise<boolean> {
    const changed = await this.db.run('UPDATE admin_users SET password_hash = ? WHERE username = ?', [passwordHash, username]);
    await this.db.run('DELETE FROM admin_sessions WHERE username = ?', [username]);
    return changed > 0;
  }

  async removeAdminUser(username: string): Promise<boolean> {
    await this.db.run('DELETE FROM admin_sessions WHERE username = ?', [username]);
    return (await this.db.run('DELETE FROM admin_users WHERE username = ?', [username])) > 0;
  }

  // --- sessions ------------------------------------------------------------------------------

  async createSession(tokenHash: string, username: string, csrf: string, nowMs: number, expiresMs: number): Promise<void> {
    await this.db.run('DELETE FROM admin_sessions WHERE expires_ms <= ?', [nowMs]);
    await this.db.run('INSERT INTO admin_sessions (token_hash, username, csrf, created_ms, expires_ms) VALUES (?, ?, ?, ?, ?)', [
      tokenHash,
      username,
      csrf,
      nowMs,
      expiresMs,
    ]);
  }

  /** The live session with this token hash (and its user's branch), or null. */
  async findSession(tokenHash: string, nowMs: number): Promise<SessionRecord | null> {
    const rows = await this.db.all<{ username: string; branch_id: string | null; csrf: string; expires_ms: number }>(
      `SELECT s.username, u.branch_id, s.csrf, s.expires_ms FROM admin_sessions s JOIN admin_users u ON u.username = s.username
       WHERE s.token_hash = ? AND s.expires_ms > ?`,
      [tokenHash, nowMs],
    );
    const row = rows[0];
    return row
      ? { username: String(row.username), branchId: row.branch_id === null ? null : String(row.branch_id), csrf: String(row.csrf), expiresMs: Number(row.expires_ms) }
      : null;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.run('DELETE FROM admin_sessions WHERE token_hash = ?', [tokenHash]);
  }
}

/** {@link RosterQueries} on the connection pool, plus transactions. */
export class RosterStore extends RosterQueries {
  constructor(private readonly driver: SqlDriver) {
    super(driver, driver.dialect.maxParams);
  }

  /** Runs `fn` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(fn: (tx: RosterQueries) => Promise<T>): Promise<T> {
    return this.driver.transaction((tx) => fn(new RosterQueries(tx, this.driver.dialect.maxParams)));
  }
}
