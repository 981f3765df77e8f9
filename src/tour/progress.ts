/**
 * Tour progression as pure functions over an immutable `TourProgress`: the order of stations
 * (every stop of a room, then its checkpoint), gating by checkpoints, scoring, retries and time.
 */
import type { Checkpoint, Question, Scene, Stop } from '../content/schema';

/** One place the tour leads to: a narrated stop or a room's checkpoint. */
export type Station =
  | { kind: 'stop'; room: number; stop: Stop }
  | { kind: 'checkpoint'; room: number; checkpoint: Checkpoint };

export interface CheckpointRecord {
  attempts: number;
  passed: boolean;
  /** Best and latest share of right answers, 0..1. */
  bestScore: number;
  lastScore: number;
}

export interface TourProgress {
  version: 1;
  baseId: string;
  /** One id per attempt at the base (xAPI context.registration). */
  registration: string;
  /** Index into `stations(scene)`. */
  station: number;
  /** Stops whose narration the visitor has started, in first-visit order. */
  visited: string[];
  checkpoints: Record<string, CheckpointRecord>;
  /** Time actually spent in the tour, in ms (gaps while away are not counted). */
  activeMs: number;
  startedAt: string;
  completedAt?: string;
}

const cache = new WeakMap<Scene, Station[]>();

/** The stations of a base in tour order. */
export function stations(scene: Scene): Station[] {
  let list = cache.get(scene);
  if (!list) {
    list = scene.rooms.flatMap((room, r): Station[] => [
      ...room.stops.map((stop): Station => ({ kind: 'stop', room: r, stop })),
      ...(room.checkpoint ? [{ kind: 'checkpoint', room: r, checkpoint: room.checkpoint } as Station] : []),
    ]);
    cache.set(scene, list);
  }
  return list;
}

/** A fresh tour at the first stop. */
export function createProgress(scene: Scene, registration: string, now: Date): TourProgress {
  return { version: 1, baseId: scene.id, registration, station: 0, visited: [], checkpoints: {}, activeMs: 0, startedAt: now.toISOString() };
}

/** The station the visitor is at. */
export function currentStation(scene: Scene, p: TourProgress): Station {
  const list = stations(scene);
  return list[Math.min(Math.max(p.station, 0), list.length - 1)]!;
}

/** The highest room index the visitor may enter: rooms open one by one as checkpoints are passed. */
export function unlockedRoom(scene: Scene, p: TourProgress): number {
  let r = 0;
  while (r < scene.rooms.length - 1) {
    const cp = scene.rooms[r]!.checkpoint;
    if (cp && !p.checkpoints[cp.id]?.passed) break;
    r += 1;
  }
  return r;
}

/** True when station `index` exists and its room is unlocked. */
export function canGoTo(scene: Scene, p: TourProgress, index: number): boolean {
  const s = stations(scene)[index];
  return s !== undefined && s.room <= unlockedRoom(scene, p);
}

/** Moves to station `index` if allowed; returns the same object when not. */
export function goTo(scene: Scene, p: TourProgress, index: number): TourProgress {
  if (!canGoTo(scene, p, index) || index === p.station) return p;
  const s = stations(scene)[index]!;
  const visited = s.kind === 'stop' && !p.visited.includes(s.stop.id) ? [...p.visited, s.stop.id] : p.visited;
  return { ...p, station: index, visited };
}

/** The next station, if it is unlocked. */
export function next(scene: Scene, p: TourProgress): TourProgress {
  return goTo(scene, p, p.station + 1);
}

/** The previous station. */
export function previous(scene: Scene, p: TourProgress): TourProgress {
  return goTo(scene, p, p.station - 1);
}

/** Index of the station with this stop or checkpoint id, or -1. */
export function stationIndex(scene: Scene, id: string): number {
  return stations(scene).findIndex((s) => (s.kind === 'stop' ? s.stop.id : s.checkpoint.id) === id);
}

