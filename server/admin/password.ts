/**
 * Secretary passwords: scrypt with a per-password salt, stored as `scrypt$N$r$p$salt$hash`
 * (base64), so the cost can be raised later without invalidating old hashes.
 */
import { randomBytes, randomInt, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';

const DEFAULT = { N: 16384, r: 8, p: 1, keylen: 32 } as const;
export const MIN_PASSWORD_LENGTH = 8;

function scrypt(password: string, salt: Buffer, N: number, r: number, p: number, keylen: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(password.normalize('NFC'), salt, keylen, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** Hashes a password. `cost` is scrypt's N (a power of two); tests use less than the default. */
export async function hashPassword(password: string, cost: number = DEFAULT.N): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, cost, DEFAULT.r, DEFAULT.p, DEFAULT.keylen);
  return `scrypt$${cost}$${DEFAULT.r}$${DEFAULT.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** Checks a password against a stored hash, in constant time; false for a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, N, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  if (expected.length === 0) return false;
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), Number(N), Number(r), Number(p), expected.length);
  return timingSafeEqual(actual, expected);
}

/** A hash that matches no password: checked for unknown users so timing does not reveal them. */
export const DUMMY_HASH = `scrypt$${DEFAULT.N}$${DEFAULT.r}$${DEFAULT.p}$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(32).toString('base64')}`;

// No 0/O, 1/l/I: the password is read off a terminal and typed on another machine.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random password of 16 characters (about 93 bits). */
export function generatePassword(length = 16): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

/** Usernames: 1–64 characters without spaces or control characters (Chinese is fine). */
// eslint-disable-next-line no-control-regex
export const USERNAME_PATTERN = /^[^\s\u0000-\u001f\u007f]{1,64}$/u;
