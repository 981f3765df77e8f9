/**
 * The phones' plain-HTTP listener on the LAN. Our HTTPS certificate is self-signed, and a phone
 * would show a frightening warning for it; a phone needs no secure context (no WebXR), so its page
 * is also offered over plain HTTP — but this listener serves nothing else: the phone page, the
 * built assets, the public roster (names the HTTPS server also gives without login) and the phone
 * socket (which refuses the presenter and projector roles). No dashboard, no xAPI, no room
 * creation: a secretary's password or a study record never crosses the Wi-Fi unencrypted.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from '../app';

const ALLOWED = [/^\/j\/\d{4}\/?$/, /^\/assets\/[^/]+$/, /^\/fonts\/[^/]+$/, /^\/api\/roster\/?$/];

/** True when the phone listener serves this path. */
export function phoneAllows(method: string, rawUrl: string): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  const path = rawUrl.split(/[?#]/, 1)[0]!;
  return ALLOWED.some((pattern) => pattern.test(path));
}

/** Wraps the app's handler so that only the phone's paths get through. */
export function phoneOnly(handler: RequestHandler): RequestHandler {
  return (req: IncomingMessage, res: ServerResponse) => {
    if (phoneAllows((req.method ?? 'GET').toUpperCase(), req.url ?? '/')) {
      handler(req, res);
      return;
    }
    const body = Buffer.from('此端口只提供集体放映的手机页面 / this port serves only the group-screening phone page\n');
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(body.length), 'Cache-Control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}
