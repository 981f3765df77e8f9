/**
 * Small HTTP helpers of the dashboard: bodies, forms (urlencoded and multipart), cookies and
 * the headers every admin answer carries (a strict Content-Security-Policy: no inline script or
 * style at all, same-origin forms only, no framing).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { SafeHtml } from './html';

export const ADMIN_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const ADMIN_HEADERS: Record<string, string> = {
  'Content-Security-Policy': ADMIN_CSP,
  'X-Frame-Options': 'DENY',
  // The app's no-referrer makes browsers send `Origin: null` on form posts; same-origin keeps the
  // Origin check meaningful and still tells other sites nothing.
  'Referrer-Policy': 'same-origin',
  // Personal data: never kept by a browser or proxy cache.
  'Cache-Control': 'no-store',
};

/** Sends an answer with the admin headers; no body for HEAD. */
export function send(req: IncomingMessage, res: ServerResponse, status: number, body: Buffer | string, headers: Record<string, string>): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const payload = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(status, { ...ADMIN_HEADERS, 'Content-Length': String(payload.length), ...headers });
  res.end(req.method === 'HEAD' ? undefined : payload);
}

export function sendHtml(req: IncomingMessage, res: ServerResponse, status: number, page: SafeHtml, headers: Record<string, string> = {}): void {
  send(req, res, status, page.value, { 'Content-Type': 'text/html; charset=utf-8', ...headers });
}

export function sendJson(req: IncomingMessage, res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  send(req, res, status, JSON.stringify(value), { 'Content-Type': 'application/json; charset=utf-8', ...headers });
}

export function redirect(req: IncomingMessage, res: ServerResponse, location: string, headers: Record<string, string> = {}): void {
  send(req, res, 303, '', { Location: location, ...headers });
}

/** Cookies of the request. */
export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (!out.has(name)) out.set(name, value);
  }
  return out;
}

/** True when the request came over TLS (the cookie then gets `Secure`). */
export const isTls = (req: IncomingMessage): boolean => (req.socket as TLSSocket).encrypted === true;

export interface FormPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/** Fields of an `application/x-www-form-urlencoded` or `multipart/form-data` body; null if neither parses. */
export function parseForm(contentType: string | undefined, body: Buffer): Map<string, FormPart> | null {
  const type = (contentType ?? '').toLowerCase();
  if (type.startsWith('application/x-www-form-urlencoded')) {
    const out = new Map<string, FormPart>();
    for (const [name, value] of new URLSearchParams(body.toString('utf8'))) {
      if (!out.has(name)) out.set(name, { name, data: Buffer.from(value, 'utf8') });
    }
    return out;
  }
  if (type.startsWith('multipart/form-data')) {
    const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
    const boundary = match?.[1] ?? match?.[2];
    return boundary ? parseMultipart(body, boundary) : null;
  }
  return null;
}

/** RFC 7578 multipart/form-data: each part's name, filename and bytes. */
export function parseMultipart(body: Buffer, boundary: string): Map<string, FormPart> | null {
  const out = new Map<string, FormPart>();
  const delimiter = Buffer.from(`--${boundary}`);
  let position = body.indexOf(delimiter);
  if (position < 0) return null;
  for (;;) {
    position += delimiter.length;
    // `--` after a delimiter closes the body.
    if (body[position] === 0x2d && body[position + 1] === 0x2d) return out;
    if (body[position] === 0x0d && body[position + 1] === 0x0a) position += 2;
    else return null;
    const headerEnd = body.indexOf('\r\n\r\n', position);
    if (headerEnd < 0) return null;
    const headers = body.subarray(position, headerEnd).toString('utf8');
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), headerEnd + 4);
    if (next < 0) return null;
    const data = body.subarray(headerEnd + 4, next);
    const disposition = /^content-disposition:\s*form-data(.*)$/im.exec(headers)?.[1] ?? '';
    const name = /;\s*name="([^"]*)"/i.exec(disposition)?.[1];
    const filename = /;\s*filename="([^"]*)"/i.exec(disposition)?.[1];
    const contentType = /^content-type:\s*(.+)$/im.exec(headers)?.[1]?.trim();
    if (name !== undefined && !out.has(name)) out.set(name, { name, data: Buffer.from(data), ...(filename !== undefined ? { filename } : {}), ...(contentType ? { contentType } : {}) });
    position = next + 2;
  }
}

/** The text of a form field, or undefined. */
export const field = (form: Map<string, FormPart>, name: string): string | undefined => form.get(name)?.data.toString('utf8');

/**
 * Refuses cross-site POSTs before any other check: with `Sec-Fetch-Site` (all current browsers)
 * only same-origin passes; with an `Origin` header it must be this host. Requests from tools
 * without either still need the session's CSRF token.
 */
export function sameOrigin(req: IncomingMessage): boolean {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'same-origin' || site === 'none';
  const origin = req.headers.origin;
  // "null" is what a page with a no-referrer policy sends even to itself.
  if (typeof origin === 'string' && origin !== 'null') {
    try {
      return new URL(origin).host === req.headers.host;
    } catch {
      return false;
    }
  }
  return true;
}

/** True when the client asked for JSON rather than a page. */
export const wantsJson = (req: IncomingMessage): boolean => /application\/json/i.test(String(req.headers.accept ?? ''));
