/**
 * HTTP Basic credentials per branch (支部). A key identifies the credential; the secret is
 * kept only as an scrypt hash with its own salt. Verified secrets are remembered for a short
 * while (as a SHA-256 of the secret) so that a busy headset does not pay for scrypt per
 * statement.
 */
import { createHash, randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import type { CredentialRecord, Scope, StatementStore } from '../db/types';

export const SCOPES: readonly Scope[] = ['write', 'read', 'admin'];
const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 } as const;

function scrypt(secret: string, salt: Buffer, N: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(secret, salt, SCRYPT.keylen, { N, r: SCRYPT.r, p: SCRYPT.p }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** A branch id: letters, digits, `.`, `_`, `-` (it becomes an account name in `authority`). */
export const BRANCH_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Makes a new credential; the secret is returned here and never stored in clear. */
export async function createCredential(input: {
  branch: string;
  name: string;
  scopes?: readonly string[];
  /** scrypt cost N (a power of two). Default 16384; tests use less. */
  cost?: number;
}): Promise<{ record: CredentialRecord; secret: string }> {
  if (!BRANCH_PATTERN.test(input.branch)) {
    throw new Error(`branch id must be letters, digits, ".", "_" or "-" (at most 64): ${JSON.stringify(input.branch)}`);
  }
  const scopes: Scope[] = [];
  for (const scope of new Set(input.scopes ?? ['write', 'read'])) {
    if (!SCOPES.includes(scope as Scope)) throw new Error(`unknown scope "${scope}" (use ${SCOPES.join(', ')})`);
    scopes.push(scope as Scope);
  }
  if (scopes.length === 0) throw new Error(`give at least one scope (${SCOPES.join(', ')})`);
  const key = `rt_${randomBytes(12).toString('hex')}`;
  const secret = randomBytes(24).toString('base64url');
  const salt = randomBytes(16);
  const N = input.cost ?? SCRYPT.N;
  const hash = await scrypt(secret, salt, N);
  return {
    secret,
    record: {
      key,
      name: input.name,
      branch: input.branch,
      scopes,
      salt: `scrypt$${N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}`,
      secretHash: hash.toString('base64'),
      created: new Date().toISOString(),
      revoked: null,
    },
  };
}

/** Checks a secret against a stored record (constant time). */
export async function verifySecret(record: CredentialRecord, secret: string): Promise<boolean> {
  const [kind, N, r, p, salt] = record.salt.split('$');
  if (kind !== 'scrypt' || !salt) return false;
  const expected = Buffer.from(record.secretHash, 'base64');
  const actual = await new Promise<Buffer>((resolve, reject) =>
    scryptCallback(secret, Buffer.from(salt, 'base64'), expected.length, { N: Number(N), r: Number(r), p: Number(p) }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export interface Principal {
  key: string;
  name: string;
  branch: string;
  scopes: readonly Scope[];
}

export const hasScope = (principal: Principal, scope: Scope): boolean =>
  principal.scopes.includes('admin') || principal.scopes.includes(scope);

/** Parses `Authorization: Basic …` into key and secret, or null. */
export function parseBasic(header: string | undefined): { key: string; secret: string } | null {
  if (!header) return null;
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return null;
  return { key: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

/**
 * Authenticates Basic credentials against the store, with a cache of recent successes
 * (`ttlMs`, default 60 s: a revoked key stops working within that time).
 */
export class Authenticator {
  private readonly cache = new Map<string, { digest: Buffer; principal: Principal; until: number }>();

  constructor(
    private readonly store: StatementStore,
    private readonly ttlMs = 60_000,
  ) {}

  async authenticate(header: string | undefined): Promise<Principal | null> {
    const basic = parseBasic(header);
    if (!basic) return null;
    const digest = createHash('sha256').update(basic.secret).digest();
    const hit = this.cache.get(basic.key);
    if (hit && hit.until > Date.now() && timingSafeEqual(hit.digest, digest)) return hit.principal;
    const record = await this.store.findCredential(basic.key);
    if (!record || record.revoked !== null) return null;
    if (!(await verifySecret(record, basic.secret))) return null;
    const principal: Principal = { key: record.key, name: record.name, branch: record.branch, scopes: record.scopes };
    if (this.cache.size > 1000) this.cache.clear();
    this.cache.set(basic.key, { digest, principal, until: Date.now() + this.ttlMs });
    return principal;
  }
}
