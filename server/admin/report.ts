/**
 * The members × bases table and the per-question shares, from the roster, the scenes and the
 * statements (through `server/db/dashboard.ts`, which groups in SQL). Voided statements never
 * count. All time filters use the statement `timestamp` (when it was studied).
 *
 * Rules, per member and base, within the date range:
 * - **Completed**: there is a `completed` statement whose object is the base, or an `attended`
 *   one with `result.completion` (a group screening that went through every station, and the
 *   presenter confirmed the member was there).
 * - **Best score**: the highest `result.score.scaled` among those `completed` statements, shown
 *   as a percentage (none without a completed statement carrying a score).
 * - **Time spent**: the app reports the study time of an attempt (`context.registration`) as a
 *   running total in `result.duration` of `completed` and of `terminated` (leaving the base,
 *   possibly several times, possibly after completing). Summing those would count the same
 *   minutes again, so per registration we take the *longest* duration reported, and sum that
 *   over the registrations. Statements without a registration (not the app's) are taken as one
 *   attempt per member and base — rather under- than over-report study time in a ledger.
 * - **Last study date**: the latest `timestamp` of any statement about the base (object, or
 *   context parent: stops, answers and checkpoints).
 * - **Mode**: the `mode` context extension of the attempts' statements (initialized,
 *   completed, terminated, attended); "screening" means it was studied in a group screening
 *   (集体放映), whose `attended` statement also reports the meeting's length as time spent.
 *
 * Rows: every active roster member of the selected branch (also with nothing studied), roster
 * members made inactive who did study in the range (marked 已停用), and every other actor seen
 * in the range (marked 未在名册; `guest` is marked 访客). A roster member's branch is the
 * roster's; an actor not on the roster is put in the branch of the credential their statements
 * were stored with. Per-question shares count the `answered` statements of the visible rows:
 * `success: true` / all (every attempt counts; an unanswered question is a wrong answer).
 */
import type { Checkpoint, Question, Scene } from '../../src/content/schema';
import { activityIds, extensionIri, VERBS, type Mode, type RecordConfig } from '../../src/record/statements';
import type { DashboardQueries, TimeRange } from '../db/dashboard';
import type { Branch, Member, RosterQueries } from '../db/roster';
import { GUEST_ID } from '../roster/import';
import { ifiKey } from '../xapi/statement';
import { formatDay } from './dates';
import { M } from './messages';

export interface BaseInfo {
  id: string;
  title: string;
  activity: string;
}

export interface BaseCell {
  completed: boolean;
  /** 0..1, or null when no completed statement carried a score. */
  bestScaled: number | null;
  timeMs: number;
  lastMs: number;
  modes: Mode[];
  screening: boolean;
  /** Distinct registrations seen (initialized / completed / terminated). */
  attempts: number;
}

export type RowStatus = 'roster' | 'inactive' | 'unlisted' | 'guest';

export interface ReportRow {
  /** The actor's IFI key (see `ifiKey`). */
  key: string;
  id: string;
  name: string;
  branchId: string | null;
  branchName: string;
  status: RowStatus;
  /** One per base, in `Report.bases` order; null = nothing studied in the range. */
  cells: (BaseCell | null)[];
}

export interface QuestionStat {
  checkpoint: string;
  questionId: string;
  prompt: string;
  answered: number;
  correct: number;
  /** The most frequent wrong answers (at most three). */
  wrong: { label: string; count: number }[];
}

export interface Report {
  bases: BaseInfo[];
  rows: ReportRow[];
  questions: { base: BaseInfo; items: QuestionStat[] }[];
  branches: Branch[];
}

export interface ReportInput {
  roster: RosterQueries;
  queries: DashboardQueries;
  scenes: readonly Scene[];
  config: RecordConfig;
  range: TimeRange;
  /** Only this branch's rows (a branch id); null or undefined = every branch. */
  branch?: string | null;
}

const MODES: readonly Mode[] = ['headset', 'desktop', 'screening'];
const NO_REGISTRATION = '';

