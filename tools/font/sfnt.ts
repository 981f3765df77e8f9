/**
 * Just enough of the SFNT (TTF/OTF) and WOFF 1.0 formats to read which characters a font maps
 * (`cmap`) and how many glyphs it has (`maxp`). WOFF tables may be zlib-compressed.
 */
import { inflateSync } from 'node:zlib';

/** Returns a table's bytes (decompressed), or undefined when the font lacks it. */
export function readTables(font: Buffer): Map<string, Buffer> {
  const tables = new Map<string, Buffer>();
  const signature = font.toString('latin1', 0, 4);
  if (signature === 'wOFF') {
    const count = font.readUInt16BE(12);
    for (let i = 0; i < count; i++) {
      const at = 44 + i * 20;
      const tag = font.toString('latin1', at, at + 4);
      const offset = font.readUInt32BE(at + 4);
      const compLength = font.readUInt32BE(at + 8);
      const origLength = font.readUInt32BE(at + 12);
      const data = font.subarray(offset, offset + compLength);
      tables.set(tag, compLength < origLength ? inflateSync(data) : Buffer.from(data));
    }
  } else if (signature === 'wOF2') {
    throw new Error('WOFF2 is not supported here (and troika-three-text cannot read it): use WOFF, TTF or OTF');
  } else if (signature === '\x00\x01\x00\x00' || signature === 'OTTO' || signature === 'true') {
    const count = font.readUInt16BE(4);
    for (let i = 0; i < count; i++) {
      const at = 12 + i * 16;
      const tag = font.toString('latin1', at, at + 4);
      const offset = font.readUInt32BE(at + 8);
      const length = font.readUInt32BE(at + 12);
      tables.set(tag, Buffer.from(font.subarray(offset, offset + length)));
    }
  } else {
    throw new Error(`not a font file (signature ${JSON.stringify(signature)})`);
  }
  return tables;
}

function addFormat4(t: Buffer, at: number, out: Set<number>): void {
  const segX2 = t.readUInt16BE(at + 6);
  const ends = at + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const ranges = deltas + segX2;
  for (let s = 0; s < segX2; s += 2) {
    const end = t.readUInt16BE(ends + s);
    const start = t.readUInt16BE(starts + s);
    const delta = t.readUInt16BE(deltas + s);
    const rangeOffset = t.readUInt16BE(ranges + s);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
      else {
        glyph = t.readUInt16BE(ranges + s + rangeOffset + 2 * (c - start));
        if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
      }
      if (glyph !== 0) out.add(c);
    }
  }
}

function addFormat12(t: Buffer, at: number, out: Set<number>): void {
  const groups = t.readUInt32BE(at + 12);
  for (let g = 0; g < groups; g++) {
    const p = at + 16 + g * 12;
    const start = t.readUInt32BE(p);
    const end = t.readUInt32BE(p + 4);
    const glyph = t.readUInt32BE(p + 8);
    for (let c = start; c <= end; c++) if (glyph + (c - start) !== 0) out.add(c);
  }
}

/** Every Unicode code point the font's Unicode cmap subtables map to a glyph other than .notdef. */
export function fontCodepoints(font: Buffer): Set<number> {
  const cmap = readTables(font).get('cmap');
  if (!cmap) throw new Error('font has no cmap table');
  const out = new Set<number>();
  const seen = new Set<number>();
  const count = cmap.readUInt16BE(2);
  for (let i = 0; i < count; i++) {
    const rec = 4 + i * 8;
    const platform = cmap.readUInt16BE(rec);
    const encoding = cmap.readUInt16BE(rec + 2);
    const offset = cmap.readUInt32BE(rec + 4);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode || seen.has(offset)) continue;
    seen.add(offset);
    const format = cmap.readUInt16BE(offset);
    if (format === 4) addFormat4(cmap, offset, out);
    else if (format === 12) addFormat12(cmap, offset, out);
  }
  return out;
}

/** Number of glyphs (from `maxp`). */
export function glyphCount(font: Buffer): number {
  const maxp = readTables(font).get('maxp');
  if (!maxp) throw new Error('font has no maxp table');
  return maxp.readUInt16BE(4);
}

/** A name-table string (Windows Unicode records first), e.g. 5 = version, 0 = copyright. */
export function fontName(font: Buffer, nameId: number): string | undefined {
  const name = readTables(font).get('name');
  if (!name) return undefined;
  const count = name.readUInt16BE(2);
  const strings = name.readUInt16BE(4);
  let mac: string | undefined;
  for (let i = 0; i < count; i++) {
    const r = 6 + i * 12;
    const platform = name.readUInt16BE(r);
    const id = name.readUInt16BE(r + 6);
    if (id !== nameId) continue;
    const length = name.readUInt16BE(r + 8);
    const bytes = name.subarray(strings + name.readUInt16BE(r + 10), strings + name.readUInt16BE(r + 10) + length);
    if (platform === 3 || platform === 0) return Buffer.from(bytes).swap16().toString('utf16le');
    if (platform === 1) mac ??= bytes.toString('latin1');
  }
  return mac;
}
