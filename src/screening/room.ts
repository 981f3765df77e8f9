/**
 * A group screening's room as pure functions over an immutable `RoomState`: where the meeting is
 * (station, question and its phase), the narration and black-screen switches, who joined from a
 * phone, their answers, and the attendance the presenter confirms. The server holds one state per
 * room and sends each client a view of it (`presenterView`, `phoneView`); nothing here does I/O.
 *
 * The flow follows a slide show: "next" at a stop goes to the next station; at a checkpoint it
 * reveals the open question, then opens the next question, then leaves the checkpoint. While the
 * screen is black, next/previous only bring the picture back (as presentation software does).
 */
import type { Question, Scene } from '../content/schema';
import { isCorrect, stations, type Station } from '../tour/progress';
import {
  questionKey,
  type Command,
  type ErrorCode,
  type ParticipantInfo,
  type Phase,
  type PhoneQuestion,
  type PhoneView,
  type PlaybackState,
  type PresenterView,
  type QuestionCounts,
} from './protocol';

export interface Answer {
  /** Option ids, sorted, without duplicates. */
  given: string[];
  /** When it was given (ms since the epoch); the `answered` statement's timestamp. */
  at: number;
}

export interface Participant {
  id: string;
  name: string;
  branchId: string | null;
  joinedAt: number;
  online: number;
}

export interface RoomState {
  code: string;
  /** UUID of the meeting: the xAPI registration of everything recorded for it. */
  meetingId: string;
  baseId: string;
  branchId: string | null;
  presenter: { id: string; name: string } | null;
  joinUrl: string;
  createdAt: number;
  /** Bumped by every change; clients ignore views older than the one they have. */
  rev: number;
  station: number;
  /** The furthest station shown: the screening went through the whole base when it is the last. */
  furthest: number;
  stationSince: number;
  narration: { playing: boolean; replay: number };
  playback: { station: number; cue: number; state: PlaybackState };
  black: boolean;
  questionIndex: number;
  phases: Record<string, Phase>;
  /** Question key → member id → answer. */
  answers: Record<string, Record<string, Answer>>;
  participants: Record<string, Participant>;
  ended: { at: number; attendees: string[]; recorded: boolean } | null;
}

export type RoomResult = { ok: true; state: RoomState } | { ok: false; code: ErrorCode; message: string };

export interface NewRoom {
  code: string;
  meetingId: string;
  branchId: string | null;
  presenter: { id: string; name: string } | null;
  joinUrl: string;
  now: number;
}

const fail = (code: ErrorCode, message: string): RoomResult => ({ ok: false, code, message });
const ok = (state: RoomState): RoomResult => ({ ok: true, state });
/** A changed state with the next revision. */
const bump = (state: RoomState, changes: Partial<RoomState>): RoomState => ({ ...state, ...changes, rev: state.rev + 1 });

/** A new room at the first station, narration on. */
export function createRoom(scene: Scene, init: NewRoom): RoomState {
  const state: RoomState = {
    code: init.code,
    meetingId: init.meetingId,
    baseId: scene.id,
    branchId: init.branchId,
    presenter: init.presenter,
    joinUrl: init.joinUrl,
    createdAt: init.now,
    rev: 1,
    station: 0,
    furthest: 0,
    stationSince: init.now,
    narration: { playing: true, replay: 0 },
    playback: { station: 0, cue: -1, state: 'idle' },
    black: false,
    questionIndex: 0,
    phases: {},
    answers: {},
    participants: {},
    ended: null,
  };
  return enterStation(scene, state, 0, init.now, 'first').state;
}

/** The station the room is at. */
export function stationOf(scene: Scene, state: RoomState): Station {
  const list = stations(scene);
  return list[Math.min(Math.max(state.station, 0), list.length - 1)]!;
}

/** The question on screen, when the room is at a checkpoint. */
export function currentQuestion(scene: Scene, state: RoomState): { checkpointId: string; question: Question; index: number; total: number; key: string } | null {
  const station = stationOf(scene, state);
  if (station.kind !== 'checkpoint') return null;
  const { checkpoint } = station;
  const index = Math.min(Math.max(state.questionIndex, 0), checkpoint.questions.length - 1);
  const question = checkpoint.questions[index]!;
  return { checkpointId: checkpoint.id, question, index, total: checkpoint.questions.length, key: questionKey(checkpoint.id, question.id) };
}

