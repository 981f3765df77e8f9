import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScene } from '../../src/content/loader';
import type { Scene } from '../../src/content/schema';
import { createProgress, recordAttempt, scoreCheckpoint, type Answers } from '../../src/tour/progress';
import { createOutbox, memoryBackend } from '../../src/record/outbox';
import { createRecorder } from '../../src/record/recorder';
import {
  activityIds,
  agent,
  answered,
  attended,
  completed,
  durationIso,
  experienced,
  extensionIri,
  failed,
  initialized,
  passed,
  questionActivity,
  terminated,
  validateStatement,
  VERBS,
  type Occasion,
  type RecordConfig,
  type Statement,
} from '../../src/record/statements';
import { ROOT } from '../../tools/scenes';

const loaded = loadScene('scenes/jiandang/scene.json', readFileSync(join(ROOT, 'scenes/jiandang/scene.json'), 'utf8'));
if (!loaded.ok) throw new Error('scene invalid');
const scene: Scene = loaded.scene;
const room0 = scene.rooms[0]!;
const cp0 = room0.checkpoint!;
const stop0 = room0.stops[0]!;

const config: RecordConfig = { activityBase: 'https://redtour.example/xapi/activities/', homePage: 'https://branch.example/members', platform: 'RedTour XR', language: 'zh-CN' };
const BASE = 'https://redtour.example/xapi/activities';
const actor = agent(config, { name: '李明', memberId: 'm-0042' });
const registration = '0b7d5c1e-3c1f-4e55-9a5e-2f1c6a9d8e70';
const at = new Date('2026-07-01T08:00:00Z');
const o: Occasion = { config, actor, registration, mode: 'headset', at };
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const wrongAnswers: Answers = Object.fromEntries(cp0.questions.map((q) => [q.id, q.options.filter((x) => !q.answer.includes(x.id)).slice(0, 1).map((x) => x.id)]));
const rightAnswers: Answers = Object.fromEntries(cp0.questions.map((q) => [q.id, q.answer]));

function everyVerb(): Statement[] {
  const good = scoreCheckpoint(cp0, rightAnswers);
  const bad = scoreCheckpoint(cp0, wrongAnswers);
  return [
    initialized(o, scene),
    experienced(o, scene, stop0, { listenedMs: 65_200, finished: true }),
    ...cp0.questions.map((q, i) => answered(o, scene, cp0, q, bad.questions[i]!, 1)),
    failed(o, scene, cp0, bad, 1),
    passed(o, scene, cp0, good, 2),
    completed(o, scene, { scaled: 0.875, activeMs: 754_321 }),
    terminated(o, scene, { activeMs: 754_321 }),
    attended(o, scene, { durationMs: 2_400_000, completion: true }),
  ];
}

function expectValid(s: Statement) {
  expect(validateStatement(s)).toEqual({ ok: true });
}

