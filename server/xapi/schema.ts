/**
 * The xAPI statement validator (xAPI 1.0.3, Part Two; the 2.0 additions that a 1.0.3 client
 * never sends — contextAgents, contextGroups — are accepted too). Objects are strict: an
 * unknown property is a 400, as the conformance suite expects. Normalisation (defaults,
 * arrays for contextActivities, lower-case UUIDs) happens afterwards, in `statement.ts`.
 */
import { z } from 'zod';

/** An absolute IRI: a scheme, a colon, and no white space. */
const IRI_PATTERN = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]+$/u;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** RFC 5646 in the form people use: `zh-CN`, `en`, `zh-Hans-CN`, `und`, `x-private`. */
const LANGUAGE_TAG = /^(?:[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*|[xX](?:-[A-Za-z0-9]{1,8})+)$/;
/** ISO 8601 date-time as RFC 3339 writes it; the offset may be omitted (then UTC). */
const TIMESTAMP_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/i;
const DURATION_PATTERN =
  /^P(?!$)(?:\d+(?:\.\d+)?Y)?(?:\d+(?:\.\d+)?M)?(?:\d+(?:\.\d+)?W)?(?:\d+(?:\.\d+)?D)?(?:T(?=\d)(?:\d+(?:\.\d+)?H)?(?:\d+(?:\.\d+)?M)?(?:\d+(?:\.\d+)?S)?)?$/;
const MBOX_PATTERN = /^mailto:[^@\s:/?#]+@[^@\s/?#]+\.?[^@\s/?#]*$/i;
const VERSION_PATTERN = /^(?:1\.0|2\.0)(?:\.\d+)?$/;

export const VOIDED_VERB = 'http://adlnet.gov/expapi/verbs/voided';

/** True for a syntactically valid xAPI timestamp (ISO 8601 / RFC 3339, not `-00:00`). */
export function isTimestamp(value: string): boolean {
  const m = TIMESTAMP_PATTERN.exec(value);
  if (!m) return false;
  if (m[7] === '-00:00' || m[7] === '-0000') return false;
  const [month, day, hour, minute, second] = [m[2], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return false;
  return !Number.isNaN(Date.parse(normaliseOffset(value)));
}

/** `Date.parse` needs `+08:00`, not `+0800`, and reads an offset-less time as local: make it UTC. */
export function normaliseOffset(value: string): string {
  const m = /([+-]\d{2})(\d{2})$/.exec(value);
  if (m && !/[+-]\d{2}:\d{2}$/.test(value)) return `${value.slice(0, -5)}${m[1]}:${m[2]}`;
  if (!/(?:Z|[+-]\d{2}:?\d{2})$/i.test(value)) return `${value}Z`;
  return value;
}

/** Milliseconds since the epoch of an xAPI timestamp (validated before). */
export function timestampMs(value: string): number {
  return Date.parse(normaliseOffset(value));
}

export const isUuid = (value: string): boolean => UUID_PATTERN.test(value);
export const isIri = (value: string): boolean => IRI_PATTERN.test(value);

const iri = (what = 'an IRI') => z.string().regex(IRI_PATTERN, `must be ${what} (absolute, e.g. "http://…")`);
const uuid = z.string().regex(UUID_PATTERN, 'must be a UUID (8-4-4-4-12 hex digits)');
const timestamp = z.string().refine(isTimestamp, 'must be an ISO 8601 timestamp with a time zone, e.g. 2024-05-01T08:00:00.000Z');

/** A record whose keys must match `pattern`; zod's own key error does not say why. */
function keyedRecord<V extends z.ZodType>(values: V, pattern: RegExp, message: (key: string) => string) {
  return z.record(z.string(), values).superRefine((record, ctx) => {
    for (const key of Object.keys(record)) {
      if (!pattern.test(key)) ctx.addIssue({ code: 'custom', path: [key], message: message(key) });
    }
  });
}

export const LanguageMapSchema = keyedRecord(
  z.string(),
  LANGUAGE_TAG,
  (key) => `language map key ${JSON.stringify(key)} is not an RFC 5646 language tag (e.g. "zh-CN")`,
);

const json: z.ZodType<unknown> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(json), z.record(z.string(), json)]),
);
export const ExtensionsSchema = keyedRecord(json, IRI_PATTERN, (key) => `extension key ${JSON.stringify(key)} is not an IRI`);