function withQuestion(scene: Scene, state: RoomState, index: number): RoomState {
  const station = stationOf(scene, state);
  if (station.kind !== 'checkpoint') return { ...state, questionIndex: 0 };
  const question = station.checkpoint.questions[index]!;
  const key = questionKey(station.checkpoint.id, question.id);
  return { ...state, questionIndex: index, phases: key in state.phases ? state.phases : { ...state.phases, [key]: 'open' } };
}

/** Moves to a station: narration starts, and at a checkpoint the first (or, going back, the last opened) question shows. */
function enterStation(scene: Scene, state: RoomState, index: number, now: number, from: 'first' | 'forward' | 'back'): { state: RoomState } {
  const moved: RoomState = { ...state, station: index, furthest: Math.max(state.furthest, index), stationSince: now, narration: { playing: true, replay: state.narration.replay }, black: false };
  const station = stationOf(scene, moved);
  if (station.kind !== 'checkpoint') return { state: { ...moved, questionIndex: 0 } };
  let question = 0;
  if (from === 'back') {
    const opened = station.checkpoint.questions.map((q) => questionKey(station.checkpoint.id, q.id) in moved.phases);
    question = Math.max(0, opened.lastIndexOf(true));
  }
  return { state: withQuestion(scene, moved, question) };
}

function goForward(scene: Scene, state: RoomState, now: number): RoomResult {
  const current = currentQuestion(scene, state);
  if (current) {
    const phase = state.phases[current.key] ?? 'open';
    if (phase !== 'revealed') return ok(bump(state, { phases: { ...state.phases, [current.key]: 'revealed' } }));
    if (current.index < current.total - 1) return ok(bump(withQuestion(scene, state, current.index + 1), {}));
  }
  if (state.station >= stations(scene).length - 1) return ok(state);
  return ok(bump(enterStation(scene, state, state.station + 1, now, 'forward').state, {}));
}

function goBack(scene: Scene, state: RoomState, now: number): RoomResult {
  const current = currentQuestion(scene, state);
  if (current && current.index > 0) return ok(bump(withQuestion(scene, state, current.index - 1), {}));
  if (state.station <= 0) return ok(state);
  return ok(bump(enterStation(scene, state, state.station - 1, now, 'back').state, {}));
}

/**
 * Applies a presenter command (the caller has checked the presenter token). `confirm` only fixes
 * the attendance here; storing the records is the server's, which then calls {@link markRecorded}.
 */
export function applyCommand(scene: Scene, state: RoomState, command: Command, now: number): RoomResult {
  if (command.type === 'confirm') return confirmAttendance(state, command.attendees, now);
  if (command.type === 'playback') {
    const { station, cue, state: playback } = command;
    const same = state.playback.station === station && state.playback.cue === cue && state.playback.state === playback;
    return ok(same ? state : bump(state, { playback: { station, cue, state: playback } }));
  }
  if (state.ended) return fail('meeting-ended', 'the meeting has ended: attendance is confirmed');
  switch (command.type) {
    case 'next':
      return state.black ? ok(bump(state, { black: false })) : goForward(scene, state, now);
    case 'previous':
      return state.black ? ok(bump(state, { black: false })) : goBack(scene, state, now);
    case 'goto': {
      const count = stations(scene).length;
      if (!Number.isInteger(command.station) || command.station < 0 || command.station >= count) {
        return fail('bad-station', `station must be an integer from 0 to ${count - 1}`);
      }
      if (command.station === state.station) return ok(state.black ? bump(state, { black: false }) : state);
      return ok(bump(enterStation(scene, state, command.station, now, 'forward').state, {}));
    }
    case 'narration':
      return ok(state.narration.playing === command.playing ? state : bump(state, { narration: { ...state.narration, playing: command.playing } }));
    case 'toggle-narration':
      return ok(bump(state, { narration: { ...state.narration, playing: !state.narration.playing } }));
    case 'replay':
      return ok(bump(state, { narration: { playing: true, replay: state.narration.replay + 1 } }));
    case 'black':
      return ok(state.black === command.on ? state : bump(state, { black: command.on }));
    case 'toggle-black':
      return ok(bump(state, { black: !state.black }));
    case 'question': {
      const station = stationOf(scene, state);
      if (station.kind !== 'checkpoint') return fail('no-question', 'the room is not at a checkpoint');
      const total = station.checkpoint.questions.length;
      if (!Number.isInteger(command.index) || command.index < 0 || command.index >= total) {
        return fail('no-question', `question index must be an integer from 0 to ${total - 1}`);
      }
      return ok(bump(withQuestion(scene, state, command.index), {}));
    }
    case 'phase': {
      const current = currentQuestion(scene, state);
      if (!current) return fail('no-question', 'the room is not at a checkpoint');
      const phase = state.phases[current.key] ?? 'open';
      if (phase === command.phase) return ok(state);
      if (phase === 'revealed') return fail('question-closed', 'a revealed question cannot be opened or closed again');
      return ok(bump(state, { phases: { ...state.phases, [current.key]: command.phase } }));
    }
  }
}

