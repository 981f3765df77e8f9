/**
 * The narration player: plays one stop's narration and drives its subtitle cue.
 *
 * Audio goes through an injectable `AudioDriver` (howler by default, see howlerDriver.ts); time
 * comes from the audio, or — when there is no file or it fails to load — from a reading clock
 * over `readingCues`, so subtitles still advance and nothing throws. The player polls on a timer
 * and calls `onCue` only when the cue index changes: nothing per frame reaches React.
 */
import { cueAt, cuesEnd, readingCues, type CueTime, type StopNarration } from './cues';

/**
 * `playing`: audio is playing. `fallback`: no usable audio, subtitles advance by the reading
 * clock. `ready`: loaded (or fallen back) and waiting for `play()`. `paused` is either mode.
 */
export type NarrationState = 'idle' | 'loading' | 'ready' | 'playing' | 'fallback' | 'paused' | 'ended';

/** True while narration advances (audio playing or reading clock running). */
export function isRunning(state: NarrationState): boolean {
  return state === 'playing' || state === 'fallback';
}

/** Callbacks an audio driver reports to; only the latest `load` call's callbacks may fire. */
export interface AudioDriverEvents {
  onLoad(duration: number): void;
  /** Load or playback failed; the player falls back to the reading clock. */
  onError(reason: string): void;
  onEnd(): void;
}

/** The audio backend, one sound at a time. Times are seconds. */
export interface AudioDriver {
  load(src: string, events: AudioDriverEvents): void;
  play(): void;
  pause(): void;
  seek(seconds: number): void;
  /** Current playback position. */
  time(): number;
  /** Stops and frees the current sound; its callbacks must not fire afterwards. */
  unload(): void;
}

/** Time source and timers; injectable so tests can drive the player with a fake clock. */
export interface PlayerClock {
  /** Monotonic milliseconds. */
  now(): number;
  /** Calls `tick` repeatedly until the returned function is called. */
  every(tick: () => void): () => void;
  /** Calls `cb` once after `ms`, unless cancelled by the returned function. */
  after(ms: number, cb: () => void): () => void;
}

/** Polling interval of the default clock, in ms. */
export const TICK_MS = 50;

/**
 * Interval timers rather than requestAnimationFrame: during an immersive WebXR session some
 * browsers stop calling window.requestAnimationFrame, and subtitles must keep moving in VR.
 */
export const systemClock: PlayerClock = {
  now: () => (typeof performance !== 'undefined' ? performance.now() : Date.now()),
  every(tick) {
    const id = setInterval(tick, TICK_MS);
    return () => clearInterval(id);
  },
  after(ms, cb) {
    const id = setTimeout(cb, ms);
    return () => clearTimeout(id);
  },
};

export interface PlayerOptions {
  clock?: PlayerClock;
  /** Give up on a file that has neither loaded nor failed after this long (ms). Default 10 000. */
  loadTimeoutMs?: number;
  /** Reading speed for the fallback, characters per second. Default 4.5. */
  charsPerSecond?: number;
}

export interface NarrationPlayer {
  /** Replaces the current stop; does not start playing. Missing `src` means reading fallback. */
  load(stop: StopNarration): void;
  /** Starts or resumes; while loading, starts as soon as loaded; after the end, replays. */
  play(): void;
  pause(): void;
  toggle(): void;
  /** From the beginning, playing. */
  replay(): void;
  /** Ends the stop now (state `ended`, `onEnd` fires). */
  skip(): void;
  dispose(): void;
  /** Position in seconds. */
  getTime(): number;
  getState(): NarrationState;
  /** Active cue index, or -1. */
  getCue(): number;
  /** Cue times in use: the audio's, or the reading fallback's. */
  getCues(): readonly CueTime[];
  getDuration(): number;
  /** True when narration runs by the reading clock (no audio, or audio failed). */
  isFallback(): boolean;
  /** Why the audio was not used, when `isFallback()`. */
  getFallbackReason(): string | undefined;
  /** Each subscription returns its unsubscribe function. */
  onCue(cb: (index: number) => void): () => void;
  onEnd(cb: () => void): () => void;
  onState(cb: (state: NarrationState) => void): () => void;
}

