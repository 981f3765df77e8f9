/**
 * Plain functions on validated statements: normalisation before storage, the inverse
 * functional identifier (IFI) keys used for agent filters, the rows of the filter indexes,
 * the immutability comparison, and the `ids` / `canonical` output formats.
 */
import type { IncomingStatement } from './schema';
import { isUuid, timestampMs, VOIDED_VERB } from './schema';

// Loose shapes: validation has happened, and these helpers also read statements back from storage.
type Json = Record<string, unknown>;
export type Statement = Json & { id: string; actor: Json; verb: Json & { id: string }; object: Json };

export interface AgentLike {
  objectType?: unknown;
  mbox?: unknown;
  mbox_sha1sum?: unknown;
  openid?: unknown;
  account?: unknown;
  member?: unknown;
}

/**
 * The IFI of an Agent or identified Group as one comparable string, or null (anonymous Group).
 * Rule: `mbox` and `mbox_sha1sum` compare case-insensitively (e-mail addresses are treated as
 * lower case); `openid` and `account` (homePage + name) compare exactly.
 */
export function ifiKey(agent: AgentLike | null | undefined): string | null {
  if (!agent || typeof agent !== 'object') return null;
  if (typeof agent.mbox === 'string') return `mbox:${agent.mbox.toLowerCase()}`;
  if (typeof agent.mbox_sha1sum === 'string') return `sha1:${agent.mbox_sha1sum.toLowerCase()}`;
  if (typeof agent.openid === 'string') return `openid:${agent.openid}`;
  const account = agent.account as { homePage?: unknown; name?: unknown } | undefined;
  if (account && typeof account.homePage === 'string' && typeof account.name === 'string') {
    return `account:${JSON.stringify([account.homePage, account.name])}`;
  }
  return null;
}

const CONTEXT_ACTIVITY_KINDS = ['parent', 'grouping', 'category', 'other'] as const;

function lowerUuid(value: unknown): unknown {
  return typeof value === 'string' && isUuid(value) ? value.toLowerCase() : value;
}

function normaliseContext(context: Json | undefined): Json | undefined {
  if (!context) return context;
  const out: Json = { ...context };
  if (out.registration !== undefined) out.registration = lowerUuid(out.registration);
  if (out.statement) out.statement = { ...(out.statement as Json), id: lowerUuid((out.statement as Json).id) };
  const activities = out.contextActivities as Json | undefined;
  if (activities) {
    const arrays: Json = {};
    for (const kind of CONTEXT_ACTIVITY_KINDS) {
      const value = activities[kind];
      if (value !== undefined) arrays[kind] = Array.isArray(value) ? value : [value];
    }
    out.contextActivities = arrays;
  }
  return out;
}

function normaliseObject(object: Json): Json {
  if (object.objectType === 'StatementRef') return { ...object, id: lowerUuid(object.id) };
  if (object.objectType === 'SubStatement') {
    const out: Json = { ...object, context: normaliseContext(object.context as Json | undefined) };
    if (out.context === undefined) delete out.context;
    out.object = normaliseObject(object.object as Json);
    return out;
  }
  return object;
}

/**
 * Prepares a validated statement for storage: assigns an id when missing (lower-cases it
 * otherwise), drops client-sent `stored`/`authority` (the LRS sets them), defaults `version`,
 * turns single contextActivities into arrays and lower-cases UUIDs. `timestamp` and `stored`
 * are filled in by the store, inside its transaction.
 */
export function normaliseStatement(input: IncomingStatement, defaults: { id: string; version: string }): Statement {
  const { stored: _stored, authority: _authority, ...rest } = input as IncomingStatement & Json;
  const out: Json = { ...rest };
  out.id = typeof input.id === 'string' ? input.id.toLowerCase() : defaults.id;
  out.version = input.version ?? defaults.version;
  out.object = normaliseObject(input.object as Json);
  const context = normaliseContext(input.context as Json | undefined);
  if (context) out.context = context;
  return out as Statement;
}

export type ActivityRole = 'object' | 'parent' | 'grouping' | 'category' | 'other' | `sub-${'object' | 'parent' | 'grouping' | 'category' | 'other'}`;
export type AgentRole =
  | 'actor' | 'object' | 'actor-member' | 'object-member' | 'authority' | 'instructor' | 'team' | 'context-member'
  | `sub-${'actor' | 'object' | 'instructor' | 'team' | 'member'}`;

