import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NarrationManifestSchema, readingCues, type CueTime, type NarrationManifest } from '../../src/audio/cues';
import {
  createNarrationPlayer,
  type AudioDriver,
  type AudioDriverEvents,
  type NarrationPlayer,
  type NarrationState,
  type PlayerClock,
} from '../../src/audio/player';
import { mp3Duration, mp4Duration, oggDuration, parseWav } from '../../tools/narration/audioInfo';
import { buildNarration, spokenForm, textHash } from '../../tools/narration/build';
import { loadAllScenes, ROOT } from '../../tools/scenes';

// ---------------------------------------------------------------- player, with a fake clock and driver

function fakeClock() {
  let now = 0;
  let ids = 0;
  const intervals = new Map<number, () => void>();
  const timeouts = new Map<number, { at: number; cb: () => void }>();
  const clock: PlayerClock = {
    now: () => now,
    every(cb) {
      const id = ++ids;
      intervals.set(id, cb);
      return () => intervals.delete(id);
    },
    after(ms, cb) {
      const id = ++ids;
      timeouts.set(id, { at: now + ms, cb });
      return () => timeouts.delete(id);
    },
  };
  /** Moves time forward in 50 ms ticks, firing due timeouts and interval callbacks. */
  const advance = (ms: number) => {
    const end = now + ms;
    while (now < end) {
      now = Math.min(end, now + 50);
      for (const [id, t] of [...timeouts]) {
        if (t.at <= now) {
          timeouts.delete(id);
          t.cb();
        }
      }
      for (const cb of [...intervals.values()]) cb();
    }
  };
  return { clock, advance, tickers: () => intervals.size };
}

/** Plays by the fake clock; the test decides when loading succeeds, fails or the sound ends. */
function fakeDriver(clock: PlayerClock) {
  let events: AudioDriverEvents | undefined;
  let position = 0;
  let since: number | null = null;
  const calls: string[] = [];
  const driver: AudioDriver = {
    load(src, ev) {
      calls.push(`load ${src}`);
      events = ev;
      position = 0;
      since = null;
    },
    play() {
      calls.push('play');
      since ??= clock.now();
    },
    pause() {
      calls.push('pause');
      if (since !== null) position += (clock.now() - since) / 1000;
      since = null;
    },
    seek(s) {
      calls.push(`seek ${s}`);
      position = s;
      if (since !== null) since = clock.now();
    },
    time: () => position + (since === null ? 0 : (clock.now() - since) / 1000),
    unload() {
      calls.push('unload');
      events = undefined;
      since = null;
    },
  };
  return {
    driver,
    calls,
    loaded: (duration: number) => events?.onLoad(duration),
    failed: (reason: string) => events?.onError(reason),
    ended: () => events?.onEnd(),
    events: () => events,
  };
}

const texts = ['第一句。', '第二句话稍长一些。', '第三句。'];
const audioCues: CueTime[] = [
  { start: 0, end: 1 },
  { start: 1.5, end: 2.5 },
  { start: 3, end: 4 },
];

function setup() {
  const c = fakeClock();
  const d = fakeDriver(c.clock);
  const player = createNarrationPlayer(d.driver, { clock: c.clock, loadTimeoutMs: 5000 });
  const cuesSeen: number[] = [];
  const states: NarrationState[] = [];
  let ends = 0;
  player.onCue((i) => cuesSeen.push(i));
  player.onState((s) => states.push(s));
  player.onEnd(() => ends++);
  return { ...c, ...d, player, cuesSeen, states, ends: () => ends };
}

function startAudio(t: ReturnType<typeof setup>, player: NarrationPlayer = t.player) {
  player.load({ src: '/audio/demo/a.mp3', cues: audioCues, texts });
  player.play();
  t.loaded(4);
}

