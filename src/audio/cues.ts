/**
 * The subtitle cue timeline: the narration manifest's format (built by tools/narration) and pure
 * functions over cue times. No DOM, no audio: runs in node tests as it does in the browser.
 */
import { z } from 'zod';

/** When one narration sentence is spoken, in seconds from the start of the stop's audio. */
export const CueTimeSchema = z
  .strictObject({ start: z.number().min(0), end: z.number().min(0) })
  .refine((c) => c.end >= c.start, { message: 'a cue must not end before it starts' });

/** One stop's narration audio: file under public/, its length and one cue per sentence. */
export const StopAudioSchema = z.strictObject({
  /** Path under public/, e.g. "audio/jiandang/yida-gate.mp3". */
  file: z.string().regex(/^audio\/[a-z0-9-]+\/[a-z0-9-]+\.(?:mp3|m4a|ogg|wav)$/, 'must be a path like "audio/<base>/<stop>.mp3"'),
  duration: z.number().positive(),
  cues: z.array(CueTimeSchema),
  /** "generated" by text-to-speech, or "recorded" by the branch (scenes/<base>/recorded/). */
  origin: z.enum(['generated', 'recorded']),
  /** The TTS command and settings, for generated audio. */
  generator: z.string().min(1).optional(),
  /** sha256 (hex) of the stop's zh narration texts, as JSON; tells a stale file from a fresh one. */
  textHash: z.string().regex(/^[0-9a-f]{64}$/),
});

/** `public/audio/<base>/manifest.json`. */
export const NarrationManifestSchema = z.strictObject({
  base: z.string().min(1),
  stops: z.record(z.string(), StopAudioSchema),
});

export type CueTime = z.infer<typeof CueTimeSchema>;
export type StopAudio = z.infer<typeof StopAudioSchema>;
export type NarrationManifest = z.infer<typeof NarrationManifestSchema>;

/** What the narration player needs for one stop. `src` absent: no audio, read by the clock. */
export interface StopNarration {
  src?: string;
  cues: CueTime[];
  texts: string[];
}

/** URL of a base's manifest, relative to the app's base URL (`import.meta.env.BASE_URL`). */
export function manifestUrl(base: string, baseUrl = '/'): string {
  return `${baseUrl.replace(/\/?$/, '/')}audio/${base}/manifest.json`;
}

/**
 * The player input for one stop. Falls back to no audio (reading timer) when the manifest is
 * missing, has no entry for the stop, or its cue count no longer matches the sentences (text
 * edited without rebuilding the audio): subtitles must never belong to other words.
 */
export function stopNarration(
  manifest: NarrationManifest | undefined,
  stopId: string,
  texts: readonly string[],
  baseUrl = '/',
): StopNarration {
  const entry = manifest?.stops[stopId];
  if (!entry || entry.cues.length !== texts.length) return { cues: readingCues(texts), texts: [...texts] };
  return { src: `${baseUrl.replace(/\/?$/, '/')}${entry.file}`, cues: entry.cues, texts: [...texts] };
}

/**
 * Index of the cue active at time `t` (start ≤ t < end), or -1. Cues are in time order.
 * With `hold`, a cue stays active through the pause after it until the next one starts, so
 * subtitles do not blink off between sentences; before the first cue it is still -1.
 */
export function cueAt(cues: readonly CueTime[], t: number, options: { hold?: boolean } = {}): number {
  if (!(t >= 0) || cues.length === 0) return -1;
  // Last cue whose start ≤ t (binary search).
  let lo = 0;
  let hi = cues.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cues[mid]!.start <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) return -1;
  if (t < cues[found]!.end) return found;
  return options.hold && found < cues.length - 1 ? found : -1;
}

/** Length of a text for reading-time purposes: characters other than white space. */
export function readingLength(text: string): number {
  let n = 0;
  for (const ch of text) if (!/\s/u.test(ch)) n++;
  return n;
}

/** Shortest time a fallback subtitle stays on screen, in seconds. */
export const MIN_READING_SECONDS = 2.5;

/**
 * Synthetic, back-to-back cue times for reading the texts when there is no audio:
 * each cue lasts its length / `charsPerSecond`, and at least 2.5 s.
 */
export function readingCues(texts: readonly string[], charsPerSecond = 4.5): CueTime[] {
  const cps = charsPerSecond > 0 ? charsPerSecond : 4.5;
  const cues: CueTime[] = [];
  let at = 0;
  for (const text of texts) {
    const length = Math.max(MIN_READING_SECONDS, readingLength(text) / cps);
    const end = round3(at + length);
    cues.push({ start: round3(at), end });
    at = end;
  }
  return cues;
}

/**
 * Cue times spread over `duration` in proportion to each text's length (used for recordings
 * that come without a cue file). Back to back, the last ends at `duration`.
 */
export function proportionalCues(texts: readonly string[], duration: number): CueTime[] {
  const lengths = texts.map((t) => Math.max(1, readingLength(t)));
  const total = lengths.reduce((a, b) => a + b, 0);
  const cues: CueTime[] = [];
  let acc = 0;
  for (const length of lengths) {
    const start = round3((duration * acc) / total);
    acc += length;
    cues.push({ start, end: round3((duration * acc) / total) });
  }
  return cues;
}

/** End of the last cue, or 0. */
export function cuesEnd(cues: readonly CueTime[]): number {
  return cues.length ? cues[cues.length - 1]!.end : 0;
}

/** Rounds seconds to milliseconds (manifest precision). */
export function round3(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
