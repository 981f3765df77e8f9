import { randomBytes, X509Certificate } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { NetworkInterfaceInfo } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isHashedAsset, type Route } from '../../server/app';
import { DistMissingError, optionsFromCli, startServer, type RunningServer } from '../../server/main';
import { lanIPv4Addresses } from '../../server/network';
import { ensureCertificate } from '../../server/tls';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A raw request: the path is sent exactly as given (no URL normalisation). */
function get(
  base: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; ca?: string; servername?: string } = {},
): Promise<Reply> {
  const url = new URL(base);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers,
        ca: options.ca,
        servername: options.servername,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function peerFingerprint(base: string, ca: string): Promise<string> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpsRequest({ host: url.hostname, port: url.port, path: '/', ca, agent: false }, (res) => {
      const cert = (res.socket as TLSSocket).getPeerCertificate();
      res.resume();
      res.on('end', () => resolve(cert.fingerprint256));
    });
    req.on('error', reject);
    req.end();
  });
}

const SECRET = 'TOP-SECRET-OUTSIDE-DIST';
const tmp = mkdtempSync(join(tmpdir(), 'redtour-server-'));
const dist = join(tmp, 'dist');
const dataDir = join(tmp, 'data');
const indexHtml = '<!doctype html><html><head><title>红途</title></head><body><div id="root"></div></body></html>';
const bigJs = `export const stops = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => ({ id: i, title: `第${i}站` })))};\n`;
const audio = randomBytes(20_000);
const glb = Buffer.concat([Buffer.from('glTF'), Buffer.alloc(4000, 7)]);

const files: Record<string, string | Buffer> = {
  'index.html': indexHtml,
  'assets/index-B3xq_9aZ.js': bigJs,
  'assets/index-Cc0dE1fG.css': `body{margin:0}${'.a{color:red}'.repeat(200)}`,
  'assets/background-textures.png': Buffer.from([0x89, 0x50, 0x4e, 0x47]),
  'scenes/yanan/scene.json': JSON.stringify({ id: 'yanan', rooms: [] }),
  'models/room.glb': glb,
  'audio/yanan/intro.mp3': audio,
  'fonts/noto-subset.woff': Buffer.from('wOFF....'),
  'icon.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'logo.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
  'decoder.wasm': Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]),
  'manifest.webmanifest': '{"name":"红途"}',
  'empty.txt': '',
  '.env': SECRET,
};

