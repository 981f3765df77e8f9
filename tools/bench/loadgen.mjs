/**
 * Load generator for the study-record service, run by tools/bench as a child process so that
 * it does not share an event loop with the server. Plain Node, no dependencies.
 *
 *   node tools/bench/loadgen.mjs '<json config>'
 *
 * Config: { url, auth, batchSeconds, singleSeconds, rate, rateSeconds, graceSeconds, connections }.
 * Prints one JSON line with the results on stdout.
 */
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

const config = JSON.parse(process.argv[2] ?? '{}');
const target = new URL('/xapi/statements', config.url);
const agent = new Agent({ keepAlive: true, maxSockets: Math.max(64, config.connections ?? 4) });

/**
 * 40 members, each with one base attempt (xAPI registration): the app keeps one registration per
 * member and base (TourProgress.registration) for every statement of that visit.
 */
const MEMBERS = 40;
const registrations = Array.from({ length: MEMBERS }, () => randomUUID());
const STOPS = ['yida-gate', 'yida-delegates', 'yida-table', 'nanhu-lake', 'nanhu-outcome'];

/** A statement like the ones the app sends (src/record/statements.ts): member `m` experienced a stop. */
function statement(m, i) {
  const stop = STOPS[i % STOPS.length];
  return {
    id: randomUUID(),
    actor: { objectType: 'Agent', name: `党员 ${m}`, account: { homePage: 'https://redtour.example/branches/bench', name: `member-${m}` } },
    verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { 'zh-CN': '学习了', 'en-US': 'experienced' } },
    object: {
      objectType: 'Activity',
      id: `https://redtour.example/xapi/activities/bases/jiandang/stops/${stop}`,
      definition: { name: { 'zh-CN': '中共一大会址', 'en-US': 'Site of the First National Congress' }, type: 'http://adlnet.gov/expapi/activities/media' },
    },
    result: { duration: 'PT1M5S', completion: true },
    context: {
      registration: registrations[m],
      platform: 'RedTour XR',
      language: 'zh-CN',
      contextActivities: { parent: [{ objectType: 'Activity', id: 'https://redtour.example/xapi/activities/bases/jiandang' }] },
      extensions: { 'https://redtour.example/xapi/extensions/mode': 'headset' },
    },
    timestamp: new Date().toISOString(),
  };
}

/**
 * Request `n`'s body. A batch is what one headset's outbox sends (src/record/sender.ts, 50 at a
 * time, oldest first): one member's visit, so one actor and one registration; the next batch
 * is the next member's. A single post is one event, from the members in turn.
 */
function body(n, size) {
  const member = n % MEMBERS;
  return size === 1 ? statement(member, n) : Array.from({ length: size }, (_, k) => statement(member, k));
}

/** Request `n`'s body as the bytes sent. */
const encode = (n, size) => Buffer.from(JSON.stringify(body(n, size)));

/**
 * Request bodies made before a timed run, so that the load generator spends its time sending,
 * not building JSON; `cap` requests at most (more are built on the fly if the server is faster).
 */
function payloads(size, cap) {
  const made = Array.from({ length: cap }, (_, n) => encode(n, size));
  return (n) => made[n] ?? encode(n, size);
}

function post(payload) {
  return new Promise((resolve) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        agent,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': String(payload.length),
          'X-Experience-API-Version': '1.0.3',
          Authorization: config.auth,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(0));
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(0));
    req.end(payload);
  });
}

const ok = (status) => status === 200 || status === 204;

function quantile(values, q) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** `connections` workers posting back to back for `seconds`, up to `cap` requests prepared. */
async function closedLoop(seconds, connections, size, cap) {
  const next = payloads(size, cap);
  const end = performance.now() + seconds * 1000;
  const latencies = [];
  let requests = 0;
  let errors = 0;
  let n = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const payload = next(n++);
        const t0 = performance.now();
        const status = await post(payload);
        latencies.push(performance.now() - t0);
        if (ok(status)) requests++;
        else errors++;
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  return {
    connections,
    statementsPerRequest: size,
    requests,
    errors,
    seconds: elapsed,
    statementsPerSecond: (requests * size) / elapsed,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
  };
}

/**
 * Open loop: single-statement POSTs sent on a fixed schedule (`rate` per second) whatever the
 * answers do. Latency is counted from the scheduled send time, so a stalled server shows up in
 * the tail instead of silently lowering the rate.
 */
async function fixedRate(rate, seconds, graceSeconds) {
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const latencies = [];
  let errors = 0;
  let answered = 0;
  const pending = [];
  const start = performance.now() + 50;
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(
      post(encode(i, 1)).then((status) => {
        latencies.push(performance.now() - due);
        answered++;
        if (!ok(status)) errors++;
      }),
    );
  }
  // A server slower than the rate builds a queue; stop waiting for it after the grace time.
  let timer;
  await Promise.race([Promise.all(pending), new Promise((r) => (timer = setTimeout(r, graceSeconds * 1000)))]);
  clearTimeout(timer);
  const unanswered = total - answered;
  for (let i = 0; i < unanswered; i++) latencies.push(Number.POSITIVE_INFINITY);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  return {
    rate,
    requests: total,
    errors: errors + unanswered,
    unanswered,
    seconds: elapsed,
    achievedRate: answered / elapsed,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    max: quantile(latencies, 1),
  };
}

async function main() {
  // Warm up: connections, the authenticator's cache, SQLite's page cache, V8.
  for (let i = 0; i < 20; i++) await post(encode(i, 1));
  for (let i = 0; i < 5; i++) await post(encode(i, 50));
  const connections = config.connections ?? 4;
  // Enough prepared bodies for 20,000 statements/s batched and 5,000 requests/s single.
  const batchSeconds = config.batchSeconds ?? 4;
  const singleSeconds = config.singleSeconds ?? 3;
  const batched = await closedLoop(batchSeconds, connections, 50, Math.ceil((batchSeconds * 20_000) / 50));
  const single = await closedLoop(singleSeconds, connections, 1, Math.ceil(singleSeconds * 5_000));
  const paced = await fixedRate(config.rate ?? 200, config.rateSeconds ?? 5, config.graceSeconds ?? 5);
  // JSON has no Infinity: unanswered requests make a percentile null.
  process.stdout.write(`${JSON.stringify({ batched, single, paced })}\n`);
  process.exit(0);
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
