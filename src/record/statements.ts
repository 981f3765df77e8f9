/**
 * xAPI statement builders: one pure function per verb, from typed scene content to a statement
 * that is valid under xAPI 1.0.3 and 2.0. Nothing here sends or stores anything.
 *
 * Activity ids (identifiers, never fetched), all under `config.activityBase`:
 *   base        <activityBase>/bases/<baseId>
 *   room        <activityBase>/bases/<baseId>/rooms/<roomId>
 *   stop        <activityBase>/bases/<baseId>/stops/<stopId>
 *   checkpoint  <activityBase>/bases/<baseId>/checkpoints/<checkpointId>
 *   question    <activityBase>/bases/<baseId>/checkpoints/<checkpointId>/questions/<questionId>
 * Content ids are unique only within one scene (question ids not even across checkpoints),
 * hence the nesting.
 */
import { z } from 'zod';
import type { Checkpoint, Localized, Question, Room, Scene, Stop } from '../content/schema';
import type { CheckpointResult, QuestionResult } from '../tour/progress';

/** Where the records come from and how activities are named. */
export interface RecordConfig {
  /** IRI prefix of every activity id, e.g. "https://redtour.example/xapi/activities". */
  activityBase: string;
  /** The branch's account homePage IRI (actors are identified by account, never by e-mail). */
  homePage: string;
  /** context.platform; default "RedTour XR". */
  platform?: string;
  /** context.language, the language of the experience; default "zh-CN". */
  language?: string;
}

/** How the tour is being taken: in a headset, on a desktop/phone, or projected to a group. */
export type Mode = 'headset' | 'desktop' | 'screening';

/** xAPI language map: RFC 5646 tag → text. */
export type LanguageMap = Record<string, string>;

/** The learner, identified by the branch account (never by e-mail). */
export interface Agent {
  objectType: 'Agent';
  name: string;
  account: { homePage: string; name: string };
}

/** An xAPI verb: IRI and display names. */
export interface Verb {
  id: string;
  display: LanguageMap;
}

/** One option of a choice interaction. */
export interface InteractionComponent {
  id: string;
  description: LanguageMap;
}

/** The parts of an activity definition this app fills in. */
export interface ActivityDefinition {
  name?: LanguageMap;
  description?: LanguageMap;
  type?: string;
  interactionType?: 'choice' | 'true-false';
  correctResponsesPattern?: string[];
  choices?: InteractionComponent[];
}

/** An xAPI activity (statement object or context activity). */
export interface Activity {
  objectType: 'Activity';
  id: string;
  definition?: ActivityDefinition;
}

/** result.score: `scaled` in -1..1, `raw` within [min, max]. */
export interface Score {
  scaled?: number;
  raw?: number;
  min?: number;
  max?: number;
}

/** xAPI result; `duration` is ISO 8601 (see durationIso). */
export interface Result {
  score?: Score;
  success?: boolean;
  completion?: boolean;
  response?: string;
  duration?: string;
  extensions?: Record<string, unknown>;
}

/** context.contextActivities. */
export interface ContextActivities {
  parent?: Activity[];
  grouping?: Activity[];
  category?: Activity[];
  other?: Activity[];
}

/** xAPI context; `registration` is the base attempt's UUID. */
export interface Context {
  registration?: string;
  contextActivities?: ContextActivities;
  platform?: string;
  language?: string;
  extensions?: Record<string, unknown>;
}

/** The subset of an xAPI statement this app emits. */
export interface Statement {
  id: string;
  actor: Agent;
  verb: Verb;
  object: Activity;
  result?: Result;
  context?: Context;
  timestamp: string;
}

/** Everything about the moment of a statement that is not content: who, which attempt, how, when. */
export interface Occasion {
  config: RecordConfig;
  actor: Agent;
  /** The base attempt's UUID (TourProgress.registration); left out of the statement if not a UUID. */
  registration: string;
  mode: Mode;
  /** Defaults to now. */
  at?: Date;
}

const ADL = 'http://adlnet.gov/expapi';

