/**
 * Flat lettering for generated rooms (signboards, plaques): reads glyph outlines from a TrueType
 * font's `glyf` table and triangulates them with three.js, so a board carries real characters
 * instead of stand-in strokes. Only what the rooms need: cmap formats 4 and 12, simple glyphs and
 * composite glyphs placed by x/y offsets.
 *
 * The font is Noto Sans SC (SIL OFL 1.1, shipped on npm by @expo-google-fonts); drawing its
 * outlines into a model is use of the font, not redistribution of it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ShapeGeometry, ShapePath } from 'three';
import type { BufferGeometry } from 'three';
import { readTables } from '../font/sfnt';
import { concat, plain } from './geometry';

const require = createRequire(import.meta.url);

/** Noto Sans SC Bold (OFL-1.1) from @expo-google-fonts/noto-sans-sc. */
export const SIGN_FONT = require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf');

interface Point {
  x: number;
  y: number;
  on: boolean;
}

/** A parsed TrueType font: enough to look up a character and read its outline. */
export class GlyphFont {
  readonly unitsPerEm: number;
  private readonly glyf: Buffer;
  private readonly offsets: number[];
  private readonly cmap: Buffer;

  constructor(file: string) {
    const tables = readTables(readFileSync(file));
    const need = (tag: string) => {
      const t = tables.get(tag);
      if (!t) throw new Error(`${file}: font has no ${tag} table (a TrueType-outline font is needed)`);
      return t;
    };
    const head = need('head');
    this.unitsPerEm = head.readUInt16BE(18);
    const longLoca = head.readInt16BE(50) === 1;
    const loca = need('loca');
    const count = need('maxp').readUInt16BE(4);
    this.offsets = Array.from({ length: count + 1 }, (_, i) => (longLoca ? loca.readUInt32BE(i * 4) : loca.readUInt16BE(i * 2) * 2));
    this.glyf = need('glyf');
    this.cmap = need('cmap');
  }

  /** The glyph id of a code point (0 when the font lacks it). */
  glyphId(code: number): number {
    const t = this.cmap;
    const n = t.readUInt16BE(2);
    for (let i = 0; i < n; i++) {
      const platform = t.readUInt16BE(4 + i * 8);
      const encoding = t.readUInt16BE(6 + i * 8);
      const at = t.readUInt32BE(8 + i * 8);
      if (!(platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10)))) continue;
      const format = t.readUInt16BE(at);
      if (format === 12) {
        const groups = t.readUInt32BE(at + 12);
        for (let g = 0; g < groups; g++) {
          const p = at + 16 + g * 12;
          const start = t.readUInt32BE(p);
          const end = t.readUInt32BE(p + 4);
          if (code >= start && code <= end) return t.readUInt32BE(p + 8) + (code - start);
        }
      } else if (format === 4 && code <= 0xffff) {
        const segX2 = t.readUInt16BE(at + 6);
        const ends = at + 14;
        const starts = ends + segX2 + 2;
        const deltas = starts + segX2;
        const ranges = deltas + segX2;
        for (let s = 0; s < segX2; s += 2) {
          if (code > t.readUInt16BE(ends + s)) continue;
          const start = t.readUInt16BE(starts + s);
          if (code < start) break;
          const delta = t.readUInt16BE(deltas + s);
          const rangeOffset = t.readUInt16BE(ranges + s);
          if (rangeOffset === 0) return (code + delta) & 0xffff;
          const g = t.readUInt16BE(ranges + s + rangeOffset + 2 * (code - start));
          return g === 0 ? 0 : (g + delta) & 0xffff;
        }
      }
    }
    return 0;
  }

  /** The contours of a glyph in font units (y up), composites resolved. */
  contours(id: number, depth = 0): Point[][] {
    const start = this.offsets[id]!;
    const end = this.offsets[id + 1]!;
    if (end <= start) return [];
    const g = this.glyf;
    const n = g.readInt16BE(start);
    if (n < 0) {
      if (depth > 4) throw new Error(`glyph ${id}: composite glyphs nested too deep`);
      const out: Point[][] = [];
      let p = start + 10;
      for (;;) {
        const flags = g.readUInt16BE(p);
        const child = g.readUInt16BE(p + 2);
        p += 4;
        let dx: number;
        let dy: number;
        if (flags & 0x0001) {
          dx = g.readInt16BE(p);
          dy = g.readInt16BE(p + 2);
          p += 4;
        } else {
          dx = g.readInt8(p);
          dy = g.readInt8(p + 1);
          p += 2;
        }
        if (!(flags & 0x0002)) throw new Error(`glyph ${id}: composite placed by point matching is not supported`);
        if (flags & (0x0008 | 0x0040 | 0x0080)) throw new Error(`glyph ${id}: scaled composite parts are not supported`);
        for (const c of this.contours(child, depth + 1)) out.push(c.map((q) => ({ x: q.x + dx, y: q.y + dy, on: q.on })));
        if (!(flags & 0x0020)) break;
      }
      return out;
    }
    const endPts = Array.from({ length: n }, (_, i) => g.readUInt16BE(start + 10 + i * 2));
    const total = n === 0 ? 0 : endPts[n - 1]! + 1;
    let p = start + 10 + n * 2;
    p += 2 + g.readUInt16BE(p); // instructions
    const flags: number[] = [];
    while (flags.length < total) {
      const f = g.readUInt8(p++);
      flags.push(f);
      if (f & 0x08) {
        const repeat = g.readUInt8(p++);
        for (let r = 0; r < repeat; r++) flags.push(f);
      }
    }
    const read = (short: number, same: number) => {
      const out: number[] = [];
      let v = 0;
      for (const f of flags) {
        if (f & short) {
          const d = g.readUInt8(p++);
          v += f & same ? d : -d;
        } else if (!(f & same)) {
          v += g.readInt16BE(p);
          p += 2;
        }
        out.push(v);
      }
      return out;
    };
    const xs = read(0x02, 0x10);
    const ys = read(0x04, 0x20);
    const out: Point[][] = [];
    let first = 0;
    for (const last of endPts) {
      const c: Point[] = [];
      for (let i = first; i <= last; i++) c.push({ x: xs[i]!, y: ys[i]!, on: (flags[i]! & 0x01) !== 0 });
      out.push(c);
      first = last + 1;
    }
    return out;
  }
}