const AccountSchema = z.strictObject({
  homePage: iri('an IRL'),
  name: z.string().min(1, 'account name must not be empty'),
});

const IFI_KEYS = ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const;
const ifiFields = {
  mbox: z.string().regex(MBOX_PATTERN, 'mbox must be "mailto:" followed by an e-mail address').optional(),
  mbox_sha1sum: z.string().regex(/^[0-9a-f]{40}$/i, 'mbox_sha1sum must be 40 hex digits').optional(),
  openid: iri('a URI').optional(),
  account: AccountSchema.optional(),
};
const ifiCount = (value: Record<string, unknown>) => IFI_KEYS.filter((key) => value[key] !== undefined).length;

const agentShape = (objectType: z.ZodType) => z.strictObject({ objectType, name: z.string().optional(), ...ifiFields });

/** An Agent: exactly one inverse functional identifier. */
const agentOf = (objectType: z.ZodType) =>
  agentShape(objectType).superRefine((agent, ctx) => {
    const count = ifiCount(agent);
    if (count !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: `an Agent must have exactly one of mbox, mbox_sha1sum, openid, account (found ${count})`,
      });
    }
  });

export const AgentSchema = agentOf(z.literal('Agent').optional());
const AgentObjectSchema = agentOf(z.literal('Agent'));

/** A Group: identified (one IFI, members optional) or anonymous (no IFI, members required). */
export const GroupSchema = z
  .strictObject({
    objectType: z.literal('Group'),
    name: z.string().optional(),
    member: z.array(AgentSchema).optional(),
    ...ifiFields,
  })
  .superRefine((group, ctx) => {
    const count = ifiCount(group);
    if (count > 1) ctx.addIssue({ code: 'custom', message: `a Group may have at most one IFI (found ${count})` });
    if (count === 0 && (!group.member || group.member.length === 0)) {
      ctx.addIssue({ code: 'custom', message: 'an anonymous Group (no IFI) must list its members', path: ['member'] });
    }
  });

type ObjectType = string;
/**
 * Dispatches on `objectType` (with a default), so that a wrong field is reported against the
 * schema the client meant instead of as "no union member matched".
 */
function byObjectType(schemas: Record<ObjectType, z.ZodType>, fallback: ObjectType | null) {
  const allowed = Object.keys(schemas);
  return z.custom<unknown>().check((ctx) => {
    const value = ctx.value;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      ctx.issues.push({ code: 'custom', message: 'must be an object', input: value });
      return;
    }
    const given = (value as { objectType?: unknown }).objectType;
    const type = given === undefined ? fallback : given;
    const schema = typeof type === 'string' ? schemas[type] : undefined;
    if (!schema) {
      ctx.issues.push({
        code: 'custom',
        message:
          given === undefined
            ? `objectType is required here (one of ${allowed.join(', ')})`
            : `objectType must be one of ${allowed.join(', ')}`,
        input: value,
        path: ['objectType'],
      });
      return;
    }
    const result = schema.safeParse(value);
    if (!result.success) for (const issue of result.error.issues) ctx.issues.push({ ...issue, input: value } as never);
  });
}

const ActorSchema = byObjectType({ Agent: AgentSchema, Group: GroupSchema }, 'Agent');

export const VerbSchema = z.strictObject({ id: iri(), display: LanguageMapSchema.optional() });