/** Records that the visitor started the narration at the current stop. */
export function markVisited(scene: Scene, p: TourProgress): TourProgress {
  const s = currentStation(scene, p);
  if (s.kind !== 'stop' || p.visited.includes(s.stop.id)) return p;
  return { ...p, visited: [...p.visited, s.stop.id] };
}

/** Answers given, by question id: the chosen option ids. */
export type Answers = Record<string, readonly string[]>;

export interface QuestionResult {
  id: string;
  correct: boolean;
  given: string[];
  answer: string[];
}

export interface CheckpointResult {
  checkpointId: string;
  right: number;
  total: number;
  /** right / total, 0..1 */
  score: number;
  passed: boolean;
  /** How many right answers the pass mark needs. */
  needed: number;
  questions: QuestionResult[];
}

/** True when `given` is exactly the set of right options (order and duplicates ignored). */
export function isCorrect(q: Question, given: readonly string[]): boolean {
  const g = new Set(given);
  return g.size === q.answer.length && q.answer.every((a) => g.has(a));
}

/** How many right answers a checkpoint needs to pass. */
export function neededToPass(cp: Checkpoint): number {
  return Math.ceil(cp.passMark * cp.questions.length - 1e-9);
}

/** Scores a checkpoint; unanswered questions count as wrong. */
export function scoreCheckpoint(cp: Checkpoint, answers: Answers): CheckpointResult {
  const questions = cp.questions.map((q): QuestionResult => {
    const given = [...new Set(answers[q.id] ?? [])].sort();
    return { id: q.id, correct: isCorrect(q, given), given, answer: [...q.answer].sort() };
  });
  const right = questions.filter((q) => q.correct).length;
  const needed = neededToPass(cp);
  return { checkpointId: cp.id, right, total: questions.length, score: right / questions.length, passed: right >= needed, needed, questions };
}

/** Records an attempt at a checkpoint. Passing the last room's checkpoint completes the base. */
export function recordAttempt(scene: Scene, p: TourProgress, result: CheckpointResult, now: Date): TourProgress {
  const prev = p.checkpoints[result.checkpointId];
  const rec: CheckpointRecord = {
    attempts: (prev?.attempts ?? 0) + 1,
    passed: (prev?.passed ?? false) || result.passed,
    bestScore: Math.max(prev?.bestScore ?? 0, result.score),
    lastScore: result.score,
  };
  const updated = { ...p, checkpoints: { ...p.checkpoints, [result.checkpointId]: rec } };
  if (!updated.completedAt && isComplete(scene, updated)) updated.completedAt = now.toISOString();
  return updated;
}

/** True when every checkpoint of the base is passed (a base without checkpoints: all stops visited). */
export function isComplete(scene: Scene, p: TourProgress): boolean {
  const cps = scene.rooms.flatMap((r) => (r.checkpoint ? [r.checkpoint] : []));
  if (cps.length === 0) return stations(scene).every((s) => s.kind !== 'stop' || p.visited.includes(s.stop.id));
  return cps.every((cp) => p.checkpoints[cp.id]?.passed);
}

/** Mean of the best checkpoint scores, 0..1 (the base's score). */
export function baseScore(scene: Scene, p: TourProgress): number {
  const cps = scene.rooms.flatMap((r) => (r.checkpoint ? [r.checkpoint] : []));
  if (cps.length === 0) return 1;
  return cps.reduce((sum, cp) => sum + (p.checkpoints[cp.id]?.bestScore ?? 0), 0) / cps.length;
}

/** Longest gap between two ticks that still counts as study time (longer: the visitor was away). */
export const MAX_TICK_MS = 5000;

/** Adds time spent; a gap longer than MAX_TICK_MS (headset off, tab hidden) adds nothing. */
export function addTime(p: TourProgress, deltaMs: number): TourProgress {
  if (!(deltaMs > 0) || deltaMs > MAX_TICK_MS || p.completedAt) return p;
  return { ...p, activeMs: p.activeMs + deltaMs };
}
