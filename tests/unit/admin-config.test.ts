/**
 * `GET /api/config` and the device credential it hands out, the start-up hint when no
 * secretary exists, and the secretaries CLI.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdminCli } from '../../server/admin/cli';
import { verifyPassword } from '../../server/admin/password';
import { DEVICE_CREDENTIAL_FILE } from '../../server/config/device';
import { driverOf, openStore } from '../../server/db/index';
import { RosterStore } from '../../server/db/roster';
import { banner, startServer } from '../../server/main';
import { addSecretary, call, jiandang, login, postStatements, startRecords, tourStatements, type RecordsServer } from './admin-helpers';

describe('GET /api/config', () => {
  let records: RecordsServer;
  beforeAll(async () => {
    records = await startRecords();
  });
  afterAll(() => records.close());

  it('hands out the endpoint, a write-only device credential and the identifiers the dashboard uses', async () => {
    const reply = await call(records.base, 'GET', '/api/config');
    expect(reply.status).toBe(200);
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(reply.json).toEqual({
      xapi: { endpoint: '/xapi/', auth: { username: expect.stringMatching(/^rt_[0-9a-f]{24}$/), password: expect.any(String) } },
      activityBase: 'https://redtour.local/xapi/activities',
      homePage: 'https://redtour.local/xapi',
    });
    const file = join(records.dataDir, DEVICE_CREDENTIAL_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved).toMatchObject({ key: reply.json.xapi.auth.username, secret: reply.json.xapi.auth.password, branch: 'default' });
    const record = await records.server.records!.findCredential(saved.key);
    expect(record?.scopes).toEqual(['write']);

    // It can write the app's statements, and read nothing.
    await postStatements(records, tourStatements(jiandang(), records.config, { memberId: '1001', name: '张三', registration: randomUUID(), mode: 'desktop', start: new Date(), activeMs: 1000 }));
    const read = await call(records.base, 'GET', '/xapi/statements', { headers: { Authorization: records.deviceAuth, 'X-Experience-API-Version': '1.0.3' } });
    expect(read.status).toBe(403);
  });

  it('names the branch when the credential branch is on the roster', async () => {
    await records.roster.insertBranches([{ id: 'default', name: '机关党支部' }]);
    expect((await call(records.base, 'GET', '/api/config')).json.branch).toEqual({ id: 'default', name: '机关党支部' });
  });
});

describe('the device credential across restarts', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'redtour-device-'));
  const dist = join(dataDir, 'dist');
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const start = async (records: object = {}) => {
    mkdirSync(dist, { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html>');
    const lines: string[] = [];
    const server = await startServer({ distDir: dist, port: 0, httpsPort: false, dataDir, lanAddresses: [], log: (l) => lines.push(l), records });
    const config = (await call(server.httpUrl, 'GET', '/api/config')).json;
    return { server, config, lines };
  };

  it('keeps it, replaces it when revoked, and honours configured identifiers', async () => {
    const first = await start();
    expect(first.lines.join('\n')).toContain('created');
    // No secretary yet: the banner says how to create one.
    expect(first.server.notices).toEqual([expect.stringContaining('tsx server/admin/cli.ts add-secretary --username')]);
    expect(banner(first.server)).toContain('add-secretary');
    expect(banner(first.server)).toContain('/admin/');
    await first.server.close();

    const second = await start();
    expect(second.config.xapi.auth).toEqual(first.config.xapi.auth);
    await second.server.records!.revokeCredential(second.config.xapi.auth.username);
    await addSecretary(new RosterStore(driverOf(second.server.records!)), 'admin', 'correct horse');
    await second.server.close();

    const third = await start({ activityBase: 'https://dangxiao.example.edu.cn/redtour/activities', homePage: 'https://dangxiao.example.edu.cn/redtour', deviceBranch: 'jiguan' });
    expect(third.lines.join('\n')).toContain('replaced');
    expect(third.server.notices).toEqual([]);
    expect(third.config).toMatchObject({ activityBase: 'https://dangxiao.example.edu.cn/redtour/activities', homePage: 'https://dangxiao.example.edu.cn/redtour' });
    expect(third.config.xapi.auth.username).not.toBe(first.config.xapi.auth.username);
    expect((await third.server.records!.findCredential(third.config.xapi.auth.username))?.branch).toBe('jiguan');
    await third.server.close();

    await expect(start({ activityBase: 'not an iri' })).rejects.toThrow(/activityBase/);
  });
});

describe('the secretaries CLI', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'redtour-admin-cli-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const run = async (args: string[], stdin?: string) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runAdminCli([...args, '--data-dir', dataDir], {}, {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      stdin: stdin === undefined ? undefined : Readable.from([Buffer.from(stdin)]),
      cost: 1024,
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  const users = async () => {
    const store = await openStore({ dataDir });
    try {
      return await new RosterStore(driverOf(store)).listAdminUsers();
    } finally {
      await store.close();
    }
  };

  it('adds secretaries with a generated or a given password, lists, resets and removes them', async () => {
    const made = await run(['add-secretary', '--username', 'zhang']);
    expect(made.code).toBe(0);
    const password = /密码 \/ password: (\S+)/.exec(made.out)?.[1];
    expect(password).toMatch(/^[A-Za-z2-9]{16}$/);
    expect(await verifyPassword(password!, (await users())[0]!.passwordHash)).toBe(true);

    const scoped = await run(['add-secretary', '--username', 'li', '--branch', '第三党支部', '--password-stdin'], 'a long passphrase\n');
    expect(scoped.code).toBe(0);
    expect(scoped.out).toContain('已新建支部');
    expect(scoped.out).not.toContain('password:');
    const li = (await users()).find((u) => u.username === 'li')!;
    expect(li.branchId).toMatch(/^zb-/);
    expect(await verifyPassword('a long passphrase', li.passwordHash)).toBe(true);

    expect((await run(['add-secretary', '--username', 'li'])).code).toBe(1);
    expect((await run(['add-secretary', '--username', 'wang', '--password-stdin'], 'short\n')).code).toBe(2);
    expect((await run(['add-secretary'])).code).toBe(2);
    expect((await run(['list'])).out).toMatch(/li\t第三党支部/);

    const reset = await run(['reset-password', '--username', 'li', '--password-stdin'], 'another passphrase\r\n');
    expect(reset.code).toBe(0);
    expect(await verifyPassword('another passphrase', (await users()).find((u) => u.username === 'li')!.passwordHash)).toBe(true);
    expect((await run(['remove-secretary', '--username', 'li'])).code).toBe(0);
    expect((await users()).map((u) => u.username)).toEqual(['zhang']);
    expect((await run(['remove-secretary', '--username', 'li'])).code).toBe(1);
  });

  it('ends the sessions of a secretary whose password is reset', async () => {
    const records = await startRecords();
    try {
      await addSecretary(records.roster, 'zhao', 'first passphrase');
      const session = await login(records.base, 'zhao', 'first passphrase');
      expect((await call(records.base, 'GET', '/admin/', { cookie: session.cookie })).status).toBe(200);
      await records.roster.setAdminPassword('zhao', 'scrypt$1024$8$1$AAAA$AAAA');
      expect((await call(records.base, 'GET', '/admin/', { cookie: session.cookie })).status).toBe(303);
    } finally {
      await records.close();
    }
  });
});

describe('reporting to another LRS', () => {
  it('names the external endpoint and credentials from the environment, and refuses a malformed one', async () => {
    const { externalLrs } = await import('../../server/admin/service');
    expect(externalLrs({})).toBeUndefined();
    expect(externalLrs({ REDTOUR_LRS_ENDPOINT: 'https://lrs.example.org/xapi/', REDTOUR_LRS_USERNAME: 'k', REDTOUR_LRS_PASSWORD: 's' })).toEqual({
      endpoint: 'https://lrs.example.org/xapi/',
      username: 'k',
      password: 's',
    });
    expect(() => externalLrs({ REDTOUR_LRS_ENDPOINT: 'lrs.example.org' })).toThrow(/must be an http\(s\) URL/);
  });
});
