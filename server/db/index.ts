/**
 * Opens the study-record store: PostgreSQL when a connection string is given, otherwise the
 * SQLite file `<dataDir>/records.sqlite`. Migrations run before the store is returned.
 */
import { join, resolve } from 'node:path';
import { openPostgresDriver } from './postgres';
import { migrate, migrateRoster, SqlStatementStore, type SqlDriver } from './sql';
import { openSqliteDriver } from './sqlite';
import type { StatementStore } from './types';

export type { StatementStore } from './types';
export * from './types';

export interface OpenStoreOptions {
  /** `postgres://…`; when set, PostgreSQL is used and `dataDir`/`file` are ignored. */
  databaseUrl?: string;
  /** The SQLite file goes here as `records.sqlite` unless `file` is given. */
  dataDir?: string;
  /** The SQLite file itself. */
  file?: string;
}

/** The SQLite file used for a data directory. */
export const recordsFile = (dataDir: string): string => join(resolve(dataDir), 'records.sqlite');

export async function openStore(options: OpenStoreOptions): Promise<StatementStore> {
  let driver: SqlDriver;
  if (options.databaseUrl) driver = openPostgresDriver(options.databaseUrl);
  else if (options.file) driver = openSqliteDriver(resolve(options.file));
  else if (options.dataDir) driver = openSqliteDriver(recordsFile(options.dataDir));
  else throw new Error('openStore: give databaseUrl, file or dataDir');
  try {
    await migrate(driver);
    await migrateRoster(driver);
  } catch (error) {
    await driver.close().catch(() => undefined);
    throw error;
  }
  return new SqlStatementStore(driver);
}

/**
 * The SQL connection behind a store from {@link openStore}, for the roster and dashboard
 * queries that live in the same database.
 */
export function driverOf(store: StatementStore): SqlDriver {
  if (store instanceof SqlStatementStore) return store.driver;
  throw new Error('driverOf: this store has no SQL driver (open it with openStore)');
}
