/**
 * Secretary sessions: a random 256-bit token in an HttpOnly, SameSite=Strict cookie (Secure
 * over HTTPS), kept server-side only as its SHA-256 with an expiry (8 hours), plus a per-session
 * CSRF token that every form POST must echo. Login failures are rate-limited per address and
 * username.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RosterStore, SessionRecord } from '../db/roster';
import { isTls, parseCookies } from './http';
import { DUMMY_HASH, verifyPassword } from './password';

export const SESSION_COOKIE = 'rt_admin';
export const SESSION_TTL_MS = 8 * 3600 * 1000;
const MAX_FAILURES = 10;
const FAILURE_WINDOW_MS = 15 * 60 * 1000;

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

export interface Session extends SessionRecord {
  tokenHash: string;
}

export type LoginResult = { ok: true; token: string; session: Session } | { ok: false; reason: 'wrong' | 'throttled' };

export class Sessions {
  private readonly failures = new Map<string, { count: number; until: number }>();

  constructor(
    private readonly roster: RosterStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** The live session of a request, or null. */
  async fromRequest(req: IncomingMessage): Promise<Session | null> {
    const token = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
    if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
    const tokenHash = digest(token);
    const record = await this.roster.findSession(tokenHash, this.now());
    return record ? { ...record, tokenHash } : null;
  }

  /** Checks a username and password; on success opens a session. */
  async login(username: string, password: string, address: string): Promise<LoginResult> {
    const now = this.now();
    const key = `${address}\n${username}`;
    const seen = this.failures.get(key);
    if (seen && seen.until > now && seen.count >= MAX_FAILURES) return { ok: false, reason: 'throttled' };
    const user = username ? await this.roster.findAdminUser(username) : null;
    // Unknown users cost the same scrypt as known ones, so timing does not tell them apart.
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok) {
      if (this.failures.size > 10_000) this.failures.clear();
      const fresh = !seen || seen.until <= now;
      this.failures.set(key, { count: fresh ? 1 : seen.count + 1, until: fresh ? now + FAILURE_WINDOW_MS : seen.until });
      return { ok: false, reason: 'wrong' };
    }
    this.failures.delete(key);
    const token = randomBytes(32).toString('base64url');
    const csrf = randomBytes(32).toString('base64url');
    const tokenHash = digest(token);
    const expiresMs = now + SESSION_TTL_MS;
    await this.roster.createSession(tokenHash, user.username, csrf, now, expiresMs);
    return { ok: true, token, session: { username: user.username, branchId: user.branchId, csrf, expiresMs, tokenHash } };
  }

  async logout(session: Session): Promise<void> {
    await this.roster.deleteSession(session.tokenHash);
  }

  /** `Set-Cookie` value for a new session. */
  cookie(req: IncomingMessage, token: string): string {
    return `${SESSION_COOKIE}=${token}; Path=/admin; Max-Age=${SESSION_TTL_MS / 1000}; HttpOnly; SameSite=Strict${isTls(req) ? '; Secure' : ''}`;
  }

  /** `Set-Cookie` value that removes the cookie. */
  clearCookie(req: IncomingMessage): string {
    return `${SESSION_COOKIE}=; Path=/admin; Max-Age=0; HttpOnly; SameSite=Strict${isTls(req) ? '; Secure' : ''}`;
  }
}

/** Constant-time comparison of the CSRF token a form sent with the session's. */
export function csrfMatches(session: Session, sent: string | undefined): boolean {
  if (!sent) return false;
  const a = Buffer.from(session.csrf);
  const b = Buffer.from(sent);
  return a.length === b.length && timingSafeEqual(a, b);
}
