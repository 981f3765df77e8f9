/**
 * tools/vite-scenes.ts: the app's scene files are validated when the app is built; the module a
 * scene file becomes holds the validated scene, or errors naming the file, the JSON path and the
 * reason — what the menu shows for a broken base.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LoadResult } from '../../src/content/errors';
import { validatedScenes } from '../../tools/vite-scenes';

const root = mkdtempSync(join(tmpdir(), 'redtour-vite-scenes-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Runs the plugin's load hook on `file` as Vite would, and evaluates the module it gives. */
function load(file: string): { result: LoadResult | null; watched: string[] } {
  const plugin = validatedScenes();
  (plugin.configResolved as (c: { root: string }) => void)({ root });
  const watched: string[] = [];
  const out = (plugin.load as (this: unknown, id: string) => { code: string } | null).call({ addWatchFile: (f: string) => watched.push(f) }, file);
  if (!out) return { result: null, watched };
  const literal = /^export default JSON\.parse\((".*")\);$/s.exec(out.code)?.[1];
  if (!literal) throw new Error(`unexpected module: ${out.code.slice(0, 80)}`);
  return { result: JSON.parse(JSON.parse(literal) as string) as LoadResult, watched };
}

describe('validated scene modules', () => {
  it('gives a valid scene as the loader parses it, and watches the file', () => {
    mkdirSync(join(root, 'scenes', 'jiandang'), { recursive: true });
    cpSync(join(__dirname, '../../scenes/jiandang/scene.json'), join(root, 'scenes/jiandang/scene.json'));
    const file = join(root, 'scenes/jiandang/scene.json');
    const { result, watched } = load(`${file}?validated`);
    expect(result?.ok).toBe(true);
    if (!result?.ok) return;
    expect(result.file).toBe('scenes/jiandang/scene.json');
    const raw = JSON.parse(readFileSync(file, 'utf8')) as { id: string; rooms: unknown[] };
    expect(result.scene.id).toBe(raw.id);
    expect(result.scene.rooms).toHaveLength(raw.rooms.length);
    // Defaults filled in by the schema arrive too.
    expect(Array.isArray(result.scene.rooms[0]!.exhibits)).toBe(true);
    expect(watched).toEqual([file]);
  });

  it('gives a broken scene as errors with the file, the JSON path and the reason', () => {
    mkdirSync(join(root, 'scenes', 'broken'), { recursive: true });
    const scene = JSON.parse(readFileSync(join(__dirname, '../../scenes/jiandang/scene.json'), 'utf8')) as { id: string; rooms: { stops: { id?: unknown }[] }[] };
    scene.id = 'broken';
    scene.rooms[0]!.stops[1]!.id = 42;
    writeFileSync(join(root, 'scenes/broken/scene.json'), JSON.stringify(scene));
    const { result } = load(`${join(root, 'scenes/broken/scene.json')}?validated`);
    expect(result?.ok).toBe(false);
    if (!result || result.ok) return;
    expect(result.errors[0]).toMatchObject({ file: 'scenes/broken/scene.json', path: '$.rooms[0].stops[1].id' });
    expect(result.errors[0]!.message).toMatch(/string/i);
  });

  it('names an unreadable or unparsable file, and leaves other modules alone', () => {
    mkdirSync(join(root, 'scenes', 'truncated'), { recursive: true });
    writeFileSync(join(root, 'scenes/truncated/scene.json'), '{ "id": ');
    const { result } = load(`${join(root, 'scenes/truncated/scene.json')}?validated`);
    expect(result).toMatchObject({ ok: false, file: 'scenes/truncated/scene.json', errors: [{ path: '$' }] });
    const missing = load(`${join(root, 'scenes/nowhere/scene.json')}?validated`).result;
    expect(missing).toMatchObject({ ok: false, errors: [{ path: '$', message: expect.stringMatching(/could not be read/) }] });
    expect(load(join(root, 'scenes/jiandang/scene.json')).result).toBeNull();
  });
});