describe('narration player', () => {
  it('plays: loading → playing, cues advance with the audio, then ends', () => {
    const t = setup();
    t.player.load({ src: '/audio/demo/a.mp3', cues: audioCues, texts });
    expect(t.player.getState()).toBe('loading');
    t.player.play(); // before load: starts once loaded
    expect(t.calls).not.toContain('play');
    t.loaded(4);
    expect(t.player.getState()).toBe('playing');
    expect(t.calls).toContain('play');
    t.advance(500);
    expect(t.player.getCue()).toBe(0);
    t.advance(700); // 1.2 s: in the pause after cue 0, which stays up
    expect(t.player.getCue()).toBe(0);
    t.advance(400); // 1.6 s
    expect(t.player.getCue()).toBe(1);
    t.advance(1600); // 3.2 s
    expect(t.player.getCue()).toBe(2);
    t.advance(900);
    t.ended();
    expect(t.player.getState()).toBe('ended');
    expect(t.ends()).toBe(1);
    expect(t.cuesSeen).toEqual([0, 1, 2, -1]);
    expect(t.states).toEqual(['loading', 'playing', 'ended']);
    expect(t.tickers()).toBe(0);
  });

  it('calls onCue only when the cue changes', () => {
    const t = setup();
    startAudio(t);
    t.advance(3500); // 70 ticks
    expect(t.cuesSeen).toEqual([0, 1, 2]);
  });

  it('pause stops advancing; play resumes where it was', () => {
    const t = setup();
    startAudio(t);
    t.advance(500);
    t.player.pause();
    expect(t.player.getState()).toBe('paused');
    const at = t.player.getTime();
    t.advance(3000);
    expect(t.player.getTime()).toBeCloseTo(at, 5);
    expect(t.player.getCue()).toBe(0);
    expect(t.tickers()).toBe(0);
    t.player.toggle();
    expect(t.player.getState()).toBe('playing');
    t.advance(1100);
    expect(t.player.getCue()).toBe(1);
  });

  it('replay restarts from the beginning, also after the end', () => {
    const t = setup();
    startAudio(t);
    t.advance(3200);
    expect(t.player.getCue()).toBe(2);
    t.player.replay();
    expect(t.calls.at(-2)).toBe('seek 0');
    expect(t.player.getCue()).toBe(0);
    expect(t.player.getTime()).toBeCloseTo(0, 5);
    t.ended();
    expect(t.player.getState()).toBe('ended');
    t.player.play(); // after the end, play replays
    expect(t.player.getState()).toBe('playing');
    expect(t.player.getTime()).toBeCloseTo(0, 5);
  });

  it('skip ends the stop now, once', () => {
    const t = setup();
    startAudio(t);
    t.advance(600);
    t.player.skip();
    expect(t.player.getState()).toBe('ended');
    expect(t.calls.at(-1)).toBe('pause');
    expect(t.player.getCue()).toBe(-1);
    t.player.skip();
    expect(t.ends()).toBe(1);
  });

  it('falls back to the reading clock when the file fails to load', () => {
    const t = setup();
    t.player.load({ src: '/audio/demo/missing.mp3', cues: audioCues, texts });
    t.player.play();
    t.failed('404');
    expect(t.player.getState()).toBe('fallback');
    expect(t.player.isFallback()).toBe(true);
    expect(t.player.getFallbackReason()).toBe('404');
    const reading = readingCues(texts);
    expect(t.player.getCues()).toEqual(reading);
    expect(reading[0]!.end).toBe(2.5);
    t.advance(100);
    expect(t.player.getCue()).toBe(0);
    t.advance(2500); // 2.6 s: second sentence
    expect(t.player.getCue()).toBe(1);
    t.player.pause();
    t.advance(10_000);
    expect(t.player.getCue()).toBe(1);
    t.player.play();
    expect(t.player.getState()).toBe('fallback');
    t.advance((reading[2]!.end - 2.6) * 1000 + 100);
    expect(t.player.getState()).toBe('ended');
    expect(t.ends()).toBe(1);
    expect(t.cuesSeen).toEqual([0, 1, 2, -1]);
  });

  it('reads by the clock when the stop has no audio, and after a load timeout', () => {
    const t = setup();
    t.player.load({ cues: [], texts });
    expect(t.player.getState()).toBe('ready');
    expect(t.player.isFallback()).toBe(true);
    t.player.play();
    expect(t.player.getState()).toBe('fallback');
    expect(t.player.getCue()).toBe(0);

    t.player.load({ src: '/audio/demo/slow.mp3', cues: audioCues, texts });
    expect(t.player.getState()).toBe('loading');
    t.player.play();
    t.advance(5000);
    expect(t.player.getState()).toBe('fallback');
    expect(t.player.getFallbackReason()).toMatch(/in time/);
    t.loaded(4); // too late: ignored
    expect(t.player.getState()).toBe('fallback');
  });

  it('ignores callbacks from an earlier stop', () => {
    const t = setup();
    t.player.load({ src: '/audio/demo/a.mp3', cues: audioCues, texts });
    const first = t.events()!;
    t.player.load({ src: '/audio/demo/b.mp3', cues: audioCues, texts });
    first.onLoad(9);
    first.onError('late');
    first.onEnd();
    expect(t.player.getState()).toBe('loading');
    expect(t.player.isFallback()).toBe(false);
    t.loaded(4);
    expect(t.player.getState()).toBe('ready');
    expect(t.ends()).toBe(0);
  });

  it('falls back mid-stop when playback fails, carrying on from the current sentence', () => {
    const t = setup();
    startAudio(t);
    t.advance(1600);
    expect(t.player.getCue()).toBe(1);
    t.failed('decode error');
    expect(t.player.getState()).toBe('fallback');
    expect(t.player.getTime()).toBeCloseTo(readingCues(texts)[1]!.start, 5);
    expect(t.player.getCue()).toBe(1);
  });

  it('dispose stops everything and frees the sound', () => {
    const t = setup();
    startAudio(t);
    t.player.dispose();
    expect(t.calls.at(-1)).toBe('unload');
    expect(t.player.getState()).toBe('idle');
    expect(t.tickers()).toBe(0);
    t.player.play();
    expect(t.player.getState()).toBe('idle');
  });
});

