/** What the server's command-line tools (roster, credentials, secretaries) share. */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from './db/index';
import type { StatementStore } from './db/types';
import { resolveDataDir } from './tls';

/** Opens the record store named by `--database-url`/`--data-dir` or their environment variables. */
export function openStoreFromFlags(values: { 'data-dir'?: string; 'database-url'?: string }, env: NodeJS.ProcessEnv): Promise<StatementStore> {
  const databaseUrl = values['database-url'] ?? env.REDTOUR_DATABASE_URL;
  const dataDir = values['data-dir'] ? resolve(values['data-dir']) : resolveDataDir(env);
  return openStore(databaseUrl ? { databaseUrl } : { dataDir });
}

/** Runs `main` with the process's arguments when `moduleUrl` is the script node was started with. */
export function runIfMain(moduleUrl: string, main: (argv: string[], env: NodeJS.ProcessEnv) => Promise<number>): void {
  if (process.argv[1] === undefined || resolve(process.argv[1]) !== fileURLToPath(moduleUrl)) return;
  main(process.argv.slice(2), process.env).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error((error as Error).message);
      process.exit(1);
    },
  );
}