const INTERACTION_TYPES = [
  'true-false', 'choice', 'fill-in', 'long-fill-in', 'matching', 'performance', 'sequencing', 'likert', 'numeric', 'other',
] as const;
const COMPONENT_LISTS = ['choices', 'scale', 'source', 'target', 'steps'] as const;
const COMPONENTS_FOR: Record<(typeof INTERACTION_TYPES)[number], readonly string[]> = {
  'true-false': [], choice: ['choices'], 'fill-in': [], 'long-fill-in': [], matching: ['source', 'target'],
  performance: ['steps'], sequencing: ['choices'], likert: ['scale'], numeric: [], other: [],
};
const InteractionComponentSchema = z.strictObject({ id: z.string().min(1), description: LanguageMapSchema.optional() });

const ActivityDefinitionSchema = z
  .strictObject({
    name: LanguageMapSchema.optional(),
    description: LanguageMapSchema.optional(),
    type: iri().optional(),
    moreInfo: iri('an IRL').optional(),
    extensions: ExtensionsSchema.optional(),
    interactionType: z.enum(INTERACTION_TYPES).optional(),
    correctResponsesPattern: z.array(z.string()).optional(),
    choices: z.array(InteractionComponentSchema).optional(),
    scale: z.array(InteractionComponentSchema).optional(),
    source: z.array(InteractionComponentSchema).optional(),
    target: z.array(InteractionComponentSchema).optional(),
    steps: z.array(InteractionComponentSchema).optional(),
  })
  .superRefine((def, ctx) => {
    const allowed = def.interactionType ? COMPONENTS_FOR[def.interactionType] : [];
    for (const list of COMPONENT_LISTS) {
      const components = def[list];
      if (!components) continue;
      if (!allowed.includes(list)) {
        ctx.addIssue({
          code: 'custom',
          path: [list],
          message: def.interactionType
            ? `"${list}" is not used with interactionType "${def.interactionType}"`
            : `"${list}" needs an interactionType`,
        });
      }
      const ids = new Set<string>();
      components.forEach((component, index) => {
        if (ids.has(component.id)) ctx.addIssue({ code: 'custom', path: [list, index, 'id'], message: `duplicate interaction component id "${component.id}"` });
        ids.add(component.id);
      });
    }
    if (def.correctResponsesPattern && !def.interactionType) {
      ctx.addIssue({ code: 'custom', path: ['correctResponsesPattern'], message: 'correctResponsesPattern needs an interactionType' });
    }
  });

export const ActivitySchema = z.strictObject({
  objectType: z.literal('Activity').optional(),
  id: iri(),
  definition: ActivityDefinitionSchema.optional(),
});

const StatementRefSchema = z.strictObject({ objectType: z.literal('StatementRef'), id: uuid });