/** Adds one TrueType contour (quadratic B-splines with implied on-curve points) to a path. */
function trace(path: ShapePath, c: Point[], k: number, ox: number, oy: number): void {
  if (c.length < 2) return;
  const mid = (a: Point, b: Point): Point => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2, on: true });
  // start on an on-curve point (or the midpoint of two off-curve ones)
  let s = c.findIndex((q) => q.on);
  const pts = s >= 0 ? [...c.slice(s), ...c.slice(0, s)] : [mid(c[c.length - 1]!, c[0]!), ...c];
  s = 0;
  const X = (q: Point) => ox + q.x * k;
  const Y = (q: Point) => oy + q.y * k;
  path.moveTo(X(pts[0]!), Y(pts[0]!));
  for (let i = 1; i <= pts.length; i++) {
    const q = pts[i % pts.length]!;
    if (q.on) {
      path.lineTo(X(q), Y(q));
      continue;
    }
    const next = pts[(i + 1) % pts.length]!;
    const to = next.on ? next : mid(q, next);
    path.quadraticCurveTo(X(q), Y(q), X(to), Y(to));
    if (next.on) i++;
  }
}

/** Options for {@link lettering}. */
export interface LetteringOptions {
  /** Em size in metres (the height of a full-width character cell). */
  size: number;
  /** Distance between character centres, metres (default: the em size). */
  pitch?: number;
  /** Straight segments per curve (default 3). */
  curveSegments?: number;
}

/**
 * A row of characters as flat geometry in the x-y plane facing +z, centred on x = 0 with the em
 * box centred on y = 0 (so place it with `place`). Throws on a character the font lacks.
 */
export function lettering(font: GlyphFont, text: string, o: LetteringOptions): BufferGeometry {
  const chars = [...text];
  const k = o.size / font.unitsPerEm;
  const pitch = o.pitch ?? o.size;
  const parts: BufferGeometry[] = [];
  chars.forEach((ch, i) => {
    const id = font.glyphId(ch.codePointAt(0)!);
    if (id === 0) throw new Error(`lettering: the font has no glyph for "${ch}"`);
    const path = new ShapePath();
    // CJK glyphs sit on an em box from descender (−0.12 em) to ascender (0.88 em) in Noto Sans SC
    const ox = (i - (chars.length - 1) / 2) * pitch - o.size / 2;
    const oy = -o.size * 0.38;
    for (const c of font.contours(id)) trace(path, c, k, ox, oy);
    // three sorts contours into solids and holes by containment (even-odd), whatever their winding
    const shapes = path.toShapes();
    if (shapes.length) parts.push(plain(new ShapeGeometry(shapes, o.curveSegments ?? 3)));
  });
  return concat(parts);
}
