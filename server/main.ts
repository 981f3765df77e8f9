import { existsSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import qrcode from 'qrcode-terminal';
import { studyServices } from './admin/service';
import { createHandler, type Route } from './app';
import { DEFAULT_ACTIVITY_BASE, DEFAULT_DEVICE_BRANCH, DEFAULT_HOME_PAGE, checkIri } from './config/settings';
import { openStore, type StatementStore } from './db/index';
import { lanIPv4Addresses } from './network';
import { ensureCertificate, projectRoot, resolveDataDir, type TlsMaterial } from './tls';
import { xapiRoutes } from './xapi/routes';
import { phoneOnly } from './screening/phone';
import type { ScreeningService } from './screening/service';

export interface StartOptions {
  /** The built app. Default `<project root>/dist`. */
  distDir?: string;
  /** Plain-HTTP port (a secure context on this machine only). Default 8080; 0 = any free port. */
  port?: number;
  /** Plain-HTTP bind address. Default 127.0.0.1. */
  host?: string;
  /** HTTPS port for headsets on the LAN; `false` = no HTTPS. Default 8443; 0 = any free port. */
  httpsPort?: number | false;
  /** HTTPS bind address. Default 0.0.0.0 (every interface). */
  httpsHost?: string;
  /**
   * Plain-HTTP port on the LAN for members' phones in a group screening: it serves only the phone
   * page (`/j/<code>`), its assets, the roster and the phone socket, so phones need no certificate
   * warning. Only with `records`. `false` (the default from code) = none; the command line turns it
   * on at 8081. 0 = any free port.
   */
  phonePort?: number | false;
  /** Bind address of the phone port. Default 0.0.0.0. */
  phoneHost?: string;
  /** Where the certificate (and later the study records) are kept. Default {@link resolveDataDir}. */
  dataDir?: string;
  /** API routes tried before static files (xAPI, admin). */
  routes?: Route[];
  /** LAN IPv4 addresses to announce and put in the certificate. Default {@link lanIPv4Addresses}. */
  lanAddresses?: string[];
  /** Receives log lines (certificate decisions). Default console.log. */
  log?: (line: string) => void;
  /**
   * The study-record service: opens the store (SQLite `<dataDir>/records.sqlite`, or
   * PostgreSQL with `databaseUrl`) and mounts the xAPI routes at `/xapi/`. Off when omitted;
   * the command line turns it on.
   */
  records?: RecordsOptions;
}

export interface RecordsOptions {
  /** PostgreSQL connection string; SQLite in the data dir when absent. */
  databaseUrl?: string;
  /** Largest accepted xAPI request body in bytes (413 beyond). Default 1 MB. */
  maxBodyBytes?: number;
  /**
   * `account.homePage` of the authority written into stored statements, and of the members'
   * actors (handed to the app by `/api/config`). Default `https://redtour.local/xapi`.
   */
  homePage?: string;
  /** Prefix of the app's activity ids (`/api/config`, dashboard). Default `https://redtour.local/xapi/activities`. */
  activityBase?: string;
  /** Branch id of the headsets' write-only device credential. Default `default`. */
  deviceBranch?: string;
  /** The scenes the dashboard reports on. Default `<project root>/scenes`. */
  scenesDir?: string;
  /** Time zone of the dashboard's dates and quarters. Default Asia/Shanghai. */
  timeZone?: string;
}

export interface RunningServer {
  /** e.g. `http://127.0.0.1:8080` (no trailing slash). */
  httpUrl: string;
  /** e.g. `https://127.0.0.1:8443`, when HTTPS is on. */
  httpsUrl?: string;
  /** `https://<lan address>:<port>` for each LAN address the HTTPS server is reachable on. */
  lanUrls: string[];
  /** The certificate in use, when HTTPS is on. */
  tls?: TlsMaterial;
  /** The study-record store, when `records` was given (closed by `close()`). */
  records?: StatementStore;
  /** Start-up hints to print (e.g. no dashboard account yet), when `records` was given. */
  notices?: string[];
  /** Group screening, when `records` was given. */
  screening?: ScreeningService;
  /** `http://<LAN address>:<port>`: where phones join a group screening, when the phone port is on. */
  phoneUrl?: string;
  close(): Promise<void>;
}

/** Thrown by {@link startServer} when the build output is missing. */
export class DistMissingError extends Error {
  constructor(readonly distDir: string) {
    super(
      `找不到 ${join(distDir, 'index.html')}：请先运行 npm run build\n` +
        `${join(distDir, 'index.html')} not found: run \`npm run build\` first.`,
    );
    this.name = 'DistMissingError';
  }
}

function listen(server: Server, port: number, host: string, flag: string): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE') {
        reject(new Error(`端口 ${port} 已被占用，请用 ${flag} 换一个 / port ${port} on ${host} is in use: choose another with ${flag}`));
      } else if (error.code === 'EACCES') {
        reject(new Error(`没有权限使用端口 ${port} / no permission to bind port ${port}: use ${flag} with a port above 1023`));
      } else reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolvePort((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((done) => {
    if (!server.listening) return done();
    server.close(() => done());
    // Keep-alive sockets of open browsers would otherwise hold close() for minutes.
    server.closeAllConnections();
  });
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

const ANY_ADDRESS = new Set(['0.0.0.0', '::', '']);
const isLoopback = (host: string) => host === 'localhost' || host.startsWith('127.') || host === '::1';

/**
 * Starts the app server: HTTP on 127.0.0.1 for this machine and, unless disabled, HTTPS on
 * the LAN for headsets (WebXR needs a secure context). Resolves once both are listening.
 */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const distDir = resolve(options.distDir ?? join(projectRoot, 'dist'));
  if (!existsSync(join(distDir, 'index.html'))) throw new DistMissingError(distDir);
  const host = options.host ?? '127.0.0.1';
  const httpsHost = options.httpsHost ?? '0.0.0.0';
  const httpsPort = options.httpsPort ?? 8443;
  let routes = options.routes;
  let records: StatementStore | undefined;
  let notices: string[] | undefined;
  let screening: ScreeningService | undefined;
  if (options.records) {
    const dataDir = options.dataDir ?? resolveDataDir();
    const homePage = checkIri(options.records.homePage ?? DEFAULT_HOME_PAGE, 'homePage (REDTOUR_XAPI_HOMEPAGE)');
    const activityBase = checkIri(options.records.activityBase ?? DEFAULT_ACTIVITY_BASE, 'activityBase (REDTOUR_ACTIVITY_BASE)');
    records = await openStore(options.records.databaseUrl ? { databaseUrl: options.records.databaseUrl } : { dataDir });
    (options.log ?? console.log)(`学习记录 / study records: ${records.kind} ${records.location}`);
    // Appended, so routes the caller pushes to its own array later are still seen.
    routes = options.routes ?? [];
    routes.push(...xapiRoutes({ store: records, maxBodyBytes: options.records.maxBodyBytes, homePage }));
    try {
      const services = await studyServices({
        store: records,
        dataDir,
        homePage,
        activityBase,
        deviceBranch: options.records.deviceBranch ?? DEFAULT_DEVICE_BRANCH,
        scenesDir: options.records.scenesDir,
        timeZone: options.records.timeZone,
        distDir,
        log: options.log ?? console.log,
      });
      routes.push(...services.routes);
      notices = services.notices;
      screening = services.screening;
    } catch (error) {
      await records.close();
      throw error;
    }
  }
  const handler = createHandler({ distDir, routes });
  const servers: Server[] = [];
  const close = async () => {
    screening?.close();
    await Promise.all(servers.map(closeServer));
    await records?.close();
  };
  /** WebSocket upgrades go to group screening; there is nothing else to upgrade to. */
  const acceptUpgrades = (server: Server, listener: 'app' | 'phone') =>
    server.on('upgrade', (req, socket, head) => {
      if (screening) screening.handleUpgrade(req, socket, head, listener);
      else socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    });

  try {
    const httpServer = createHttpServer(handler);
    servers.push(httpServer);
    acceptUpgrades(httpServer, 'app');
    const port = await listen(httpServer, options.port ?? 8080, host, '--port');
    const httpUrl = `http://${urlHost(ANY_ADDRESS.has(host) ? '127.0.0.1' : host)}:${port}`;
    const lanAddresses = options.lanAddresses ?? lanIPv4Addresses();

    let phoneUrl: string | undefined;
    const phonePort = options.phonePort ?? false;
    if (screening && phonePort !== false) {
      const phoneHost = options.phoneHost ?? '0.0.0.0';
      const phoneServer = createHttpServer(phoneOnly(handler));
      servers.push(phoneServer);
      acceptUpgrades(phoneServer, 'phone');
      const boundPhone = await listen(phoneServer, phonePort, phoneHost, '--phone-port');
      const phoneAddress = ANY_ADDRESS.has(phoneHost) ? (lanAddresses[0] ?? '127.0.0.1') : phoneHost;
      phoneUrl = `http://${urlHost(phoneAddress)}:${boundPhone}`;
      screening.joinBase = phoneUrl;
    }
    if (httpsPort === false) return { httpUrl, lanUrls: [], records, notices, screening, phoneUrl, close };

    const reachable = ANY_ADDRESS.has(httpsHost) ? lanAddresses : isLoopback(httpsHost) ? [] : [httpsHost];
    const tls = await ensureCertificate({
      dataDir: options.dataDir ?? resolveDataDir(),
      addresses: reachable,
      log: options.log,
    });
    const httpsServer = createHttpsServer({ cert: tls.cert, key: tls.key }, handler);
    servers.push(httpsServer);
    acceptUpgrades(httpsServer, 'app');
    const boundHttps = await listen(httpsServer, httpsPort, httpsHost, '--https-port');
    const localHttps = ANY_ADDRESS.has(httpsHost) || isLoopback(httpsHost) ? '127.0.0.1' : httpsHost;
    return {
      httpUrl,
      httpsUrl: `https://${urlHost(localHttps)}:${boundHttps}`,
      lanUrls: reachable.map((address) => `https://${urlHost(address)}:${boundHttps}`),
      tls,
      records,
      notices,
      screening,
      phoneUrl,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The start-up text: Chinese first, then English, with a QR code of the first LAN address. */
export function banner(server: RunningServer): string {
  const local = server.httpUrl.replace('//127.0.0.1:', '//localhost:');
  const lines: string[] = ['', '红途 · 红色VR学习馆 已启动', `  本机浏览器：      ${local}/`];
  for (const url of server.lanUrls) lines.push(`  头显（局域网）：  ${url}/`);
  if (server.httpsUrl && server.lanUrls.length === 0) {
    lines.push('  未找到局域网地址：请把电脑和头显连到同一个 Wi-Fi 后重新启动。');
  }
  lines.push('', 'RedTour XR is running', `  This computer:   ${local}/`);
  for (const url of server.lanUrls) lines.push(`  Headset (LAN):   ${url}/`);
  if (server.httpsUrl && server.lanUrls.length === 0) {
    lines.push('  No LAN address found: connect this computer and the headsets to the same Wi-Fi, then restart.');
  }
  const first = server.lanUrls[0];
  if (first) {
    lines.push('', `在头显中打开 / open on the headset: ${first}/`);
    qrcode.generate(`${first}/`, { small: true }, (qr) => lines.push(qr));
    lines.push(
      '首次打开时头显会提示“连接不是私密连接”（本机自签名证书），请点“高级”→“继续访问”。' +
        ' / The first time, the headset warns about the certificate (self-signed): choose Advanced → Proceed.',
    );
  }
  if (server.records) lines.push('', `学习记录管理 / dashboard: ${local}/admin/`);
  if (server.screening) {
    lines.push(`集体放映（在本机打开）/ group screening (on this computer): ${local}/screening/`);
    if (server.phoneUrl) lines.push(`  手机扫码加入（局域网 HTTP）/ phones join over the LAN (HTTP): ${server.phoneUrl}/j/<code>`);
  }
  for (const notice of server.notices ?? []) lines.push('', notice);
  lines.push('', '按 Ctrl+C 停止 / press Ctrl+C to stop', '');
  return lines.join('\n');
}

const HELP = `用法 / usage: tsx server/main.ts [options]
  --port <n>         HTTP 端口 / HTTP port on 127.0.0.1 (default 8080, env REDTOUR_PORT)
  --https-port <n>   HTTPS 端口 / HTTPS port for headsets (default 8443, env REDTOUR_HTTPS_PORT)
  --host <addr>      HTTP 监听地址 / HTTP bind address (default 127.0.0.1, env REDTOUR_HOST)
  --https-host <a>   HTTPS 监听地址 / HTTPS bind address (default 0.0.0.0, env REDTOUR_HTTPS_HOST)
  --dist <dir>       构建目录 / built app (default dist, env REDTOUR_DIST)
  --data-dir <dir>   数据目录 / data dir (default .data, env REDTOUR_DATA_DIR)
  --no-https         不启用 HTTPS / no HTTPS (env REDTOUR_NO_HTTPS=1)
  --phone-port <n>   集体放映手机端口（局域网 HTTP）/ LAN HTTP port for phones in a group screening
                     (default 8081, env REDTOUR_PHONE_PORT; --no-phone-port or REDTOUR_NO_PHONE_PORT=1: none)
  --database-url <u> 学习记录用 PostgreSQL / study records in PostgreSQL (env REDTOUR_DATABASE_URL;
                     default SQLite <data dir>/records.sqlite)
  xAPI: env REDTOUR_XAPI_MAX_BODY (bytes, default 1048576), REDTOUR_XAPI_HOMEPAGE (authority and member
        homePage, default https://redtour.local/xapi), REDTOUR_ACTIVITY_BASE (default
        https://redtour.local/xapi/activities), REDTOUR_DEFAULT_BRANCH (device credential's branch,
        default "default"), REDTOUR_TIMEZONE (dashboard dates, default Asia/Shanghai)
  凭据 / credentials: tsx server/xapi/credentials.ts add --branch <id> --name <label>
  名册 / roster:      tsx server/roster/cli.ts import <file.csv> [--branch <支部>]
  支部书记 / dashboard accounts: tsx server/admin/cli.ts add-secretary --username <name> [--branch <支部>]`;

function parsePort(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${name} 不是有效端口 / ${name} is not a valid port: ${value}`);
  }
  return port;
}

/** Options from flags, then environment variables, then defaults. */
export function optionsFromCli(argv: string[], env: NodeJS.ProcessEnv): StartOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      'https-port': { type: 'string' },
      host: { type: 'string' },
      'https-host': { type: 'string' },
      dist: { type: 'string' },
      'data-dir': { type: 'string' },
      'no-https': { type: 'boolean' },
      'phone-port': { type: 'string' },
      'no-phone-port': { type: 'boolean' },
      'database-url': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const noHttps = values['no-https'] === true || /^(1|true|yes)$/i.test(env.REDTOUR_NO_HTTPS ?? '');
  const dataDir = values['data-dir'] ?? env.REDTOUR_DATA_DIR;
  const noPhone = values['no-phone-port'] === true || /^(1|true|yes)$/i.test(env.REDTOUR_NO_PHONE_PORT ?? '');
  return {
    phonePort: noPhone ? false : parsePort(values['phone-port'] ?? env.REDTOUR_PHONE_PORT, '--phone-port', 8081),
    port: parsePort(values.port ?? env.REDTOUR_PORT, '--port', 8080),
    httpsPort: noHttps ? false : parsePort(values['https-port'] ?? env.REDTOUR_HTTPS_PORT, '--https-port', 8443),
    host: values.host ?? env.REDTOUR_HOST ?? '127.0.0.1',
    httpsHost: values['https-host'] ?? env.REDTOUR_HTTPS_HOST ?? '0.0.0.0',
    distDir: resolve(values.dist ?? env.REDTOUR_DIST ?? join(projectRoot, 'dist')),
    dataDir: dataDir ? resolve(dataDir) : undefined,
    records: {
      databaseUrl: values['database-url'] ?? (env.REDTOUR_DATABASE_URL || undefined),
      maxBodyBytes: parseByteCount(env.REDTOUR_XAPI_MAX_BODY, 'REDTOUR_XAPI_MAX_BODY'),
      homePage: env.REDTOUR_XAPI_HOMEPAGE || undefined,
      activityBase: env.REDTOUR_ACTIVITY_BASE || undefined,
      deviceBranch: env.REDTOUR_DEFAULT_BRANCH || undefined,
      timeZone: env.REDTOUR_TIMEZONE || undefined,
    },
  };
}

function parseByteCount(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const bytes = Number(value);
  if (!Number.isInteger(bytes) || bytes < 1) throw new Error(`${name} 不是有效字节数 / ${name} is not a byte count: ${value}`);
  return bytes;
}

async function main(): Promise<void> {
  let options: StartOptions | 'help';
  try {
    options = optionsFromCli(process.argv.slice(2), process.env);
  } catch (error) {
    console.error((error as Error).message, `\n\n${HELP}`);
    process.exit(2);
  }
  if (options === 'help') {
    console.log(HELP);
    return;
  }
  let server: RunningServer;
  try {
    server = await startServer(options);
  } catch (error) {
    console.error(`\n${(error as Error).message}\n`);
    process.exit(1);
  }
  console.log(banner(server));

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second Ctrl+C means "now".
      process.exit(130);
    }
    stopping = true;
    console.log(`\n正在停止… / stopping (${signal})…`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) void main();