/** Roles that the narrow `activity` / `agent` filters look at; the `related_*` forms use every role. */
export const NARROW_ACTIVITY_ROLES: readonly ActivityRole[] = ['object'];
export const NARROW_AGENT_ROLES: readonly AgentRole[] = ['actor', 'object', 'actor-member', 'object-member'];

/** What the store indexes for one statement, besides its JSON. */
export interface StatementIndex {
  verbId: string;
  actorIfi: string | null;
  /** The target of a StatementRef object (lower case), for voiding and the StatementRef filter rule. */
  objectRef: string | null;
  objectActivity: string | null;
  registration: string | null;
  voiding: boolean;
  timestampMs: number | null;
  activities: { id: string; role: ActivityRole }[];
  agents: { ifi: string; role: AgentRole }[];
}

interface IndexRows {
  activities: Map<string, { id: string; role: ActivityRole }>;
  agents: Map<string, { ifi: string; role: AgentRole }>;
}

// Module-level helpers rather than closures inside indexStatement: tsx (esbuild keepNames) names
// every closure when it is created, which costs more than the rest of the function.
function addActivity(rows: IndexRows, id: unknown, role: ActivityRole): void {
  if (typeof id === 'string') rows.activities.set(`${role} ${id}`, { id, role });
}

function addAgent(rows: IndexRows, agent: unknown, role: AgentRole, memberRole: AgentRole): void {
  if (!agent || typeof agent !== 'object') return;
  const key = ifiKey(agent as AgentLike);
  if (key) rows.agents.set(`${role} ${key}`, { ifi: key, role });
  const members = (agent as AgentLike).member;
  if (Array.isArray(members)) {
    for (const member of members) {
      const memberKey = ifiKey(member as AgentLike);
      if (memberKey) rows.agents.set(`${memberRole} ${memberKey}`, { ifi: memberKey, role: memberRole });
    }
  }
}

function addContext(rows: IndexRows, context: Json | undefined, sub: boolean): void {
  if (!context) return;
  const contextActivities = context.contextActivities as Json | undefined;
  for (const kind of CONTEXT_ACTIVITY_KINDS) {
    const list = contextActivities?.[kind];
    for (const activity of Array.isArray(list) ? list : list ? [list] : []) {
      addActivity(rows, (activity as Json).id, sub ? `sub-${kind}` : kind);
    }
  }
  addAgent(rows, context.instructor, sub ? 'sub-instructor' : 'instructor', sub ? 'sub-member' : 'context-member');
  addAgent(rows, context.team, sub ? 'sub-team' : 'team', sub ? 'sub-member' : 'context-member');
}

function addObject(rows: IndexRows, object: Json, sub: boolean): void {
  const type = object.objectType ?? 'Activity';
  if (type === 'Activity') addActivity(rows, object.id, sub ? 'sub-object' : 'object');
  else if (type === 'Agent' || type === 'Group') addAgent(rows, object, sub ? 'sub-object' : 'object', sub ? 'sub-member' : 'object-member');
}

/** Computes the index rows of a normalised statement (authority included, as related_agents needs it). */
export function indexStatement(statement: Statement): StatementIndex {
  const rows: IndexRows = { activities: new Map(), agents: new Map() };
  addAgent(rows, statement.actor, 'actor', 'actor-member');
  addObject(rows, statement.object, false);
  addContext(rows, statement.context as Json | undefined, false);
  addAgent(rows, statement.authority, 'authority', 'context-member');
  if (statement.object.objectType === 'SubStatement') {
    const sub = statement.object;
    addAgent(rows, sub.actor, 'sub-actor', 'sub-member');
    addObject(rows, sub.object as Json, true);
    addContext(rows, sub.context as Json | undefined, true);
  }
  const objectType = statement.object.objectType ?? 'Activity';
  const registration = (statement.context as Json | undefined)?.registration;
  return {
    verbId: statement.verb.id,
    actorIfi: ifiKey(statement.actor),
    objectRef: objectType === 'StatementRef' ? String(statement.object.id).toLowerCase() : null,
    objectActivity: objectType === 'Activity' ? String(statement.object.id) : null,
    registration: typeof registration === 'string' ? registration.toLowerCase() : null,
    voiding: statement.verb.id === VOIDED_VERB && objectType === 'StatementRef',
    timestampMs: typeof statement.timestamp === 'string' ? timestampMs(statement.timestamp) : null,
    activities: [...rows.activities.values()],
    agents: [...rows.agents.values()],
  };
}