/** Fixes the attendance once; the same list again changes nothing, a different one is refused. */
export function confirmAttendance(state: RoomState, attendees: readonly string[], now: number): RoomResult {
  const list = [...new Set(attendees)].sort();
  if (state.ended) {
    const same = list.length === state.ended.attendees.length && list.every((id, i) => id === state.ended!.attendees[i]);
    return same ? ok(state) : fail('already-confirmed', 'attendance was already confirmed with a different list');
  }
  return ok(bump(state, { ended: { at: now, attendees: list, recorded: false } }));
}

/** The records of a confirmed meeting are stored. */
export function markRecorded(state: RoomState): RoomState {
  if (!state.ended || state.ended.recorded) return state;
  return bump(state, { ended: { ...state.ended, recorded: true } });
}

/** A phone joins as a roster member (again, after a reconnect: the same participant). */
export function join(state: RoomState, member: { id: string; name: string; branchId: string | null }, now: number): RoomResult {
  const known = state.participants[member.id];
  if (state.ended && !known) return fail('meeting-ended', 'the meeting has ended');
  if (known && known.name === member.name && known.branchId === member.branchId) return ok(state);
  const participant: Participant = { ...member, joinedAt: known?.joinedAt ?? now, online: known?.online ?? 0 };
  return ok(bump(state, { participants: { ...state.participants, [member.id]: participant } }));
}

/** How many connections a participant has open (0 when their phone dropped). */
export function setOnline(state: RoomState, memberId: string, online: number): RoomState {
  const known = state.participants[memberId];
  if (!known || known.online === online) return state;
  return bump(state, { participants: { ...state.participants, [memberId]: { ...known, online } } });
}

/** A participant's answer to the question on screen, while it is open; a later answer replaces an earlier one. */
export function answer(
  scene: Scene,
  state: RoomState,
  memberId: string,
  given: { checkpointId: string; questionId: string; options: readonly string[] },
  now: number,
): RoomResult {
  if (!state.participants[memberId]) return fail('not-joined', 'pick a name first');
  if (state.ended) return fail('meeting-ended', 'the meeting has ended');
  const current = currentQuestion(scene, state);
  if (!current || current.checkpointId !== given.checkpointId || current.question.id !== given.questionId) {
    return fail('no-question', 'that question is not on screen');
  }
  if ((state.phases[current.key] ?? 'open') !== 'open') return fail('question-closed', 'answers to this question are closed');
  const options = [...new Set(given.options)].sort();
  const known = new Set(current.question.options.map((o) => o.id));
  const unknown = options.filter((o) => !known.has(o));
  if (unknown.length > 0) return fail('bad-answer', `unknown option ${unknown.join(', ')}`);
  if (options.length === 0) return fail('bad-answer', 'choose at least one option');
  if (current.question.type !== 'multiple' && options.length !== 1) return fail('bad-answer', 'choose exactly one option');
  const previous = state.answers[current.key]?.[memberId];
  if (previous && previous.given.join(',') === options.join(',')) return ok(state);
  const answers = { ...state.answers, [current.key]: { ...state.answers[current.key], [memberId]: { given: options, at: now } } };
  return ok(bump(state, { answers }));
}