/** The ADL verbs used, with their display names. */
export const VERBS = {
  initialized: { id: `${ADL}/verbs/initialized`, display: { 'zh-CN': '开始', 'en-US': 'initialized' } },
  experienced: { id: `${ADL}/verbs/experienced`, display: { 'zh-CN': '收听', 'en-US': 'experienced' } },
  answered: { id: `${ADL}/verbs/answered`, display: { 'zh-CN': '作答', 'en-US': 'answered' } },
  passed: { id: `${ADL}/verbs/passed`, display: { 'zh-CN': '通过', 'en-US': 'passed' } },
  failed: { id: `${ADL}/verbs/failed`, display: { 'zh-CN': '未通过', 'en-US': 'failed' } },
  completed: { id: `${ADL}/verbs/completed`, display: { 'zh-CN': '完成', 'en-US': 'completed' } },
  terminated: { id: `${ADL}/verbs/terminated`, display: { 'zh-CN': '退出', 'en-US': 'terminated' } },
  attended: { id: `${ADL}/verbs/attended`, display: { 'zh-CN': '参加', 'en-US': 'attended' } },
} as const satisfies Record<string, Verb>;

/** The verbs this app uses, by name. */
export type VerbName = keyof typeof VERBS;

/** ADL activity types per kind of activity. */
export const ACTIVITY_TYPES = {
  base: `${ADL}/activities/course`,
  room: `${ADL}/activities/module`,
  stop: `${ADL}/activities/lesson`,
  checkpoint: `${ADL}/activities/assessment`,
  question: `${ADL}/activities/cmi.interaction`,
  profile: `${ADL}/activities/profile`,
} as const;

/** context.platform unless the config says otherwise. */
export const DEFAULT_PLATFORM = 'RedTour XR';
/** context.language unless the config says otherwise. */
export const DEFAULT_LANGUAGE = 'zh-CN';

function trimBase(config: RecordConfig): string {
  return config.activityBase.replace(/\/+$/, '');
}

const seg = (id: string) => encodeURIComponent(id);

/** Activity id IRIs, exported so the server and dashboard can match them. */
export const activityIds = {
  base: (c: RecordConfig, baseId: string) => `${trimBase(c)}/bases/${seg(baseId)}`,
  room: (c: RecordConfig, baseId: string, roomId: string) => `${activityIds.base(c, baseId)}/rooms/${seg(roomId)}`,
  stop: (c: RecordConfig, baseId: string, stopId: string) => `${activityIds.base(c, baseId)}/stops/${seg(stopId)}`,
  checkpoint: (c: RecordConfig, baseId: string, cpId: string) => `${activityIds.base(c, baseId)}/checkpoints/${seg(cpId)}`,
  question: (c: RecordConfig, baseId: string, cpId: string, qId: string) =>
    `${activityIds.checkpoint(c, baseId, cpId)}/questions/${seg(qId)}`,
  /** The RedTour profile, put in context.category of every statement. */
  profile: (c: RecordConfig) => `${trimBase(c)}/profile`,
};

/** Extension keys (IRIs under activityBase). `mode` is in context; `attempt` (1-based) in checkpoint/answer context. */
export function extensionIri(config: RecordConfig, name: 'mode' | 'attempt'): string {
  return `${trimBase(config)}/extensions/${name}`;
}

/** A scene text as an xAPI language map. */
export function languageMap(text: Localized): LanguageMap {
  return text.en ? { 'zh-CN': text.zh, 'en-US': text.en } : { 'zh-CN': text.zh };
}

/** The actor for a member, identified by the branch account (no e-mail). */
export function agent(config: RecordConfig, member: { name: string; memberId: string }): Agent {
  return { objectType: 'Agent', name: member.name, account: { homePage: config.homePage, name: member.memberId } };
}