const ScoreSchema = z
  .strictObject({
    scaled: z.number().min(-1, 'scaled must be between -1 and 1').max(1, 'scaled must be between -1 and 1').optional(),
    raw: z.number().optional(),
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .superRefine((score, ctx) => {
    if (score.min !== undefined && score.max !== undefined && score.min >= score.max) {
      ctx.addIssue({ code: 'custom', path: ['min'], message: 'min must be less than max' });
    }
    if (score.raw !== undefined) {
      if (score.min !== undefined && score.raw < score.min) ctx.addIssue({ code: 'custom', path: ['raw'], message: 'raw must not be below min' });
      if (score.max !== undefined && score.raw > score.max) ctx.addIssue({ code: 'custom', path: ['raw'], message: 'raw must not be above max' });
    }
  });

const ResultSchema = z.strictObject({
  score: ScoreSchema.optional(),
  success: z.boolean().optional(),
  completion: z.boolean().optional(),
  response: z.string().optional(),
  duration: z.string().regex(DURATION_PATTERN, 'duration must be an ISO 8601 duration, e.g. PT1M30S').optional(),
  extensions: ExtensionsSchema.optional(),
});

const activityList = z.union([ActivitySchema, z.array(ActivitySchema)]);
const ContextActivitiesSchema = z.strictObject({
  parent: activityList.optional(),
  grouping: activityList.optional(),
  category: activityList.optional(),
  other: activityList.optional(),
});

const ContextSchema = z.strictObject({
  registration: uuid.optional(),
  instructor: ActorSchema.optional(),
  team: GroupSchema.optional(),
  contextActivities: ContextActivitiesSchema.optional(),
  revision: z.string().optional(),
  platform: z.string().optional(),
  language: z.string().regex(LANGUAGE_TAG, 'language must be an RFC 5646 language tag (e.g. "zh-CN")').optional(),
  statement: StatementRefSchema.optional(),
  extensions: ExtensionsSchema.optional(),
  // xAPI 2.0
  contextAgents: z
    .array(z.strictObject({ objectType: z.literal('contextAgent'), agent: AgentSchema, relevantTypes: z.array(iri()).min(1).optional() }))
    .optional(),
  contextGroups: z
    .array(z.strictObject({ objectType: z.literal('contextGroup'), group: GroupSchema, relevantTypes: z.array(iri()).min(1).optional() }))
    .optional(),
});

const AttachmentSchema = z.strictObject({
  usageType: iri(),
  display: LanguageMapSchema,
  description: LanguageMapSchema.optional(),
  contentType: z.string().min(1),
  length: z.number().int().nonnegative(),
  sha2: z.string().regex(/^[0-9a-f]{56,128}$/i, 'sha2 must be a hex SHA-2 hash'),
  fileUrl: iri('an IRL').optional(),
});

/** Rules shared by a Statement and a SubStatement: revision/platform only with an Activity object. */
function contextRules(statement: { object: unknown; context?: { revision?: string; platform?: string } | undefined }, ctx: z.RefinementCtx) {
  const objectType = (statement.object as { objectType?: string } | null)?.objectType ?? 'Activity';
  if (objectType !== 'Activity') {
    for (const key of ['revision', 'platform'] as const) {
      if (statement.context?.[key] !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['context', key], message: `context.${key} may only be used when the object is an Activity` });
      }
    }
  }
}

const SubStatementSchema = z
  .strictObject({
    objectType: z.literal('SubStatement'),
    actor: ActorSchema,
    verb: VerbSchema,
    object: byObjectType(
      { Activity: ActivitySchema, Agent: AgentObjectSchema, Group: GroupSchema, StatementRef: StatementRefSchema },
      'Activity',
    ),
    result: ResultSchema.optional(),
    context: ContextSchema.optional(),
    timestamp: timestamp.optional(),
    attachments: z.array(AttachmentSchema).optional(),
  })
  .superRefine(contextRules);

export const StatementSchema = z
  .strictObject({
    id: uuid.optional(),
    actor: ActorSchema,
    verb: VerbSchema,
    object: byObjectType(
      {
        Activity: ActivitySchema,
        Agent: AgentObjectSchema,
        Group: GroupSchema,
        StatementRef: StatementRefSchema,
        SubStatement: SubStatementSchema,
      },
      'Activity',
    ),
    result: ResultSchema.optional(),
    context: ContextSchema.optional(),
    timestamp: timestamp.optional(),
    // Set by the LRS: whatever a client sends is replaced.
    stored: timestamp.optional(),
    authority: z.unknown().optional(),
    version: z.string().regex(VERSION_PATTERN, 'version must start with "1.0" or "2.0"').optional(),
    attachments: z.array(AttachmentSchema).optional(),
  })
  .superRefine((statement, ctx) => {
    contextRules(statement, ctx);
    if (statement.verb.id === VOIDED_VERB && (statement.object as { objectType?: string }).objectType !== 'StatementRef') {
      ctx.addIssue({ code: 'custom', path: ['object', 'objectType'], message: 'a voiding statement (verb "voided") must have a StatementRef as its object' });
    }
    statement.attachments?.forEach((attachment, index) => {
      if (attachment.fileUrl === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['attachments', index, 'fileUrl'],
          message: 'attachment content (multipart/mixed) is not accepted by this LRS: give a fileUrl',
        });
      }
    });
  });