// ---------------------------------------------------------------- audio headers

describe('audio durations from headers', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'redtour-audioinfo-'));
    execFileSync('sox', ['-D', '-R', '-r', '22050', '-c', '1', '-n', '-b', '16', join(dir, 'tone.wav'), 'synth', '2.5', 'sine', '440']);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads WAV, MP3 (with and without a LAME tag), Ogg Vorbis and M4A', () => {
    const wav = join(dir, 'tone.wav');
    expect(parseWav(readFileSync(wav))).toMatchObject({ rate: 22050, channels: 1, frames: 55125 });
    execFileSync('lame', ['--silent', '-m', 'm', '--abr', '40', wav, join(dir, 'abr.mp3')]);
    expect(mp3Duration(readFileSync(join(dir, 'abr.mp3')))).toBeCloseTo(2.5, 3);
    execFileSync('lame', ['--silent', '-t', '-b', '64', wav, join(dir, 'raw.mp3')]);
    // No header: frame count, including encoder delay and padding (< 0.1 s more).
    const raw = mp3Duration(readFileSync(join(dir, 'raw.mp3')));
    expect(raw).toBeGreaterThanOrEqual(2.5);
    expect(raw).toBeLessThan(2.6);
    execFileSync('sox', ['-D', wav, join(dir, 'tone.ogg')]);
    expect(oggDuration(readFileSync(join(dir, 'tone.ogg')))).toBeCloseTo(2.5, 3);
    // Minimal MP4 box tree: ftyp, moov/mvhd (version 0, timescale 1000, duration 2500).
    const box = (type: string, body: Buffer) => {
      const head = Buffer.alloc(8);
      head.writeUInt32BE(8 + body.length, 0);
      head.write(type, 4, 'latin1');
      return Buffer.concat([head, body]);
    };
    const mvhd = Buffer.alloc(100);
    mvhd.writeUInt32BE(1000, 12);
    mvhd.writeUInt32BE(2500, 16);
    const m4a = Buffer.concat([box('ftyp', Buffer.from('M4A \0\0\0\0', 'latin1')), box('moov', box('mvhd', mvhd))]);
    expect(mp4Duration(m4a)).toBe(2.5);
  });
});

