/**
 * The bases the dashboard reports on: every valid `scenes/<id>/scene.json`, read from disk with
 * the app's own loader (so titles, checkpoints and questions are exactly what the app shows).
 * Broken scene files are skipped here; `npm run validate` reports them.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadScene } from '../../src/content/loader';
import type { Scene } from '../../src/content/schema';
import { projectRoot } from '../tls';

/** `<project root>/scenes`. */
export const defaultScenesDir = (): string => join(projectRoot, 'scenes');

/** Loads every valid scene under `dir`, in menu order (`order`, then id). */
export async function loadScenes(dir: string = defaultScenesDir()): Promise<Scene[]> {
  const root = resolve(dir);
  if (!existsSync(root)) return [];
  const entries = await readdir(root, { withFileTypes: true });
  const scenes: Scene[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const file = join(root, entry.name, 'scene.json');
    if (!existsSync(file)) continue;
    const result = loadScene(`scenes/${entry.name}/scene.json`, await readFile(file, 'utf8'));
    if (result.ok) scenes.push(result.scene);
  }
  return scenes.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}
