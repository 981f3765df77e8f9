/**
 * What a confirmed group screening leaves behind, through the same record store as every other
 * study event: for each attendee an `attended` statement about the base and one `answered`
 * statement per question they answered from their phone (mode "screening", registration = the
 * meeting id), and the meeting record for the branch's files.
 *
 * Statement ids are name-based UUIDs (version 5) of the meeting, the member and the question, and
 * timestamps come from the room (the end of the meeting, the moment of each answer), so confirming
 * again — after a failure half-way, or twice — stores nothing twice: the store skips identical
 * re-sends.
 */
import { createHash } from 'node:crypto';
import type { Scene } from '../../src/content/schema';
import { agent, answered, attended, type Occasion, type RecordConfig, type Statement } from '../../src/record/statements';
import { allQuestions, countAnswers, type RoomState } from '../../src/screening/room';
import { isCorrect, stations } from '../../src/tour/progress';
import type { StatementStore } from '../db/types';
import { validateStatements } from '../xapi/schema';
import { indexStatement, normaliseStatement } from '../xapi/statement';
import type { MeetingQuestion, MeetingRecord } from './store';

/** Namespace of the name-based statement ids (a fixed random UUID). */
const NAMESPACE = Buffer.from('6b1f0d3c9a8e4f2ab7c5d1e3f9a0b2c4', 'hex');

/** A UUID version 5 (SHA-1, RFC 9562) of `name` in the RedTour screening namespace. */
export function nameUuid(name: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const h = hash.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export interface AttendeeInfo {
  id: string;
  name: string;
  branchId: string | null;
}

/** The statements of a confirmed meeting, in a fixed order with fixed ids. */
export function meetingStatements(scene: Scene, state: RoomState, config: RecordConfig, attendees: readonly AttendeeInfo[]): Statement[] {
  const ended = state.ended;
  if (!ended) throw new Error('the meeting has not been confirmed');
  const completion = state.furthest >= stations(scene).length - 1;
  const questions = allQuestions(scene);
  const out: Statement[] = [];
  for (const member of attendees) {
    const occasion = (at: number): Occasion => ({
      config,
      actor: agent(config, { name: member.name, memberId: member.id }),
      registration: state.meetingId,
      mode: 'screening',
      at: new Date(at),
    });
    const statement = attended(occasion(ended.at), scene, { durationMs: ended.at - state.createdAt, completion });
    statement.id = nameUuid(`${state.meetingId}/attended/${member.id}`);
    out.push(statement);
    for (const { checkpointId, question, key } of questions) {
      const given = state.answers[key]?.[member.id];
      if (!given) continue;
      const checkpoint = scene.rooms.find((r) => r.checkpoint?.id === checkpointId)!.checkpoint!;
      const result = { id: question.id, correct: isCorrect(question, given.given), given: given.given, answer: [...question.answer].sort() };
      const s = answered(occasion(given.at), scene, checkpoint, question, result, 1);
      s.id = nameUuid(`${state.meetingId}/answered/${member.id}/${key}`);
      out.push(s);
    }
  }
  return out;
}

/** Stores statements as the device credential's branch would (same validation and normalisation as `POST /xapi/statements`). */
export async function storeStatements(store: StatementStore, statements: readonly Statement[], writer: { branch: string; homePage: string }): Promise<number> {
  if (statements.length === 0) return 0;
  const validated = validateStatements(JSON.parse(JSON.stringify(statements)));
  if (!validated.ok) throw new Error(`a screening statement is not valid xAPI: ${validated.error} (${validated.path})`);
  const batch = validated.statements.map((input) => {
    const statement = normaliseStatement(input, { id: input.id!, version: '1.0.3' });
    statement.authority = { objectType: 'Agent', account: { homePage: writer.homePage, name: writer.branch } };
    return { statement, index: indexStatement(statement) };
  });
  const result = await store.insert(batch, { branch: writer.branch, admin: false });
  return result.inserted;
}

const LETTER = (i: number) => String.fromCharCode(65 + i);

/** The meeting record: date, base, presenter, attendees and per-question results (attendees' answers). */
export function meetingRecord(
  scene: Scene,
  state: RoomState,
  input: { attendees: readonly AttendeeInfo[]; branchName: string | null; statements: number },
): MeetingRecord {
  const ended = state.ended;
  if (!ended) throw new Error('the meeting has not been confirmed');
  const among = new Set(input.attendees.map((a) => a.id));
  const questions: MeetingQuestion[] = [];
  for (const { checkpointId, question, key } of allQuestions(scene)) {
    if (!(key in state.phases)) continue;
    const counts = countAnswers(question, state.answers[key], among);
    const checkpoint = scene.rooms.find((r) => r.checkpoint?.id === checkpointId)!.checkpoint!;
    questions.push({
      checkpointId,
      checkpointTitle: checkpoint.title.zh,
      questionId: question.id,
      prompt: question.prompt.zh,
      answered: counts.answered,
      correct: counts.correct,
      options: question.options.map((o, i) => ({ id: o.id, label: `${LETTER(i)}. ${o.text.zh}`, count: counts.byOption[o.id] ?? 0, right: question.answer.includes(o.id) })),
    });
  }
  const attendees = input.attendees.map((a) => {
    let answeredCount = 0;
    let correct = 0;
    for (const { question, key } of allQuestions(scene)) {
      const given = state.answers[key]?.[a.id];
      if (!given) continue;
      answeredCount++;
      if (isCorrect(question, given.given)) correct++;
    }
    return { ...a, phone: a.id in state.participants, answered: answeredCount, correct };
  });
  return {
    id: state.meetingId,
    code: state.code,
    baseId: scene.id,
    baseTitle: scene.title.zh,
    branchId: state.branchId,
    branchName: input.branchName,
    presenter: state.presenter,
    startedMs: state.createdAt,
    endedMs: ended.at,
    completion: state.furthest >= stations(scene).length - 1,
    stationsShown: state.furthest + 1,
    stationsTotal: stations(scene).length,
    attendees,
    questions,
    statements: input.statements,
  };
}