/**
 * The form two statements are compared in (xAPI 1.0.3 Part Two §2.3.1, "Statement Comparision
 * Requirements"). Ignored: id, stored, authority, version (LRS-assigned or version-specific);
 * timestamp when the re-sent statement has none (the LRS assigned it), otherwise compared as a
 * point in time; Activity definitions and Verb display (not part of the statement);
 * attachments; the order of Group members; the case of mbox, mbox_sha1sum and UUIDs; a single
 * contextActivity vs an array of one; a default objectType written out or left out.
 * Everything else — result.duration included — compares exactly (object key order aside).
 */
export function comparable(statement: Json, options: { withTimestamp: boolean }): unknown {
  const agent = (value: unknown): unknown => {
    if (!value || typeof value !== 'object') return value;
    const a = { ...(value as Json) };
    if (typeof a.mbox === 'string') a.mbox = a.mbox.toLowerCase();
    if (typeof a.mbox_sha1sum === 'string') a.mbox_sha1sum = a.mbox_sha1sum.toLowerCase();
    if (a.objectType === undefined) a.objectType = 'Agent';
    if (Array.isArray(a.member)) {
      a.member = a.member
        .map(agent)
        .sort((x, y) => (canonicalJson(x) < canonicalJson(y) ? -1 : canonicalJson(x) > canonicalJson(y) ? 1 : 0));
    }
    return a;
  };
  const activity = (value: unknown): unknown => {
    const { definition: _definition, ...rest } = value as Json;
    return { ...rest, objectType: 'Activity' };
  };
  const context = (value: unknown): unknown => {
    if (!value) return value;
    const c = normaliseContext(value as Json)!;
    if (c.instructor) c.instructor = agent(c.instructor);
    if (c.team) c.team = agent(c.team);
    const acts = c.contextActivities as Json | undefined;
    if (acts) {
      const mapped: Json = {};
      for (const [kind, list] of Object.entries(acts)) mapped[kind] = (list as unknown[]).map(activity);
      c.contextActivities = mapped;
    }
    if (Array.isArray(c.contextAgents)) c.contextAgents = c.contextAgents.map((x) => ({ ...(x as Json), agent: agent((x as Json).agent) }));
    if (Array.isArray(c.contextGroups)) c.contextGroups = c.contextGroups.map((x) => ({ ...(x as Json), group: agent((x as Json).group) }));
    return c;
  };
  const object = (value: Json): unknown => {
    const type = value.objectType ?? 'Activity';
    if (type === 'Activity') return activity(value);
    if (type === 'Agent' || type === 'Group') return agent(value);
    if (type === 'StatementRef') return { ...value, id: String(value.id).toLowerCase() };
    return body(value, true);
  };
  const body = (s: Json, sub: boolean): Json => {
    const out: Json = {};
    for (const [key, value] of Object.entries(s)) {
      if (value === undefined) continue;
      if (['id', 'stored', 'authority', 'version', 'attachments'].includes(key) && !sub) continue;
      if (key === 'attachments') continue;
      if (key === 'timestamp') {
        if (options.withTimestamp || sub) out.timestamp = timestampMs(String(value));
        continue;
      }
      if (key === 'actor') out.actor = agent(value);
      else if (key === 'verb') out.verb = { id: (value as Json).id };
      else if (key === 'object') out.object = object(value as Json);
      else if (key === 'context') out.context = context(value);
      else out[key] = value;
    }
    return out;
  };
  return body(statement, false);
}

/** JSON with sorted object keys, for order-independent equality. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Json)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * True when a re-sent statement is the same statement as the stored one under the
 * comparison rules of {@link comparable}; the timestamp counts only if the re-send has one.
 */
export function sameStatement(stored: Json, resent: Json): boolean {
  const withTimestamp = resent.timestamp !== undefined;
  return canonicalJson(comparable(stored, { withTimestamp })) === canonicalJson(comparable(resent, { withTimestamp }));
}