describe('xAPI statement builders', () => {
  it('every verb builds a valid statement with a fresh UUID v4 id and a timestamp with zone', () => {
    const all = everyVerb();
    for (const s of all) {
      expectValid(s);
      expect(s.id).toMatch(UUID_V4);
      expect(s.timestamp).toBe('2026-07-01T08:00:00.000Z');
    }
    expect(new Set(all.map((s) => s.id)).size).toBe(all.length);
    expect(new Set(all.map((s) => s.verb.id))).toEqual(new Set(Object.values(VERBS).map((v) => v.id)));
    for (const v of Object.values(VERBS)) {
      expect(v.id).toMatch(/^http:\/\/adlnet\.gov\/expapi\/verbs\//);
      expect(Object.keys(v.display)).toEqual(['zh-CN', 'en-US']);
    }
  });

  it('actor is an account agent; no mbox, mbox_sha1sum or openid anywhere', () => {
    for (const s of everyVerb()) {
      expect(s.actor).toEqual({ objectType: 'Agent', name: '李明', account: { homePage: 'https://branch.example/members', name: 'm-0042' } });
      expect(JSON.stringify(s)).not.toMatch(/mbox|openid|mailto:/);
    }
    const withMail = { ...initialized(o, scene), actor: { ...actor, mbox: 'mailto:li@example.org' } };
    expect(validateStatement(withMail).ok).toBe(false);
  });

  it('activity ids are IRIs under the configured base; names are zh-CN/en-US language maps', () => {
    const ids = new Set<string>();
    for (const s of everyVerb()) {
      const acts = [s.object, ...Object.values(s.context?.contextActivities ?? {}).flat()];
      for (const a of acts) {
        expect(a.id.startsWith(`${BASE}/`)).toBe(true);
        expect(() => new URL(a.id)).not.toThrow();
        ids.add(a.id);
        if (a.definition?.name) expect(Object.keys(a.definition.name)).toEqual(['zh-CN', 'en-US']);
      }
    }
    expect(ids).toContain(`${BASE}/bases/jiandang`);
    expect(ids).toContain(`${BASE}/bases/jiandang/rooms/yida-hall`);
    expect(ids).toContain(`${BASE}/bases/jiandang/stops/yida-gate`);
    expect(ids).toContain(`${BASE}/bases/jiandang/checkpoints/yida-quiz`);
    expect(ids).toContain(`${BASE}/bases/jiandang/checkpoints/yida-quiz/questions/q-opening-place`);
    expect(ids).toContain(`${BASE}/profile`);
    const init = initialized(o, scene);
    expect(init.object.definition).toEqual({ name: { 'zh-CN': scene.title.zh, 'en-US': scene.title.en }, type: 'http://adlnet.gov/expapi/activities/course' });
    expect(activityIds.stop({ ...config, activityBase: 'urn:redtour' }, 'a', 'b')).toBe('urn:redtour/bases/a/stops/b');
  });

  it('context: registration, parent base, grouping room, profile category, platform, language, mode', () => {
    for (const s of everyVerb()) {
      const c = s.context!;
      expect(c.registration).toBe(registration);
      expect(c.platform).toBe('RedTour XR');
      expect(c.language).toBe('zh-CN');
      expect(c.extensions![extensionIri(config, 'mode')]).toBe('headset');
      expect(c.contextActivities!.category!.map((a) => a.id)).toEqual([`${BASE}/profile`]);
      expect(c.contextActivities!.category![0]!.definition!.type).toBe('http://adlnet.gov/expapi/activities/profile');
    }
    expect(extensionIri(config, 'mode')).toBe(`${BASE}/extensions/mode`);
    const stop = experienced(o, scene, stop0, { finished: false });
    expect(stop.context!.contextActivities!.parent!.map((a) => a.id)).toEqual([`${BASE}/bases/jiandang`]);
    expect(stop.context!.contextActivities!.grouping!.map((a) => a.id)).toEqual([`${BASE}/bases/jiandang/rooms/yida-hall`]);
    const screening = initialized({ ...o, mode: 'screening' }, scene);
    expect(screening.context!.extensions![`${BASE}/extensions/mode`]).toBe('screening');
    expect(initialized(o, scene).context!.contextActivities!.parent).toBeUndefined();
    // A registration that is not a UUID (old saved progress) is left out rather than sent invalid.
    const legacy = initialized({ ...o, registration: 'reg-1' }, scene);
    expectValid(legacy);
    expect(legacy.context!.registration).toBeUndefined();
  });

  it('experienced carries the listened duration and completion when known', () => {
    const heard = experienced(o, scene, stop0, { listenedMs: 65_200, finished: true });
    expect(heard.result).toEqual({ completion: true, duration: 'PT1M5.2S' });
    expect(heard.object.definition!.name).toEqual({ 'zh-CN': stop0.title.zh, 'en-US': stop0.title.en });
    expect(experienced(o, scene, stop0, { finished: false }).result).toEqual({ completion: false });
  });

  it('answered: choice and true-false interactions with spec response formats', () => {
    const single = cp0.questions.find((q) => q.type === 'single')!;
    const multiple = cp0.questions.find((q) => q.type === 'multiple')!;
    const tf = cp0.questions.find((q) => q.type === 'truefalse')!;

    const sq = questionActivity(config, scene, cp0, single);
    expect(sq.definition).toMatchObject({ type: 'http://adlnet.gov/expapi/activities/cmi.interaction', interactionType: 'choice', correctResponsesPattern: ['b'] });
    expect(sq.definition!.choices).toEqual(single.options.map((x) => ({ id: x.id, description: { 'zh-CN': x.text.zh, 'en-US': x.text.en } })));

    const mq = questionActivity(config, scene, cp0, multiple);
    expect(mq.definition!.correctResponsesPattern).toEqual(['a[,]c']);
    const m = answered(o, scene, cp0, multiple, { id: multiple.id, correct: true, given: ['c', 'a'], answer: ['a', 'c'] }, 3);
    expect(m.result).toEqual({ success: true, response: 'a[,]c' });
    expect(m.context!.extensions![extensionIri(config, 'attempt')]).toBe(3);
    expect(m.context!.contextActivities!.grouping!.map((a) => a.id)).toEqual([`${BASE}/bases/jiandang/rooms/yida-hall`, `${BASE}/bases/jiandang/checkpoints/yida-quiz`]);
    expectValid(m);

    const tq = questionActivity(config, scene, cp0, tf);
    expect(tq.definition).toMatchObject({ interactionType: 'true-false', correctResponsesPattern: ['true'] });
    expect(tq.definition!.choices).toBeUndefined();
    const t = answered(o, scene, cp0, tf, { id: tf.id, correct: false, given: ['false'], answer: ['true'] }, 1);
    expect(t.result).toEqual({ success: false, response: 'false' });
    expectValid(t);

    const unanswered = answered(o, scene, cp0, single, { id: single.id, correct: false, given: [], answer: ['b'] }, 1);
    expect(unanswered.result).toEqual({ success: false });
    expectValid(unanswered);

    // A true/false question whose option ids are not "true"/"false" is recorded as a choice.
    const yesNo = { ...tf, options: [{ id: 'yes', text: { zh: '对' } }, { id: 'no', text: { zh: '错' } }], answer: ['yes'] };
    const yn = answered(o, scene, cp0, yesNo, { id: tf.id, correct: true, given: ['yes'], answer: ['yes'] }, 1);
    expect(yn.object.definition).toMatchObject({ interactionType: 'choice', correctResponsesPattern: ['yes'] });
    expect(yn.result!.response).toBe('yes');
    expectValid(yn);

    // The validator catches wrong formats.
    expect(validateStatement({ ...t, result: { response: 'b' } }).ok).toBe(false);
    expect(validateStatement({ ...m, result: { response: 'a,c' } }).ok).toBe(false);
  });

  it('passed/failed: assessment with score, success and the attempt number', () => {
    const bad = scoreCheckpoint(cp0, wrongAnswers);
    const f = failed(o, scene, cp0, bad, 1);
    expect(f.object.definition!.type).toBe('http://adlnet.gov/expapi/activities/assessment');
    expect(f.result).toEqual({ score: { scaled: 0, raw: 0, min: 0, max: 4 }, success: false, completion: true });
    expect(f.context!.extensions![extensionIri(config, 'attempt')]).toBe(1);
    const threeOfFour = scoreCheckpoint(cp0, { ...rightAnswers, [cp0.questions[0]!.id]: ['a'] });
    const p = passed(o, scene, cp0, threeOfFour, 2);
    expect(p.result).toEqual({ score: { scaled: 0.75, raw: 3, min: 0, max: 4 }, success: true, completion: true });
    expect(p.context!.extensions![`${BASE}/extensions/attempt`]).toBe(2);
  });

  it('completed and terminated carry score and ISO 8601 durations', () => {
    const c = completed(o, scene, { scaled: 0.875, activeMs: 754_321 });
    expect(c.result).toEqual({ completion: true, score: { scaled: 0.875 }, duration: 'PT12M34.32S' });
    expect(terminated(o, scene, { activeMs: 3_723_450 }).result).toEqual({ duration: 'PT1H2M3.45S' });
  });

  it('durationIso', () => {
    expect(durationIso(65_200)).toBe('PT1M5.2S');
    expect(durationIso(0)).toBe('PT0S');
    expect(durationIso(-5)).toBe('PT0S');
    expect(durationIso(Number.NaN)).toBe('PT0S');
    expect(durationIso(1)).toBe('PT0S');
    expect(durationIso(3_600_000)).toBe('PT1H');
    expect(durationIso(60_000)).toBe('PT1M');
    expect(durationIso(90_000_000)).toBe('PT25H');
    expect(durationIso(1_234)).toBe('PT1.23S');
    expect(durationIso(59_999)).toBe('PT1M');
  });

  it('the validator rejects what an LRS would', () => {
    const s = initialized(o, scene);
    expect(validateStatement({ ...s, id: 'not-a-uuid' }).ok).toBe(false);
    expect(validateStatement({ ...s, timestamp: '2026-07-01T08:00:00' }).ok).toBe(false);
    expect(validateStatement({ ...s, verb: { id: 'initialized' } }).ok).toBe(false);
    expect(validateStatement({ ...s, unknown: 1 }).ok).toBe(false);
    expect(validateStatement({ ...s, result: { duration: '65s' } }).ok).toBe(false);
    expect(validateStatement({ ...s, result: { score: { scaled: 2 } } }).ok).toBe(false);
    expect(validateStatement({ ...s, result: { score: { raw: 5, min: 0, max: 4 } } }).ok).toBe(false);
    expect(validateStatement({ ...s, context: { ...s.context, extensions: { mode: 'headset' } } }).ok).toBe(false);
    expect(validateStatement({ ...s, object: { ...s.object, definition: { name: { chinese: 'x' } } } }).ok).toBe(false);
  });
});

describe('recorder', () => {
  it('turns tour events into statements in the outbox, in order', async () => {
    const outbox = createOutbox(memoryBackend());
    let mode: 'desktop' | 'headset' = 'desktop';
    const recorder = createRecorder({ outbox, config, actor, mode: () => mode, now: () => at });
    let progress = createProgress(scene, registration, at);

    await recorder.baseStarted(scene, progress);
    await recorder.stopExperienced(scene, stop0, progress, { listenedMs: 30_000, finished: true });
    mode = 'headset';
    const bad = scoreCheckpoint(cp0, wrongAnswers);
    progress = recordAttempt(scene, progress, bad, at);
    const first = await recorder.checkpointSubmitted(scene, cp0, bad, progress);
    expect(first.map((s) => s.verb.id.split('/').pop())).toEqual(['answered', 'answered', 'answered', 'answered', 'failed']);
    const good = scoreCheckpoint(cp0, rightAnswers);
    progress = recordAttempt(scene, progress, good, at);
    const second = await recorder.checkpointSubmitted(scene, cp0, good, progress);
    expect(second.at(-1)!.verb.id).toBe(VERBS.passed.id);
    expect(second.every((s) => s.context!.extensions![extensionIri(config, 'attempt')] === 2)).toBe(true);

    const cp1 = scene.rooms[1]!.checkpoint!;
    const good1 = scoreCheckpoint(cp1, Object.fromEntries(cp1.questions.map((q) => [q.id, q.answer])));
    progress = { ...recordAttempt(scene, progress, good1, at), activeMs: 600_000 };
    await recorder.checkpointSubmitted(scene, cp1, good1, progress);
    const [done] = await recorder.baseCompleted(scene, progress);
    expect(done!.result).toEqual({ completion: true, score: { scaled: 1 }, duration: 'PT10M' });
    await recorder.left(scene, progress);

    const all = await outbox.peek(100);
    expect(all.map((s) => s.verb.id.split('/').pop())).toEqual([
      'initialized',
      'experienced',
      ...Array(4).fill('answered'),
      'failed',
      ...Array(4).fill('answered'),
      'passed',
      ...Array(4).fill('answered'),
      'passed',
      'completed',
      'terminated',
    ]);
    for (const s of all) {
      expectValid(s);
      expect(s.context!.registration).toBe(registration);
    }
    expect(all[0]!.context!.extensions![extensionIri(config, 'mode')]).toBe('desktop');
    expect(all.at(-1)!.context!.extensions![extensionIri(config, 'mode')]).toBe('headset');
  });
});
