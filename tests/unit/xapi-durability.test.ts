/**
 * The real command line: a credential made with `tsx server/xapi/credentials.ts add`, the
 * server started with `tsx server/main.ts`, a batch acknowledged, the process SIGKILLed at
 * once — and the batch is in the SQLite file when it is opened again.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, recordsFile } from '../../server/db/index';
import { runCredentialsCli } from '../../server/xapi/credentials';
import { projectRoot } from '../../server/tls';

// `node --import tsx` rather than the tsx CLI: the CLI runs the script in a child process, and
// SIGKILL to the CLI would leave that child (the real server) running.
const tsx = process.execPath;
const TSX = ['--import', 'tsx'];
const dir = mkdtempSync(join(tmpdir(), 'redtour-durable-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function post(url: string, auth: string, body: unknown): Promise<{ status: number; body: string }> {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path: '/xapi/statements',
        method: 'POST',
        agent: false,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': String(payload.length),
          'X-Experience-API-Version': '1.0.3',
          Authorization: auth,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const statement = (i: number) => ({
  id: randomUUID(),
  actor: { account: { homePage: 'https://branch.example/members', name: `m-${i}` } },
  verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
  object: { id: `https://redtour.test/activity/stop-${i}` },
});

describe('credentials CLI', () => {
  it('adds (printing key and secret once), lists and revokes', async () => {
    const data = join(dir, 'cli');
    const lines: string[] = [];
    const errors: string[] = [];
    const out = (l: string) => lines.push(l);
    const err = (l: string) => errors.push(l);
    expect(await runCredentialsCli(['add', '--branch', 'zhibu-3', '--name', '第三支部', '--data-dir', data], {}, out, err)).toBe(0);
    const key = /key:\s+(\S+)/.exec(lines.join('\n'))?.[1];
    const secret = /secret:\s+(\S+)/.exec(lines.join('\n'))?.[1];
    expect(key).toMatch(/^rt_[0-9a-f]{24}$/);
    expect(secret!.length).toBeGreaterThan(20);
    lines.length = 0;
    expect(await runCredentialsCli(['list', '--data-dir', data], {}, out, err)).toBe(0);
    expect(lines.join('\n')).toContain(key);
    expect(lines.join('\n')).toContain('zhibu-3');
    expect(lines.join('\n')).not.toContain(secret);
    expect(await runCredentialsCli(['revoke', key!, '--data-dir', data], {}, out, err)).toBe(0);
    expect(await runCredentialsCli(['revoke', key!, '--data-dir', data], {}, out, err)).toBe(1);
    expect(await runCredentialsCli(['add', '--branch', 'bad branch!', '--name', 'x', '--data-dir', data], {}, out, err)).toBe(2);
    expect(await runCredentialsCli(['add', '--branch', 'b', '--name', 'x', '--scopes', 'write,root', '--data-dir', data], {}, out, err)).toBe(2);
    expect(await runCredentialsCli(['add', '--name', 'x', '--data-dir', data], {}, out, err)).toBe(2);
    expect(errors.join('\n')).toMatch(/scope "root"/);
  });
});

describe('durability', () => {
  it('keeps an acknowledged batch when the server is SIGKILLed right after answering', async () => {
    const data = join(dir, 'data');
    const dist = join(dir, 'dist');
    mkdirSync(dist, { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html>');

    const add = spawnSync(tsx, [...TSX, 'server/xapi/credentials.ts', 'add', '--branch', 'b1', '--name', 'durability', '--data-dir', data], {
      cwd: projectRoot,
      encoding: 'utf8',
    });
    expect(add.status, add.stderr).toBe(0);
    const key = /key:\s+(\S+)/.exec(add.stdout)![1]!;
    const secret = /secret:\s+(\S+)/.exec(add.stdout)![1]!;
    const auth = `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;

    const env = { ...process.env };
    delete env.REDTOUR_DATABASE_URL;
    const child = spawn(tsx, [...TSX, 'server/main.ts', '--port', '0', '--no-https', '--dist', dist, '--data-dir', data], {
      cwd: projectRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let output = '';
        const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 15_000);
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          const match = /http:\/\/localhost:(\d+)\//.exec(output);
          if (match) {
            clearTimeout(timer);
            resolve(`http://127.0.0.1:${match[1]}`);
          }
        };
        child.stdout!.on('data', onData);
        child.stderr!.on('data', onData);
        child.once('exit', () => reject(new Error(`server exited: ${output}`)));
      });

      expect(child.pid).toBeDefined();
      const batch = Array.from({ length: 50 }, (_, i) => statement(i));
      const reply = await post(url, auth, batch);
      child.kill('SIGKILL');
      expect(reply.status, reply.body).toBe(200);
      expect(JSON.parse(reply.body)).toEqual(batch.map((s) => s.id));
      expect(await exited).toBe('SIGKILL');

      expect(existsSync(recordsFile(data))).toBe(true);
      const store = await openStore({ dataDir: data });
      try {
        for (const s of batch) expect(await store.get(s.id, { voided: false }), s.id).not.toBeNull();
        expect((await store.stats()).total).toBe(50);
      } finally {
        await store.close();
      }
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  }, 30_000);
});
