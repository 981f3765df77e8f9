/**
 * Credentials for the xAPI endpoint, one or more per branch (支部):
 *
 *   tsx server/xapi/credentials.ts add --branch <id> --name <label> [--scopes write,read]
 *   tsx server/xapi/credentials.ts list
 *   tsx server/xapi/credentials.ts revoke <key>
 *
 * Uses the same store as the server: `--database-url` / REDTOUR_DATABASE_URL, otherwise
 * `<data dir>/records.sqlite` (`--data-dir` / REDTOUR_DATA_DIR, default .data).
 * `add` prints the key and secret once; only a hash of the secret is kept.
 */
import { parseArgs } from 'node:util';
import { openStoreFromFlags, runIfMain } from '../cli';
import { createCredential, SCOPES } from './auth';

const HELP = `用法 / usage:
  tsx server/xapi/credentials.ts add --branch <id> --name <label> [--scopes write,read]
  tsx server/xapi/credentials.ts list
  tsx server/xapi/credentials.ts revoke <key>
options:
  --scopes <list>      ${SCOPES.join(', ')} (default write,read; admin reads every branch)
  --data-dir <dir>     数据目录 / data dir (default .data, env REDTOUR_DATA_DIR)
  --database-url <u>   PostgreSQL instead of SQLite (env REDTOUR_DATABASE_URL)`;

/** Runs the CLI; returns the exit code. `out`/`err` receive lines (injectable for tests). */
export async function runCredentialsCli(
  argv: string[],
  env: NodeJS.ProcessEnv,
  out: (line: string) => void = console.log,
  err: (line: string) => void = console.error,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        branch: { type: 'string' },
        name: { type: 'string' },
        scopes: { type: 'string' },
        'data-dir': { type: 'string' },
        'database-url': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    err(`${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    (values.help ? out : err)(HELP);
    return values.help ? 0 : 2;
  }
  if (!['add', 'list', 'revoke'].includes(command)) {
    err(`unknown command "${command}"\n\n${HELP}`);
    return 2;
  }
  if (command === 'add' && (!values.branch || !values.name)) {
    err(`add needs --branch and --name\n\n${HELP}`);
    return 2;
  }
  if (command === 'revoke' && rest.length !== 1) {
    err(`revoke needs one key\n\n${HELP}`);
    return 2;
  }
  const store = await openStoreFromFlags(values, env);
  try {
    if (command === 'add') {
      let made;
      try {
        made = await createCredential({
          branch: values.branch!,
          name: values.name!,
          scopes: values.scopes?.split(',').map((s) => s.trim()).filter(Boolean),
        });
      } catch (error) {
        err((error as Error).message);
        return 2;
      }
      await store.addCredential(made.record);
      out(`支部 / branch: ${made.record.branch}`);
      out(`名称 / name:   ${made.record.name}`);
      out(`权限 / scopes: ${made.record.scopes.join(', ')}`);
      out(`key:    ${made.record.key}`);
      out(`secret: ${made.secret}`);
      out('请立即保存密钥，之后无法再次显示。/ Save the secret now: it cannot be shown again.');
      out(`存储 / store: ${store.location}`);
      return 0;
    }
    if (command === 'list') {
      const all = await store.listCredentials();
      if (all.length === 0) out('(no credentials)');
      for (const c of all) {
        out(`${c.key}  branch=${c.branch}  scopes=${c.scopes.join(',')}  name=${JSON.stringify(c.name)}  created=${c.created}${c.revoked ? `  REVOKED ${c.revoked}` : ''}`);
      }
      return 0;
    }
    const revoked = await store.revokeCredential(rest[0]!);
    if (!revoked) {
      err(`no active credential ${rest[0]}`);
      return 1;
    }
    out(`revoked ${rest[0]} (servers stop accepting it within a minute)`);
    return 0;
  } finally {
    await store.close();
  }
}

runIfMain(import.meta.url, (argv, env) => runCredentialsCli(argv, env));
