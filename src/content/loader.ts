/**
 * Turns the text of a scene file into a typed, validated `Scene`, or into errors that name
 * the file, the JSON path and the reason. Never throws on bad content.
 */
import type { z } from 'zod';
import { jsonPath, type ContentError, type LoadResult } from './errors';
import { SceneSchema } from './schema';

export { formatError, jsonPath, type ContentError, type LoadResult } from './errors';

function fromZod(file: string, error: z.ZodError): ContentError[] {
  return error.issues.map((issue) => ({ file, path: jsonPath(issue.path), message: issue.message }));
}

/** Parses and validates one scene file's text; `file` is used only to name it in errors. */
export function loadScene(file: string, text: string): LoadResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { ok: false, file, errors: [{ file, path: '$', message: `not valid JSON: ${(err as Error).message}` }] };
  }
  const parsed = SceneSchema.safeParse(data);
  if (!parsed.success) return { ok: false, file, errors: fromZod(file, parsed.error) };
  const expected = /(?:^|\/)scenes\/([^/]+)\/scene\.json$/.exec(file)?.[1];
  if (expected && expected !== parsed.data.id) {
    return { ok: false, file, errors: [{ file, path: '$.id', message: `id "${parsed.data.id}" must match its folder "${expected}"` }] };
  }
  return { ok: true, file, scene: parsed.data };
}
