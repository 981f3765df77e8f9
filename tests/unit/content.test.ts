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

  const scenes = loadAllScenes().flatMap((r) => (r.ok ? [r] : []));

  it.each(scenes.map((r) => [r.scene.id, r] as const))(
    '%s: at least two rooms, 6–10 stops, two checkpoints of 3–5 questions, every stop and answer sourced',
    (_id, r) => {
      const { scene } = r;
      expect(scene.rooms.length).toBeGreaterThanOrEqual(2);
      const stops = scene.rooms.flatMap((x) => x.stops).length;
      expect(stops).toBeGreaterThanOrEqual(6);
      expect(stops).toBeLessThanOrEqual(10);
      const checkpoints = scene.rooms.flatMap((x) => (x.checkpoint ? [x.checkpoint] : []));
      expect(checkpoints).toHaveLength(2);
      expect(scene.rooms.at(-1)!.checkpoint, 'the last room ends with a checkpoint').toBeDefined();
      for (const cp of checkpoints) {
        expect(cp.questions.length).toBeGreaterThanOrEqual(3);
        expect(cp.questions.length).toBeLessThanOrEqual(5);
      }
      const types = new Set(checkpoints.flatMap((cp) => cp.questions.map((q) => q.type)));
      expect(types).toEqual(new Set(['single', 'multiple', 'truefalse']));
      for (const room of scene.rooms) {
        for (const stop of room.stops) expect(stop.sources.every((s) => s.source in scene.sources), stop.id).toBe(true);
        for (const q of room.checkpoint?.questions ?? []) expect(q.source.source in scene.sources, q.id).toBe(true);
      }
    },
  );

  it.each(scenes.map((r) => [r.scene.id, r] as const))('%s: English is given for every text', (_id, r) => {
    const missing: string[] = [];
    const walk = (v: unknown, path: string) => {
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
      else if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        if (typeof o.zh === 'string' && typeof o.en !== 'string') missing.push(path);
        for (const [k, x] of Object.entries(o)) walk(x, `${path}.${k}`);
      }
    };
    walk(JSON.parse(readFileSync(join(ROOT, r.file), 'utf8')), '$');
    expect(missing).toEqual([]);
  });

  it.each(scenes.map((r) => [r.scene.id, r] as const))('%s: stops and checkpoint positions stand on walkable floor', async (_id, r) => {
    const { isWalkable } = await import('../../src/tour/walkable');
    for (const room of r.scene.rooms) {
      if (room.type !== 'model') continue;
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
