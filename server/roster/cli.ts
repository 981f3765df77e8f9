/**
 * The roster from the command line (same rules as the dashboard's import):
 *
 *   tsx server/roster/cli.ts import <file.csv> [--branch <支部 id 或名称>] [--deactivate-missing] [--allow-rename]
 *   tsx server/roster/cli.ts list [--branch <支部>]
 *
 * Uses the server's store: `--database-url` / REDTOUR_DATABASE_URL, otherwise
 * `<data dir>/records.sqlite` (`--data-dir` / REDTOUR_DATA_DIR, default .data).
 * Exit codes: 0 imported, 1 the file has errors (nothing was imported), 2 bad usage.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openStoreFromFlags, runIfMain } from '../cli';
import { M } from '../admin/messages';
import { driverOf } from '../db/index';
import { RosterStore } from '../db/roster';
import { findBranch, importRoster } from './import';
import { publicRoster } from './routes';

const HELP = `用法 / usage:
  tsx server/roster/cli.ts import <file.csv> [--branch <支部>] [--deactivate-missing] [--allow-rename]
  tsx server/roster/cli.ts list [--branch <支部>]
文件 / file: CSV 或制表符分隔文本（UTF-8、GBK/GB18030 或 UTF-16），表头：姓名、工号/党员编号、支部
  --branch <支部>        支部 id 或名称：“支部”列为空或没有此列时归入该支部（不存在则新建）
  --deactivate-missing   把文件所涉支部中、文件里没有的党员标记为停用（不删除）
  --allow-rename         编号已存在但姓名不同时，更新姓名（默认视为错误）
  --data-dir <dir>       数据目录 / data dir (default .data, env REDTOUR_DATA_DIR)
  --database-url <u>     PostgreSQL instead of SQLite (env REDTOUR_DATABASE_URL)`;

/** Runs the CLI; returns the exit code. */
export async function runRosterCli(
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
        'deactivate-missing': { type: 'boolean' },
        'allow-rename': { type: 'boolean' },
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
  if (command !== 'import' && command !== 'list') {
    err(`未知命令 / unknown command "${command}"\n\n${HELP}`);
    return 2;
  }
  if (command === 'import' && rest.length !== 1) {
    err(`import 需要一个文件 / import needs one file\n\n${HELP}`);
    return 2;
  }
  let bytes: Buffer | null = null;
  if (command === 'import') {
    try {
      bytes = await readFile(resolve(rest[0]!));
    } catch (error) {
      err(`无法读取文件 / cannot read ${rest[0]}: ${(error as Error).message}`);
      return 2;
    }
  }
  const store = await openStoreFromFlags(values, env);
  try {
    const roster = new RosterStore(driverOf(store));
    if (command === 'list') {
      const all = await publicRoster(roster);
      const branches = await roster.listBranches();
      const only = values.branch ? findBranch(branches, values.branch) : null;
      if (values.branch && !only) {
        err(`没有支部 / no branch ${values.branch}`);
        return 1;
      }
      const names = new Map(branches.map((b) => [b.id, b.name]));
      const members = all.members.filter((m) => !only || m.branch === only.id);
      for (const m of members) out(`${names.get(m.branch) ?? m.branch}\t${m.id}\t${m.name}`);
      out(`共 ${members.length} 人 / ${members.length} active members`);
      return 0;
    }
    const result = await importRoster(roster, bytes!, {
      branch: values.branch,
      deactivateMissing: values['deactivate-missing'] === true,
      allowRename: values['allow-rename'] === true,
    });
    if (!result.ok) {
      err(M.importResult.failed);
      for (const e of result.errors) err(`  第 ${e.row} 行${e.field ? `【${e.field}】` : ''}：${e.reason}`);
      return 1;
    }
    const s = result.summary;
    out(`${M.importResult.ok}：${M.importResult.summary(s)}`);
    if (s.branchesCreated.length > 0) out(`${M.importResult.branchesCreated}${s.branchesCreated.map((b) => `${b.name}（${b.id}）`).join('、')}`);
    out(M.importResult.encoding(s.encoding.toUpperCase(), s.delimiter));
    out(`存储 / store: ${store.location}`);
    return 0;
  } finally {
    await store.close();
  }
}

runIfMain(import.meta.url, (argv, env) => runRosterCli(argv, env));
