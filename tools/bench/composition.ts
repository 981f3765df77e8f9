/**
 * What a chunk is made of: its bytes attributed to source packages (node_modules) or app
 * folders through the build's (hidden) source maps. Sizes are of the minified output.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const B64 = new Map([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c, i) => [c, i]));

/** Decodes one mappings segment (base64 VLQ) into its fields. */
function decodeSegment(segment: string): number[] {
  const fields: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of segment) {
    const digit = B64.get(ch) ?? 0;
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return fields;
}

/** `node_modules/@scope/pkg/…` → `@scope/pkg`; app files → their folder under src/ (or the path). */
export function sourceGroup(source: string): string {
  const normalized = source.replace(/\\/g, '/');
  const nm = normalized.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = normalized.slice(nm + 'node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const src = normalized.lastIndexOf('src/');
  if (src >= 0) {
    const parts = normalized.slice(src).split('/');
    return parts.length > 2 ? `${parts[0]}/${parts[1]}/` : parts.join('/');
  }
  return normalized.replace(/^(\.\.\/)+/, '');
}

/** Bytes of `file` (in outDir) per source group, largest first; empty when it has no map. */
export function chunkComposition(outDir: string, file: string): Map<string, number> {
  const result = new Map<string, number>();
  const mapPath = join(outDir, `${file}.map`);
  if (!existsSync(mapPath)) return result;
  const code = readFileSync(join(outDir, file), 'utf8');
  const totalBytes = Buffer.byteLength(code);
  const map = JSON.parse(readFileSync(mapPath, 'utf8')) as { sources: string[]; mappings: string };
  const lines = code.split('\n');
  const mappingLines = map.mappings.split(';');
  let sourceIndex = 0;
  const chars = new Map<string, number>();
  const add = (group: string, n: number) => chars.set(group, (chars.get(group) ?? 0) + n);
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li]!;
    const segments = (mappingLines[li] ?? '').split(',').filter(Boolean);
    let column = 0;
    let previousColumn = 0;
    let previousGroup: string | null = null;
    for (const segment of segments) {
      const fields = decodeSegment(segment);
      column += fields[0] ?? 0;
      if (previousGroup !== null) add(previousGroup, column - previousColumn);
      else add('(unmapped)', column - previousColumn);
      if (fields.length >= 4) {
        sourceIndex += fields[1]!;
        previousGroup = sourceGroup(map.sources[sourceIndex] ?? '?');
      } else previousGroup = null;
      previousColumn = column;
    }
    add(previousGroup ?? '(unmapped)', line.length - previousColumn + 1);
  }
  // Attribute bytes in proportion to characters (non-ASCII text is rare in minified code).
  const totalChars = [...chars.values()].reduce((a, b) => a + b, 0) || 1;
  for (const [group, n] of chars) result.set(group, Math.round((n / totalChars) * totalBytes));
  return new Map([...result].sort((a, b) => b[1] - a[1]));
}

/** The composition of several chunks together, largest first. */
export function compositionOf(outDir: string, files: readonly string[]): Map<string, number> {
  const sum = new Map<string, number>();
  for (const file of files) for (const [group, n] of chunkComposition(outDir, file)) sum.set(group, (sum.get(group) ?? 0) + n);
  return new Map([...sum].sort((a, b) => b[1] - a[1]));
}
