/**
 * Durations of audio files, read from their own headers: MP3 (frame headers, Xing/LAME tag),
 * MP4/M4A (`mvhd`), Ogg (Vorbis/Opus granule positions) and WAV (RIFF `fmt `/`data`).
 * `soxi -D` is tried first where sox can read the format; these parsers are the fallback, so
 * Debian's sox without libsox-fmt-mp3 still works.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Sample rate, sample frames and channels of a PCM WAV file. */
export interface WavInfo {
  rate: number;
  channels: number;
  bitsPerSample: number;
  frames: number;
  duration: number;
}

/** Reads a RIFF/WAVE header; `frames` counts sample frames (one per channel group). */
export function parseWav(buf: Buffer): WavInfo {
  if (buf.length < 12 || buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error('not a RIFF/WAVE file');
  }
  let pos = 12;
  let fmt: { channels: number; rate: number; blockAlign: number; bits: number } | undefined;
  while (pos + 8 <= buf.length) {
    const id = buf.toString('ascii', pos, pos + 4);
    let size = buf.readUInt32LE(pos + 4);
    const body = pos + 8;
    if (id === 'fmt ') {
      fmt = {
        channels: buf.readUInt16LE(body + 2),
        rate: buf.readUInt32LE(body + 4),
        blockAlign: buf.readUInt16LE(body + 12),
        bits: buf.readUInt16LE(body + 14),
      };
    } else if (id === 'data') {
      if (!fmt) throw new Error('WAV "data" chunk before "fmt "');
      // Streaming writers (espeak-ng to a pipe, for one) leave the size at 0 or 0xFFFFFFFF.
      if (size === 0 || size === 0xffffffff || body + size > buf.length) size = buf.length - body;
      if (fmt.rate <= 0 || fmt.blockAlign <= 0) throw new Error('WAV header has a zero rate or block size');
      const frames = Math.floor(size / fmt.blockAlign);
      return { rate: fmt.rate, channels: fmt.channels, bitsPerSample: fmt.bits, frames, duration: frames / fmt.rate };
    }
    pos = body + size + (size & 1);
  }
  throw new Error('WAV file has no "data" chunk');
}

