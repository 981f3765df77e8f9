/**
 * Sends the outbox to a Learning Record Store, oldest first, in batches, and keeps trying.
 *
 * What each answer to `POST {endpoint}statements` does:
 * - 200/204: the LRS has the batch; it is acknowledged (removed from the outbox).
 * - 401/403: credentials are wrong; sending stops with state `auth-error`, nothing is dropped.
 *   `setAuth()`, `start()` or `flush()` try again.
 * - 400/413 for a batch: bisected until the statement(s) the LRS refuses are found; only those
 *   are rejected (kept in the outbox's rejected list), the rest are sent and acknowledged.
 * - 409 for a batch: an id the LRS already holds with other content (xAPI: an identical re-send
 *   is not a conflict, and conforming LRSs answer it 200/204). The batch is sent one by one; a
 *   single statement answered 409 is rejected with reason "conflict" — kept, never re-sent, never
 *   acknowledged as if the LRS held our version. (Our ids are random v4 UUIDs and a statement is
 *   re-sent byte-for-byte from the outbox, so a 409 means a non-conforming LRS or a real clash:
 *   either way a person should look, and the queue must move on.)
 * - network error, timeout, 5xx, 429 and any other status: wait and retry the same statements
 *   (same ids) with exponential backoff and jitter, 1 s doubling to 60 s, honouring Retry-After;
 *   an `online` event retries at once.
 */
import type { Outbox } from './outbox';
import type { Statement } from './statements';

/** `waiting`: a retry is scheduled; `offline`: the same, while the browser reports no network. */
export type SenderState = 'idle' | 'sending' | 'waiting' | 'offline' | 'auth-error';

/** What the UI shows: statements not yet sent, what the sender is doing, the last problem. */
export interface SenderStatus {
  pending: number;
  state: SenderState;
  lastError?: string;
}

/** Basic credentials, or a ready Authorization header value. */
export type SenderAuth = { username: string; password: string } | { header: string };

/** Timers, replaceable in tests. */
export interface Clock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Where `online` events arrive (the window in a browser). */
export type Connectivity = Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;

/** Options of createSender; only `outbox` and `endpoint` are required. */
export interface SenderOptions {
  outbox: Outbox;
  /** Base URL of the LRS, e.g. "/xapi/" or "https://lrs.example/xapi/"; "statements" is appended. */
  endpoint: string;
  auth?: SenderAuth;
  fetch?: typeof fetch;
  clock?: Clock;
  /** Statements per POST; default 50. */
  batchSize?: number;
  onStatus?: (status: SenderStatus) => void;
  /** 0..1, for the backoff jitter; default Math.random. */
  random?: () => number;
  /** Default: `window` where there is one. */
  connectivity?: Connectivity | null;
  /** Default: `navigator.onLine` where there is one, else true. */
  isOnline?: () => boolean;
  /** First and longest wait between retries; default 1 000 and 60 000 ms. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** A request taking longer than this counts as a network error; default 30 000 ms. */
  timeoutMs?: number;
}

/** A running (or stopped) sender; see the module comment for how LRS answers are handled. */
export interface Sender {
  /** Sends now and whenever statements are added; retries on its own. */
  start(): void;
  /** Stops timers and automatic sending (a request in flight finishes). */
  stop(): void;
  /**
   * Sends now (cancelling any wait) and resolves when the queue is empty, or when sending has
   * to pause (the next wait starts, or credentials are refused). Works whether started or not.
   */
  flush(): Promise<SenderStatus>;
  status(): SenderStatus;
  /** New credentials; leaves `auth-error` and retries if started. */
  setAuth(auth: SenderAuth | undefined): void;
}

type Halt = { kind: 'retry'; error: string; retryAfterMs?: number } | { kind: 'auth'; error: string };

type Answer = { ok: true; status: number; body: string; retryAfterMs?: number } | { ok: false; error: string };

/** The xAPI version this client speaks (statements are also valid under 2.0). */
export const XAPI_VERSION = '1.0.3';

function basic(username: string, password: string): string {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return `Basic ${btoa(bin)}`;
}

function retryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const secs = Number(value);
  if (Number.isFinite(secs) && secs >= 0) return secs * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

const short = (s: string) => (s.length > 300 ? `${s.slice(0, 300)}…` : s);