describe('static server', () => {
  let server: RunningServer;
  let base: string;
  const routeCalls: string[] = [];
  const routes: Route[] = [
    {
      method: 'GET',
      path: '/xapi/*',
      handler: (_req, res, ctx) => {
        routeCalls.push(ctx.rest);
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ rest: ctx.rest, q: ctx.url.searchParams.get('q') }));
      },
    },
    { method: 'POST', path: '/admin', handler: (_req, res) => void res.end('admin ok') },
  ];

  beforeAll(async () => {
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(join(dist, name, '..'), { recursive: true });
      writeFileSync(join(dist, name), content);
    }
    writeFileSync(join(tmp, 'package.json'), SECRET);
    symlinkSync(join(tmp, 'package.json'), join(dist, 'leak.json'));
    server = await startServer({
      distDir: dist,
      port: 0,
      httpsPort: 0,
      httpsHost: '127.0.0.1',
      dataDir,
      lanAddresses: [],
      routes,
      log: () => {},
    });
    base = server.httpUrl;
  });

  afterAll(async () => {
    await server?.close();
  });

  it('listens on 127.0.0.1 with an ephemeral port', () => {
    expect(server.httpUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.httpsUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(server.lanUrls).toEqual([]);
  });

  it.each([
    ['/', 'text/html; charset=utf-8'],
    ['/index.html', 'text/html; charset=utf-8'],
    ['/assets/index-B3xq_9aZ.js', 'text/javascript; charset=utf-8'],
    ['/assets/index-Cc0dE1fG.css', 'text/css; charset=utf-8'],
    ['/scenes/yanan/scene.json', 'application/json; charset=utf-8'],
    ['/models/room.glb', 'model/gltf-binary'],
    ['/audio/yanan/intro.mp3', 'audio/mpeg'],
    ['/fonts/noto-subset.woff', 'font/woff'],
    ['/icon.png', 'image/png'],
    ['/logo.svg', 'image/svg+xml'],
    ['/decoder.wasm', 'application/wasm'],
    ['/manifest.webmanifest', 'application/manifest+json; charset=utf-8'],
  ])('serves %s as %s', async (path, type) => {
    const reply = await get(base, path);
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe(type);
  });

  it('sends the security headers and no CSP', async () => {
    for (const path of ['/', '/nope.js', '/xapi/statements']) {
      const { headers } = await get(base, path);
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['referrer-policy']).toBe('no-referrer');
      expect(headers['permissions-policy']).toBe('xr-spatial-tracking=(self)');
      expect(headers['content-security-policy']).toBeUndefined();
    }
  });

  it('caches hashed assets forever and revalidates everything else', async () => {
    expect((await get(base, '/assets/index-B3xq_9aZ.js')).headers['cache-control']).toBe(
      'public, max-age=31536000, immutable',
    );
    for (const path of ['/', '/index.html', '/models/room.glb', '/assets/background-textures.png']) {
      expect((await get(base, path)).headers['cache-control'], path).toBe('no-cache');
    }
    expect(isHashedAsset('/assets/vendor-react-a_B-9xYz.js')).toBe(true);
    expect(isHashedAsset('/models/room-Ab12Cd34.glb')).toBe(false);
  });

  it('answers If-None-Match with 304', async () => {
    const first = await get(base, '/models/room.glb');
    const etag = first.headers.etag;
    expect(etag).toMatch(/^"[^"]+"$/);
    const again = await get(base, '/models/room.glb', { headers: { 'If-None-Match': etag! } });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
    const other = await get(base, '/models/room.glb', { headers: { 'If-None-Match': '"something-else"' } });
    expect(other.status).toBe(200);
  });

  it('serves byte ranges (206) for audio', async () => {
    const head = await get(base, '/audio/yanan/intro.mp3', { headers: { Range: 'bytes=0-99' } });
    expect(head.status).toBe(206);
    expect(head.headers['content-range']).toBe(`bytes 0-99/${audio.length}`);
    expect(head.headers['content-length']).toBe('100');
    expect(head.body.equals(audio.subarray(0, 100))).toBe(true);

    const tail = await get(base, '/audio/yanan/intro.mp3', { headers: { Range: 'bytes=-10' } });
    expect(tail.status).toBe(206);
    expect(tail.body.equals(audio.subarray(audio.length - 10))).toBe(true);

    const open = await get(base, '/audio/yanan/intro.mp3', { headers: { Range: 'bytes=19000-' } });
    expect(open.status).toBe(206);
    expect(open.headers['content-range']).toBe(`bytes 19000-${audio.length - 1}/${audio.length}`);
    expect(open.body.length).toBe(audio.length - 19000);

    const full = await get(base, '/audio/yanan/intro.mp3');
    expect(full.status).toBe(200);
    expect(full.headers['accept-ranges']).toBe('bytes');
    expect(full.body.equals(audio)).toBe(true);
  });

  it('answers an unsatisfiable range with 416', async () => {
    const reply = await get(base, '/audio/yanan/intro.mp3', { headers: { Range: `bytes=${audio.length}-` } });
    expect(reply.status).toBe(416);
    expect(reply.headers['content-range']).toBe(`bytes */${audio.length}`);
    const empty = await get(base, '/empty.txt', { headers: { Range: 'bytes=0-' } });
    expect(empty.status).toBe(416);
  });

  it('ignores the range when If-Range does not match', async () => {
    const reply = await get(base, '/audio/yanan/intro.mp3', {
      headers: { Range: 'bytes=0-9', 'If-Range': '"stale"' },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.length).toBe(audio.length);
  });

  it('compresses text with gzip and brotli, and caches the result', async () => {
    const gz = await get(base, '/assets/index-B3xq_9aZ.js', { headers: { 'Accept-Encoding': 'gzip, deflate' } });
    expect(gz.status).toBe(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toBe('Accept-Encoding');
    expect(gz.body.length).toBeLessThan(bigJs.length);
    expect(gunzipSync(gz.body).toString()).toBe(bigJs);

    const br = await get(base, '/assets/index-B3xq_9aZ.js', { headers: { 'Accept-Encoding': 'gzip, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).toString()).toBe(bigJs);
    expect(br.headers.etag).not.toBe(gz.headers.etag);

    const notModified = await get(base, '/assets/index-B3xq_9aZ.js', {
      headers: { 'Accept-Encoding': 'gzip', 'If-None-Match': gz.headers.etag! },
    });
    expect(notModified.status).toBe(304);

    const again = await get(base, '/assets/index-B3xq_9aZ.js', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(again.body.equals(gz.body)).toBe(true);

    const plain = await get(base, '/assets/index-B3xq_9aZ.js', { headers: { 'Accept-Encoding': 'br;q=0, identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(bigJs);

    const audioReply = await get(base, '/audio/yanan/intro.mp3', { headers: { 'Accept-Encoding': 'gzip, br' } });
    expect(audioReply.headers['content-encoding']).toBeUndefined();
  });

  it('falls back to index.html for app routes without an extension', async () => {
    for (const path of ['/tour/yanan', '/screening', '/tour/yanan/stop-3?resume=1']) {
      const reply = await get(base, path);
      expect(reply.status, path).toBe(200);
      expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(reply.body.toString()).toBe(indexHtml);
    }
  });

  it('answers 404 for unknown files', async () => {
    for (const path of ['/missing.js', '/assets/index-Zz9yXw8v.js', '/models/missing.glb']) {
      expect((await get(base, path)).status, path).toBe(404);
    }
  });

  it.each([
    '/../package.json',
    '/%2e%2e/package.json',
    '/%2E%2E/%2E%2E/package.json',
    '/assets/..%2f..%2fpackage.json',
    '/assets/%2e%2e%2f%2e%2e%2fpackage.json',
    '/..%5cpackage.json',
    '/%00/package.json',
    '/index.html%00.png',
    '/leak.json',
    '/.env',
    '//../package.json',
    '/%',
  ])('never leaks files outside dist: %s', async (path) => {
    const reply = await get(base, path);
    expect([400, 404]).toContain(reply.status);
    expect(reply.body.toString()).not.toContain(SECRET);
  });

  it('allows only GET and HEAD for static files', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const reply = await get(base, '/index.html', { method });
      expect(reply.status, method).toBe(405);
      expect(reply.headers.allow).toBe('GET, HEAD');
    }
    const head = await get(base, '/audio/yanan/intro.mp3', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(audio.length));
    expect(head.body.length).toBe(0);
  });

  it('dispatches registered routes before static files', async () => {
    const reply = await get(base, '/xapi/statements?q=1');
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body.toString())).toEqual({ rest: 'statements', q: '1' });
    expect((await get(base, '/xapi/statements', { method: 'HEAD' })).status).toBe(200);
    const wrongMethod = await get(base, '/xapi/statements', { method: 'PUT' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.allow).toBe('GET, HEAD');
    expect((await get(base, '/admin', { method: 'POST' })).body.toString()).toBe('admin ok');
    expect((await get(base, '/admin')).status).toBe(405);
    expect((await get(base, '/xapi/../index.html')).status).toBe(400);
  });

  it('serves HTTPS with its generated certificate', async () => {
    const tls = server.tls!;
    const reply = await get(server.httpsUrl!, '/', { ca: tls.cert });
    expect(reply.status).toBe(200);
    expect(reply.body.toString()).toBe(indexHtml);
    const viaName = await get(server.httpsUrl!, '/scenes/yanan/scene.json', { ca: tls.cert, servername: 'localhost' });
    expect(viaName.status).toBe(200);
    await expect(get(server.httpsUrl!, '/')).rejects.toThrow(/self[- ]signed/i);
    expect(await peerFingerprint(server.httpsUrl!, tls.cert)).toBe(tls.fingerprint);
    const x509 = new X509Certificate(tls.cert);
    expect(x509.publicKey.asymmetricKeyType).toBe('ec');
    expect(new Date(x509.validTo).getTime() - Date.now()).toBeGreaterThan(9 * 365 * 24 * 3600 * 1000);
    expect(tls.altNames).toEqual(expect.arrayContaining(['localhost', '127.0.0.1']));
  });
});

describe('certificate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'redtour-tls-'));

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is kept across restarts of the server', async () => {
    const minimal = join(dir, 'dist');
    mkdirSync(minimal, { recursive: true });
    writeFileSync(join(minimal, 'index.html'), '<!doctype html>');
    const data = join(dir, 'restart');
    const options = { distDir: minimal, port: 0, httpsPort: 0, httpsHost: '127.0.0.1', dataDir: data, log: () => {} };
    const first = await startServer(options);
    const firstPrint = await peerFingerprint(first.httpsUrl!, first.tls!.cert);
    await first.close();
    const second = await startServer(options);
    try {
      expect(second.tls!.generated).toBe(false);
      expect(await peerFingerprint(second.httpsUrl!, second.tls!.cert)).toBe(firstPrint);
    } finally {
      await second.close();
    }
  });

  it('is regenerated only when a current LAN address is missing', async () => {
    const data = join(dir, 'lan');
    const logs: string[] = [];
    const log = (line: string) => logs.push(line);
    const a = await ensureCertificate({ dataDir: data, addresses: ['192.168.1.20'], log });
    expect(a.generated).toBe(true);
    expect(a.certPath).toBe(join(data, 'tls', 'cert.pem'));
    expect(a.altNames).toEqual(expect.arrayContaining(['localhost', '127.0.0.1', '192.168.1.20']));

    const b = await ensureCertificate({ dataDir: data, addresses: ['192.168.1.20'], log });
    expect(b.generated).toBe(false);
    expect(b.fingerprint).toBe(a.fingerprint);

    const c = await ensureCertificate({ dataDir: data, addresses: ['10.0.0.5', '192.168.1.20'], log });
    expect(c.generated).toBe(true);
    expect(c.fingerprint).not.toBe(a.fingerprint);
    expect(c.altNames).toEqual(expect.arrayContaining(['10.0.0.5', '192.168.1.20']));
    expect(logs.at(-1)).toContain('10.0.0.5');

    // Back on the first network: the earlier address is still covered.
    const d = await ensureCertificate({ dataDir: data, addresses: ['192.168.1.20'], log });
    expect(d.generated).toBe(false);
    expect(logs).toHaveLength(2);
  });

  it('is regenerated when the stored files are damaged', async () => {
    const data = join(dir, 'broken');
    const a = await ensureCertificate({ dataDir: data, addresses: [], log: () => {} });
    writeFileSync(a.keyPath, 'not a key');
    const logs: string[] = [];
    const b = await ensureCertificate({ dataDir: data, addresses: [], log: (l) => logs.push(l) });
    expect(b.generated).toBe(true);
    expect(logs[0]).toMatch(/could not read/);
  });

  it('announces LAN addresses and covers them with the certificate', async () => {
    const minimal = join(dir, 'dist');
    const server = await startServer({
      distDir: minimal,
      port: 0,
      httpsPort: 0,
      dataDir: join(dir, 'announce'),
      lanAddresses: ['192.0.2.77'],
      log: () => {},
    });
    try {
      const port = new URL(server.httpsUrl!).port;
      expect(server.lanUrls).toEqual([`https://192.0.2.77:${port}`]);
      expect(server.tls!.altNames).toContain('192.0.2.77');
      expect((await get(server.httpsUrl!, '/', { ca: server.tls!.cert })).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describe('start-up', () => {
  it('refuses to start without a build', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'redtour-nodist-'));
    try {
      await expect(startServer({ distDir: join(empty, 'dist'), port: 0, httpsPort: false })).rejects.toThrow(
        /npm run build/,
      );
      await expect(startServer({ distDir: empty, port: 0, httpsPort: false })).rejects.toBeInstanceOf(
        DistMissingError,
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('reads options from flags first, then the environment', () => {
    const options = optionsFromCli(['--port', '9000', '--no-https', '--dist', 'build'], {
      REDTOUR_PORT: '7000',
      REDTOUR_HTTPS_PORT: '7443',
      REDTOUR_HOST: '0.0.0.0',
    });
    expect(options).toMatchObject({ port: 9000, httpsPort: false, host: '0.0.0.0', httpsHost: '0.0.0.0' });
    expect(optionsFromCli([], { REDTOUR_HTTPS_PORT: '7443' })).toMatchObject({ port: 8080, httpsPort: 7443 });
    expect(() => optionsFromCli(['--port', 'x'], {})).toThrow(/port/);
  });
});

describe('LAN addresses', () => {
  const iface = (address: string, extra: Partial<NetworkInterfaceInfo> = {}): NetworkInterfaceInfo =>
    ({ address, netmask: '255.255.255.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: false, cidr: null, ...extra }) as NetworkInterfaceInfo;

  it('keeps reachable IPv4 addresses, private Wi-Fi first', () => {
    const found = lanIPv4Addresses({
      lo: [iface('127.0.0.1', { internal: true })],
      docker0: [iface('172.17.0.1')],
      'br-0123456789ab': [iface('172.18.0.1')],
      veth12ab: [iface('172.17.0.5')],
      eth1: [iface('203.0.113.9')],
      wlan0: [iface('192.168.1.23'), iface('fe80::1', { family: 'IPv6' } as Partial<NetworkInterfaceInfo>)],
      eth0: [iface('169.254.10.1'), iface('10.0.0.7')],
    });
    expect(found).toEqual(['192.168.1.23', '10.0.0.7', '203.0.113.9']);
  });
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));
