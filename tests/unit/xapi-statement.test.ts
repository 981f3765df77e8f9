import { describe, expect, it } from 'vitest';
import { isPlainStatement, isTimestamp, StatementSchema, validateStatements } from '../../server/xapi/schema';
import {
  canonicalFormat,
  ifiKey,
  indexStatement,
  normaliseStatement,
  parseAcceptLanguage,
  pickLanguage,
  sameStatement,
} from '../../server/xapi/statement';
import { jiandang, tourStatements } from './admin-helpers';

const base = {
  actor: { mbox: 'mailto:li@example.com', name: '李明' },
  verb: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { 'zh-CN': '回答了' } },
  object: {
    id: 'https://redtour.test/q/1',
    definition: {
      type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
      interactionType: 'choice',
      correctResponsesPattern: ['a'],
      choices: [{ id: 'a', description: { 'zh-CN': '甲', en: 'A' } }, { id: 'b' }],
    },
  },
  result: { score: { scaled: -0.5, raw: 2, min: 0, max: 4 }, success: true, duration: 'PT1M30.5S', response: 'a' },
  context: {
    registration: 'AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE',
    contextActivities: { parent: { id: 'https://redtour.test/base/yanan' }, category: [{ id: 'https://redtour.test/profile' }] },
    language: 'zh-CN',
    platform: 'RedTour XR',
    extensions: { 'https://redtour.test/ext/mode': 'headset' },
  },
  timestamp: '2024-07-01T09:30:00.123+08:00',
};

describe('statement validator', () => {
  it('accepts a full statement, a group actor, a SubStatement, 2.0 context agents and an empty batch', () => {
    expect(validateStatements(base)).toMatchObject({ ok: true, isArray: false });
    const group = { ...base, actor: { objectType: 'Group', member: [{ mbox: 'mailto:a@x.test' }, { account: { homePage: 'https://x.test', name: 'b' } }] } };
    const sub = {
      ...base,
      object: { objectType: 'SubStatement', actor: base.actor, verb: base.verb, object: { objectType: 'Agent', mbox: 'mailto:t@x.test' }, timestamp: '2024-07-01T10:00:00Z' },
      context: { registration: base.context.registration },
    };
    const two = { ...base, version: '2.0.0', context: { contextAgents: [{ objectType: 'contextAgent', agent: { mbox: 'mailto:x@x.test' }, relevantTypes: ['https://x.test/t'] }] } };
    expect(validateStatements([group, sub, two])).toMatchObject({ ok: true, isArray: true });
    expect(validateStatements([])).toEqual({ ok: true, statements: [], isArray: true });
  });

  it('names the index and path of the first problem', () => {
    const result = validateStatements([base, { ...base, result: { score: { scaled: 2 } } }]);
    expect(result).toEqual({ ok: false, error: 'statement 1: result.score.scaled: scaled must be between -1 and 1', path: '$[1].result.score.scaled' });
    expect(validateStatements({ ...base, verb: { id: 'x' } })).toMatchObject({ ok: false, path: '$.verb.id' });
  });

  it('checks timestamps as ISO 8601 with real dates', () => {
    for (const ok of ['2024-07-01T09:30:00Z', '2024-07-01T09:30:00.1234+08:00', '2024-07-01T09:30:00+0800', '2024-07-01T09:30:00']) expect(isTimestamp(ok), ok).toBe(true);
    for (const bad of ['2024-07-01', '2024-02-30T00:00:00Z'.replace('30', '3x'), '2024-13-01T00:00:00Z', '2024-07-01T25:00:00Z', '2024-07-01T00:00:00-00:00', 'yesterday']) {
      expect(isTimestamp(bad), bad).toBe(false);
    }
  });
});

