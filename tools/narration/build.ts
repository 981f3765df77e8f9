/**
 * Builds the narration audio: for every `scenes/<base>/scene.json` and every stop, one audio file
 * `public/audio/<base>/<stop>.<ext>` and one `public/audio/<base>/manifest.json` with cue times
 * (one per narration sentence).
 *
 * - Generated (default): each zh sentence is spoken by espeak-ng, trailing silence trimmed, joined
 *   with 0.45 s pauses (sox) and encoded to mono MP3 (lame); cue times come from the WAV sample
 *   counts. A stop whose text, origin and settings are unchanged and whose file exists is skipped.
 * - Recorded: `scenes/<base>/recorded/<stop>.(mp3|m4a|ogg|wav)` is copied as-is and wins; its
 *   cues come from `<stop>.cues.json` or are spread over its duration by sentence length.
 *
 * Usage: npx tsx tools/narration/build.ts [--force] [--scenes <dir>] [--out <dir>]
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  NarrationManifestSchema,
  proportionalCues,
  round3,
  type CueTime,
  type NarrationManifest,
  type StopAudio,
} from '../../src/audio/cues';
import { formatError, loadScene } from '../../src/content/loader';
import type { Scene } from '../../src/content/schema';
import { AUDIO_EXTENSIONS, audioDuration, parseWav } from './audioInfo';

const run = promisify(execFile);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Text-to-speech settings. Debian's espeak-ng `cmn` voice lacks many Hanzi and spells them as
 * pinyin read by the English voice ("guo two"); its `cmn-latn-pinyin` variant reads that pinyin
 * as Mandarin, so every character is spoken in Mandarin.
 */
export const TTS = {
  voice: 'cmn-latn-pinyin',
  speed: 160,
  pitch: 45,
  /** Silence between sentences, seconds. */
  pause: 0.45,
  /** ABR 40 on 22.05 kHz mono averages ~48 kbit/s and, unlike CBR at this rate, has room for the
   *  Xing/LAME header, which gives browsers the exact length and gapless start. */
  lame: ['-m', 'm', '--abr', '40'],
} as const;

/** One stop's result. */
export interface StopReport {
  base: string;
  stop: string;
  file: string;
  origin: StopAudio['origin'];
  action: 'generated' | 'unchanged' | 'recorded';
  duration: number;
  bytes: number;
  cues: CueTime[];
}

export interface Report {
  stops: StopReport[];
  /** Paths (under outDir) of files and folders removed because their stop or base is gone. */
  removed: string[];
  warnings: string[];
}

/** Thrown with every problem found; each line names the file and the reason. */
export class NarrationBuildError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'NarrationBuildError';
  }
}

export interface BuildOptions {
  scenesDir: string;
  outDir: string;
  force?: boolean;
  /** Progress lines (default: silent). */
  log?: (line: string) => void;
}

interface Recorded {
  file: string;
  ext: string;
  duration: number;
  cues: CueTime[];
}

interface StopPlan {
  base: string;
  stop: string;
  texts: string[];
  textHash: string;
  recorded?: Recorded;
}

/** sha256 (hex) of the zh texts as a JSON array: any edit, split or merge changes it. */
export function textHash(texts: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify(texts)).digest('hex');
}

/** No dither (-D) and fixed seeds (-R): the same input gives the same bytes. */
const SOX = ['-D', '-R'];

const DIGITS = '零一二三四五六七八九';

/**
 * Words in which 地 is dì (earth, place). espeak-ng's Mandarin dictionary reads every 地 as the
 * particle de (坚定地, "firmly"), so 土地, 根据地 and 领导地位 came out as "tǔ de", "gēnjù de",
 * "lǐngdǎo de wèi". In these words it is given 弟 (also dì) instead; the subtitles keep 地.
 * A 地 outside the list stays the particle.
 */
