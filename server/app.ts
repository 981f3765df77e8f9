import { createReadStream, type Stats } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';

/** What a route handler gets besides the raw request and response. */
export interface RouteContext {
  /** The request URL, resolved against the Host header. */
  url: URL;
  /** For a prefix route (`/xapi/*`): the decoded path after the prefix, without a leading slash. */
  rest: string;
}

export type RouteHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  ctx: RouteContext,
) => void | Promise<void>;

/**
 * An API route, tried before static files.
 * `path: '/admin'` matches exactly `/admin` and `/admin/`; `path: '/xapi/*'` matches `/xapi`
 * and everything below it. `method` omitted = any method; a GET route also answers HEAD.
 * A path that matches but with no route for the method gets 405 with an `Allow` header.
 */
export interface Route {
  method?: string | readonly string[];
  path: string;
  handler: RouteHandler;
}

export interface HandlerOptions {
  /** The built app (`vite build` output). */
  distDir: string;
  /** Read on every request, so routes pushed to this array later are seen. */
  routes?: Route[];
  /** Upper bound of the compressed-response cache. Default 64 MB. */
  compressionCacheBytes?: number;
}

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.vtt': 'text/vtt; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.ktx2': 'image/ktx2',
  '.glb': 'model/gltf-binary',
  '.gltf': 'model/gltf+json',
  '.bin': 'application/octet-stream',
  '.wasm': 'application/wasm',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.wav': 'audio/wav',
  '.m4a': 'audio/mp4',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
};

/**
 * Worth compressing: text, wasm, and GLB — meshopt output is designed to be followed by a
 * general-purpose compressor. Audio, images and woff2 are compressed already.
 */
const COMPRESSIBLE = new Set([
  '.html', '.js', '.mjs', '.css', '.json', '.map', '.webmanifest', '.txt', '.vtt', '.xml',
  '.svg', '.wasm', '.glb', '.gltf', '.bin', '.ttf', '.otf',
]);
const MIN_COMPRESS_BYTES = 1024;
const MAX_COMPRESS_BYTES = 32 * 1024 * 1024;

const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Permissions-Policy': 'xr-spatial-tracking=(self)',
};

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** Content-Type for a file name; `application/octet-stream` when unknown. */
export function contentTypeFor(fileName: string): string {
  return CONTENT_TYPES[extname(fileName).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Vite's hashed output (`/assets/index-B3xq_9aZ.js`): the name ends in an 8+ character
 * base64url hash. Requiring a digit or capital in it keeps plain names such as
 * `/assets/background-textures.png` (copied from public/) revalidated.
 */
export function isHashedAsset(pathname: string): boolean {
  const match = /^\/assets\/(?:[^/]+\/)*[^/]+?[-.]([A-Za-z0-9_-]{8,})\.[A-Za-z0-9]+$/.exec(pathname);
  return match !== null && /[0-9A-Z]/.test(match[1]!.slice(-8));
}

type Encoding = 'br' | 'gzip';

/** Picks br over gzip when the client accepts it (q > 0). */
function negotiateEncoding(header: string | undefined): Encoding | null {
  if (!header) return null;
  const accepted = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name, q ? Number(q.slice(2)) || 0 : 1);
  }
  const ok = (name: Encoding) => {
    const q = accepted.get(name) ?? accepted.get('*');
    return q !== undefined && q > 0;
  };
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return null;
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === bare;
  });
}

type RangeResult = { start: number; end: number } | 'unsatisfiable' | null;

/** One `bytes=` range; several ranges are answered with the whole file (allowed by RFC 9110). */
function parseRange(header: string | undefined, size: number): RangeResult {
  if (!header) return null;
  const match = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/.exec(header.trim());
  if (!match) return null;
  const [, from, to] = match;
  if (!from && !to) return null;
  if (!from) {
    const suffix = Number(to);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  const end = to ? Math.min(Number(to), size - 1) : size - 1;
  if (to && Number(to) < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}

/** Small LRU of compressed bodies, bounded by total bytes. */
class CompressionCache {
  private readonly entries = new Map<string, Buffer>();
  private readonly pending = new Map<string, Promise<Buffer>>();
  private bytes = 0;
  constructor(private readonly maxBytes: number) {}

  get(key: string, make: () => Promise<Buffer>): Promise<Buffer> {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return Promise.resolve(hit);
    }
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;
    const promise = make()
      .then((body) => {
        this.store(key, body);
        return body;
      })
      .finally(() => this.pending.delete(key));
    this.pending.set(key, promise);
    return promise;
  }

  private store(key: string, body: Buffer): void {
    if (body.length > this.maxBytes) return;
    this.entries.set(key, body);
    this.bytes += body.length;
    for (const [oldKey, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldKey);
      this.bytes -= old.length;
    }
  }
}

function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = Buffer.from(`${text}\n`);
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(body.length),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(body);
}