/** Creates a sender for an outbox. Nothing happens until `start()` or `flush()`. */
export function createSender(options: SenderOptions): Sender {
  const {
    outbox,
    batchSize = 50,
    onStatus,
    random = Math.random,
    minDelayMs = 1000,
    maxDelayMs = 60_000,
    timeoutMs = 30_000,
  } = options;
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  const clock: Clock = options.clock ?? {
    setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
    clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
  };
  const connectivity: Connectivity | null =
    options.connectivity !== undefined ? options.connectivity : typeof window !== 'undefined' ? window : null;
  const isOnline =
    options.isOnline ?? (() => (typeof navigator !== 'undefined' && typeof navigator.onLine === 'boolean' ? navigator.onLine : true));
  const url = `${options.endpoint.endsWith('/') ? options.endpoint : `${options.endpoint}/`}statements`;
  let auth = options.auth;

  let status: SenderStatus = { pending: 0, state: 'idle' };
  let started = false;
  let flushing = 0;
  let pumping: Promise<void> | null = null;
  let again = false;
  let timer: unknown = null;
  let failures = 0;
  let unsubscribe: (() => void) | null = null;

  function setStatus(patch: Partial<SenderStatus>, clearError = false): void {
    const next: SenderStatus = { ...status, ...patch };
    if (clearError) delete next.lastError;
    if (next.pending === status.pending && next.state === status.state && next.lastError === status.lastError) return;
    status = next;
    onStatus?.(status);
  }

  function cancelTimer(): void {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
  }

  function headers(): Record<string, string> {
    const h: Record<string, string> = { 'Content-Type': 'application/json', 'X-Experience-API-Version': XAPI_VERSION };
    if (auth) h.Authorization = 'header' in auth ? auth.header : basic(auth.username, auth.password);
    return h;
  }

  async function post(batch: Statement[]): Promise<Answer> {
    try {
      const res = await fetchFn(url, {
        method: 'POST',
        headers: headers(),
        body: JSON.stringify(batch),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const body = await res.text().catch(() => '');
      const answer: Answer = { ok: true, status: res.status, body };
      const after = retryAfter(res.headers.get('Retry-After'));
      if (after !== undefined) answer.retryAfterMs = after;
      return answer;
    } catch (err) {
      return { ok: false, error: `network: ${err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err)}` };
    }
  }

  async function deliver(batch: Statement[]): Promise<Halt | null> {
    const ids = batch.map((s) => s.id);
    const r = await post(batch);
    if (!r.ok) return { kind: 'retry', error: r.error };
    const what = `HTTP ${r.status}${r.body ? `: ${short(r.body)}` : ''}`;
    switch (r.status) {
      case 200:
      case 204:
        await outbox.ack(ids);
        failures = 0;
        setStatus({}, true);
        return null;
      case 401:
      case 403:
        return { kind: 'auth', error: what };
      case 409:
        if (batch.length === 1) {
          await outbox.reject(ids, `conflict: the LRS holds another statement with this id (${what})`);
          return null;
        }
        for (const s of batch) {
          const halt = await deliver([s]);
          if (halt) return halt;
        }
        return null;
      case 400:
      case 413: {
        if (batch.length === 1) {
          await outbox.reject(ids, `refused by the LRS (${what})`);
          return null;
        }
        const mid = Math.ceil(batch.length / 2);
        return (await deliver(batch.slice(0, mid))) ?? (await deliver(batch.slice(mid)));
      }
      default: {
        const halt: Halt = { kind: 'retry', error: what };
        if (r.retryAfterMs !== undefined) halt.retryAfterMs = r.retryAfterMs;
        return halt;
      }
    }
  }

  function backoff(): number {
    const base = Math.min(maxDelayMs, minDelayMs * 2 ** Math.min(failures - 1, 30));
    return Math.round(base / 2 + (random() * base) / 2);
  }

  async function halted(halt: Halt): Promise<void> {
    const pending = await outbox.count().catch(() => status.pending);
    if (halt.kind === 'auth') {
      setStatus({ state: 'auth-error', lastError: halt.error, pending });
      return;
    }
    failures += 1;
    const delay = Math.max(backoff(), halt.retryAfterMs ?? 0);
    setStatus({ state: isOnline() ? 'waiting' : 'offline', lastError: halt.error, pending });
    if (started) {
      cancelTimer();
      timer = clock.setTimeout(() => {
        timer = null;
        void pump();
      }, delay);
    }
  }

  function pump(): Promise<void> {
    cancelTimer();
    if (pumping) {
      again = true;
      return pumping;
    }
    const run = (async () => {
      try {
        for (;;) {
          again = false;
          const batch = await outbox.peek(batchSize);
          if (batch.length === 0) {
            if (again) continue;
            setStatus({ state: 'idle', pending: 0 });
            return;
          }
          setStatus({ state: 'sending' });
          const halt = await deliver(batch);
          if (halt) return await halted(halt);
          if (!started && flushing === 0) {
            setStatus({ state: 'idle', pending: await outbox.count() });
            return;
          }
        }
      } catch (err) {
        await halted({ kind: 'retry', error: `outbox: ${err instanceof Error ? err.message : String(err)}` });
      }
    })();
    pumping = run.finally(() => {
      pumping = null;
    });
    return pumping;
  }

  const onOnline = () => {
    if (started && (status.state === 'waiting' || status.state === 'offline')) void pump();
  };

  return {
    start() {
      if (started) return;
      started = true;
      connectivity?.addEventListener('online', onOnline);
      unsubscribe = outbox.subscribe((pending) => {
        setStatus({ pending });
        if (started && pending > 0 && (status.state === 'idle' || status.state === 'sending')) void pump();
      });
      void pump();
    },
    stop() {
      started = false;
      cancelTimer();
      connectivity?.removeEventListener('online', onOnline);
      unsubscribe?.();
      unsubscribe = null;
    },
    async flush() {
      flushing += 1;
      try {
        await pump();
        return status;
      } finally {
        flushing -= 1;
      }
    },
    status: () => status,
    setAuth(next) {
      auth = next;
      if (status.state === 'auth-error') {
        setStatus({ state: 'idle' });
        if (started) void pump();
      }
    },
  };
}
