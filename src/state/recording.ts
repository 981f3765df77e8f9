/**
 * Study records for the app: every study event of the store becomes xAPI statements in the
 * IndexedDB outbox (before anything is sent), and the sender uploads them to the record store
 * named by `/api/config` — or any xAPI LRS configured there.
 */
import { z } from 'zod';
import { createOutbox, indexedDbBackend, memoryBackend, type Outbox } from '../record/outbox';
import { createRecorder, type Recorder } from '../record/recorder';
import { createSender, type Sender } from '../record/sender';
import { agent, uuidV4, type Agent, type Mode, type RecordConfig } from '../record/statements';
import { currentStation } from '../tour/progress';
import type { AppState } from './slices';
import { useAppStore } from './store';
import { testMode } from '../testHooks';

const ConfigSchema = z.object({
  xapi: z.object({
    endpoint: z.string(),
    auth: z.object({ username: z.string(), password: z.string() }).optional(),
  }),
  activityBase: z.string(),
  homePage: z.string(),
});
type AppConfig = z.infer<typeof ConfigSchema>;

/** Used until the server's config arrives (statements are queued meanwhile, never lost). */
const FALLBACK: RecordConfig = { activityBase: 'https://redtour.local/xapi/activities', homePage: 'https://redtour.local/xapi' };
const CONFIG_RETRY_MS = 10_000;

let started = false;

/** A stable id for this browser, so guests on one device are one actor. */
function deviceId(): string {
  const key = 'redtour.device';
  try {
    const saved = localStorage.getItem(key);
    if (saved) return saved;
    const id = uuidV4();
    localStorage.setItem(key, id);
    return id;
  } catch {
    return 'unknown';
  }
}

async function fetchConfig(): Promise<AppConfig | null> {
  try {
    const r = await fetch(`${import.meta.env.BASE_URL}api/config`);
    return r.ok ? ConfigSchema.parse(await r.json()) : null;
  } catch {
    return null;
  }
}

function openOutbox(): Outbox {
  try {
    if (typeof indexedDB !== 'undefined') return createOutbox(indexedDbBackend());
  } catch {
    /* fall through */
  }
  console.warn('RedTour: IndexedDB is unavailable; study records are kept in memory only');
  return createOutbox(memoryBackend());
}

/** The actor and mode at the moment of an event (captured before queuing). */
function occasionOf(s: AppState, config: RecordConfig): { actor: Agent; mode: Mode } {
  const guest = s.visitor === 'guest';
  return {
    actor: agent(config, { name: guest ? '访客' : s.visitorName, memberId: guest ? `guest-${deviceId()}` : s.visitor }),
    mode: s.inXR ? 'headset' : 'desktop',
  };
}

/** The study events between two store states, as recorder calls. */
function eventsBetween(s: AppState, prev: AppState): ((r: Recorder) => Promise<unknown>)[] {
  const calls: ((r: Recorder) => Promise<unknown>)[] = [];
  const { scene, progress } = s;
  if (scene && progress) {
    const fresh = progress.activeMs === 0 && progress.station === 0 && Object.keys(progress.checkpoints).length === 0;
    if (progress.registration !== prev.progress?.registration && fresh) calls.push((r) => r.baseStarted(scene, progress));
    const station = currentStation(scene, progress);
    if (s.narrationState === 'ended' && prev.narrationState !== 'ended' && station.kind === 'stop') {
      const finished = prev.cueIndex >= station.stop.narration.length - 1;
      calls.push((r) => r.stopExperienced(scene, station.stop, progress, { finished }));
    }
    if (s.quizResult && !prev.quizResult && station.kind === 'checkpoint') {
      const result = s.quizResult;
      calls.push((r) => r.checkpointSubmitted(scene, station.checkpoint, result, progress));
    }
    if (progress.completedAt && !prev.progress?.completedAt && prev.progress?.registration === progress.registration)
      calls.push((r) => r.baseCompleted(scene, progress));
  }
  if (prev.scene && prev.progress && (!scene || prev.progress.registration !== progress?.registration)) {
    const [left, leftProgress] = [prev.scene, prev.progress];
    calls.push((r) => r.left(left, leftProgress));
  }
  return calls;
}

const CONFIG_KEY = 'redtour.config';

function cachedConfig(): Partial<RecordConfig> {
  try {
    const parsed = ConfigSchema.pick({ activityBase: true, homePage: true }).safeParse(JSON.parse(localStorage.getItem(CONFIG_KEY) ?? 'null'));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** Fetches the server's config (retrying until it answers), then starts uploading. */
async function connect(outbox: Outbox, config: RecordConfig): Promise<Sender> {
  let c = await fetchConfig();
  while (!c) {
    await new Promise((r) => setTimeout(r, CONFIG_RETRY_MS));
    c = await fetchConfig();
  }
  Object.assign(config, { activityBase: c.activityBase, homePage: c.homePage });
  try {
    localStorage.setItem(CONFIG_KEY, JSON.stringify({ activityBase: c.activityBase, homePage: c.homePage }));
  } catch {
    /* private mode: the defaults serve */
  }
  const sender = createSender({ outbox, endpoint: new URL(c.xapi.endpoint, location.href).href, auth: c.xapi.auth });
  sender.start();
  return sender;
}

/** Starts recording study events and uploading them. Call once, at app start. */
export function startRecording(): void {
  if (started) return;
  started = true;
  const outbox = openOutbox();
  outbox.subscribe((n) => useAppStore.getState().setPendingRecords(n));

  // Statements are written at once with the last known config (or the defaults the server also
  // uses), so nothing waits for the network; the server's config only starts the sender.
  const config: RecordConfig = { ...FALLBACK, ...cachedConfig() };
  let current = occasionOf(useAppStore.getState(), config);
  const recorder = createRecorder({ outbox, config, actor: () => current.actor, mode: () => current.mode });
  let queue: Promise<unknown> = Promise.resolve();
  void connect(outbox, config);
  if (testMode && window.__redtour) window.__redtour.records = { outbox, recorder };

  useAppStore.subscribe((s, prev) => {
    for (const call of eventsBetween(s, prev)) {
      const state = s;
      queue = queue
        .then(() => {
          current = occasionOf(state, config);
          return call(recorder);
        })
        .catch((err: unknown) => console.error('RedTour: a study record could not be stored', err));
    }
  });
}
