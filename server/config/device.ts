/**
 * The headsets' device credential: an xAPI credential with the `write` scope only, for one
 * branch, created on first start. The store keeps only its scrypt hash (like every
 * credential); the plain secret is kept in `<dataDir>/device-credential.json` (mode 600) so
 * that `GET /api/config` can hand it to the app on the LAN. It can write statements and do
 * nothing else: it cannot read anyone's records.
 *
 * On every start the file is checked against the store (key present, not revoked, same
 * branch, still `write`, secret matches); otherwise a new credential replaces it. Revoking the
 * key with `server/xapi/credentials.ts revoke` and restarting therefore rotates it.
 */
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StatementStore } from '../db/types';
import { createCredential, verifySecret } from '../xapi/auth';

export interface DeviceCredential {
  key: string;
  secret: string;
  branch: string;
  created: string;
}

export const DEVICE_CREDENTIAL_FILE = 'device-credential.json';
const DEVICE_NAME = '头显设备（自动创建）/ headsets (created automatically)';

async function readFileCredential(path: string): Promise<DeviceCredential | null> {
  if (!existsSync(path)) return null;
  try {
    const data = JSON.parse(await readFile(path, 'utf8')) as Partial<DeviceCredential>;
    if (typeof data.key === 'string' && typeof data.secret === 'string' && typeof data.branch === 'string') {
      return { key: data.key, secret: data.secret, branch: data.branch, created: String(data.created ?? '') };
    }
  } catch {
    // Unreadable: replaced below.
  }
  return null;
}

/** True when the store accepts this credential for writing statements of `branch`. */
async function stillValid(store: StatementStore, credential: DeviceCredential, branch: string): Promise<boolean> {
  if (credential.branch !== branch) return false;
  const record = await store.findCredential(credential.key);
  if (!record || record.revoked !== null || record.branch !== branch) return false;
  if (!record.scopes.includes('write')) return false;
  return verifySecret(record, credential.secret);
}

/** Returns the device credential for `branch`, creating (and saving) a new one when needed. */
export async function ensureDeviceCredential(options: {
  store: StatementStore;
  dataDir: string;
  branch: string;
  log?: (line: string) => void;
  /** scrypt cost of a new credential (tests use less). */
  cost?: number;
}): Promise<DeviceCredential> {
  const path = join(options.dataDir, DEVICE_CREDENTIAL_FILE);
  const existing = await readFileCredential(path);
  if (existing && (await stillValid(options.store, existing, options.branch))) {
    // Tighten the mode in case the file was copied around.
    await chmod(path, 0o600).catch(() => undefined);
    return existing;
  }
  const made = await createCredential({ branch: options.branch, name: DEVICE_NAME, scopes: ['write'], cost: options.cost });
  await options.store.addCredential(made.record);
  const credential: DeviceCredential = { key: made.record.key, secret: made.secret, branch: made.record.branch, created: made.record.created };
  await mkdir(options.dataDir, { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(credential, null, 2)}\n`, { mode: 0o600 });
  await chmod(temp, 0o600);
  await rename(temp, path);
  options.log?.(
    `${existing ? '已更换' : '已创建'}头显设备凭据 / ${existing ? 'replaced' : 'created'} the headsets' write-only xAPI credential ${credential.key} (branch ${credential.branch}): ${path}`,
  );
  return credential;
}
