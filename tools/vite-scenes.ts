/**
 * Validates the app's scene files when the app is built (and as the dev server serves them):
 * `import('/scenes/<id>/scene.json?validated')` gives the file's {@link LoadResult} — the
 * validated scene, or its errors naming the file, the JSON path and the reason. The menu shows
 * a broken base with its errors and the other bases still open, exactly as if the browser had
 * validated it, but no headset spends its start-up validating six scenes with zod (about 60 ms
 * of a cold start on this machine, and zod's scene schema stays out of the app's JS).
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Plugin } from 'vite';
import { loadScene } from '../src/content/loader';

const QUERY = '?validated';

export function validatedScenes(): Plugin {
  let root = process.cwd();
  return {
    name: 'redtour-validated-scenes',
    configResolved(config) {
      root = config.root;
    },
    load(id) {
      if (!id.endsWith(`scene.json${QUERY}`)) return null;
      const file = id.slice(0, -QUERY.length);
      this.addWatchFile(file);
      const name = relative(root, file).split('\\').join('/');
      let result;
      try {
        result = loadScene(name, readFileSync(file, 'utf8'));
      } catch (error) {
        result = { ok: false as const, file: name, errors: [{ file: name, path: '$', message: `could not be read: ${(error as Error).message}` }] };
      }
      // JSON.parse of a string literal: quicker for the browser than the same object as JS.
      return { code: `export default JSON.parse(${JSON.stringify(JSON.stringify(result))});`, map: null };
    },
  };
}
