/**
 * The list of bases the app offers: every `scenes/<id>/scene.json`, each loaded lazily and
 * validated on its own so that one broken file cannot take the others down. The validation
 * runs when the app is built (tools/vite-scenes.ts): what arrives is the scene, or its errors.
 */
import type { LoadResult } from './errors';

const files = import.meta.glob<LoadResult>('/scenes/*/scene.json', { query: '?validated', import: 'default' });

/** Loads every base; broken ones come back with their errors, in menu order. */
export async function loadCatalogue(): Promise<LoadResult[]> {
  const results = await Promise.all(
    Object.entries(files).map(async ([path, load]): Promise<LoadResult> => {
      const file = path.replace(/^\//, '');
      try {
        return await load();
      } catch (err) {
        return { ok: false as const, file, errors: [{ file, path: '$', message: `could not be read: ${(err as Error).message}` }] };
      }
    }),
  );
  return results.sort((a, b) => (a.ok ? a.scene.order : 1e9) - (b.ok ? b.scene.order : 1e9) || a.file.localeCompare(b.file));
}
