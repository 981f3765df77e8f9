/**
 * What loading a scene file gives: the scene, or errors that name the file, the JSON path and
 * the reason. Kept apart from the validator (./loader.ts, with zod) so that the app can show a
 * broken scene's errors without shipping zod's scene schema: the app's scene files are
 * validated when the app is built (tools/vite-scenes.ts).
 */
import type { Scene } from './schema';

/** One problem found in a scene file. `path` is a JSON path such as `$.rooms[0].stops[2].id`. */
export interface ContentError {
  file: string;
  path: string;
  message: string;
}

export type LoadResult = { ok: true; file: string; scene: Scene } | { ok: false; file: string; errors: ContentError[] };

/** Formats a zod issue path as a JSON path (`$.rooms[0].id`). */
export function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : `${acc}.${String(key)}`), '$');
}

/** `file: $.path: reason`, the one-line form used by the validator and the menu. */
export function formatError(e: ContentError): string {
  return `${e.file}: ${e.path}: ${e.message}`;
}