/** A statement as a client may send it (after validation). */
export type IncomingStatement = z.infer<typeof StatementSchema>;

// The common case, checked by hand. zod above is the definition and writes the error messages,
// but costs ~25 µs per statement; the ingestion target (5,000 statements/s on two cores) leaves
// less than that for everything. So statements shaped like the ones clients send (an Agent
// actor, an Activity object, result, context without agents) are checked here against the same
// rules and patterns, and anything else — Groups, SubStatements, StatementRefs, attachments,
// context agents, any invalid value — goes to zod. `isPlainStatement` accepts only statements
// `StatementSchema` accepts, unchanged (tests/unit/xapi-statement.test.ts compares the two).

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
const isStr = (v: unknown): v is string => typeof v === 'string';
const matches = (v: unknown, pattern: RegExp): boolean => typeof v === 'string' && pattern.test(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const keysIn = (o: Obj, allowed: ReadonlySet<string>): boolean => Object.keys(o).every((key) => allowed.has(key));

const STATEMENT_KEYS = new Set(['id', 'actor', 'verb', 'object', 'result', 'context', 'timestamp', 'stored', 'authority', 'version']);
const AGENT_KEYS = new Set(['objectType', 'name', 'mbox', 'mbox_sha1sum', 'openid', 'account']);
const ACCOUNT_KEYS = new Set(['homePage', 'name']);
const VERB_KEYS = new Set(['id', 'display']);
const ACTIVITY_KEYS = new Set(['objectType', 'id', 'definition']);
const DEFINITION_KEYS = new Set(['name', 'description', 'type', 'moreInfo', 'extensions', 'interactionType', 'correctResponsesPattern', ...COMPONENT_LISTS]);
const COMPONENT_KEYS = new Set(['id', 'description']);
const RESULT_KEYS = new Set(['score', 'success', 'completion', 'response', 'duration', 'extensions']);
const SCORE_KEYS = new Set(['scaled', 'raw', 'min', 'max']);
const CONTEXT_KEYS = new Set(['registration', 'contextActivities', 'revision', 'platform', 'language', 'statement', 'extensions']);
const CONTEXT_ACTIVITY_KEYS = new Set(['parent', 'grouping', 'category', 'other']);
const STATEMENT_REF_KEYS = new Set(['objectType', 'id']);

function plainLanguageMap(v: unknown): boolean {
  if (!isObj(v)) return false;
  for (const key of Object.keys(v)) if (!LANGUAGE_TAG.test(key) || !isStr(v[key])) return false;
  return true;
}

function plainJson(v: unknown): boolean {
  if (v === null || isStr(v) || isNum(v) || typeof v === 'boolean') return true;
  if (Array.isArray(v)) return v.every(plainJson);
  return isObj(v) && Object.values(v).every(plainJson);
}

function plainExtensions(v: unknown): boolean {
  if (!isObj(v)) return false;
  for (const key of Object.keys(v)) if (!IRI_PATTERN.test(key) || !plainJson(v[key])) return false;
  return true;
}

function plainAgent(v: unknown): boolean {
  if (!isObj(v) || !keysIn(v, AGENT_KEYS)) return false;
  if (v.objectType !== undefined && v.objectType !== 'Agent') return false;
  if (v.name !== undefined && !isStr(v.name)) return false;
  let ifis = 0;
  if (v.mbox !== undefined) {
    if (!matches(v.mbox, MBOX_PATTERN)) return false;
    ifis++;
  }
  if (v.mbox_sha1sum !== undefined) {
    if (!matches(v.mbox_sha1sum, /^[0-9a-f]{40}$/i)) return false;
    ifis++;
  }
  if (v.openid !== undefined) {
    if (!matches(v.openid, IRI_PATTERN)) return false;
    ifis++;
  }
  if (v.account !== undefined) {
    const account = v.account;
    if (!isObj(account) || !keysIn(account, ACCOUNT_KEYS) || !matches(account.homePage, IRI_PATTERN)) return false;
    if (!isStr(account.name) || account.name.length === 0) return false;
    ifis++;
  }
  return ifis === 1;
}

function plainDefinition(v: unknown): boolean {
  if (!isObj(v) || !keysIn(v, DEFINITION_KEYS)) return false;
  if (v.name !== undefined && !plainLanguageMap(v.name)) return false;
  if (v.description !== undefined && !plainLanguageMap(v.description)) return false;
  if (v.type !== undefined && !matches(v.type, IRI_PATTERN)) return false;
  if (v.moreInfo !== undefined && !matches(v.moreInfo, IRI_PATTERN)) return false;
  if (v.extensions !== undefined && !plainExtensions(v.extensions)) return false;
  const type = v.interactionType;
  if (type !== undefined && !(INTERACTION_TYPES as readonly unknown[]).includes(type)) return false;
  const pattern = v.correctResponsesPattern;
  if (pattern !== undefined && (type === undefined || !Array.isArray(pattern) || !pattern.every(isStr))) return false;
  const allowed = type === undefined ? [] : COMPONENTS_FOR[type as (typeof INTERACTION_TYPES)[number]];
  for (const list of COMPONENT_LISTS) {
    const components = v[list];
    if (components === undefined) continue;
    if (!allowed.includes(list) || !Array.isArray(components)) return false;
    const ids = new Set<string>();
    for (const c of components) {
      if (!isObj(c) || !keysIn(c, COMPONENT_KEYS) || !isStr(c.id) || c.id.length === 0 || ids.has(c.id)) return false;
      if (c.description !== undefined && !plainLanguageMap(c.description)) return false;
      ids.add(c.id);
    }
  }
  return true;
}

function plainActivity(v: unknown): boolean {
  if (!isObj(v) || !keysIn(v, ACTIVITY_KEYS)) return false;
  if (v.objectType !== undefined && v.objectType !== 'Activity') return false;
  return matches(v.id, IRI_PATTERN) && (v.definition === undefined || plainDefinition(v.definition));
}

function plainResult(v: unknown): boolean {
  if (!isObj(v) || !keysIn(v, RESULT_KEYS)) return false;
  if (v.score !== undefined) {
    const score = v.score;
    if (!isObj(score) || !keysIn(score, SCORE_KEYS)) return false;
    const { scaled, raw, min, max } = score;
    if ([scaled, raw, min, max].some((n) => n !== undefined && !isNum(n))) return false;
    if (scaled !== undefined && ((scaled as number) < -1 || (scaled as number) > 1)) return false;
    if (min !== undefined && max !== undefined && (min as number) >= (max as number)) return false;
    if (raw !== undefined && ((min !== undefined && (raw as number) < (min as number)) || (max !== undefined && (raw as number) > (max as number)))) return false;
  }
  if (v.success !== undefined && typeof v.success !== 'boolean') return false;
  if (v.completion !== undefined && typeof v.completion !== 'boolean') return false;
  if (v.response !== undefined && !isStr(v.response)) return false;
  if (v.duration !== undefined && !matches(v.duration, DURATION_PATTERN)) return false;
  return v.extensions === undefined || plainExtensions(v.extensions);
}

function plainContext(v: unknown): boolean {
  if (!isObj(v) || !keysIn(v, CONTEXT_KEYS)) return false;
  if (v.registration !== undefined && !matches(v.registration, UUID_PATTERN)) return false;
  if (v.contextActivities !== undefined) {
    const activities = v.contextActivities;
    if (!isObj(activities) || !keysIn(activities, CONTEXT_ACTIVITY_KEYS)) return false;
    for (const list of Object.values(activities)) {
      if (list !== undefined && !(Array.isArray(list) ? list.every(plainActivity) : plainActivity(list))) return false;
    }
  }
  // revision and platform need an Activity object: the only kind taken here.
  if (v.revision !== undefined && !isStr(v.revision)) return false;
  if (v.platform !== undefined && !isStr(v.platform)) return false;
  if (v.language !== undefined && !matches(v.language, LANGUAGE_TAG)) return false;
  if (v.statement !== undefined) {
    const ref = v.statement;
    if (!isObj(ref) || !keysIn(ref, STATEMENT_REF_KEYS) || ref.objectType !== 'StatementRef' || !matches(ref.id, UUID_PATTERN)) return false;
  }
  return v.extensions === undefined || plainExtensions(v.extensions);
}

/** True for a common-shaped statement that {@link StatementSchema} accepts as it is (see above). */
export function isPlainStatement(v: unknown): boolean {
  if (!isObj(v) || !keysIn(v, STATEMENT_KEYS)) return false;
  if (v.id !== undefined && !matches(v.id, UUID_PATTERN)) return false;
  if (!plainAgent(v.actor)) return false;
  const verb = v.verb;
  if (!isObj(verb) || !keysIn(verb, VERB_KEYS) || !matches(verb.id, IRI_PATTERN) || verb.id === VOIDED_VERB) return false;
  if (verb.display !== undefined && !plainLanguageMap(verb.display)) return false;
  if (!plainActivity(v.object)) return false;
  if (v.result !== undefined && !plainResult(v.result)) return false;
  if (v.context !== undefined && !plainContext(v.context)) return false;
  if (v.timestamp !== undefined && !(isStr(v.timestamp) && isTimestamp(v.timestamp))) return false;
  if (v.stored !== undefined && !(isStr(v.stored) && isTimestamp(v.stored))) return false;
  return v.version === undefined || matches(v.version, VERSION_PATTERN);
}

/** Formats a zod issue path as a JSON path (`$[3].actor.mbox`), like the scene validator. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : `${acc}.${String(key)}`), '$');
}

export interface ValidationFailure {
  /** `statement 3: actor: an Agent must have exactly one …` (index only for arrays). */
  error: string;
  /** JSON path of the offending value: `$[3].actor` or `$.actor` for a single statement. */
  path: string;
}