const MP3_BITRATES = {
  // kbps by [version group][layer][index]; version group 1 = MPEG-1, 2 = MPEG-2 and 2.5.
  v1: [
    [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
    [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
    [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  ],
  v2: [
    [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
    [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
    [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  ],
} as const;
const MP3_RATES = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] } as const;

interface Mp3Frame {
  size: number;
  samples: number;
  rate: number;
  mpeg1: boolean;
  mono: boolean;
}

function mp3Frame(buf: Buffer, pos: number): Mp3Frame | undefined {
  if (pos + 4 > buf.length) return undefined;
  const h = buf.readUInt32BE(pos);
  if ((h & 0xffe00000) >>> 0 !== 0xffe00000) return undefined;
  const version = (h >>> 19) & 3; // 0 = 2.5, 1 = reserved, 2 = MPEG-2, 3 = MPEG-1
  const layerBits = (h >>> 17) & 3; // 1 = III, 2 = II, 3 = I
  const brIndex = (h >>> 12) & 15;
  const srIndex = (h >>> 10) & 3;
  if (version === 1 || layerBits === 0 || brIndex === 0 || brIndex === 15 || srIndex === 3) return undefined;
  const layer = 4 - layerBits; // 1, 2 or 3
  const mpeg1 = version === 3;
  const kbps = (mpeg1 ? MP3_BITRATES.v1 : MP3_BITRATES.v2)[layer - 1]![brIndex]!;
  const rate = MP3_RATES[version as 0 | 2 | 3][srIndex]!;
  const padding = (h >>> 9) & 1;
  const mono = ((h >>> 6) & 3) === 3;
  let size: number;
  let samples: number;
  if (layer === 1) {
    samples = 384;
    size = (Math.floor((12 * kbps * 1000) / rate) + padding) * 4;
  } else {
    samples = layer === 3 && !mpeg1 ? 576 : 1152;
    size = Math.floor(((samples / 8) * kbps * 1000) / rate) + padding;
  }
  return { size, samples, rate, mpeg1, mono };
}

function id3v2Size(buf: Buffer, pos: number): number {
  if (buf.length < pos + 10 || buf.toString('latin1', pos, pos + 3) !== 'ID3') return 0;
  const s = ((buf[pos + 6]! & 0x7f) << 21) | ((buf[pos + 7]! & 0x7f) << 14) | ((buf[pos + 8]! & 0x7f) << 7) | (buf[pos + 9]! & 0x7f);
  const footer = (buf[pos + 5]! & 0x10) !== 0 ? 10 : 0;
  return 10 + s + footer;
}

/**
 * Duration of an MP3 in seconds. Uses the Xing/Info frame count (and the LAME encoder delay and
 * padding when present, as gapless decoders do); otherwise counts every frame.
 */
export function mp3Duration(buf: Buffer): number {
  let pos = 0;
  for (let skip = id3v2Size(buf, pos); skip > 0; skip = id3v2Size(buf, pos)) pos += skip;
  // Find the first frame whose successor is also a frame (guards against false sync words).
  let first: Mp3Frame | undefined;
  for (; pos + 4 <= buf.length; pos++) {
    const f = mp3Frame(buf, pos);
    if (f && (pos + f.size >= buf.length || mp3Frame(buf, pos + f.size))) {
      first = f;
      break;
    }
  }
  if (!first) throw new Error('no MPEG audio frame found');

  const sideInfo = first.mpeg1 ? (first.mono ? 17 : 32) : first.mono ? 9 : 17;
  const xing = pos + 4 + sideInfo;
  const tag = buf.toString('latin1', xing, xing + 4);
  if (tag === 'Xing' || tag === 'Info') {
    const flags = buf.readUInt32BE(xing + 4);
    if (flags & 1) {
      const frames = buf.readUInt32BE(xing + 8);
      let after = xing + 8 + (flags & 1 ? 4 : 0) + (flags & 2 ? 4 : 0) + (flags & 4 ? 100 : 0) + (flags & 8 ? 4 : 0);
      let trim = 0;
      if (buf.toString('latin1', after, after + 4) === 'LAME' && after + 24 <= buf.length) {
        after += 21;
        const delay = (buf[after]! << 4) | (buf[after + 1]! >> 4);
        const padding = ((buf[after + 1]! & 0x0f) << 8) | buf[after + 2]!;
        trim = delay + padding;
      }
      return Math.max(0, frames * first.samples - trim) / first.rate;
    }
  }

  let samples = 0;
  let rate = first.rate;
  while (pos + 4 <= buf.length) {
    const f = mp3Frame(buf, pos);
    if (!f) {
      const rest = buf.toString('latin1', pos, pos + 3);
      if (rest === 'TAG' || rest === 'APE' || rest === 'LYR') break; // trailing ID3v1/APE/Lyrics tags
      pos++; // resynchronise past junk
      continue;
    }
    samples += f.samples;
    rate = f.rate;
    pos += f.size;
  }
  return samples / rate;
}

function mp4Boxes(buf: Buffer, start: number, end: number): { type: string; body: number; end: number }[] {
  const out: { type: string; body: number; end: number }[] = [];
  let pos = start;
  while (pos + 8 <= end) {
    let size = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    let body = pos + 8;
    if (size === 1) {
      size = Number(buf.readBigUInt64BE(pos + 8));
      body = pos + 16;
    } else if (size === 0) {
      size = end - pos;
    }
    if (size < body - pos || pos + size > end) throw new Error(`MP4 box "${type}" overruns the file`);
    out.push({ type, body, end: pos + size });
    pos += size;
  }
  return out;
}

/** Duration of an MP4/M4A file from its movie header (`moov/mvhd`). */
export function mp4Duration(buf: Buffer): number {
  const moov = mp4Boxes(buf, 0, buf.length).find((b) => b.type === 'moov');
  if (!moov) throw new Error('no "moov" box (not an MP4/M4A file, or the index is missing)');
  const mvhd = mp4Boxes(buf, moov.body, moov.end).find((b) => b.type === 'mvhd');
  if (!mvhd) throw new Error('no "mvhd" box in "moov"');
  const version = buf[mvhd.body]!;
  const p = mvhd.body + 4;
  const [scale, duration] =
    version === 1 ? [buf.readUInt32BE(p + 16), Number(buf.readBigUInt64BE(p + 20))] : [buf.readUInt32BE(p + 8), buf.readUInt32BE(p + 12)];
  if (!scale) throw new Error('"mvhd" has a zero timescale');
  return duration / scale;
}

/** Duration of an Ogg Vorbis or Ogg Opus file from the last granule position of its first stream. */
export function oggDuration(buf: Buffer): number {
  let pos = 0;
  let serial: number | undefined;
  let rate = 0;
  let preSkip = 0;
  let last = -1n;
  while (pos + 27 <= buf.length) {
    if (buf.toString('latin1', pos, pos + 4) !== 'OggS') throw new Error(`no Ogg page at byte ${pos}`);
    const granule = buf.readBigInt64LE(pos + 6);
    const pageSerial = buf.readUInt32LE(pos + 14);
    const segments = buf[pos + 26]!;
    let bodyLen = 0;
    for (let i = 0; i < segments; i++) bodyLen += buf[pos + 27 + i]!;
    const body = pos + 27 + segments;
    if (serial === undefined) {
      serial = pageSerial;
      if (buf.toString('latin1', body + 1, body + 7) === 'vorbis' && buf[body] === 1) rate = buf.readUInt32LE(body + 12);
      else if (buf.toString('latin1', body, body + 8) === 'OpusHead') {
        rate = 48000;
        preSkip = buf.readUInt16LE(body + 10);
      } else throw new Error('Ogg stream is neither Vorbis nor Opus');
    }
    if (pageSerial === serial && granule >= 0n) last = granule;
    pos = body + bodyLen;
  }
  if (!rate || last < 0n) throw new Error('Ogg file has no audio pages');
  return Math.max(0, Number(last) - preSkip) / rate;
}

/** The extensions a recorded narration file may have, in the order they are looked for. */
export const AUDIO_EXTENSIONS = ['mp3', 'm4a', 'ogg', 'wav'] as const;
export type AudioExtension = (typeof AUDIO_EXTENSIONS)[number];

/** Parses the file's own headers; throws with the reason when it cannot. */
export function parseDuration(buf: Buffer, ext: string): number {
  switch (ext.toLowerCase()) {
    case 'mp3':
      return mp3Duration(buf);
    case 'm4a':
    case 'mp4':
      return mp4Duration(buf);
    case 'ogg':
    case 'oga':
    case 'opus':
      return oggDuration(buf);
    case 'wav':
      return parseWav(buf).duration;
    default:
      throw new Error(`unsupported audio type ".${ext}"`);
  }
}

/**
 * Duration of an audio file in seconds: `soxi -D` if sox reads the format, else the file's
 * own headers. Throws an error naming the file when neither works.
 */
export async function audioDuration(file: string): Promise<number> {
  try {
    const { stdout } = await run('soxi', ['-D', file]);
    const d = Number.parseFloat(stdout.trim());
    if (Number.isFinite(d) && d > 0) return d;
  } catch {
    // sox lacks this format (e.g. mp3 without libsox-fmt-mp3): read the headers ourselves.
  }
  const ext = extname(file).slice(1);
  try {
    const d = parseDuration(await readFile(file), ext);
    if (!(Number.isFinite(d) && d > 0)) throw new Error('duration is zero');
    return d;
  } catch (err) {
    throw new Error(`${file}: cannot read the audio duration: ${(err as Error).message}`);
  }
}
