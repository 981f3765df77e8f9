/**
 * The group-screening wire protocol (JSON over one WebSocket per client, path
 * {@link SOCKET_PATH}): what clients send, what the server answers, and the two views of a room
 * it sends — the full one for the presenter and the projector, and a phone's own one (which never
 * holds the right answer before it is revealed). Types, plus the constants and small helpers both sides share;
 * the server validates incoming messages with zod (`server/screening/messages.ts`), the phone
 * bundle stays free of it.
 */
import type { Checkpoint } from '../content/schema';

/** Where the socket upgrade is accepted (on every listener of the server). */
export const SOCKET_PATH = '/ws/screening';
/** A phone's page: `/j/<code>`. */
export const PHONE_PATH = '/j/';
/** Join codes: four digits, easy to read out and type. */
export const CODE_PATTERN = /^\d{4}$/;

/** Who a connection is: the presenter window, the projector window, or a member's phone. */
export type Role = 'presenter' | 'projector' | 'phone';

/** A checkpoint question: answers accepted, answers closed, right answer shown. */
export type Phase = 'open' | 'closed' | 'revealed';

/** What the projector reports about its narration (it is the only one that plays audio). */
export type PlaybackState = 'idle' | 'loading' | 'ready' | 'playing' | 'fallback' | 'paused' | 'ended';

/** A presenter's command (presenter and projector windows, with the presenter token). */
export type Command =
  | { type: 'next' }
  | { type: 'previous' }
  | { type: 'goto'; station: number }
  | { type: 'narration'; playing: boolean }
  | { type: 'toggle-narration' }
  | { type: 'replay' }
  | { type: 'black'; on: boolean }
  | { type: 'toggle-black' }
  | { type: 'question'; index: number }
  | { type: 'phase'; phase: Phase }
  | { type: 'playback'; station: number; cue: number; state: PlaybackState }
  | { type: 'confirm'; attendees: string[] };

export type ClientMessage =
  /** First message of every connection. `token` is the presenter token (presenter / projector). */
  | { type: 'hello'; code: string; role: Role; clientId: string; token?: string }
  /** A phone picks a name from the roster (or takes it up again after reconnecting). */
  | { type: 'join'; memberId: string }
  /** A phone gives up its name ("not me"). */
  | { type: 'leave' }
  | { type: 'answer'; checkpointId: string; questionId: string; given: string[] }
  | { type: 'command'; command: Command; seq?: number };

/** Why a message was refused; clients show the catalogue text for the code. */
export type ErrorCode =
  | 'bad-message'
  | 'no-room'
  | 'not-presenter'
  | 'not-joined'
  | 'unknown-member'
  | 'role-not-allowed'
  | 'no-question'
  | 'question-closed'
  | 'bad-answer'
  | 'bad-station'
  | 'meeting-ended'
  | 'already-confirmed'
  | 'record-failed'
  | 'replaced';

export type ServerMessage =
  | { type: 'welcome'; role: Role; clientId: string; control: boolean }
  | { type: 'state'; view: RoomView }
  | { type: 'error'; code: ErrorCode; message: string; seq?: number }
  | { type: 'ack'; seq: number };

/** Answers to one question: how many gave each option, and how many were right. */
export interface QuestionCounts {
  answered: number;
  correct: number;
  /** Option id → how many chose it. */
  byOption: Record<string, number>;
}

/** The question the room is at, as a phone may see it. */
export interface PhoneQuestion {
  checkpointId: string;
  questionId: string;
  /** 0-based within the checkpoint, and how many the checkpoint has. */
  index: number;
  total: number;
  type: 'single' | 'multiple' | 'truefalse';
  prompt: { zh: string; en?: string };
  options: { id: string; text: { zh: string; en?: string } }[];
  phase: Phase;
  /** Only once revealed. */
  answer?: string[];
  explanation?: { zh: string; en?: string };
  counts?: QuestionCounts;
}

/** What a phone is told: where the meeting is, its own answer, and the question when there is one. */
export interface PhoneView {
  kind: 'phone';
  rev: number;
  code: string;
  baseTitle: { zh: string; en?: string };
  /** The stop or checkpoint title being shown. */
  stationTitle: { zh: string; en?: string };
  stationKind: 'stop' | 'checkpoint';
  /** The member this phone joined as, or null. */
  member: { id: string; name: string } | null;
  question: PhoneQuestion | null;
  /** The option ids this member gave for the current question. */
  mine: string[] | null;
  ended: boolean;
  /** Once ended and confirmed: whether this member was recorded as attending. */
  attended: boolean | null;
}

export interface ParticipantInfo {
  id: string;
  name: string;
  branchId: string | null;
  /** Live connections (0 = the phone dropped). */
  online: number;
  joinedAt: number;
}

/** Everything, for the presenter and the projector. */
export interface PresenterView {
  kind: 'presenter';
  rev: number;
  code: string;
  meetingId: string;
  baseId: string;
  branchId: string | null;
  presenter: { id: string; name: string } | null;
  /** The phones' address (`http://<LAN address>:<port>/j/<code>`). */
  joinUrl: string;
  createdAt: number;
  /** The server's clock when this view was made (timers use the difference). */
  now: number;
  station: number;
  stationSince: number;
  narration: { playing: boolean; replay: number };
  playback: { station: number; cue: number; state: PlaybackState };
  black: boolean;
  /** At a checkpoint: the question index; the phase of every question opened so far (by question key). */
  questionIndex: number;
  phases: Record<string, Phase>;
  /** Counts per question key (`<checkpointId>/<questionId>`). */
  counts: Record<string, QuestionCounts>;
  participants: ParticipantInfo[];
  ended: { at: number; attendees: string[]; recorded: boolean } | null;
}

export type RoomView = PresenterView | PhoneView;

/** The key of a question in `phases`, `counts` and answers. */
export const questionKey = (checkpointId: string, questionId: string): string => `${checkpointId}/${questionId}`;

/** The checkpoint question the room is on, with its key, phase and counts (a question not opened yet: open, none answered). */
export function currentQuestion(checkpoint: Checkpoint, view: PresenterView) {
  const index = Math.min(view.questionIndex, checkpoint.questions.length - 1);
  const question = checkpoint.questions[index]!;
  const key = questionKey(checkpoint.id, question.id);
  const phase: Phase = view.phases[key] ?? 'open';
  const counts: QuestionCounts = view.counts[key] ?? { answered: 0, correct: 0, byOption: {} };
  return { index, question, key, phase, counts };
}