/**
 * Splits the raw request path into decoded segments, or returns the status to refuse it with.
 * Anything that could climb out of distDir (`..`, `%2e%2e`, encoded slashes, backslashes,
 * NUL) is refused before any path is built.
 */
function safeSegments(rawUrl: string): string[] | 400 {
  if (!rawUrl.startsWith('/')) return 400;
  const rawPath = rawUrl.split(/[?#]/, 1)[0]!;
  const segments: string[] = [];
  for (const raw of rawPath.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return 400;
    }
    if (segment === '.' || segment === '..' || /[/\\\0]/.test(segment)) return 400;
    segments.push(segment);
  }
  return segments;
}

/**
 * Creates the request handler for node:http / node:https: API routes first, then the
 * built app from `distDir` (ETag/304, Range, gzip/brotli, SPA fallback to index.html,
 * immutable caching for Vite's hashed `/assets/`).
 */
export function createHandler(options: HandlerOptions): RequestHandler {
  const distDir = resolve(options.distDir);
  const cache = new CompressionCache(options.compressionCacheBytes ?? 64 * 1024 * 1024);
  let distRealPath: Promise<string> | null = null;
  const distRoot = () => (distRealPath ??= realpath(distDir).catch(() => distDir));

  /** Resolves a file inside distDir, following symlinks only if they stay inside. */
  async function findFile(segments: string[]): Promise<{ path: string; stats: Stats } | null> {
    if (segments.some((s) => s.startsWith('.'))) return null;
    const candidate = join(distDir, ...segments);
    let found: { path: string; stats: Stats } | null = null;
    try {
      const stats = await stat(candidate);
      if (stats.isFile()) found = { path: candidate, stats };
      else if (stats.isDirectory()) {
        const index = join(candidate, 'index.html');
        const indexStats = await stat(index).catch(() => null);
        if (indexStats?.isFile()) found = { path: index, stats: indexStats };
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EACCES' || code === 'ENAMETOOLONG') return null;
      throw error;
    }
    if (!found) return null;
    const [root, real] = await Promise.all([distRoot(), realpath(found.path)]);
    if (real !== root && !real.startsWith(root + sep)) return null;
    return found;
  }

  async function serveFile(
    req: IncomingMessage,
    res: ServerResponse,
    file: { path: string; stats: Stats },
    pathname: string,
  ): Promise<void> {
    const { size, mtimeMs } = file.stats;
    const ext = extname(file.path).toLowerCase();
    const baseTag = `${size.toString(36)}-${Math.floor(mtimeMs).toString(36)}`;
    const headers: Record<string, string> = {
      'Content-Type': contentTypeFor(file.path),
      'Cache-Control': isHashedAsset(pathname) ? 'public, max-age=31536000, immutable' : 'no-cache',
    };
    const compressible = COMPRESSIBLE.has(ext) && size >= MIN_COMPRESS_BYTES && size <= MAX_COMPRESS_BYTES;
    if (compressible) headers.Vary = 'Accept-Encoding';
    const rangeHeader = req.headers.range;
    const encoding = compressible && !rangeHeader ? negotiateEncoding(req.headers['accept-encoding']) : null;
    const etag = `"${baseTag}${encoding ? `-${encoding}` : ''}"`;
    headers.ETag = etag;

    if (etagMatches(req.headers['if-none-match'], etag)) {
      const { 'Content-Type': _omitted, ...notModified } = headers;
      res.writeHead(304, notModified);
      res.end();
      return;
    }

    if (encoding) {
      const body = await cache.get(`${file.path}|${baseTag}|${encoding}`, async () => {
        const raw = await readFile(file.path);
        return encoding === 'br'
          ? brotliAsync(raw, {
              params: {
                [zlibConstants.BROTLI_PARAM_QUALITY]: raw.length > 1024 * 1024 ? 5 : 9,
                [zlibConstants.BROTLI_PARAM_SIZE_HINT]: raw.length,
              },
            })
          : gzipAsync(raw, { level: 6 });
      });
      res.writeHead(200, { ...headers, 'Content-Encoding': encoding, 'Content-Length': String(body.length) });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }

    headers['Accept-Ranges'] = 'bytes';
    // Only our strong ETag can validate If-Range; we send no Last-Modified, so a date never matches.
    const ifRange = req.headers['if-range'];
    const range = ifRange !== undefined && (typeof ifRange !== 'string' || ifRange.trim() !== etag) ? null : parseRange(rangeHeader, size);
    if (range === 'unsatisfiable') {
      sendText(res, 416, 'Range Not Satisfiable', { ...headers, 'Content-Range': `bytes */${size}` });
      return;
    }
    const start = range ? range.start : 0;
    const end = range ? range.end : size - 1;
    const length = size === 0 ? 0 : end - start + 1;
    if (range) headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
    res.writeHead(range ? 206 : 200, { ...headers, 'Content-Length': String(length) });
    if (req.method === 'HEAD' || length === 0) {
      res.end();
      return;
    }
    await pipeline(createReadStream(file.path, { start, end }), res);
  }

  async function serveStatic(req: IncomingMessage, res: ServerResponse, segments: string[]): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
      return;
    }
    const pathname = `/${segments.join('/')}`;
    let file = await findFile(segments);
    if (!file) {
      const last = segments.at(-1) ?? '';
      if (last.includes('.')) {
        sendText(res, 404, 'Not Found');
        return;
      }
      file = await findFile(['index.html']);
      if (!file) {
        sendText(res, 404, 'Not Found (no index.html in the build: run npm run build)');
        return;
      }
    }
    await serveFile(req, res, file, pathname);
  }

  function matchRoute(pathname: string, routes: readonly Route[]): { route: Route; rest: string }[] {
    const matches: { route: Route; rest: string }[] = [];
    for (const route of routes) {
      if (route.path.endsWith('/*')) {
        const prefix = route.path.slice(0, -2);
        if (pathname === prefix || pathname.startsWith(`${prefix}/`)) {
          matches.push({ route, rest: pathname.slice(prefix.length + 1) });
        }
      } else if (pathname === route.path || pathname === `${route.path}/`) {
        matches.push({ route, rest: '' });
      }
    }
    return matches;
  }

  function methodsOf(route: Route): string[] | null {
    if (route.method === undefined) return null;
    const list = (typeof route.method === 'string' ? [route.method] : [...route.method]).map((m) =>
      m.toUpperCase(),
    );
    return list.includes('GET') && !list.includes('HEAD') ? [...list, 'HEAD'] : list;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    const rawUrl = req.url ?? '/';
    const segments = safeSegments(rawUrl);
    if (segments === 400) {
      sendText(res, 400, 'Bad Request');
      return;
    }
    const pathname = `/${segments.join('/')}`;
    const matches = matchRoute(pathname, options.routes ?? []);
    if (matches.length > 0) {
      const method = (req.method ?? 'GET').toUpperCase();
      const chosen = matches.find(({ route }) => {
        const methods = methodsOf(route);
        return methods === null || methods.includes(method);
      });
      if (!chosen) {
        const allowed = [...new Set(matches.flatMap(({ route }) => methodsOf(route) ?? []))];
        sendText(res, 405, 'Method Not Allowed', { Allow: allowed.join(', ') });
        return;
      }
      const host = (req.headers.host ?? '').replace(/[^A-Za-z0-9.:[\]-]/g, '') || 'localhost';
      // Collapse leading slashes: `//evil.example/x` must stay a path, not become a host.
      const url = new URL(rawUrl.replace(/^\/+/, '/'), `http://${host}`);
      await chosen.route.handler(req, res, { url, rest: chosen.rest });
      return;
    }
    await serveStatic(req, res, segments);
  }

  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      const code = (error as NodeJS.ErrnoException | undefined)?.code;
      // A client that hangs up mid-download is normal (seeking audio, leaving a page).
      if (code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'ECONNRESET' || code === 'EPIPE') return;
      console.error(`[server] ${req.method} ${req.url}:`, error);
      sendText(res, 500, 'Internal Server Error');
    });
  };
}

/**
 * Reads the body up to `limit` bytes. Past the limit it resolves `null` at once and keeps
 * discarding the rest (so the client can read the 413), up to a bound, then hangs up.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    const chunks: Buffer[] = [];
    let size = 0;
    let over = Number.isFinite(declared) && declared > limit;
    if (over) resolve(null);
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (over) {
        if (size > limit * 16 + 1024 * 1024) req.destroy();
        return;
      }
      if (size > limit) {
        over = true;
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}