// ---------------------------------------------------------------- buildNarration, with real espeak-ng

function scene(stops: { id: string; narration: string[] }[]) {
  return {
    id: 'demo',
    title: { zh: '测试基地' },
    summary: { zh: '用于测试。' },
    sources: { book: { title: '测试书目', kind: 'book' } },
    rooms: [
      {
        id: 'room',
        type: 'model',
        title: { zh: '展厅' },
        model: 'models/room.glb',
        background: '#aabbcc',
        spawn: { position: [0, 0, 0], yaw: 0 },
        walkable: [{ min: [-1, -1], max: [1, 1] }],
        stops: stops.map((s) => ({
          id: s.id,
          title: { zh: '讲解点' },
          position: [0, 0, 0],
          lookAt: [0, 1, -1],
          narration: s.narration.map((zh) => ({ zh })),
          sources: [{ source: 'book' }],
        })),
      },
    ],
  };
}

describe('buildNarration', { timeout: 60_000 }, () => {
  let root: string;
  let scenesDir: string;
  let outDir: string;
  const writeScene = (stops: { id: string; narration: string[] }[]) => {
    mkdirSync(join(scenesDir, 'demo'), { recursive: true });
    writeFileSync(join(scenesDir, 'demo', 'scene.json'), JSON.stringify(scene(stops), null, 2));
  };
  const manifest = (): NarrationManifest => NarrationManifestSchema.parse(JSON.parse(readFileSync(join(outDir, 'demo', 'manifest.json'), 'utf8')));
  const recordedDir = () => join(scenesDir, 'demo', 'recorded');
  const record = (name: string, seconds: number) => {
    mkdirSync(recordedDir(), { recursive: true });
    const wav = join(root, 'rec.wav');
    execFileSync('sox', ['-D', '-R', '-r', '22050', '-c', '1', '-n', '-b', '16', wav, 'synth', String(seconds), 'sine', '330']);
    execFileSync('lame', ['--silent', '-m', 'm', '--abr', '40', wav, join(recordedDir(), name)]);
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'redtour-narration-test-'));
    scenesDir = join(root, 'scenes');
    outDir = join(root, 'public', 'audio');
    writeScene([{ id: 'stop-a', narration: ['我们来到上海。', '1921年7月，大会在这里开幕。'] }]);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('speaks each sentence into one MP3 with increasing cues inside its duration', async () => {
    const report = await buildNarration({ scenesDir, outDir });
    const entry = manifest().stops['stop-a']!;
    expect(entry.origin).toBe('generated');
    expect(entry.generator).toMatch(/^espeak-ng \S+ -v cmn/);
    expect(entry.file).toBe('audio/demo/stop-a.mp3');
    expect(entry.textHash).toMatch(/^[0-9a-f]{64}$/);
    expect(entry.cues).toHaveLength(2);
    const [a, b] = entry.cues as [CueTime, CueTime];
    expect(a.start).toBe(0);
    expect(a.end).toBeGreaterThan(a.start);
    expect(b.start).toBeCloseTo(a.end + 0.45, 2);
    expect(b.end).toBeGreaterThan(b.start);
    expect(b.end).toBeLessThanOrEqual(entry.duration);
    const mp3 = readFileSync(join(outDir, 'demo', 'stop-a.mp3'));
    expect(mp3Duration(mp3)).toBeCloseTo(entry.duration, 1);
    expect(report.stops[0]).toMatchObject({ stop: 'stop-a', action: 'generated', bytes: mp3.length });
    expect(readFileSync(join(outDir, 'PROVENANCE.md'), 'utf8')).toMatch(/espeak-ng/i);
  });

  it('rebuilds byte-identically, and skips unchanged stops', async () => {
    await buildNarration({ scenesDir, outDir });
    const first = readFileSync(join(outDir, 'demo', 'stop-a.mp3'));
    const firstManifest = readFileSync(join(outDir, 'demo', 'manifest.json'));
    const again = await buildNarration({ scenesDir, outDir });
    expect(again.stops[0]!.action).toBe('unchanged');
    const forced = await buildNarration({ scenesDir, outDir, force: true });
    expect(forced.stops[0]!.action).toBe('generated');
    expect(readFileSync(join(outDir, 'demo', 'stop-a.mp3')).equals(first)).toBe(true);
    expect(readFileSync(join(outDir, 'demo', 'manifest.json')).equals(firstManifest)).toBe(true);
  });

  it('uses a recording without cues.json, spreading cues by sentence length', async () => {
    await buildNarration({ scenesDir, outDir });
    record('stop-a.mp3', 6);
    const report = await buildNarration({ scenesDir, outDir });
    const entry = manifest().stops['stop-a']!;
    expect(report.stops[0]!.action).toBe('recorded');
    expect(entry.origin).toBe('recorded');
    expect(entry.generator).toBeUndefined();
    expect(entry.duration).toBeCloseTo(6, 2);
    // 我们来到上海。 = 7, 1921年7月，大会在这里开幕。 = 16 characters.
    expect(entry.cues[0]!.start).toBe(0);
    expect(entry.cues[0]!.end).toBeCloseTo((6 * 7) / 23, 2);
    expect(entry.cues[1]!.end).toBeCloseTo(6, 2);
    expect(readFileSync(join(outDir, 'demo', 'stop-a.mp3')).equals(readFileSync(join(recordedDir(), 'stop-a.mp3')))).toBe(true);
  });

  it('copies other recording types as-is, uses cues.json, and removes the generated file', async () => {
    await buildNarration({ scenesDir, outDir });
    mkdirSync(recordedDir(), { recursive: true });
    execFileSync('sox', ['-D', '-R', '-r', '16000', '-c', '1', '-n', '-b', '16', join(recordedDir(), 'stop-a.wav'), 'synth', '5', 'sine', '300']);
    writeFileSync(join(recordedDir(), 'stop-a.cues.json'), JSON.stringify([{ start: 0.2, end: 2 }, { start: 2.5, end: 4.8 }]));
    const report = await buildNarration({ scenesDir, outDir });
    const entry = manifest().stops['stop-a']!;
    expect(entry.file).toBe('audio/demo/stop-a.wav');
    expect(entry.cues).toEqual([{ start: 0.2, end: 2 }, { start: 2.5, end: 4.8 }]);
    expect(existsSync(join(outDir, 'demo', 'stop-a.mp3'))).toBe(false);
    expect(report.removed).toContain('demo/stop-a.mp3');
  });

  it('rejects a cues.json whose count does not match, naming the file', async () => {
    record('stop-a.mp3', 4);
    writeFileSync(join(recordedDir(), 'stop-a.cues.json'), JSON.stringify([{ start: 0, end: 4 }]));
    await expect(buildNarration({ scenesDir, outDir })).rejects.toThrow(/recorded\/stop-a\.cues\.json: has 1 cue but the stop has 2 narration sentences/);
    expect(existsSync(join(outDir, 'demo', 'manifest.json'))).toBe(false);
  });

  it('rejects unreadable or ambiguous recordings, naming the file', async () => {
    mkdirSync(recordedDir(), { recursive: true });
    writeFileSync(join(recordedDir(), 'stop-a.ogg'), 'not audio');
    await expect(buildNarration({ scenesDir, outDir })).rejects.toThrow(/recorded\/stop-a\.ogg: cannot read the audio duration/);
    record('stop-a.mp3', 2);
    await expect(buildNarration({ scenesDir, outDir })).rejects.toThrow(/stop "stop-a" has 2 recordings \(stop-a\.mp3, stop-a\.ogg\)/);
  });

  it('names the scene file when the scene is invalid', async () => {
    writeFileSync(join(scenesDir, 'demo', 'scene.json'), '{ "id": "demo" ');
    await expect(buildNarration({ scenesDir, outDir })).rejects.toThrow(/scenes\/demo\/scene\.json: \$: not valid JSON/);
  });

  it('regenerates only edited stops and removes audio of stops that are gone', async () => {
    writeScene([
      { id: 'stop-a', narration: ['你好。'] },
      { id: 'stop-b', narration: ['再见。'] },
    ]);
    await buildNarration({ scenesDir, outDir });
    writeScene([{ id: 'stop-a', narration: ['你们好。'] }]);
    const report = await buildNarration({ scenesDir, outDir });
    expect(report.stops.map((s) => [s.stop, s.action])).toEqual([['stop-a', 'generated']]);
    expect(report.removed).toEqual(['demo/stop-b.mp3']);
    expect(readdirSync(join(outDir, 'demo')).sort()).toEqual(['manifest.json', 'stop-a.mp3']);
    expect(Object.keys(manifest().stops)).toEqual(['stop-a']);
  });

  it('reads four-digit years digit by digit', () => {
    expect(spokenForm('1921年7月，2005 年')).toBe('一九二一年7月，二零零五 年');
    expect(spokenForm('共13人')).toBe('共13人');
  });

  it('reads 地 as dì in place words and leaves the particle 地 (de) alone', () => {
    expect(spokenForm('井冈山革命根据地的土地革命')).toBe('井冈山革命根据弟的土弟革命');
    expect(spokenForm('确立了毛泽东的领导地位')).toBe('确立了毛泽东的领导弟位');
    expect(spokenForm('灵活地调动敌人，彻底地为人民')).toBe('灵活地调动敌人，彻底地为人民');
    expect(spokenForm('开天辟地，来自各地')).toBe('开天辟弟，来自各弟');
  });
});

