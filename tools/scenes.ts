/** Reading every scene file from disk, for the build-time tools and the validator. */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadScene, type LoadResult } from '../src/content/loader';

/** The project root (tools/ is one level below it). */
export const ROOT = join(import.meta.dirname, '..');

/** Loads every `scenes/<id>/scene.json` under `scenesDir`, each validated on its own. */
export function loadAllScenes(scenesDir = join(ROOT, 'scenes')): LoadResult[] {
  return readdirSync(scenesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(scenesDir, d.name, 'scene.json')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const file = join(scenesDir, name, 'scene.json');
      const shown = relative(ROOT, file).split('\\').join('/');
      return loadScene(shown.startsWith('..') ? file : shown, readFileSync(file, 'utf8'));
    });
}