/** A random UUID v4; falls back to getRandomValues where randomUUID is missing (insecure context). */
export function uuidV4(): string {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * An ISO 8601 duration, to 0.01 s (the precision xAPI compares durations at):
 * 65200 → "PT1M5.2S", 0 → "PT0S", 3723450 → "PT1H2M3.45S". Negative or non-finite → "PT0S".
 */
export function durationIso(ms: number): string {
  const cs = Number.isFinite(ms) && ms > 0 ? Math.round(ms / 10) : 0;
  const h = Math.floor(cs / 360000);
  const m = Math.floor((cs % 360000) / 6000);
  const s = (cs % 6000) / 100;
  let out = 'PT';
  if (h) out += `${h}H`;
  if (m) out += `${m}M`;
  if (s || out === 'PT') out += `${Number(s.toFixed(2))}S`;
  return out;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

function activity(id: string, type: string, name: Localized): Activity {
  return { objectType: 'Activity', id, definition: { name: languageMap(name), type } };
}

function baseActivity(config: RecordConfig, scene: Scene): Activity {
  return activity(activityIds.base(config, scene.id), ACTIVITY_TYPES.base, scene.title);
}

function roomActivity(config: RecordConfig, scene: Scene, room: Room): Activity {
  return activity(activityIds.room(config, scene.id, room.id), ACTIVITY_TYPES.room, room.title);
}

function profileActivity(config: RecordConfig): Activity {
  return { objectType: 'Activity', id: activityIds.profile(config), definition: { type: ACTIVITY_TYPES.profile } };
}

function roomOfStop(scene: Scene, stop: Stop): Room | undefined {
  return scene.rooms.find((r) => r.stops.some((s) => s.id === stop.id));
}

function roomOfCheckpoint(scene: Scene, cp: Checkpoint): Room | undefined {
  return scene.rooms.find((r) => r.checkpoint?.id === cp.id);
}

function statement(
  o: Occasion,
  verb: VerbName,
  object: Activity,
  extra: { result?: Result; parent?: Activity[]; grouping?: Activity[]; extensions?: Record<string, unknown> } = {},
): Statement {
  const { config } = o;
  const contextActivities: ContextActivities = {};
  if (extra.parent?.length) contextActivities.parent = extra.parent;
  if (extra.grouping?.length) contextActivities.grouping = extra.grouping;
  contextActivities.category = [profileActivity(config)];
  const context: Context = {};
  if (UUID_RE.test(o.registration)) context.registration = o.registration.toLowerCase();
  context.contextActivities = contextActivities;
  context.platform = config.platform ?? DEFAULT_PLATFORM;
  context.language = config.language ?? DEFAULT_LANGUAGE;
  context.extensions = { [extensionIri(config, 'mode')]: o.mode, ...extra.extensions };
  return {
    id: uuidV4(),
    actor: o.actor,
    verb: { id: VERBS[verb].id, display: { ...VERBS[verb].display } },
    object,
    ...(extra.result ? { result: extra.result } : {}),
    context,
    timestamp: (o.at ?? new Date()).toISOString(),
  };
}

/** A base attempt starts. */
export function initialized(o: Occasion, scene: Scene): Statement {
  return statement(o, 'initialized', baseActivity(o.config, scene));
}

/** A stop's narration was heard; `listenedMs` if known, `finished` when it played to the end. */
export function experienced(o: Occasion, scene: Scene, stop: Stop, heard: { listenedMs?: number; finished: boolean }): Statement {
  const room = roomOfStop(scene, stop);
  const result: Result = { completion: heard.finished };
  if (heard.listenedMs !== undefined && heard.listenedMs >= 0) result.duration = durationIso(heard.listenedMs);
  return statement(o, 'experienced', activity(activityIds.stop(o.config, scene.id, stop.id), ACTIVITY_TYPES.stop, stop.title), {
    result,
    parent: [baseActivity(o.config, scene)],
    grouping: room ? [roomActivity(o.config, scene, room)] : [],
  });
}

/**
 * True-false needs option ids "true" and "false" (the spec's response values); any other
 * two-option question is recorded as a `choice` interaction, which keeps the option texts.
 */
function isTrueFalse(q: Question): boolean {
  const ids = new Set(q.options.map((x) => x.id));
  return q.type === 'truefalse' && ids.size === 2 && ids.has('true') && ids.has('false');
}

/** The question as a cmi.interaction activity. */
export function questionActivity(config: RecordConfig, scene: Scene, cp: Checkpoint, q: Question): Activity {
  const definition: ActivityDefinition = { name: languageMap(q.prompt), type: ACTIVITY_TYPES.question };
  if (isTrueFalse(q)) {
    definition.interactionType = 'true-false';
    definition.correctResponsesPattern = [q.answer[0]!];
  } else {
    definition.interactionType = 'choice';
    definition.correctResponsesPattern = [[...q.answer].sort().join('[,]')];
    definition.choices = q.options.map((x) => ({ id: x.id, description: languageMap(x.text) }));
  }
  return { objectType: 'Activity', id: activityIds.question(config, scene.id, cp.id, q.id), definition };
}

/** A question was answered at a checkpoint (attempt is 1-based). Unanswered: no response, success false. */
export function answered(o: Occasion, scene: Scene, cp: Checkpoint, q: Question, given: QuestionResult, attempt: number): Statement {
  const room = roomOfCheckpoint(scene, cp);
  const result: Result = { success: given.correct };
  if (given.given.length) result.response = isTrueFalse(q) ? given.given[0]! : [...given.given].sort().join('[,]');
  const grouping = [
    ...(room ? [roomActivity(o.config, scene, room)] : []),
    activity(activityIds.checkpoint(o.config, scene.id, cp.id), ACTIVITY_TYPES.checkpoint, cp.title),
  ];
  return statement(o, 'answered', questionActivity(o.config, scene, cp, q), {
    result,
    parent: [baseActivity(o.config, scene)],
    grouping,
    extensions: { [extensionIri(o.config, 'attempt')]: attempt },
  });
}

function checkpointStatement(verb: 'passed' | 'failed', o: Occasion, scene: Scene, cp: Checkpoint, r: CheckpointResult, attempt: number): Statement {
  const room = roomOfCheckpoint(scene, cp);
  return statement(o, verb, activity(activityIds.checkpoint(o.config, scene.id, cp.id), ACTIVITY_TYPES.checkpoint, cp.title), {
    result: {
      score: { scaled: r.total ? r.right / r.total : 0, raw: r.right, min: 0, max: r.total },
      success: verb === 'passed',
      completion: true,
    },
    parent: [baseActivity(o.config, scene)],
    grouping: room ? [roomActivity(o.config, scene, room)] : [],
    extensions: { [extensionIri(o.config, 'attempt')]: attempt },
  });
}

/** A checkpoint attempt reached its pass mark. */
export function passed(o: Occasion, scene: Scene, cp: Checkpoint, r: CheckpointResult, attempt: number): Statement {
  return checkpointStatement('passed', o, scene, cp, r, attempt);
}

/** A checkpoint attempt fell short of its pass mark. */
export function failed(o: Occasion, scene: Scene, cp: Checkpoint, r: CheckpointResult, attempt: number): Statement {
  return checkpointStatement('failed', o, scene, cp, r, attempt);
}

/** The base is complete; `scaled` is the base score 0..1, `activeMs` the study time. */
export function completed(o: Occasion, scene: Scene, done: { scaled: number; activeMs: number }): Statement {
  return statement(o, 'completed', baseActivity(o.config, scene), {
    result: { completion: true, score: { scaled: Math.min(1, Math.max(0, done.scaled)) }, duration: durationIso(done.activeMs) },
  });
}

/** The visitor left the base (closed it, or the session ended); `activeMs` is the study time so far. */
export function terminated(o: Occasion, scene: Scene, left: { activeMs: number }): Statement {
  return statement(o, 'terminated', baseActivity(o.config, scene), { result: { duration: durationIso(left.activeMs) } });
}

/**
 * The member attended a group screening of the base (the presenter confirmed it); `completion`
 * when the screening went through every station, `durationMs` the meeting's length. The meeting's
 * id is the registration.
 */
export function attended(o: Occasion, scene: Scene, meeting: { durationMs: number; completion: boolean }): Statement {
  return statement(o, 'attended', baseActivity(o.config, scene), { result: { completion: meeting.completion, duration: durationIso(meeting.durationMs) } });
}

// ---------------------------------------------------------------------------------------------
// Sanity check of the emitted subset (used by tests; an LRS does its own full validation).

const iri = z.string().refine((s) => {
  if (/\s/.test(s) || !/^[a-z][a-z0-9+.-]*:/i.test(s)) return false;
  try {
    new URL(s);
    return true;
  } catch {
    return false;
  }
}, 'must be an absolute IRI');
const langTag = z.string().regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'must be an RFC 5646 language tag');
const langMap = z.record(langTag, z.string()).refine((m) => Object.keys(m).length > 0, 'empty language map');
const extensions = z.record(iri, z.unknown());
const DURATION_RE = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(?:\.\d+)?S)?)?$/;