/** Counts of one question's answers, from the given members only when `among` is set. */
export function countAnswers(question: Question, answers: Record<string, Answer> | undefined, among?: ReadonlySet<string>): QuestionCounts {
  const byOption: Record<string, number> = Object.fromEntries(question.options.map((o) => [o.id, 0]));
  let answered = 0;
  let correct = 0;
  for (const [member, a] of Object.entries(answers ?? {})) {
    if (among && !among.has(member)) continue;
    answered++;
    if (isCorrect(question, a.given)) correct++;
    for (const id of a.given) byOption[id] = (byOption[id] ?? 0) + 1;
  }
  return { answered, correct, byOption };
}

/** Every question of the base with its checkpoint, in tour order. */
export function allQuestions(scene: Scene): { checkpointId: string; question: Question; key: string }[] {
  return scene.rooms.flatMap((room) =>
    room.checkpoint ? room.checkpoint.questions.map((question) => ({ checkpointId: room.checkpoint!.id, question, key: questionKey(room.checkpoint!.id, question.id) })) : [],
  );
}

/** The full view, for the presenter and the projector. */
export function presenterView(scene: Scene, state: RoomState, now: number): PresenterView {
  const counts: Record<string, QuestionCounts> = {};
  for (const { question, key } of allQuestions(scene)) {
    if (key in state.phases || key in state.answers) counts[key] = countAnswers(question, state.answers[key]);
  }
  const participants: ParticipantInfo[] = Object.values(state.participants)
    .map((p) => ({ id: p.id, name: p.name, branchId: p.branchId, online: p.online, joinedAt: p.joinedAt }))
    .sort((a, b) => a.joinedAt - b.joinedAt || (a.id < b.id ? -1 : 1));
  return {
    kind: 'presenter',
    rev: state.rev,
    code: state.code,
    meetingId: state.meetingId,
    baseId: state.baseId,
    branchId: state.branchId,
    presenter: state.presenter,
    joinUrl: state.joinUrl,
    createdAt: state.createdAt,
    now,
    station: state.station,
    stationSince: state.stationSince,
    narration: state.narration,
    playback: state.playback,
    black: state.black,
    questionIndex: state.questionIndex,
    phases: state.phases,
    counts,
    participants,
    ended: state.ended,
  };
}

/** What one phone sees: the right answer, the explanation and the counts only once revealed. */
export function phoneView(scene: Scene, state: RoomState, memberId: string | null): PhoneView {
  const station = stationOf(scene, state);
  const member = memberId ? state.participants[memberId] : undefined;
  const current = currentQuestion(scene, state);
  let question: PhoneQuestion | null = null;
  let mine: string[] | null = null;
  if (current && !state.ended) {
    const phase = state.phases[current.key] ?? 'open';
    const q = current.question;
    question = {
      checkpointId: current.checkpointId,
      questionId: q.id,
      index: current.index,
      total: current.total,
      type: q.type,
      prompt: q.prompt,
      options: q.options.map((o) => ({ id: o.id, text: o.text })),
      phase,
      ...(phase === 'revealed' ? { answer: [...q.answer].sort(), explanation: q.explanation, counts: countAnswers(q, state.answers[current.key]) } : {}),
    };
    mine = member ? (state.answers[current.key]?.[member.id]?.given ?? null) : null;
  }
  return {
    kind: 'phone',
    rev: state.rev,
    code: state.code,
    baseTitle: scene.title,
    stationTitle: station.kind === 'stop' ? station.stop.title : station.checkpoint.title,
    stationKind: station.kind,
    member: member ? { id: member.id, name: member.name } : null,
    question,
    mine,
    ended: state.ended !== null,
    attended: state.ended && member ? state.ended.attendees.includes(member.id) : null,
  };
}