type HowlerModule = typeof import('./howlerDriver');
let howler: HowlerModule | undefined;
let howlerLoading: Promise<HowlerModule> | undefined;

/** Loads howler on demand: it cannot be imported in node (tests), and the first screen does not need it. */
function loadHowler(): Promise<HowlerModule> {
  howlerLoading ??= import('./howlerDriver').then((m) => (howler = m));
  return howlerLoading;
}

/** Loads the audio engine ahead of the first gesture, so that `unlockAudio` can run inside it. */
export function preloadAudio(): Promise<unknown> {
  return loadHowler().catch(() => undefined);
}

/**
 * Unlocks Web Audio. Call it from the first user gesture (Start, Enter VR): browsers keep the
 * AudioContext suspended until then.
 */
export function unlockAudio(): void {
  if (howler) howler.unlockAudio();
  else void loadHowler().then((m) => m.unlockAudio(), () => undefined);
}

/** A driver that loads howler on first use. */
function lazyHowlerDriver(): AudioDriver {
  let real: AudioDriver | undefined;
  let token = 0;
  void loadHowler().catch(() => undefined);
  return {
    load(src, events) {
      const mine = ++token;
      loadHowler().then(
        (m) => {
          if (mine !== token) return;
          real ??= m.createHowlerDriver();
          real.load(src, events);
        },
        (err: unknown) => {
          if (mine === token) events.onError(`audio module failed to load: ${String(err)}`);
        },
      );
    },
    play: () => real?.play(),
    pause: () => real?.pause(),
    seek: (s) => real?.seek(s),
    time: () => real?.time() ?? 0,
    unload() {
      token++;
      real?.unload();
    },
  };
}