const ActivitySchema = z.strictObject({
  objectType: z.literal('Activity').optional(),
  id: iri,
  definition: z
    .strictObject({
      name: langMap.optional(),
      description: langMap.optional(),
      type: iri.optional(),
      moreInfo: iri.optional(),
      interactionType: z.enum(['true-false', 'choice', 'fill-in', 'long-fill-in', 'matching', 'performance', 'sequencing', 'likert', 'numeric', 'other']).optional(),
      correctResponsesPattern: z.array(z.string()).optional(),
      choices: z.array(z.strictObject({ id: z.string().regex(/^[^\s[\],]+$/), description: langMap })).optional(),
      extensions: extensions.optional(),
    })
    .superRefine((d, ctx) => {
      if (d.interactionType && d.type !== ACTIVITY_TYPES.question)
        ctx.addIssue({ code: 'custom', path: ['type'], message: 'an interaction must have type cmi.interaction' });
      if (d.choices && d.interactionType !== 'choice' && d.interactionType !== 'sequencing')
        ctx.addIssue({ code: 'custom', path: ['choices'], message: 'choices belong to choice/sequencing interactions only' });
      if (d.interactionType === 'true-false' && d.correctResponsesPattern?.some((p) => p !== 'true' && p !== 'false'))
        ctx.addIssue({ code: 'custom', path: ['correctResponsesPattern'], message: 'true-false patterns are "true" or "false"' });
      if (d.interactionType === 'choice' && d.choices) {
        const ids = new Set(d.choices.map((c) => c.id));
        for (const p of d.correctResponsesPattern ?? [])
          if (p.split('[,]').some((x) => !ids.has(x)))
            ctx.addIssue({ code: 'custom', path: ['correctResponsesPattern'], message: `"${p}" names an unknown choice` });
      }
    })
    .optional(),
});

