import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatError, jsonPath, loadScene } from '../../src/content/loader';
import { loadAllScenes, ROOT } from '../../tools/scenes';
import { sceneJsonSchema } from '../../tools/validate';

const file = 'scenes/jiandang/scene.json';
const text = readFileSync(join(ROOT, file), 'utf8');
const fresh = () => JSON.parse(text) as Record<string, any>;

function errorsOf(data: unknown, name = file) {
  const r = loadScene(name, JSON.stringify(data));
  if (r.ok) throw new Error('expected the scene to be rejected');
  return r.errors;
}

describe('scene content', () => {
  it('every committed scene validates', () => {
    const results = loadAllScenes();
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) expect(r.ok ? [] : r.errors.map(formatError)).toEqual([]);
  });

  it('the first base has two rooms, at least 6 stops and 3–5 questions per checkpoint, each with a source', () => {
    const r = loadScene(file, text);
    if (!r.ok) throw new Error('invalid');
    const { scene } = r;
    expect(scene.rooms).toHaveLength(2);
    expect(scene.rooms.flatMap((x) => x.stops).length).toBeGreaterThanOrEqual(6);
    for (const room of scene.rooms) {
      expect(room.checkpoint).toBeDefined();
      const qs = room.checkpoint!.questions;
      expect(qs.length).toBeGreaterThanOrEqual(3);
      expect(qs.length).toBeLessThanOrEqual(5);
      expect(new Set(qs.map((q) => q.type))).toEqual(new Set(['single', 'multiple', 'truefalse']));
      for (const stop of room.stops) expect(stop.sources.every((s) => s.source in scene.sources)).toBe(true);
      for (const q of qs) expect(q.source.source in scene.sources).toBe(true);
    }
  });

  it('English is given for every text of the first base', () => {
    const missing: string[] = [];
    const walk = (v: unknown, path: string) => {
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
      else if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        if (typeof o.zh === 'string' && typeof o.en !== 'string') missing.push(path);
        for (const [k, x] of Object.entries(o)) walk(x, `${path}.${k}`);
      }
    };
    walk(fresh(), '$');
    expect(missing).toEqual([]);
  });

  it('stops and checkpoint positions stand on walkable floor', async () => {
    const { isWalkable } = await import('../../src/tour/walkable');
    const r = loadScene(file, text);
    if (!r.ok) throw new Error('invalid');
    for (const room of r.scene.rooms) {
      const plan = { walkable: room.walkable, obstacles: room.obstacles };
      const spots = [room.spawn.position, ...room.stops.map((s) => s.position), ...(room.checkpoint ? [room.checkpoint.position] : [])];
      for (const [x, , z] of spots) expect(isWalkable(plan, x, z), `${room.id} (${x}, ${z})`).toBe(true);
    }
  });

  it('a broken scene names the file, the JSON path and the reason', () => {
    const data = fresh();
    data.rooms[0].stops[1].id = 'Bad Id';
    data.rooms[1].checkpoint.questions[0].answer = ['z'];
    data.rooms[0].stops[0].sources[0].source = 'nowhere';
    const errors = errorsOf(data, 'scenes/jiandang/scene.json');
    const lines = errors.map(formatError);
    expect(lines).toContainEqual(expect.stringMatching(/^scenes\/jiandang\/scene\.json: \$\.rooms\[0\]\.stops\[1\]\.id: must be lower-case/));
    expect(lines).toContainEqual(expect.stringMatching(/\$\.rooms\[1\]\.checkpoint\.questions\[0\]\.answer\[0\]: "z" is not one of/));
    expect(lines).toContainEqual(expect.stringMatching(/\$\.rooms\[0\]\.stops\[0\]\.sources\[0\]\.source: unknown source "nowhere"/));
  });

  it('rejects wrong question shapes, duplicate ids, unknown exhibits, missing sources and unknown fields', () => {
    const data = fresh();
    data.rooms[0].checkpoint.questions[0].answer = ['a', 'b'];
    data.rooms[0].checkpoint.questions[3].options.push({ id: 'maybe', text: { zh: '也许' } });
    data.rooms[1].stops[0].id = data.rooms[0].stops[0].id;
    data.rooms[0].stops[2].exhibit = 'no-such-thing';
    data.rooms[0].stops[3].sources = [];
    data.rooms[0].colour = 'red';
    const paths = errorsOf(data).map((e) => `${e.path} ${e.message}`);
    expect(paths).toContainEqual(expect.stringMatching(/^\$\.rooms\[0\]\.checkpoint\.questions\[0\]\.answer a single question has exactly one/));
    expect(paths).toContainEqual(expect.stringMatching(/^\$\.rooms\[0\]\.checkpoint\.questions\[3\]\.options a truefalse question has exactly two/));
    expect(paths).toContainEqual(expect.stringMatching(/^\$\.rooms\[1\]\.stops\[0\]\.id id "yida-gate" is already used at rooms\.0\.stops\.0\.id/));
    expect(paths).toContainEqual(expect.stringMatching(/^\$\.rooms\[0\]\.stops\[2\]\.exhibit no exhibit "no-such-thing"/));
    expect(paths).toContainEqual(expect.stringMatching(/^\$\.rooms\[0\]\.stops\[3\]\.sources every stop must name at least one source/));
    expect(paths).toContainEqual(expect.stringMatching(/^\$\.rooms\[0\] .*colour/));
  });

  it('reports invalid JSON and a folder/id mismatch without throwing', () => {
    const bad = loadScene('scenes/x/scene.json', '{ "id": ');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors[0]!.message).toMatch(/not valid JSON/);
    const moved = loadScene('scenes/other-base/scene.json', text);
    expect(!moved.ok && formatError(moved.errors[0]!)).toBe('scenes/other-base/scene.json: $.id: id "jiandang" must match its folder "other-base"');
  });

  it('formats JSON paths', () => {
    expect(jsonPath(['rooms', 0, 'stops', 12, 'id'])).toBe('$.rooms[0].stops[12].id');
    expect(jsonPath([])).toBe('$');
  });

  it('scenes/schema.json is generated from the zod schema and up to date', () => {
    expect(readFileSync(join(ROOT, 'scenes/schema.json'), 'utf8')).toBe(sceneJsonSchema());
  });
});