/** ISO 8601 duration → ms (Y = 365 d, M = 30 d, W = 7 d); null when malformed. */
export function parseDuration(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const match =
    /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(
      text,
    );
  if (!match || text === 'P' || text.endsWith('T')) return null;
  const [, y, mo, w, d, h, mi, s] = match.map((v) => (v === undefined ? 0 : Number(v)));
  const days = y! * 365 + mo! * 30 + w! * 7 + d!;
  return Math.round(((days * 24 + h!) * 3600 + mi! * 60 + s!) * 1000);
}

type Json = Record<string, unknown>;
const obj = (value: unknown): Json | undefined => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined);

/** What an IFI key shows as member id, and whether it is one of our accounts. */
function describeActor(key: string, homePage: string): { id: string; ours: boolean } {
  if (key.startsWith('account:')) {
    try {
      const [home, name] = JSON.parse(key.slice('account:'.length)) as [string, string];
      return { id: name, ours: home === homePage };
    } catch {
      return { id: key, ours: false };
    }
  }
  if (key.startsWith('mbox:')) return { id: key.slice('mbox:mailto:'.length), ours: false };
  if (key.startsWith('openid:')) return { id: key.slice('openid:'.length), ours: false };
  return { id: key, ours: false };
}

/** The IFI key of a member's actor (`account: { homePage, name: memberId }`). */
export const memberKey = (homePage: string, memberId: string): string => ifiKey({ account: { homePage, name: memberId } })!;

interface Accumulator {
  lastMs: number;
  completed: boolean;
  best: number | null;
  durations: Map<string, number>;
  registrations: Set<string>;
  modes: Set<Mode>;
}