const ScoreSchema = z
  .strictObject({
    scaled: z.number().min(-1).max(1).optional(),
    raw: z.number().optional(),
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .refine((s) => s.min === undefined || s.max === undefined || s.min < s.max, 'min must be below max')
  .refine((s) => s.raw === undefined || ((s.min === undefined || s.raw >= s.min) && (s.max === undefined || s.raw <= s.max)), 'raw must lie in [min, max]');

const AgentSchema = z.strictObject({
  objectType: z.literal('Agent').optional(),
  name: z.string().optional(),
  account: z.strictObject({ homePage: iri, name: z.string().min(1) }),
});

const StatementSchema = z
  .strictObject({
    id: z.string().regex(UUID_RE, 'must be a UUID'),
    actor: AgentSchema,
    verb: z.strictObject({ id: iri, display: langMap.optional() }),
    object: ActivitySchema,
    result: z
      .strictObject({
        score: ScoreSchema.optional(),
        success: z.boolean().optional(),
        completion: z.boolean().optional(),
        response: z.string().optional(),
        duration: z.string().regex(DURATION_RE, 'must be an ISO 8601 duration').optional(),
        extensions: extensions.optional(),
      })
      .optional(),
    context: z
      .strictObject({
        registration: z.string().regex(UUID_RE, 'must be a UUID').optional(),
        contextActivities: z
          .strictObject({
            parent: z.array(ActivitySchema).optional(),
            grouping: z.array(ActivitySchema).optional(),
            category: z.array(ActivitySchema).optional(),
            other: z.array(ActivitySchema).optional(),
          })
          .optional(),
        platform: z.string().optional(),
        language: langTag.optional(),
        extensions: extensions.optional(),
      })
      .optional(),
    timestamp: z.iso.datetime({ offset: true }),
  })
  .superRefine((s, ctx) => {
    const d = s.object.definition;
    const response = s.result?.response;
    if (response === undefined || !d?.interactionType) return;
    if (d.interactionType === 'true-false' && response !== 'true' && response !== 'false')
      ctx.addIssue({ code: 'custom', path: ['result', 'response'], message: 'a true-false response is "true" or "false"' });
    if (d.interactionType === 'choice' && d.choices) {
      const ids = new Set(d.choices.map((c) => c.id));
      if (response.split('[,]').some((x) => !ids.has(x)))
        ctx.addIssue({ code: 'custom', path: ['result', 'response'], message: `"${response}" names an unknown choice` });
    }
  });

/** Checks a statement against the subset of xAPI this app emits; returns the problems, if any. */
export function validateStatement(s: unknown): { ok: true } | { ok: false; errors: string[] } {
  const r = StatementSchema.safeParse(s);
  if (r.success) return { ok: true };
  return { ok: false, errors: r.error.issues.map((i) => `${i.path.join('.') || '$'}: ${i.message}`) };
}
