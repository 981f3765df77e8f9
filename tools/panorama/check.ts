/**
 * Checks the photos of a scene's panorama rooms on disk: present under public/, a JPEG or WebP
 * (by content, matching its name), 2:1, at most 4096×2048 and 2 MB. Run by `npm run validate`;
 * errors name the scene file, the room's `image` JSON path and the reason.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContentError, LoadResult } from '../../src/content/loader';
import { PANORAMA_LIMITS } from '../../src/content/panorama';

export interface ImageInfo {
  format: 'jpeg' | 'webp';
  width: number;
  height: number;
}

function jpegSize(b: Buffer): { width: number; height: number } | null {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    const length = b.readUInt16BE(i + 2);
    // SOF0–SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
    }
    if (marker === 0xda || marker === 0xd9) return null; // image data before any frame header
    i += 2 + length;
  }
  return null;
}

function webpSize(b: Buffer): { width: number; height: number } | null {
  if (b.length < 30) return null;
  const chunk = b.toString('latin1', 12, 16);
  if (chunk === 'VP8 ' && b[23] === 0x9d && b[24] === 0x01 && b[25] === 0x2a) {
    return { width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
  }
  if (chunk === 'VP8L' && b[20] === 0x2f) {
    const bits = b.readUInt32LE(21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') return { width: b.readUIntLE(24, 3) + 1, height: b.readUIntLE(27, 3) + 1 };
  return null;
}

/** Format and pixel size of a JPEG or WebP file's bytes, read from its headers; null for anything else. */
export function imageInfo(bytes: Buffer): ImageInfo | null {
  if (bytes.length > 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    const size = jpegSize(bytes);
    return size && { format: 'jpeg', ...size };
  }
  if (bytes.length > 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') {
    const size = webpSize(bytes);
    return size && { format: 'webp', ...size };
  }
  return null;
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** Problems with one photo file, as reasons (empty when it is fine). */
export function photoProblems(name: string, bytes: Buffer): string[] {
  const info = imageInfo(bytes);
  if (!info) return [`public/${name} is not a JPEG or WebP image`];
  const problems: string[] = [];
  const named = /\.webp$/i.test(name) ? 'webp' : 'jpeg';
  if (info.format !== named) problems.push(`public/${name} is a ${info.format === 'jpeg' ? 'JPEG' : 'WebP'} image but its name says ${named === 'jpeg' ? 'JPEG' : 'WebP'}`);
  const { width, height } = info;
  const L = PANORAMA_LIMITS;
  if (Math.abs(width / height - 2) > 2 * L.aspectTolerance)
    problems.push(`public/${name} is ${width}×${height}; a 360° photo must be 2:1 equirectangular (e.g. ${L.maxWidth}×${L.maxHeight})`);
  if (width > L.maxWidth || height > L.maxHeight)
    problems.push(`public/${name} is ${width}×${height}; at most ${L.maxWidth}×${L.maxHeight} (scale it down; the texture budget is 64 MB a stop)`);
  if (bytes.length > L.maxBytes) problems.push(`public/${name} is ${mb(bytes.length)}; at most ${mb(L.maxBytes)} (export with a lower JPEG/WebP quality, e.g. 80)`);
  return problems;
}

/** Checks every panorama room's photo of a validated scene against the files in `publicDir`. */
export function checkPanoramaPhotos(result: LoadResult, publicDir: string): ContentError[] {
  if (!result.ok) return [];
  const errors: ContentError[] = [];
  result.scene.rooms.forEach((room, r) => {
    if (room.type !== 'panorama') return;
    const at = { file: result.file, path: `$.rooms[${r}].image` };
    const path = join(publicDir, room.image);
    if (!existsSync(path)) {
      errors.push({ ...at, message: `public/${room.image} does not exist` });
      return;
    }
    for (const message of photoProblems(room.image, readFileSync(path))) errors.push({ ...at, message });
  });
  return errors;
}