const DI_WORDS = [
  '土地', '根据地', '地区', '地方', '地点', '地名', '地图', '地位', '地势', '地形', '地主', '地下', '地理',
  '各地', '当地', '等地', '本地', '外地', '内地', '驻地', '营地', '阵地', '基地', '场地', '圣地', '菜地', '种地',
  '所在地', '陆地', '山地', '高地', '腹地', '实地', '大地', '天地', '辟地', '遍地', '就地',
];
const DI_PATTERN = new RegExp(DI_WORDS.join('|'), 'g');
/** Named in the generator string, so that editing the list regenerates the stops (unchanged ones come out byte for byte the same). */
const DI_LIST_ID = createHash('sha256').update(JSON.stringify(DI_WORDS)).digest('hex').slice(0, 8);

/**
 * What espeak-ng is given: years are read digit by digit (1921年 → 一九二一年), as people say
 * them, and 地 in the {@link DI_WORDS} is read dì.
 */
export function spokenForm(text: string): string {
  return text
    .replace(/\d{4}(?=\s*年)/g, (y) => [...y].map((d) => DIGITS[Number(d)]).join(''))
    .replace(DI_PATTERN, (word) => word.replaceAll('地', '弟'));
}

function display(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/** Every stop of a scene in reading order. */
function stopsOf(scene: Scene) {
  return scene.rooms.flatMap((room) => room.stops);
}

function validateCueFile(file: string, raw: string, count: number, duration: number): CueTime[] | string {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (err) {
    return `${file}: not valid JSON: ${(err as Error).message}`;
  }
  if (!Array.isArray(data)) return `${file}: must be an array of {"start": seconds, "end": seconds}`;
  if (data.length !== count)
    return `${file}: has ${data.length} cue${data.length === 1 ? '' : 's'} but the stop has ${count} narration sentence${count === 1 ? '' : 's'}; give one {start, end} per sentence`;
  const cues: CueTime[] = [];
  for (const [i, c] of data.entries()) {
    const start = (c as { start?: unknown } | null)?.start;
    const end = (c as { end?: unknown } | null)?.end;
    if (typeof start !== 'number' || typeof end !== 'number' || !Number.isFinite(start) || !Number.isFinite(end))
      return `${file}: cue ${i} must be {"start": seconds, "end": seconds}`;
    if (start < 0 || end < start) return `${file}: cue ${i} must have 0 ≤ start ≤ end (got ${start}..${end})`;
    if (end > duration + 0.05) return `${file}: cue ${i} ends at ${end} s, after the recording's end (${round3(duration)} s)`;
    const prev = cues[i - 1];
    if (prev && start < prev.start) return `${file}: cue ${i} starts before cue ${i - 1}; cues must be in order`;
    cues.push({ start: round3(start), end: round3(Math.min(end, duration)) });
  }
  return cues;
}

/** Reads every scene and recording; collects all problems before anything is written. */
async function plan(scenesDir: string, problems: string[], warnings: string[]): Promise<Map<string, StopPlan[]>> {
  const bases = new Map<string, StopPlan[]>();
  if (!existsSync(scenesDir)) {
    problems.push(`${display(scenesDir)}: scenes folder not found`);
    return bases;
  }
  const dirs = (await readdir(scenesDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  for (const dir of dirs) {
    const sceneFile = join(scenesDir, dir, 'scene.json');
    if (!existsSync(sceneFile)) continue;
    const loaded = loadScene(display(sceneFile), await readFile(sceneFile, 'utf8'));
    if (!loaded.ok) {
      problems.push(...loaded.errors.map(formatError));
      continue;
    }
    const scene = loaded.scene;
    const stops = stopsOf(scene);
    const recordedDir = join(scenesDir, dir, 'recorded');
    const recordedFiles = existsSync(recordedDir) ? (await readdir(recordedDir)).sort() : [];
    const plans: StopPlan[] = [];
    for (const stop of stops) {
      const texts = stop.narration.map((c) => c.zh);
      const p: StopPlan = { base: scene.id, stop: stop.id, texts, textHash: textHash(texts) };
      // Extensions match case-insensitively (STOP.MP3 from a recorder); the copy gets a lower-case one.
      const found = recordedFiles.filter((n) => AUDIO_EXTENSIONS.some((ext) => n.toLowerCase() === `${stop.id}.${ext}`));
      if (found.length > 1) {
        problems.push(`${display(join(recordedDir, found[0]!))}: stop "${stop.id}" has ${found.length} recordings (${found.join(', ')}); keep one`);
      } else if (found.length === 1) {
        const ext = found[0]!.slice(stop.id.length + 1).toLowerCase();
        const file = join(recordedDir, found[0]!);
        try {
          const duration = await audioDuration(file);
          const cueFile = join(recordedDir, `${stop.id}.cues.json`);
          let cues: CueTime[];
          if (existsSync(cueFile)) {
            const checked = validateCueFile(display(cueFile), await readFile(cueFile, 'utf8'), texts.length, duration);
            if (typeof checked === 'string') {
              problems.push(checked);
              continue;
            }
            cues = checked;
          } else cues = proportionalCues(texts, duration);
          p.recorded = { file, ext, duration, cues };
        } catch (err) {
          problems.push(`${display(file)}: ${(err as Error).message.replace(`${file}: `, '')}`);
          continue;
        }
      }
      plans.push(p);
    }
    const ids = new Set(stops.map((s) => s.id));
    for (const name of recordedFiles) {
      const stem = name.replace(/\.cues\.json$/, '').replace(/\.[^.]+$/, '');
      const known = /\.cues\.json$/.test(name) || AUDIO_EXTENSIONS.some((e) => name.toLowerCase().endsWith(`.${e}`));
      if (known && !ids.has(stem)) warnings.push(`${display(join(recordedDir, name))}: no stop "${stem}" in ${display(sceneFile)}; ignored`);
      else if (/\.cues\.json$/.test(name) && !plans.some((p) => p.stop === stem && p.recorded))
        warnings.push(`${display(join(recordedDir, name))}: no recording of stop "${stem}" next to it; ignored`);
    }
    if (bases.has(scene.id)) problems.push(`${display(sceneFile)}: base id "${scene.id}" is used by another scene`);
    bases.set(scene.id, plans);
  }
  return bases;
}

interface Versions {
  espeak: string;
  lame: string;
}
let versions: Promise<Versions> | undefined;

async function toolVersion(cmd: string, args: string[], re: RegExp, hint: string): Promise<string> {
  try {
    const { stdout, stderr } = await run(cmd, args);
    return re.exec(stdout + stderr)?.[1] ?? 'unknown';
  } catch {
    throw new Error(`${cmd} not found or not working: ${hint}`);
  }
}

function toolVersions(): Promise<Versions> {
  versions ??= Promise.all([
    toolVersion('espeak-ng', ['--version'], /text-to-speech:\s*([\w.+-]+)/, 'install espeak-ng (apt-get install espeak-ng)'),
    toolVersion('lame', ['--version'], /version\s+([\w.+-]+)/i, 'install lame (apt-get install lame)'),
    toolVersion('sox', ['--version'], /v([\d.]+)/, 'install sox (apt-get install sox)'),
  ]).then(([espeak, lame]) => ({ espeak, lame }));
  return versions;
}

/** The `generator` string of a generated file. */
export function generatorString(v: Versions): string {
  return (
    `espeak-ng ${v.espeak} -v ${TTS.voice} -s ${TTS.speed} -p ${TTS.pitch} (years read digit by digit, 地 read dì in place words, list ${DI_LIST_ID}); ` +
    `sox: trailing silence trimmed, ${TTS.pause} s between sentences; lame ${v.lame} ${TTS.lame.join(' ')}`
  );
}

/** Settings without tool versions: a newer espeak-ng alone does not regenerate every file. */
function settingsOf(generator: string | undefined): string {
  return (generator ?? '').replace(/\b(espeak-ng|lame) [\w.+-]+/g, '$1');
}

/** Speaks the texts into one WAV; returns the cue times from the sample counts. */
async function synthesize(texts: readonly string[], work: string): Promise<{ wav: string; cues: CueTime[]; duration: number }> {
  const parts: string[] = [];
  const frames: number[] = [];
  let rate = 0;
  for (const [i, text] of texts.entries()) {
    const txt = join(work, `cue-${i}.txt`);
    const raw = join(work, `cue-${i}.raw.wav`);
    const wav = join(work, `cue-${i}.wav`);
    await writeFile(txt, spokenForm(text), 'utf8');
    await run('espeak-ng', ['-v', TTS.voice, '-s', String(TTS.speed), '-p', String(TTS.pitch), '-b', '1', '-w', raw, '-f', txt]);
    // espeak-ng ends each utterance with ~0.35 s of near-silence; trim it so every gap is the same pause.
    await run('sox', [...SOX, raw, wav, 'reverse', 'silence', '1', '0.01', '0.1%', 'reverse']);
    let info = parseWav(await readFile(wav));
    let part = wav;
    if (info.frames === 0) {
      info = parseWav(await readFile(raw));
      part = raw;
    }
    if (info.frames === 0) throw new Error(`espeak-ng produced no audio for sentence ${i + 1} ("${text}")`);
    if (rate && info.rate !== rate) throw new Error(`espeak-ng changed sample rate between sentences (${rate} → ${info.rate})`);
    if (info.channels !== 1) throw new Error(`espeak-ng produced ${info.channels} channels; expected mono`);
    rate = info.rate;
    parts.push(part);
    frames.push(info.frames);
  }
  const pauseFrames = Math.round(TTS.pause * rate);
  const pause = join(work, 'pause.wav');
  await run('sox', [...SOX, '-r', String(rate), '-c', '1', '-n', '-b', '16', '-e', 'signed-integer', pause, 'trim', '0', `${pauseFrames}s`]);
  const joined = join(work, 'stop.wav');
  const inputs = parts.flatMap((p, i) => (i === 0 ? [p] : [pause, p]));
  await run('sox', [...SOX, ...inputs, joined]);
  const total = parseWav(await readFile(joined)).frames;
  const expected = frames.reduce((a, b) => a + b, 0) + pauseFrames * (parts.length - 1);
  if (total !== expected) throw new Error(`sox joined ${total} samples, expected ${expected}`);
  const cues: CueTime[] = [];
  let at = 0;
  for (const n of frames) {
    cues.push({ start: round3(at / rate), end: round3((at + n) / rate) });
    at += n + pauseFrames;
  }
  return { wav: joined, cues, duration: round3(total / rate) };
}

/** Pretty JSON with one line per cue, so diffs of a retimed stop stay readable. */
export function manifestJson(manifest: NarrationManifest): string {
  return `${JSON.stringify(manifest, null, 2).replace(/\{\s+"start": ([^,\s]+),\s+"end": ([^\s]+)\s+\}/g, '{ "start": $1, "end": $2 }')}\n`;
}

async function readPrevious(file: string, warnings: string[]): Promise<NarrationManifest | undefined> {
  if (!existsSync(file)) return undefined;
  try {
    const parsed = NarrationManifestSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    if (parsed.success) return parsed.data;
    warnings.push(`${display(file)}: not a valid manifest (${parsed.error.issues[0]?.message}); rebuilding every stop`);
  } catch (err) {
    warnings.push(`${display(file)}: unreadable (${(err as Error).message}); rebuilding every stop`);
  }
  return undefined;
}

async function sameBytes(a: string, b: string): Promise<boolean> {
  if (!existsSync(b)) return false;
  const [sa, sb] = await Promise.all([stat(a), stat(b)]);
  if (sa.size !== sb.size) return false;
  const [ba, bb] = await Promise.all([readFile(a), readFile(b)]);
  return ba.equals(bb);
}

async function pool<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<unknown[]> {
  const errors: unknown[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      try {
        await fn(item);
      } catch (err) {
        errors.push(err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return errors;
}

const AUDIO_FILE = new RegExp(`\\.(?:${AUDIO_EXTENSIONS.join('|')})(?:\\.tmp)?$`);

function provenance(manifests: NarrationManifest[]): string {
  const rows = manifests.flatMap((m) =>
    Object.values(m.stops).map((s) => `| \`${s.file}\` | ${s.origin} | ${s.duration.toFixed(1)} s | ${s.origin === 'generated' ? s.generator ?? '' : `scenes/${m.base}/recorded/`} |`),
  );
  return `# Narration audio: provenance

Built by \`tools/narration/build.ts\` (\`npx tsx tools/narration/build.ts\`, \`--force\` to rebuild all);
this file is rewritten by that tool. Each \`<base>/manifest.json\` lists, per stop, the file, its
duration, one cue time per narration sentence, its origin and a hash of the text it speaks.

## Generated audio (\`origin: "generated"\`)

Synthesised from the zh narration text of \`scenes/<base>/scene.json\` (the project's own text) by
[eSpeak NG](https://github.com/espeak-ng/espeak-ng), Mandarin voice \`${TTS.voice}\`, joined with SoX and
encoded to mono MP3 by LAME. The exact command and versions are in each manifest's \`generator\`.

- eSpeak NG is free software under the GNU GPL v3 or later. It is used only as a build tool and is
  not shipped with the app; the speech it outputs is program output, not a copy of eSpeak NG, and
  the GPL places no terms on it. The words spoken are the project's narration text.
- SoX (GPL/LGPL) and LAME (LGPL) are likewise build tools only.
- The voice is robotic by design of the synthesiser: a placeholder until recorded narration exists.

## Recorded audio (\`origin: "recorded"\`)

A branch replaces any generated file by putting its own recording in
\`scenes/<base>/recorded/<stop-id>.mp3\` (or \`.m4a\`, \`.ogg\`, \`.wav\`), optionally with
\`<stop-id>.cues.json\` (\`[{"start": s, "end": s}, …]\`, one per sentence). Recorded files are the
branch's own work; the branch documents speaker, date and licence next to them in
\`scenes/<base>/recorded/\`. They are copied here byte for byte.

## Files

| file | origin | duration | generator / source |
| --- | --- | --- | --- |
${rows.join('\n')}
`;
}

/**
 * Builds narration audio and manifests for every scene under `scenesDir` into `outDir`
 * (`public/audio`). Throws `NarrationBuildError` listing every problem (each naming its file)
 * before writing anything when the input is wrong.
 */
export async function buildNarration(opts: BuildOptions): Promise<Report> {
  const log = opts.log ?? (() => undefined);
  const scenesDir = resolve(opts.scenesDir);
  const outDir = resolve(opts.outDir);
  const problems: string[] = [];
  const warnings: string[] = [];
  const bases = await plan(scenesDir, problems, warnings);
  if (problems.length) throw new NarrationBuildError(problems);

  await mkdir(outDir, { recursive: true });
  const report: Report = { stops: [], removed: [], warnings };
  const manifests: NarrationManifest[] = [];
  const work = await mkdtemp(join(tmpdir(), 'redtour-narration-'));
  try {
    for (const [base, plans] of bases) {
      const baseDir = join(outDir, base);
      await mkdir(baseDir, { recursive: true });
      const manifestFile = join(baseDir, 'manifest.json');
      const previous = await readPrevious(manifestFile, warnings);
      const entries = new Map<string, StopAudio>();
      const results = new Map<string, StopReport>();

      const failures = await pool(plans, Math.min(4, availableParallelism()), async (p) => {
        let entry: StopAudio;
        let action: StopReport['action'];
        if (p.recorded) {
          const name = `${p.stop}.${p.recorded.ext}`;
          const target = join(baseDir, name);
          if (!(await sameBytes(p.recorded.file, target))) {
            await copyFile(p.recorded.file, `${target}.tmp`);
            await rename(`${target}.tmp`, target);
          }
          entry = { file: `audio/${base}/${name}`, duration: round3(p.recorded.duration), cues: p.recorded.cues, origin: 'recorded', textHash: p.textHash };
          action = 'recorded';
        } else {
          const file = `audio/${base}/${p.stop}.mp3`;
          const target = join(outDir, base, `${p.stop}.mp3`);
          const prev = previous?.stops[p.stop];
          const reuse =
            !opts.force &&
            prev?.origin === 'generated' &&
            prev.file === file &&
            prev.textHash === p.textHash &&
            prev.cues.length === p.texts.length &&
            settingsOf(prev.generator) === settingsOf(generatorString({ espeak: 'x', lame: 'x' })) &&
            existsSync(target);
          if (reuse && prev) {
            entry = prev;
            action = 'unchanged';
          } else {
            const v = await toolVersions();
            const dir = await mkdtemp(join(work, `${base}-${p.stop}-`));
            try {
              const { wav, cues, duration } = await synthesize(p.texts, dir);
              await run('lame', ['--silent', ...TTS.lame, wav, `${target}.tmp`]);
              await rename(`${target}.tmp`, target);
              entry = { file, duration, cues, origin: 'generated', generator: generatorString(v), textHash: p.textHash };
            } catch (err) {
              throw new Error(`${display(target)} (stop "${p.stop}" of ${base}): ${(err as Error).message}`);
            }
            action = 'generated';
          }
        }
        const bytes = (await stat(join(outDir, entry.file.replace(/^audio\//, '')))).size;
        entries.set(p.stop, entry);
        results.set(p.stop, { base, stop: p.stop, file: entry.file, origin: entry.origin, action, duration: entry.duration, bytes, cues: entry.cues });
        log(`${action.padEnd(9)} ${entry.file}  ${entry.duration.toFixed(2)} s  ${bytes} B`);
      });
      if (failures.length) throw new NarrationBuildError(failures.map((e) => (e as Error).message));

      // Scene order, so the manifest is stable whatever order the workers finished in.
      const manifest: NarrationManifest = { base, stops: {} };
      for (const p of plans) {
        manifest.stops[p.stop] = entries.get(p.stop)!;
        report.stops.push(results.get(p.stop)!);
      }
      NarrationManifestSchema.parse(manifest);
      await writeFile(manifestFile, manifestJson(manifest));
      manifests.push(manifest);

      const keep = new Set(Object.values(manifest.stops).map((s) => s.file.split('/').pop()));
      for (const name of (await readdir(baseDir)).sort()) {
        if (AUDIO_FILE.test(name) && !keep.has(name)) {
          await rm(join(baseDir, name), { force: true });
          report.removed.push(`${base}/${name}`);
          log(`removed   ${base}/${name}`);
        }
      }
    }

    // Bases whose scene is gone: only folders this tool made (they hold a manifest).
    for (const d of (await readdir(outDir, { withFileTypes: true })).filter((e) => e.isDirectory())) {
      if (!bases.has(d.name) && existsSync(join(outDir, d.name, 'manifest.json'))) {
        await rm(join(outDir, d.name), { recursive: true, force: true });
        report.removed.push(`${d.name}/`);
        log(`removed   ${d.name}/`);
      }
    }
    await writeFile(join(outDir, 'PROVENANCE.md'), provenance(manifests));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return report;
}

async function main(argv: string[]): Promise<void> {
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const scenesDir = arg('--scenes') ?? join(ROOT, 'scenes');
  const outDir = arg('--out') ?? join(ROOT, 'public/audio');
  const started = Date.now();
  try {
    const report = await buildNarration({ scenesDir, outDir, force: argv.includes('--force'), log: (l) => console.log(l) });
    for (const w of report.warnings) console.warn(`warning: ${w}`);
    const bytes = report.stops.reduce((a, s) => a + s.bytes, 0);
    const seconds = report.stops.reduce((a, s) => a + s.duration, 0);
    const built = report.stops.filter((s) => s.action !== 'unchanged').length;
    console.log(
      `narration: ${report.stops.length} stops (${built} built, ${report.stops.length - built} unchanged), ` +
        `${seconds.toFixed(1)} s of audio, ${(bytes / 1024).toFixed(0)} KiB, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } catch (err) {
    if (err instanceof NarrationBuildError) for (const p of err.problems) console.error(`error: ${p}`);
    else console.error(err);
    process.exitCode = 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) void main(process.argv.slice(2));
