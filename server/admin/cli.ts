/**
 * Dashboard accounts (支部书记) from the command line:
 *
 *   tsx server/admin/cli.ts add-secretary --username <name> [--branch <支部 id 或名称>] [--password-stdin]
 *   tsx server/admin/cli.ts reset-password --username <name> [--password-stdin]
 *   tsx server/admin/cli.ts remove-secretary --username <name>
 *   tsx server/admin/cli.ts list
 *
 * Without `--branch` the account sees every branch. Without `--password-stdin` a password is
 * generated and printed once; with it, the first line of stdin is the password (at least 8
 * characters): `echo "$PW" | tsx server/admin/cli.ts add-secretary --username li --password-stdin`.
 * Only an scrypt hash is stored. Same store options as the server (`--data-dir`, `--database-url`).
 */
import { parseArgs } from 'node:util';
import { openStoreFromFlags, runIfMain } from '../cli';
import { driverOf } from '../db/index';
import { RosterStore, type Branch } from '../db/roster';
import { findBranch, newBranchId } from '../roster/import';
import { generatePassword, hashPassword, MIN_PASSWORD_LENGTH, USERNAME_PATTERN } from './password';

const HELP = `用法 / usage:
  tsx server/admin/cli.ts add-secretary --username <用户名> [--branch <支部>] [--password-stdin]
  tsx server/admin/cli.ts reset-password --username <用户名> [--password-stdin]
  tsx server/admin/cli.ts remove-secretary --username <用户名>
  tsx server/admin/cli.ts list
  --branch <支部>      只能查看该支部（id 或名称；不存在则新建）；省略 = 全部支部
  --password-stdin     从标准输入读取密码（第一行，至少 ${MIN_PASSWORD_LENGTH} 个字符）；省略 = 自动生成并显示
  --data-dir <dir>     数据目录 / data dir (default .data, env REDTOUR_DATA_DIR)
  --database-url <u>   PostgreSQL instead of SQLite (env REDTOUR_DATABASE_URL)`;

async function readStdinLine(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/, 1)[0] ?? '';
}

/** Runs the CLI; returns the exit code. */
export async function runAdminCli(
  argv: string[],
  env: NodeJS.ProcessEnv,
  io: { out?: (line: string) => void; err?: (line: string) => void; stdin?: NodeJS.ReadableStream; cost?: number } = {},
): Promise<number> {
  const out = io.out ?? console.log;
  const err = io.err ?? console.error;
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        username: { type: 'string' },
        branch: { type: 'string' },
        'password-stdin': { type: 'boolean' },
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
  const [command] = positionals;
  if (values.help || !command) {
    (values.help ? out : err)(HELP);
    return values.help ? 0 : 2;
  }
  if (!['add-secretary', 'reset-password', 'remove-secretary', 'list'].includes(command)) {
    err(`未知命令 / unknown command "${command}"\n\n${HELP}`);
    return 2;
  }
  const username = values.username?.trim();
  if (command !== 'list' && (!username || !USERNAME_PATTERN.test(username))) {
    err(`需要 --username（1–64 个字符，不含空格）/ --username is required (1–64 characters, no spaces)\n\n${HELP}`);
    return 2;
  }
  let password: string | null = null;
  if (command === 'add-secretary' || command === 'reset-password') {
    if (values['password-stdin']) {
      password = await readStdinLine(io.stdin ?? process.stdin);
      if ([...password].length < MIN_PASSWORD_LENGTH) {
        err(`密码至少 ${MIN_PASSWORD_LENGTH} 个字符 / the password needs at least ${MIN_PASSWORD_LENGTH} characters`);
        return 2;
      }
    }
  }
  const store = await openStoreFromFlags(values, env);
  try {
    const roster = new RosterStore(driverOf(store));
    if (command === 'list') {
      const [users, branches] = await Promise.all([roster.listAdminUsers(), roster.listBranches()]);
      if (users.length === 0) out('（没有账号 / no accounts）');
      for (const u of users) {
        const branch = u.branchId === null ? '全部支部' : (branches.find((b) => b.id === u.branchId)?.name ?? u.branchId);
        out(`${u.username}\t${branch}\t${u.created}`);
      }
      return 0;
    }
    if (command === 'remove-secretary') {
      if (!(await roster.removeAdminUser(username!))) {
        err(`没有账号 / no account ${username}`);
        return 1;
      }
      out(`已删除 / removed ${username}`);
      return 0;
    }
    const generated = password === null;
    const secret = password ?? generatePassword();
    const hash = await hashPassword(secret, io.cost);
    if (command === 'reset-password') {
      if (!(await roster.setAdminPassword(username!, hash))) {
        err(`没有账号 / no account ${username}`);
        return 1;
      }
      out(`已重置密码，原有登录已失效 / password reset; existing sessions ended: ${username}`);
    } else {
      if (await roster.findAdminUser(username!)) {
        err(`账号已存在 / ${username} exists (reset-password changes its password)`);
        return 1;
      }
      let branch: Branch | null = null;
      if (values.branch !== undefined && values.branch.trim() !== '') {
        const wanted = values.branch.trim();
        const branches = await roster.listBranches();
        branch = findBranch(branches, wanted);
        if (!branch) {
          branch = { id: newBranchId(wanted, new Set(branches.map((b) => b.id))), name: wanted };
          await roster.insertBranches([branch]);
          out(`已新建支部 / created branch ${branch.name}（${branch.id}）`);
        }
      }
      await roster.addAdminUser({ username: username!, passwordHash: hash, branchId: branch?.id ?? null, created: new Date().toISOString() });
      out(`已创建支部书记账号 / created ${username}（${branch ? branch.name : '全部支部 / every branch'}）`);
    }
    if (generated) {
      out(`密码 / password: ${secret}`);
      out('请立即记下密码，之后无法再次显示。/ Note the password now: it cannot be shown again.');
    }
    out(`登录 / log in: /admin/login`);
    return 0;
  } finally {
    await store.close();
  }
}

runIfMain(import.meta.url, (argv, env) => runAdminCli(argv, env));
