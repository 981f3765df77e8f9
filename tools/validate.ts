/**
 * `npm run validate`: checks every scene file and regenerates scenes/schema.json.
 * Each error names the file, the JSON path and the reason; exits 1 if any scene is broken.
 * Also checks the photos of panorama rooms (tools/panorama/check.ts).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { formatError } from '../src/content/loader';
import { SceneSchema } from '../src/content/schema';
import { checkPanoramaPhotos } from './panorama/check';
import { loadAllScenes, ROOT } from './scenes';

/** The JSON Schema for editors, generated from the zod schema (the single source of truth). */
export function sceneJsonSchema(): string {
  const schema = z.toJSONSchema(SceneSchema, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ title: 'RedTour XR scene', ...schema }, null, 2)}\n`;
}

function main(): void {
  writeFileSync(join(ROOT, 'scenes', 'schema.json'), sceneJsonSchema());
  // A scene whose panorama photos are missing or too large is as broken as bad JSON.
  const results = loadAllScenes().map((r) => {
    const photos = checkPanoramaPhotos(r, join(ROOT, 'public'));
    return photos.length ? { ok: false as const, file: r.file, errors: photos } : r;
  });
  let broken = 0;
  for (const r of results) {
    if (r.ok) console.log(`ok   ${r.file}  (${r.scene.rooms.length} rooms, ${r.scene.rooms.reduce((n, x) => n + x.stops.length, 0)} stops)`);
    else {
      broken += 1;
      for (const e of r.errors) console.error(`FAIL ${formatError(e)}`);
    }
  }
  console.log(`${results.length - broken} of ${results.length} scene files valid`);
  if (broken > 0) process.exit(1);
}

if (process.argv[1] && import.meta.filename === process.argv[1]) main();