/**
 * Validates a POST/PUT body: one statement or an array of them. The first problem found is
 * reported (a batch is all-or-nothing, so one is enough to reject it).
 */
export function validateStatements(
  body: unknown,
): { ok: true; statements: IncomingStatement[]; isArray: boolean } | ({ ok: false } & ValidationFailure) {
  const isArray = Array.isArray(body);
  if (isArray && body.length === 0) return { ok: true, statements: [], isArray };
  const items: unknown[] = isArray ? body : [body];
  const statements: IncomingStatement[] = [];
  for (let index = 0; index < items.length; index++) {
    if (isPlainStatement(items[index])) {
      statements.push(items[index] as IncomingStatement);
      continue;
    }
    const result = StatementSchema.safeParse(items[index]);
    if (!result.success) {
      const issue = pickIssue(result.error.issues);
      const relative = jsonPath(issue.path);
      const path = isArray ? `$[${index}]${relative.slice(1)}` : relative;
      const where = relative === '$' ? '' : `${relative.slice(2)}: `;
      return { ok: false, error: `${isArray ? `statement ${index}: ` : ''}${where}${issue.message}`, path };
    }
    statements.push(result.data);
  }
  return { ok: true, statements, isArray };
}

/** The most specific issue: the deepest path wins, so "mbox: …" beats "actor: invalid". */
function pickIssue(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue {
  return issues.reduce((best, issue) => (issue.path.length > best.path.length ? issue : best), issues[0]!);
}
