/**
 * Builds the CJK font subset the 3D text uses: every character of every string in
 * `scenes/<base>/scene.json` and in the UI message catalogues, plus printable ASCII and common
 * CJK punctuation, cut from Noto Sans SC Regular (OFL) into `public/fonts/redtour-sc.woff`.
 *
 * WOFF, not WOFF2: troika-three-text (drei <Text>) reads TTF/OTF/WOFF only. A character missing
 * from the subset would make troika fetch a fallback font from a CDN, which breaks offline rooms,
 * so a character the source font lacks is an error here.
 *
 * Usage: npx tsx tools/font/build.ts [--scenes <dir>] [--out <file>]
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import subsetFont from 'subset-font';
import { catalogues as appCatalogues } from '../../src/ui/messages';
import { fontCodepoints, fontName, glyphCount } from './sfnt';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);

/** The source font: Noto Sans SC Regular, shipped on npm by @expo-google-fonts (OFL-1.1). */
export const SOURCE_FONT = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
export const OUT_FILE = join(ROOT, 'public/fonts/redtour-sc.woff');

/** Printable ASCII: digits in filled-in messages (scores, times), Latin names, English UI. */
export const ASCII = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('');
/** Common CJK punctuation, present even before any text uses it. */
export const CJK_PUNCTUATION = '，。、：；！？“”‘’（）《》—…·';

/** Where a character was first seen: a file and JSON path, or a catalogue key. */
export interface CollectedText {
  /** Unique characters, sorted by code point. */
  chars: string[];
  origin: Map<string, string>;
}

type Catalogues = Readonly<Record<string, Readonly<Record<string, string>>>>;

export interface CollectOptions {
  scenesDir?: string;
  catalogues?: Catalogues;
}

function display(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

function walkStrings(value: unknown, path: string, visit: (text: string, path: string) => void): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) value.forEach((v, i) => walkStrings(v, `${path}[${i}]`, visit));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walkStrings(v, `${path}.${k}`, visit);
}

/** Control characters are never drawn; everything else must have a glyph. */
const NOT_DRAWN = /\p{Cc}/u;

/**
 * Every character the app can draw: all string values of all scene files, all catalogue
 * messages, printable ASCII and common CJK punctuation.
 */
