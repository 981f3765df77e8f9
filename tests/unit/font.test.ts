import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFont, collectText, CJK_PUNCTUATION, missingFrom, OUT_FILE } from '../../tools/font/build';
import { fontCodepoints, fontName, glyphCount } from '../../tools/font/sfnt';

const REBUILD = 'rebuild it: npx tsx tools/font/build.ts';

describe('font subset (public/fonts/redtour-sc.woff)', { timeout: 60_000 }, () => {
  it('is a WOFF 1.0 file (troika-three-text cannot read WOFF2)', () => {
    expect(existsSync(OUT_FILE), `missing; ${REBUILD}`).toBe(true);
    expect(readFileSync(OUT_FILE).toString('latin1', 0, 4)).toBe('wOFF');
  });

  it('has a glyph for every character in every scene and message catalogue', async () => {
    const { chars, origin } = await collectText();
    const missing = missingFrom(readFileSync(OUT_FILE), chars);
    const report = missing.map((ch) => `"${ch}" U+${ch.codePointAt(0)!.toString(16).toUpperCase()} (${origin.get(ch)})`);
    expect(report, `characters missing from the font; ${REBUILD}`).toEqual([]);
  });

  it('equals a fresh build', async () => {
    const fresh = await buildFont();
    const committed = readFileSync(OUT_FILE);
    expect(fresh.font.equals(committed), `the committed font is stale; ${REBUILD}`).toBe(true);
  });

  it('collects scene text, catalogue text, ASCII and CJK punctuation', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'redtour-font-'));
    mkdirSync(join(dir, 'demo'));
    writeFileSync(join(dir, 'demo', 'scene.json'), JSON.stringify({ id: 'demo', n: 7, rooms: [{ stops: [{ text: '甲\n乙' }] }] }));
    const { chars, origin } = await collectText({ scenesDir: dir, catalogues: { zh: { hello: '龘' } } });
    rmSync(dir, { recursive: true, force: true });
    expect(origin.get('龘')).toBe('src/ui/messages.ts: zh.hello');
    expect(origin.get('乙')).toMatch(/demo\/scene\.json: \$\.rooms\[0\]\.stops\[0\]\.text$/);
    for (const ch of ['A', '~', ' ', ...CJK_PUNCTUATION]) expect(chars).toContain(ch);
    expect(chars).not.toContain('\n');
    // Sorted by code point, no duplicates.
    expect([...new Set(chars)]).toEqual(chars);
    expect(chars.map((c) => c.codePointAt(0)!)).toEqual([...chars.map((c) => c.codePointAt(0)!)].sort((a, b) => a - b));
  });

  it('refuses a character the source font lacks, naming where it is used', async () => {
    await expect(buildFont({ catalogues: { zh: { odd: 'a\uE000' } } })).rejects.toThrow(/U\+E000\) in src\/ui\/messages\.ts: zh\.odd/);
  });

  it('reads the cmap and glyph count, and keeps the licence notice', () => {
    const font = readFileSync(OUT_FILE);
    const cps = fontCodepoints(font);
    expect(cps.has('红'.codePointAt(0)!)).toBe(true);
    expect(cps.has('龘'.codePointAt(0)!)).toBe(false);
    expect(glyphCount(font)).toBeGreaterThanOrEqual(cps.size);
    expect(fontName(font, 13)).toMatch(/Open Font License/);
  });
});
