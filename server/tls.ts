import { createPrivateKey, X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from 'selfsigned';
import { lanIPv4Addresses } from './network';

/** The project root (the folder holding `server/`). */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** `REDTOUR_DATA_DIR` if set, else `<project root>/.data`. */
export function resolveDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.REDTOUR_DATA_DIR?.trim();
  return fromEnv ? resolve(fromEnv) : join(projectRoot, '.data');
}

export interface TlsOptions {
  /** Where `tls/cert.pem` and `tls/key.pem` are kept. Default: {@link resolveDataDir}. */
  dataDir?: string;
  /** The machine's current LAN IPv4 addresses. Default: {@link lanIPv4Addresses}. Injectable for tests. */
  addresses?: string[];
  /** Receives one line per decision (reused / generated and why). Default: console.log. */
  log?: (message: string) => void;
}

export interface TlsMaterial {
  cert: string;
  key: string;
  certPath: string;
  keyPath: string;
  /** SHA-256 fingerprint, colon-separated hex, as browsers show it. */
  fingerprint: string;
  /** DNS names and IP addresses the certificate is valid for. */
  altNames: string[];
  validTo: Date;
  /** True when this call created a new certificate. */
  generated: boolean;
}

const VALID_DAYS = 3650;
/** Regenerate a little before expiry rather than on the day a class is running. */
const RENEW_BEFORE_MS = 30 * 24 * 3600 * 1000;
/** Addresses from earlier networks are kept so moving back does not force a new certificate. */
const MAX_IP_SANS = 32;
const FIXED_NAMES = ['localhost', '127.0.0.1'];

/** Parses node's `subjectAltName` string ("DNS:localhost, IP Address:127.0.0.1"). */
function parseAltNames(subjectAltName: string | undefined): string[] {
  if (!subjectAltName) return [];
  return subjectAltName
    .split(',')
    .map((part) => part.trim())
    .map((part) => part.replace(/^(DNS|IP Address):/, ''))
    .filter(Boolean);
}

interface Loaded {
  cert: string;
  key: string;
  x509: X509Certificate;
  altNames: string[];
}

async function loadExisting(certPath: string, keyPath: string): Promise<Loaded | string> {
  if (!existsSync(certPath) || !existsSync(keyPath)) return 'no certificate yet';
  try {
    const [cert, key] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')]);
    const x509 = new X509Certificate(cert);
    if (!x509.checkPrivateKey(createPrivateKey(key))) return 'key.pem does not belong to cert.pem';
    return { cert, key, x509, altNames: parseAltNames(x509.subjectAltName) };
  } catch (error) {
    return `could not read the stored certificate (${(error as Error).message})`;
  }
}

function whyRegenerate(existing: Loaded, required: string[], now: number): string | null {
  const validTo = new Date(existing.x509.validTo).getTime();
  if (!(validTo - now > RENEW_BEFORE_MS)) return `it expires on ${existing.x509.validTo}`;
  const missing = required.filter((name) => !existing.altNames.includes(name));
  if (missing.length > 0) return `it does not cover ${missing.join(', ')}`;
  return null;
}

/** Writes next to the target, then renames, so a crash never leaves half a PEM behind. */
async function writeAtomic(path: string, content: string, mode: number): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, content, { mode });
  await chmod(tmp, mode);
  await rename(tmp, path);
}

/**
 * Returns the server's self-signed certificate, creating it once and keeping it in
 * `<dataDir>/tls/`. It is regenerated only when it is unreadable, close to expiry, or
 * misses one of localhost, 127.0.0.1 or the machine's current LAN addresses
 * (headsets must then accept the warning again, so the reason is logged).
 * EC P-256 / SHA-256, valid for ten years: accepted by Quest and Pico browsers.
 */
export async function ensureCertificate(options: TlsOptions = {}): Promise<TlsMaterial> {
  const dataDir = options.dataDir ?? resolveDataDir();
  const log = options.log ?? ((message: string) => console.log(message));
  const addresses = options.addresses ?? lanIPv4Addresses();
  const dir = join(dataDir, 'tls');
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  const required = [...new Set([...FIXED_NAMES, ...addresses])];
  const now = Date.now();

  const existing = await loadExisting(certPath, keyPath);
  let reason: string;
  if (typeof existing === 'string') {
    reason = existing;
  } else {
    const why = whyRegenerate(existing, required, now);
    if (why === null) {
      return {
        cert: existing.cert,
        key: existing.key,
        certPath,
        keyPath,
        fingerprint: existing.x509.fingerprint256,
        altNames: existing.altNames,
        validTo: new Date(existing.x509.validTo),
        generated: false,
      };
    }
    reason = why;
  }

  const previousIps =
    typeof existing === 'string' ? [] : existing.altNames.filter((n) => /^\d+\.\d+\.\d+\.\d+$/.test(n));
  const ips = [...new Set([...required.filter((n) => n !== 'localhost'), ...previousIps])].slice(
    0,
    MAX_IP_SANS,
  );
  const pems = await generate([{ name: 'commonName', value: 'RedTour XR local server' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    // A day of slack for headsets whose clock is slightly behind.
    notBeforeDate: new Date(now - 24 * 3600 * 1000),
    notAfterDate: new Date(now + VALID_DAYS * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [{ type: 2, value: 'localhost' }, ...ips.map((ip) => ({ type: 7 as const, ip }))],
      },
    ],
  });
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeAtomic(keyPath, pems.private, 0o600);
  await writeAtomic(certPath, pems.cert, 0o644);
  const x509 = new X509Certificate(pems.cert);
  log(`[tls] 已生成新的自签名证书 / generated a new self-signed certificate (${reason}): ${certPath}`);
  return {
    cert: pems.cert,
    key: pems.private,
    certPath,
    keyPath,
    fingerprint: x509.fingerprint256,
    altNames: parseAltNames(x509.subjectAltName),
    validTo: new Date(x509.validTo),
    generated: true,
  };
}