/** Narration is written for the ear: each stop takes 30–90 seconds (issue 5). */
const STOP_SECONDS = { min: 30, max: 90 };

describe('committed narration of every base', () => {
  const scenes = loadAllScenes().flatMap((r) => (r.ok ? [r.scene] : []));
  it.each(scenes.map((s) => [s.id, s] as const))('%s: every stop has current audio, one cue per sentence, 30–90 s long', (baseId, scene) => {
    const manifestFile = join(ROOT, 'public/audio', baseId, 'manifest.json');
    expect(existsSync(manifestFile), `${manifestFile} missing: run npx tsx tools/narration/build.ts`).toBe(true);
    const manifest = NarrationManifestSchema.parse(JSON.parse(readFileSync(manifestFile, 'utf8')));
    const problems: string[] = [];
    for (const stop of scene.rooms.flatMap((r) => r.stops)) {
      const entry = manifest.stops[stop.id];
      const texts = stop.narration.map((c) => c.zh);
      if (!entry) {
        problems.push(`${stop.id}: no audio`);
        continue;
      }
      if (!existsSync(join(ROOT, 'public', entry.file))) problems.push(`${stop.id}: ${entry.file} missing`);
      if (entry.textHash !== textHash(texts)) problems.push(`${stop.id}: audio is stale (text changed since it was built)`);
      if (entry.cues.length !== texts.length) problems.push(`${stop.id}: ${entry.cues.length} cues for ${texts.length} sentences`);
      if (entry.cues.some((c, i) => c.start >= c.end || c.end > entry.duration + 0.01 || (i > 0 && c.start < entry.cues[i - 1]!.end)))
        problems.push(`${stop.id}: cues out of order or past the end`);
      if (entry.duration < STOP_SECONDS.min || entry.duration > STOP_SECONDS.max) problems.push(`${stop.id}: ${entry.duration.toFixed(1)} s, not ${STOP_SECONDS.min}–${STOP_SECONDS.max} s`);
    }
    expect(problems, 'rebuild with npx tsx tools/narration/build.ts').toEqual([]);
  });
});