/** Builds the report; see the module comment for the rules. */
export async function buildReport(input: ReportInput): Promise<Report> {
  const { config, range } = input;
  const bases: BaseInfo[] = input.scenes.map((scene) => ({ id: scene.id, title: scene.title.zh, activity: activityIds.base(config, scene.id) }));
  const baseIndex = new Map(bases.map((b, i) => [b.activity, i]));
  const activities = bases.map((b) => b.activity);
  const modeKey = extensionIri(config, 'mode');

  const [branches, members, summary, attempts] = await Promise.all([
    input.roster.listBranches(),
    input.roster.listMembers({ includeInactive: true }),
    input.queries.baseActivity(activities, range),
    input.queries.attemptStatements(activities, [VERBS.initialized.id, VERBS.completed.id, VERBS.terminated.id, VERBS.attended.id], range),
  ]);
  const collator = new Intl.Collator('zh-CN');
  branches.sort((a, b) => collator.compare(a.name, b.name));
  const branchById = new Map(branches.map((b) => [b.id, b]));
  const memberByKey = new Map<string, Member>(members.map((m) => [memberKey(config.homePage, m.id), m]));

  const acc = new Map<string, Accumulator[]>();
  const cellOf = (actor: string, base: number): Accumulator => {
    let list = acc.get(actor);
    if (!list) acc.set(actor, (list = []));
    return (list[base] ??= { lastMs: 0, completed: false, best: null, durations: new Map(), registrations: new Set(), modes: new Set() });
  };
  const statementBranch = new Map<string, string>();
  for (const row of summary) {
    const base = baseIndex.get(row.baseActivity);
    if (base === undefined) continue;
    const cell = cellOf(row.actorIfi, base);
    cell.lastMs = Math.max(cell.lastMs, row.lastMs);
    if (!statementBranch.has(row.actorIfi)) statementBranch.set(row.actorIfi, row.branch);
  }
  const actorNames = new Map<string, string>();
  for (const row of attempts) {
    const base = baseIndex.get(row.baseActivity);
    if (base === undefined) continue;
    let statement: Json;
    try {
      statement = JSON.parse(row.body) as Json;
    } catch {
      continue;
    }
    const cell = cellOf(row.actorIfi, base);
    const registration = row.registration ?? NO_REGISTRATION;
    if (row.registration) cell.registrations.add(row.registration);
    const result = obj(statement.result);
    if (row.verb === VERBS.completed.id) {
      cell.completed = true;
      const scaled = obj(result?.score)?.scaled;
      if (typeof scaled === 'number' && Number.isFinite(scaled)) cell.best = Math.max(cell.best ?? -Infinity, scaled);
    }
    if (row.verb === VERBS.attended.id && result?.completion === true) cell.completed = true;
    if (row.verb === VERBS.completed.id || row.verb === VERBS.terminated.id || row.verb === VERBS.attended.id) {
      const ms = parseDuration(result?.duration);
      if (ms !== null) cell.durations.set(registration, Math.max(cell.durations.get(registration) ?? 0, ms));
    }
    const mode = obj(obj(statement.context)?.extensions)?.[modeKey];
    if (typeof mode === 'string' && (MODES as readonly string[]).includes(mode)) cell.modes.add(mode as Mode);
    const name = obj(statement.actor)?.name;
    if (typeof name === 'string' && name.trim() !== '') actorNames.set(row.actorIfi, name);
    // Rows come oldest first: the last one seen is the newest branch.
    statementBranch.set(row.actorIfi, row.branch);
  }

  const toCells = (actor: string): (BaseCell | null)[] =>
    bases.map((_, i) => {
      const a = acc.get(actor)?.[i];
      if (!a) return null;
      const modes = MODES.filter((m) => a.modes.has(m));
      return {
        completed: a.completed,
        bestScaled: a.best,
        timeMs: [...a.durations.values()].reduce((sum, ms) => sum + ms, 0),
        lastMs: a.lastMs,
        modes,
        screening: a.modes.has('screening'),
        attempts: a.registrations.size,
      };
    });
  const branchName = (id: string | null) => (id === null ? '' : (branchById.get(id)?.name ?? M.table.unlistedBranch(id)));
  const wanted = (branchId: string | null) => input.branch === undefined || input.branch === null || branchId === input.branch;

  const rows: ReportRow[] = [];
  for (const member of members) {
    const key = memberKey(config.homePage, member.id);
    const studied = acc.has(key);
    if (!wanted(member.branchId) || (!member.active && !studied)) continue;
    rows.push({
      key,
      id: member.id,
      name: member.name,
      branchId: member.branchId,
      branchName: branchName(member.branchId),
      status: member.active ? 'roster' : 'inactive',
      cells: toCells(key),
    });
  }
  const strangers = [...acc.keys()].filter((key) => !memberByKey.has(key));
  const missingNames = strangers.filter((key) => !actorNames.has(key));
  if (missingNames.length > 0) {
    for (const [key, body] of await input.queries.latestBodies(missingNames)) {
      try {
        const name = obj((JSON.parse(body) as Json).actor)?.name;
        if (typeof name === 'string' && name.trim() !== '') actorNames.set(key, name);
      } catch {
        // keep the id as the name
      }
    }
  }
  for (const key of strangers) {
    const branchId = statementBranch.get(key) ?? null;
    if (!wanted(branchId)) continue;
    const { id, ours } = describeActor(key, config.homePage);
    const guest = ours && id === GUEST_ID;
    rows.push({
      key,
      id,
      name: guest ? M.guestName : (actorNames.get(key) ?? id),
      branchId,
      branchName: branchName(branchId),
      status: guest ? 'guest' : 'unlisted',
      cells: toCells(key),
    });
  }
  const rank: Record<RowStatus, number> = { roster: 0, inactive: 0, unlisted: 1, guest: 2 };
  rows.sort(
    (a, b) =>
      collator.compare(a.branchName, b.branchName) ||
      rank[a.status] - rank[b.status] ||
      collator.compare(a.name, b.name) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );

  const questions = await questionStats(input, bases, new Set(rows.map((r) => r.key)));
  return { bases, rows, questions, branches };
}

function optionLabel(question: Question, response: string | null): string {
  if (response === null || response === '') return M.questions.noAnswer;
  return response
    .split('[,]')
    .map((id) => {
      const index = question.options.findIndex((o) => o.id === id);
      return index < 0 ? id : `${String.fromCharCode(65 + index)}. ${question.options[index]!.text.zh}`;
    })
    .join('；');
}