describe('the hand-written check of common statements', () => {
  // What isPlainStatement takes skips zod, so it must never take what zod refuses, nor anything
  // zod would change. Seeds: `base` and the app's own statements for a whole tour; mutants: each
  // value in turn replaced by values of other types and shapes, removed, or given a stray key.
  const tour = tourStatements(jiandang(), { activityBase: 'https://redtour.test/xapi/activities', homePage: 'https://redtour.test/branches/b1' }, {
    memberId: 'm1', name: '李明', registration: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', mode: 'headset', start: new Date('2024-07-01T01:00:00Z'), activeMs: 60_000,
  });
  const replacements: unknown[] = [
    undefined, null, true, 0, -2, 0.5, 7, '', 'x', 'http://x.test/a', 'mailto:a@x.test', 'AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE',
    '2024-07-01T00:00:00Z', 'PT1S', 'zh-CN', '1.0.3', 'a'.repeat(40), 'true-false', 'choice', 'Agent', 'Group', 'Activity', 'StatementRef',
    'http://adlnet.gov/expapi/verbs/voided', [], ['a'], [{ id: 'a' }], [{ id: 'a' }, { id: 'a' }], {}, { id: 'a' }, { 'zh-CN': 1 },
    { homePage: 'http://x.test', name: 'n' }, { objectType: 'Activity', id: 'http://x.test/b' }, { mbox: 'mailto:b@x.test' },
  ];
  type Json = Record<string, unknown> | unknown[];
  function* mutants(value: unknown): Generator<unknown> {
    if (value === null || typeof value !== 'object') return;
    const container = value as Json;
    for (const key of Object.keys(container)) {
      for (const replacement of replacements) {
        const copy: Json = structuredClone(container);
        if (replacement === undefined && !Array.isArray(copy)) delete copy[key as keyof typeof copy];
        else (copy as Record<string, unknown>)[key] = replacement;
        yield copy;
      }
      for (const inner of mutants((container as Record<string, unknown>)[key])) {
        const copy: Json = structuredClone(container);
        (copy as Record<string, unknown>)[key] = inner;
        yield copy;
      }
    }
    if (!Array.isArray(container)) yield { ...container, stray: 1 };
  }

  it('takes only statements the zod schema accepts unchanged', () => {
    // One statement of each kind the app sends (its answered statements differ only in text).
    const seeds = [base, ...new Map(tour.map((statement) => [statement.verb.id, statement])).values()];
    let taken = 0;
    let left = 0;
    for (const seed of seeds) {
      expect(isPlainStatement(seed)).toBe(true);
      for (const mutant of mutants(seed)) {
        if (!isPlainStatement(mutant)) {
          left++;
          continue;
        }
        taken++;
        const parsed = StatementSchema.safeParse(mutant);
        expect(parsed.success, JSON.stringify(mutant)).toBe(true);
        expect(parsed.data).toEqual(mutant);
      }
    }
    // Both ways exercised, over many thousands of mutants.
    expect(taken).toBeGreaterThan(500);
    expect(left).toBeGreaterThan(5000);
  }, 30_000);

  it('takes every statement the app sends, and leaves the other kinds to zod', () => {
    expect(tour.length).toBeGreaterThan(10);
    expect(tour.every(isPlainStatement)).toBe(true);
    const group = { ...base, actor: { objectType: 'Group', member: [{ mbox: 'mailto:a@x.test' }] } };
    const { context: _context, ...noContext } = base;
    const ref = { ...noContext, verb: { id: 'http://adlnet.gov/expapi/verbs/voided' }, object: { objectType: 'StatementRef', id: base.context.registration } };
    for (const other of [group, ref, { ...base, attachments: [] }, { ...base, context: { instructor: base.actor } }]) {
      expect(isPlainStatement(other)).toBe(false);
      expect(validateStatements(other).ok).toBe(true);
    }
  });
});