/** Creates a player; without a driver it plays through howler. */
export function createNarrationPlayer(driver?: AudioDriver, options: PlayerOptions = {}): NarrationPlayer {
  const audio = driver ?? lazyHowlerDriver();
  const clock = options.clock ?? systemClock;
  const loadTimeoutMs = options.loadTimeoutMs ?? 10_000;

  let state: NarrationState = 'idle';
  let reading = true;
  let fallbackReason: string | undefined;
  let texts: string[] = [];
  let cues: CueTime[] = [];
  let duration = 0;
  let cue = -1;
  let wantPlay = false;
  /** Reading clock: position when last stopped, and clock.now() when started (null: stopped). */
  let readAt = 0;
  let readSince: number | null = null;
  let stopTicker: (() => void) | undefined;
  let cancelTimeout: (() => void) | undefined;
  let generation = 0;

  const cueListeners = new Set<(index: number) => void>();
  const endListeners = new Set<() => void>();
  const stateListeners = new Set<(state: NarrationState) => void>();

  const setState = (next: NarrationState) => {
    if (next === state) return;
    state = next;
    for (const cb of [...stateListeners]) cb(next);
  };
  const setCue = (next: number) => {
    if (next === cue) return;
    cue = next;
    for (const cb of [...cueListeners]) cb(next);
  };

  const time = (): number => {
    const t = reading ? readAt + (readSince === null ? 0 : (clock.now() - readSince) / 1000) : audio.time();
    return Math.min(Math.max(0, t), duration || Infinity);
  };

  const tick = () => {
    const t = time();
    if (reading && readSince !== null && t >= duration) {
      finish();
      return;
    }
    setCue(cueAt(cues, t, { hold: true }));
  };

  const ticker = (on: boolean) => {
    stopTicker?.();
    stopTicker = on ? clock.every(tick) : undefined;
  };

  const clearLoadTimeout = () => {
    cancelTimeout?.();
    cancelTimeout = undefined;
  };

  const start = () => {
    wantPlay = true;
    if (reading) {
      readSince = clock.now();
      setState('fallback');
    } else {
      audio.play();
      setState('playing');
    }
    ticker(true);
    tick();
  };

  const finish = () => {
    clearLoadTimeout();
    ticker(false);
    wantPlay = false;
    if (reading) {
      readSince = null;
      readAt = duration;
    } else audio.pause();
    setCue(-1);
    if (state === 'ended') return;
    setState('ended');
    for (const cb of [...endListeners]) cb();
  };

  const fallBack = (reason: string) => {
    clearLoadTimeout();
    const wasRunning = state === 'playing';
    const resumeCue = cue;
    audio.unload();
    generation++;
    reading = true;
    fallbackReason = reason;
    cues = readingCues(texts, options.charsPerSecond);
    duration = cuesEnd(cues);
    // Carry on from the sentence that was being spoken.
    readAt = resumeCue >= 0 ? cues[resumeCue]?.start ?? 0 : 0;
    readSince = null;
    ticker(false);
    if (state === 'ended' || state === 'idle') return;
    if (wantPlay || wasRunning) start();
    else setState(state === 'paused' ? 'paused' : 'ready');
  };

  const reset = () => {
    clearLoadTimeout();
    ticker(false);
    audio.unload();
    generation++;
    wantPlay = false;
    readAt = 0;
    readSince = null;
    fallbackReason = undefined;
  };

  const player: NarrationPlayer = {
    load(stop) {
      reset();
      texts = [...stop.texts];
      setCue(-1);
      if (!stop.src) {
        reading = true;
        fallbackReason = 'no audio file';
        cues = readingCues(texts, options.charsPerSecond);
        duration = cuesEnd(cues);
        setState('ready');
        return;
      }
      reading = false;
      cues = [...stop.cues];
      duration = cuesEnd(cues);
      setState('loading');
      const mine = generation;
      cancelTimeout = clock.after(loadTimeoutMs, () => {
        if (mine === generation && state === 'loading') fallBack('audio did not load in time');
      });
      audio.load(stop.src, {
        onLoad(d) {
          if (mine !== generation) return;
          clearLoadTimeout();
          if (d > 0) duration = d;
          if (state !== 'loading') return;
          if (wantPlay) start();
          else setState('ready');
        },
        onError(reason) {
          if (mine !== generation) return;
          fallBack(reason);
        },
        onEnd() {
          if (mine !== generation) return;
          finish();
        },
      });
    },
    play() {
      switch (state) {
        case 'loading':
          wantPlay = true;
          break;
        case 'ready':
        case 'paused':
          start();
          break;
        case 'ended':
          player.replay();
          break;
        default:
          break;
      }
    },
    pause() {
      wantPlay = false;
      if (!isRunning(state)) return;
      ticker(false);
      if (reading) {
        readAt = time();
        readSince = null;
      } else audio.pause();
      setState('paused');
    },
    toggle() {
      if (isRunning(state) || (state === 'loading' && wantPlay)) player.pause();
      else player.play();
    },
    replay() {
      if (state === 'idle') return;
      setCue(-1);
      if (state === 'loading') {
        wantPlay = true;
        return;
      }
      if (reading) {
        readAt = 0;
        readSince = null;
      } else audio.seek(0);
      start();
    },
    skip() {
      if (state === 'idle' || state === 'ended') return;
      finish();
    },
    dispose() {
      reset();
      cueListeners.clear();
      endListeners.clear();
      stateListeners.clear();
      cue = -1;
      state = 'idle';
    },
    getTime: () => (state === 'idle' ? 0 : state === 'ended' ? duration : time()),
    getState: () => state,
    getCue: () => cue,
    getCues: () => cues,
    getDuration: () => duration,
    isFallback: () => reading && state !== 'idle',
    getFallbackReason: () => (reading ? fallbackReason : undefined),
    onCue(cb) {
      cueListeners.add(cb);
      return () => cueListeners.delete(cb);
    },
    onEnd(cb) {
      endListeners.add(cb);
      return () => endListeners.delete(cb);
    },
    onState(cb) {
      stateListeners.add(cb);
      return () => stateListeners.delete(cb);
    },
  };
  return player;
}