/** `format=ids`: only what identifies each Agent, Group, Activity and Verb. */
export function idsFormat(statement: Json): Json {
  const agent = (value: unknown): unknown => {
    if (!value || typeof value !== 'object') return value;
    const a = value as Json;
    const out: Json = { objectType: a.objectType ?? 'Agent' };
    for (const key of ['mbox', 'mbox_sha1sum', 'openid', 'account']) if (a[key] !== undefined) out[key] = a[key];
    if (ifiKey(a) === null && Array.isArray(a.member)) out.member = a.member.map(agent);
    return out;
  };
  const activity = (value: unknown) => ({ objectType: 'Activity', id: (value as Json).id });
  const context = (value: unknown): unknown => {
    if (!value) return value;
    const c = { ...(value as Json) };
    if (c.instructor) c.instructor = agent(c.instructor);
    if (c.team) c.team = agent(c.team);
    if (c.contextActivities) {
      const mapped: Json = {};
      for (const [kind, list] of Object.entries(c.contextActivities as Json)) {
        mapped[kind] = Array.isArray(list) ? list.map(activity) : activity(list);
      }
      c.contextActivities = mapped;
    }
    if (Array.isArray(c.contextAgents)) c.contextAgents = c.contextAgents.map((x) => ({ ...(x as Json), agent: agent((x as Json).agent) }));
    if (Array.isArray(c.contextGroups)) c.contextGroups = c.contextGroups.map((x) => ({ ...(x as Json), group: agent((x as Json).group) }));
    return c;
  };
  const object = (value: Json): unknown => {
    const type = value.objectType ?? 'Activity';
    if (type === 'Activity') return activity(value);
    if (type === 'Agent' || type === 'Group') return agent(value);
    if (type === 'SubStatement') return body(value);
    return value;
  };
  const body = (s: Json): Json => {
    const out: Json = { ...s };
    if (s.actor) out.actor = agent(s.actor);
    if (s.verb) out.verb = { id: (s.verb as Json).id };
    if (s.object) out.object = object(s.object as Json);
    if (s.context) out.context = context(s.context);
    if (s.authority) out.authority = agent(s.authority);
    return out;
  };
  return body(statement);
}

/** Parses Accept-Language into tags by preference (q > 0), e.g. `zh-CN,zh;q=0.9,en;q=0.5`. */
export function parseAcceptLanguage(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, order) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: (tag ?? '').trim().toLowerCase(), q: q ? Number(q.slice(2)) : 1, order };
    })
    .filter((entry) => entry.tag !== '' && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order)
    .map((entry) => entry.tag);
}

/** Picks one entry of a language map: the best Accept-Language match, else the first entry. */
export function pickLanguage(map: Json, preferred: readonly string[]): Json {
  const keys = Object.keys(map);
  if (keys.length <= 1) return map;
  for (const want of preferred) {
    if (want === '*') break;
    const exact = keys.find((key) => key.toLowerCase() === want);
    if (exact) return { [exact]: map[exact] };
    const prefix = keys.find((key) => key.toLowerCase().startsWith(`${want}-`) || want.startsWith(`${key.toLowerCase()}-`));
    if (prefix) return { [prefix]: map[prefix] };
  }
  return { [keys[0]!]: map[keys[0]!] };
}

/**
 * `format=canonical`: every language map of Activities and Verbs reduced to one language,
 * chosen per map from Accept-Language. This LRS keeps no separate canonical Activity
 * definitions: the definition is the one in the statement itself.
 */
export function canonicalFormat(statement: Json, preferred: readonly string[]): Json {
  const definition = (def: Json): Json => {
    const out: Json = { ...def };
    for (const key of ['name', 'description']) if (out[key]) out[key] = pickLanguage(out[key] as Json, preferred);
    for (const list of ['choices', 'scale', 'source', 'target', 'steps']) {
      if (Array.isArray(out[list])) {
        out[list] = (out[list] as Json[]).map((c) => (c.description ? { ...c, description: pickLanguage(c.description as Json, preferred) } : c));
      }
    }
    return out;
  };
  const activity = (value: Json): Json => (value.definition ? { ...value, definition: definition(value.definition as Json) } : value);
  const body = (s: Json): Json => {
    const out: Json = { ...s };
    const verb = s.verb as Json | undefined;
    if (verb?.display) out.verb = { ...verb, display: pickLanguage(verb.display as Json, preferred) };
    const object = s.object as Json | undefined;
    if (object) {
      const type = object.objectType ?? 'Activity';
      if (type === 'Activity') out.object = activity(object);
      else if (type === 'SubStatement') out.object = body(object);
    }
    const context = s.context as Json | undefined;
    if (context?.contextActivities) {
      const mapped: Json = {};
      for (const [kind, list] of Object.entries(context.contextActivities as Json)) {
        mapped[kind] = Array.isArray(list) ? (list as Json[]).map(activity) : activity(list as Json);
      }
      out.context = { ...context, contextActivities: mapped };
    }
    return out;
  };
  return body(statement);
}