async function questionStats(input: ReportInput, bases: BaseInfo[], visible: ReadonlySet<string>): Promise<Report['questions']> {
  const byActivity = new Map<string, { base: number; checkpoint: Checkpoint; question: Question; stat: QuestionStat; wrong: Map<string, number> }>();
  const out: Report['questions'] = bases.map((base) => ({ base, items: [] }));
  input.scenes.forEach((scene, b) => {
    for (const room of scene.rooms) {
      const checkpoint = room.checkpoint;
      if (!checkpoint) continue;
      for (const question of checkpoint.questions) {
        const stat: QuestionStat = { checkpoint: checkpoint.title.zh, questionId: question.id, prompt: question.prompt.zh, answered: 0, correct: 0, wrong: [] };
        out[b]!.items.push(stat);
        byActivity.set(activityIds.question(input.config, scene.id, checkpoint.id, question.id), { base: b, checkpoint, question, stat, wrong: new Map() });
      }
    }
  });
  const rows = await input.queries.answerCounts([...byActivity.keys()], VERBS.answered.id, input.range);
  for (const row of rows) {
    const entry = byActivity.get(row.question);
    if (!entry || !visible.has(row.actorIfi)) continue;
    entry.stat.answered += row.count;
    if (row.success === true) entry.stat.correct += row.count;
    else {
      const label = optionLabel(entry.question, row.response);
      entry.wrong.set(label, (entry.wrong.get(label) ?? 0) + row.count);
    }
  }
  for (const entry of byActivity.values()) {
    entry.stat.wrong = [...entry.wrong]
      .map(([label, count]) => ({ label, count }))
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label))
      .slice(0, 3);
  }
  return out;
}

// --- how cells read (the table, the CSV and the ledger use the same texts) -------------------

/** `1小时5分`, `12分30秒`, `45秒`; `—` for nothing. */
export function formatDuration(ms: number): string {
  if (!(ms > 0)) return M.cell.none;
  const seconds = Math.round(ms / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return `${h}${M.duration.hours}${m}${M.duration.minutes}`;
  if (m > 0) return `${m}${M.duration.minutes}${s}${M.duration.seconds}`;
  return `${s}${M.duration.seconds}`;
}

/** `85%`, or `—`. */
export function formatScore(scaled: number | null): string {
  return scaled === null ? M.cell.none : `${Math.round(Math.max(0, scaled) * 100)}%`;
}

export const statusLabel = (status: RowStatus): string => M.status[status];

export const completedLabel = (cell: BaseCell | null): string => (cell === null ? M.cell.notStudied : cell.completed ? M.cell.completed : M.cell.notCompleted);

/** The five texts of one base for one member: completed, best score, time, last date, mode. */
export function baseCellTexts(cell: BaseCell | null, timeZone: string): [string, string, string, string, string] {
  if (cell === null) return [M.cell.notStudied, M.cell.none, M.cell.none, M.cell.none, M.cell.none];
  return [
    completedLabel(cell),
    formatScore(cell.bestScaled),
    formatDuration(cell.timeMs),
    cell.lastMs > 0 ? formatDay(cell.lastMs, timeZone) : M.cell.none,
    cell.modes.length > 0 ? cell.modes.map((m) => M.modes[m] ?? m).join('、') : M.cell.none,
  ];
}

/** Column headings of the table and the CSV. */
export function tableHeader(report: Report): string[] {
  return [
    M.table.branch,
    M.table.id,
    M.table.name,
    M.table.status,
    ...report.bases.flatMap((b) => [M.table.completed, M.table.score, M.table.time, M.table.last, M.table.mode].map((h) => `${b.title}·${h}`)),
  ];
}

/** The cells of one row, as shown in the table and written to the CSV. */
export function rowTexts(row: ReportRow, timeZone: string): string[] {
  return [row.branchName, row.id, row.name, statusLabel(row.status), ...row.cells.flatMap((cell) => baseCellTexts(cell, timeZone))];
}

/** Percentage of right answers, or `—`. */
export function formatRate(correct: number, answered: number): string {
  return answered === 0 ? M.cell.none : `${Math.round((correct / answered) * 100)}%`;
}