export async function collectText(opts: CollectOptions = {}): Promise<CollectedText> {
  const scenesDir = resolve(opts.scenesDir ?? join(ROOT, 'scenes'));
  const origin = new Map<string, string>();
  const add = (text: string, where: string) => {
    for (const ch of text) if (!NOT_DRAWN.test(ch) && !origin.has(ch)) origin.set(ch, where);
  };
  if (existsSync(scenesDir)) {
    const dirs = (await readdir(scenesDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    for (const dir of dirs) {
      const file = join(scenesDir, dir, 'scene.json');
      if (!existsSync(file)) continue;
      let data: unknown;
      try {
        data = JSON.parse(await readFile(file, 'utf8'));
      } catch (err) {
        throw new Error(`${display(file)}: not valid JSON: ${(err as Error).message}`);
      }
      walkStrings(data, '$', (text, path) => add(text, `${display(file)}: ${path}`));
    }
  }
  for (const [locale, messages] of Object.entries(opts.catalogues ?? appCatalogues)) {
    for (const [key, text] of Object.entries(messages)) add(text, `src/ui/messages.ts: ${locale}.${key}`);
  }
  add(ASCII, 'printable ASCII');
  add(CJK_PUNCTUATION, 'CJK punctuation');
  const chars = [...origin.keys()].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!);
  return { chars, origin };
}

export interface FontBuild {
  /** The WOFF bytes. */
  font: Buffer;
  chars: string[];
  glyphs: number;
}

export interface BuildFontOptions extends CollectOptions {
  sourceFont?: string;
}

function describe(ch: string): string {
  return `"${ch}" (U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`;
}

/**
 * Subsets the source font to the collected text, as WOFF. Throws, naming each character and
 * where it was found, when the source font lacks one. Deterministic: same text, same bytes.
 */
export async function buildFont(opts: BuildFontOptions = {}): Promise<FontBuild> {
  const { chars, origin } = await collectText(opts);
  const source = await readFile(opts.sourceFont ?? SOURCE_FONT);
  const available = fontCodepoints(source);
  const missing = chars.filter((ch) => !available.has(ch.codePointAt(0)!));
  if (missing.length) {
    throw new Error(
      `the source font has no glyph for ${missing.length} character(s); the 3D text would fetch a fallback font from the internet:\n` +
        missing.map((ch) => `  ${describe(ch)} in ${origin.get(ch)}`).join('\n'),
    );
  }
  const font = await subsetFont(source, chars.join(''), {
    targetFormat: 'woff',
    // Outlines become SDF textures in troika: TrueType hinting is dead weight.
    noHinting: true,
    // Only features troika applies; the CJK font's locl/vert/fwid closures would pull in
    // hundreds of Japanese/Korean/vertical variant glyphs nobody draws.
    keepFeatures: ['kern', 'liga', 'ccmp', 'calt'],
    // Copyright, trademark and licence notices travel inside the font, as the OFL asks.
    preserveNameIds: [0, 7, 13, 14],
  });
  return { font, chars, glyphs: glyphCount(font) };
}

/** Characters of `text` (excluding control characters) that the font does not map. */
export function missingFrom(font: Buffer, chars: Iterable<string>): string[] {
  const have = fontCodepoints(font);
  return [...chars].filter((ch) => !NOT_DRAWN.test(ch) && !have.has(ch.codePointAt(0)!));
}

/** The OFL text shipped with the font package. */
export const SOURCE_LICENSE = join(dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json')), 'LICENSE_FONT');

function provenance(build: FontBuild, source: Buffer, outName: string): string {
  const pkg = require('@expo-google-fonts/noto-sans-sc/package.json') as { name: string; version: string };
  const hanzi = build.chars.filter((c) => /\p{Script=Han}/u.test(c)).length;
  return `# Fonts: provenance

## \`${outName}\`

- **Source font:** Noto Sans SC Regular, ${fontName(source, 5) ?? 'version unknown'}
  (\`NotoSansSC_400Regular.ttf\` from the npm package \`${pkg.name}@${pkg.version}\`, which ships the
  Google Fonts build). ${fontName(source, 0) ?? ''}
- **Licence:** SIL Open Font License 1.1 — full text in [\`OFL.txt\`](OFL.txt); the copyright and
  licence notices are also kept in the font's \`name\` table. The subset is a Modified Version under
  the OFL and keeps the family name "Noto Sans SC" (the only Reserved Font Name is "Source").
- **Tool:** \`tools/font/build.ts\` (\`npx tsx tools/font/build.ts\`): subset-font (HarfBuzz hb-subset,
  WebAssembly) to WOFF 1.0, hinting dropped, layout features limited to kern/liga/ccmp/calt.
  Rebuild after any change to scene text or \`src/ui/messages.ts\`; \`tests/unit/font.test.ts\` fails
  when a character is missing or the committed file differs from a fresh build.
- **Coverage:** every character of every string in \`scenes/*/scene.json\` and in the UI message
  catalogues, printable ASCII and common CJK punctuation: ${build.chars.length} characters
  (${hanzi} Hanzi), ${build.glyphs} glyphs, ${build.font.length} bytes.
`;
}

export interface WrittenFont {
  out: string;
  bytes: number;
  chars: number;
  hanzi: number;
  glyphs: number;
  /** False when the file on disk already had these bytes. */
  changed: boolean;
}

/** Builds the subset and writes it with OFL.txt and PROVENANCE.md next to it. */
export async function writeFont(opts: BuildFontOptions & { out?: string } = {}): Promise<WrittenFont> {
  const out = resolve(opts.out ?? OUT_FILE);
  const build = await buildFont(opts);
  await mkdir(dirname(out), { recursive: true });
  const before = existsSync(out) ? await readFile(out) : undefined;
  const changed = !before?.equals(build.font);
  if (changed) await writeFile(out, build.font);
  await copyFile(SOURCE_LICENSE, join(dirname(out), 'OFL.txt'));
  await writeFile(join(dirname(out), 'PROVENANCE.md'), provenance(build, await readFile(opts.sourceFont ?? SOURCE_FONT), basename(out)));
  const hanzi = build.chars.filter((c) => /\p{Script=Han}/u.test(c)).length;
  return { out, bytes: build.font.length, chars: build.chars.length, hanzi, glyphs: build.glyphs, changed };
}

async function main(argv: string[]): Promise<void> {
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  try {
    const r = await writeFont({ scenesDir: arg('--scenes'), out: arg('--out') });
    console.log(
      `font: ${display(r.out)} ${r.changed ? 'written' : 'unchanged'}: ${r.bytes} bytes (${(r.bytes / 1024).toFixed(1)} KiB), ` +
        `${r.chars} characters (${r.hanzi} Hanzi), ${r.glyphs} glyphs`,
    );
  } catch (err) {
    console.error(`error: ${(err as Error).message}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) void main(process.argv.slice(2));
