import { describe, expect, it } from 'vitest';
import {
  cueAt,
  manifestUrl,
  MIN_READING_SECONDS,
  NarrationManifestSchema,
  proportionalCues,
  readingCues,
  readingLength,
  stopNarration,
  type CueTime,
  type NarrationManifest,
} from '../../src/audio/cues';

const cues: CueTime[] = [
  { start: 0.5, end: 2 },
  { start: 2.45, end: 4 },
  { start: 4, end: 6 },
];

describe('cueAt', () => {
  it('is -1 before the first cue, for negative or NaN time, and for no cues', () => {
    expect(cueAt(cues, 0)).toBe(-1);
    expect(cueAt(cues, 0.499)).toBe(-1);
    expect(cueAt(cues, -1)).toBe(-1);
    expect(cueAt(cues, Number.NaN)).toBe(-1);
    expect(cueAt([], 1)).toBe(-1);
    expect(cueAt([], 1, { hold: true })).toBe(-1);
  });

  it('treats cues as [start, end)', () => {
    expect(cueAt(cues, 0.5)).toBe(0);
    expect(cueAt(cues, 1.999)).toBe(0);
    expect(cueAt(cues, 2)).toBe(-1);
    expect(cueAt(cues, 2.45)).toBe(1);
    // Back to back: the boundary belongs to the next cue.
    expect(cueAt(cues, 4)).toBe(2);
    expect(cueAt(cues, 5.999)).toBe(2);
    expect(cueAt(cues, 6)).toBe(-1);
    expect(cueAt(cues, 100)).toBe(-1);
  });

  it('with hold, keeps a cue through the pause after it, but not past the last cue', () => {
    expect(cueAt(cues, 2.2, { hold: true })).toBe(0);
    expect(cueAt(cues, 0.2, { hold: true })).toBe(-1);
    expect(cueAt(cues, 6, { hold: true })).toBe(-1);
  });

  it('finds cues in a long list (binary search)', () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({ start: i, end: i + 0.5 }));
    expect(cueAt(many, 737.25)).toBe(737);
    expect(cueAt(many, 737.75)).toBe(-1);
    expect(cueAt(many, 737.75, { hold: true })).toBe(737);
    expect(cueAt(many, 999.4)).toBe(999);
  });
});

describe('readingCues (fallback timing)', () => {
  it('gives each text length / speed seconds, back to back', () => {
    const text = '一二三四五六七八九十一二三四五六七八'; // 18 characters
    const r = readingCues([text, text], 4.5);
    expect(r).toEqual([
      { start: 0, end: 4 },
      { start: 4, end: 8 },
    ]);
  });

  it('keeps a short cue on screen for at least 2.5 s', () => {
    const r = readingCues(['好。', '一二三四五六七八九十一二三四五六七八'], 4.5);
    expect(r[0]).toEqual({ start: 0, end: MIN_READING_SECONDS });
    expect(r[1]).toEqual({ start: 2.5, end: 6.5 });
  });

  it('ignores white space, uses 4.5 chars/s by default and handles no texts', () => {
    expect(readingLength(' a b\n c ')).toBe(3);
    expect(readingCues(['一二三四五六七八九十一二三四五六七八九十一二三四五六七'])[0]!.end).toBe(6);
    expect(readingCues([])).toEqual([]);
  });
});

describe('proportionalCues', () => {
  it('spreads the duration by sentence length and ends at the duration', () => {
    const r = proportionalCues(['一二三', '一二三四五六'], 9);
    expect(r).toEqual([
      { start: 0, end: 3 },
      { start: 3, end: 9 },
    ]);
  });
});

describe('manifest', () => {
  const manifest: NarrationManifest = {
    base: 'jiandang',
    stops: {
      'yida-gate': {
        file: 'audio/jiandang/yida-gate.mp3',
        duration: 4,
        cues: [
          { start: 0, end: 1.5 },
          { start: 2, end: 4 },
        ],
        origin: 'generated',
        generator: 'espeak-ng 1.51 -v cmn-latn-pinyin',
        textHash: 'a'.repeat(64),
      },
    },
  };

  it('accepts a valid manifest and rejects bad paths, origins and cues', () => {
    expect(NarrationManifestSchema.safeParse(manifest).success).toBe(true);
    const bad = (patch: object) => NarrationManifestSchema.safeParse({ ...manifest, stops: { x: { ...manifest.stops['yida-gate']!, ...patch } } }).success;
    expect(bad({ file: '../secret.mp3' })).toBe(false);
    expect(bad({ origin: 'downloaded' })).toBe(false);
    expect(bad({ cues: [{ start: 2, end: 1 }] })).toBe(false);
    expect(bad({ textHash: 'abc' })).toBe(false);
  });

  it('gives the player the audio, or the reading fallback when the entry is missing or stale', () => {
    expect(manifestUrl('jiandang', '/app')).toBe('/app/audio/jiandang/manifest.json');
    const ok = stopNarration(manifest, 'yida-gate', ['甲。', '乙。']);
    expect(ok.src).toBe('/audio/jiandang/yida-gate.mp3');
    expect(ok.cues).toEqual(manifest.stops['yida-gate']!.cues);
    const stale = stopNarration(manifest, 'yida-gate', ['甲。', '乙。', '丙。']);
    expect(stale.src).toBeUndefined();
    expect(stale.cues).toHaveLength(3);
    expect(stopNarration(undefined, 'yida-gate', ['甲。']).src).toBeUndefined();
  });
});