describe('normalisation and index', () => {
  it('turns single contextActivities into arrays, lower-cases UUIDs and defaults id and version', () => {
    const validated = validateStatements(base);
    if (!validated.ok) throw new Error(validated.error);
    const s = normaliseStatement(validated.statements[0]!, { id: 'f0000000-0000-4000-8000-000000000000', version: '1.0.0' });
    expect(s.id).toBe('f0000000-0000-4000-8000-000000000000');
    expect(s.version).toBe('1.0.0');
    expect((s.context as { registration: string }).registration).toBe('aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee');
    expect((s.context as { contextActivities: { parent: unknown } }).contextActivities.parent).toEqual([{ id: 'https://redtour.test/base/yanan' }]);
    const index = indexStatement(s);
    expect(index.activities).toEqual(
      expect.arrayContaining([
        { id: 'https://redtour.test/q/1', role: 'object' },
        { id: 'https://redtour.test/base/yanan', role: 'parent' },
        { id: 'https://redtour.test/profile', role: 'category' },
      ]),
    );
    expect(index.agents).toEqual([{ ifi: 'mbox:mailto:li@example.com', role: 'actor' }]);
    expect(index.registration).toBe('aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee');
  });

  it('keys agents by IFI: mbox case-insensitive, account exact', () => {
    expect(ifiKey({ mbox: 'mailto:Li@Example.COM' })).toBe(ifiKey({ mbox: 'mailto:li@example.com' }));
    expect(ifiKey({ account: { homePage: 'https://x.test', name: 'Li' } })).not.toBe(ifiKey({ account: { homePage: 'https://x.test', name: 'li' } }));
    expect(ifiKey({ objectType: 'Group', member: [] })).toBeNull();
  });
});

describe('immutability comparison', () => {
  const stored = { ...base, id: 'x', stored: '2024-07-01T01:30:00.200Z', authority: { account: { homePage: 'h', name: 'b1' } }, version: '1.0.0' };

  it('ignores LRS-assigned properties, definitions, verb display, member order, case and array-vs-single', () => {
    const resent = {
      ...base,
      actor: { mbox: 'mailto:LI@example.com', name: '李明', objectType: 'Agent' },
      verb: { id: base.verb.id },
      object: { id: base.object.id, objectType: 'Activity' },
      context: { ...base.context, registration: base.context.registration.toLowerCase(), contextActivities: { parent: [{ id: 'https://redtour.test/base/yanan', definition: { name: { en: 'Yan’an' } } }], category: base.context.contextActivities.category } },
      timestamp: '2024-07-01T01:30:00.123Z',
    };
    expect(sameStatement(stored, resent)).toBe(true);
    const { timestamp: _t, ...withoutTimestamp } = base;
    expect(sameStatement(stored, withoutTimestamp)).toBe(true);
    const g1 = { ...base, actor: { objectType: 'Group', member: [{ mbox: 'mailto:a@x.test' }, { mbox: 'mailto:b@x.test' }] } };
    const g2 = { ...base, actor: { objectType: 'Group', member: [{ mbox: 'mailto:b@x.test' }, { mbox: 'mailto:a@x.test' }] } };
    expect(sameStatement(g1, g2)).toBe(true);
  });

  it('does not ignore results, durations written differently, the actor or the instant', () => {
    expect(sameStatement(stored, { ...base, result: { ...base.result, duration: 'PT90.5S' } })).toBe(false);
    expect(sameStatement(stored, { ...base, result: { ...base.result, success: false } })).toBe(false);
    expect(sameStatement(stored, { ...base, actor: { mbox: 'mailto:wang@example.com' } })).toBe(false);
    expect(sameStatement(stored, { ...base, timestamp: '2024-07-01T09:30:01.123+08:00' })).toBe(false);
    expect(sameStatement(stored, { ...base, context: { ...base.context, language: 'en' } })).toBe(false);
  });
});

describe('canonical format', () => {
  it('picks one language per map from Accept-Language', () => {
    expect(parseAcceptLanguage('en;q=0.5, zh-CN, fr;q=0')).toEqual(['zh-cn', 'en']);
    expect(pickLanguage({ 'zh-CN': '甲', 'en-US': 'A' }, ['en'])).toEqual({ 'en-US': 'A' });
    expect(pickLanguage({ 'zh-CN': '甲', 'en-US': 'A' }, ['fr'])).toEqual({ 'zh-CN': '甲' });
    const out = canonicalFormat(base, ['en']) as typeof base;
    expect(out.object.definition.choices[0]!.description).toEqual({ en: 'A' });
    expect(out.verb.display).toEqual({ 'zh-CN': '回答了' });
  });
});
