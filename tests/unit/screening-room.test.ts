/** The group-screening room state machine (src/screening/room.ts), on the real first base. */
import { describe, expect, it } from 'vitest';
import { stations } from '../../src/tour/progress';
import {
  answer,
  applyCommand,
  confirmAttendance,
  createRoom,
  currentQuestion,
  join,
  markRecorded,
  phoneView,
  presenterView,
  setOnline,
  type RoomResult,
  type RoomState,
} from '../../src/screening/room';
import type { Command } from '../../src/screening/protocol';
import { jiandang } from './admin-helpers';

const scene = jiandang();
const list = stations(scene);
const firstCheckpoint = list.findIndex((s) => s.kind === 'checkpoint');
const cp = (list[firstCheckpoint] as Extract<(typeof list)[number], { kind: 'checkpoint' }>).checkpoint;

const fresh = (): RoomState =>
  createRoom(scene, { code: '4821', meetingId: '3f1c2a9e-8b7d-4c5e-9f10-2a3b4c5d6e7f', branchId: 'b1', presenter: { id: '1001', name: '张三' }, joinUrl: 'http://192.168.1.5:8081/j/4821', now: 1000 });

function must(result: RoomResult): RoomState {
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.state;
}
const run = (state: RoomState, ...commands: Command[]) => commands.reduce((s, c) => must(applyCommand(scene, s, c, 2000)), state);
const atCheckpoint = () => run(fresh(), { type: 'goto', station: firstCheckpoint });
const member = (id: string, name = `党员${id}`) => ({ id, name, branchId: 'b1' });

describe('moving between stations', () => {
  it('starts at the first stop with narration on and steps with next/previous', () => {
    const s = fresh();
    expect(s.station).toBe(0);
    expect(s.narration.playing).toBe(true);
    const moved = run(s, { type: 'next' }, { type: 'next' });
    expect(moved.station).toBe(2);
    expect(moved.stationSince).toBe(2000);
    expect(moved.rev).toBeGreaterThan(s.rev);
    expect(run(moved, { type: 'previous' }).station).toBe(1);
    expect(run(s, { type: 'previous' })).toBe(s);
  });

  it('jumps to a station and refuses one that does not exist', () => {
    expect(run(fresh(), { type: 'goto', station: list.length - 1 }).station).toBe(list.length - 1);
    const bad = applyCommand(scene, fresh(), { type: 'goto', station: list.length }, 0);
    expect(bad).toMatchObject({ ok: false, code: 'bad-station' });
    expect(applyCommand(scene, fresh(), { type: 'goto', station: 1.5 }, 0)).toMatchObject({ ok: false, code: 'bad-station' });
  });

  it('stays at the last station', () => {
    let s = run(fresh(), { type: 'goto', station: list.length - 1 });
    for (let i = 0; i < 20; i++) s = run(s, { type: 'next' });
    expect(s.station).toBe(list.length - 1);
  });

  it('pauses, resumes and replays narration; a new station plays again', () => {
    const paused = run(fresh(), { type: 'toggle-narration' });
    expect(paused.narration.playing).toBe(false);
    expect(run(paused, { type: 'narration', playing: true }).narration.playing).toBe(true);
    const replayed = run(paused, { type: 'replay' });
    expect(replayed.narration).toEqual({ playing: true, replay: 1 });
    expect(run(paused, { type: 'next' }).narration.playing).toBe(true);
  });

  it('blacks the screen; next and previous first bring the picture back without moving', () => {
    const black = run(fresh(), { type: 'next' }, { type: 'toggle-black' });
    expect(black.black).toBe(true);
    const back = run(black, { type: 'next' });
    expect(back).toMatchObject({ black: false, station: 1 });
    expect(run(black, { type: 'previous' })).toMatchObject({ black: false, station: 1 });
    expect(run(black, { type: 'black', on: false }).black).toBe(false);
  });

  it('records what the projector reports about playback', () => {
    const s = run(fresh(), { type: 'playback', station: 0, cue: 2, state: 'playing' });
    expect(s.playback).toEqual({ station: 0, cue: 2, state: 'playing' });
    expect(run(s, { type: 'playback', station: 0, cue: 2, state: 'playing' })).toBe(s);
  });
});

describe('a checkpoint', () => {
  it('opens its first question on arrival; next reveals, then opens the next question, then leaves', () => {
    let s = atCheckpoint();
    const first = currentQuestion(scene, s)!;
    expect(first.index).toBe(0);
    expect(s.phases[first.key]).toBe('open');
    s = run(s, { type: 'next' });
    expect(s.phases[first.key]).toBe('revealed');
    s = run(s, { type: 'next' });
    expect(currentQuestion(scene, s)!.index).toBe(1);
    for (let i = 1; i < cp.questions.length - 1; i++) s = run(s, { type: 'next' }, { type: 'next' });
    s = run(s, { type: 'next' });
    expect(s.station).toBe(firstCheckpoint);
    expect(s.phases[currentQuestion(scene, s)!.key]).toBe('revealed');
    expect(currentQuestion(scene, s)!.index).toBe(cp.questions.length - 1);
    s = run(s, { type: 'next' });
    expect(s.station).toBe(firstCheckpoint + 1);
    // Going back returns to the last question opened, still revealed.
    s = run(s, { type: 'previous' });
    expect(currentQuestion(scene, s)!.index).toBe(cp.questions.length - 1);
    expect(s.phases[currentQuestion(scene, s)!.key]).toBe('revealed');
    s = run(s, { type: 'previous' });
    expect(currentQuestion(scene, s)!.index).toBe(cp.questions.length - 2);
  });

  it('closes and reopens answering, and never reopens a revealed question', () => {
    let s = run(atCheckpoint(), { type: 'phase', phase: 'closed' });
    const key = currentQuestion(scene, s)!.key;
    expect(s.phases[key]).toBe('closed');
    s = run(s, { type: 'phase', phase: 'open' }, { type: 'phase', phase: 'revealed' });
    expect(applyCommand(scene, s, { type: 'phase', phase: 'open' }, 0)).toMatchObject({ ok: false, code: 'question-closed' });
    expect(applyCommand(scene, fresh(), { type: 'phase', phase: 'revealed' }, 0)).toMatchObject({ ok: false, code: 'no-question' });
    expect(applyCommand(scene, s, { type: 'question', index: 9 }, 0)).toMatchObject({ ok: false, code: 'no-question' });
  });
});

describe('phones and answers', () => {
  const joined = () => {
    let s = atCheckpoint();
    for (const id of ['1001', '1002', '1003']) s = must(join(s, member(id), 3000));
    return s;
  };
  const q = (s: RoomState) => currentQuestion(scene, s)!;

  it('counts answers while open; a later answer replaces an earlier one', () => {
    let s = joined();
    const { question, checkpointId, key } = q(s);
    const right = question.answer;
    const wrong = question.options.find((o) => !right.includes(o.id))!.id;
    s = must(answer(scene, s, '1001', { checkpointId, questionId: question.id, options: right }, 4000));
    s = must(answer(scene, s, '1002', { checkpointId, questionId: question.id, options: [wrong] }, 4000));
    s = must(answer(scene, s, '1003', { checkpointId, questionId: question.id, options: [wrong] }, 4000));
    s = must(answer(scene, s, '1003', { checkpointId, questionId: question.id, options: right }, 4500));
    const counts = presenterView(scene, s, 5000).counts[key]!;
    expect(counts).toMatchObject({ answered: 3, correct: 2 });
    expect(counts.byOption[wrong]).toBe(1);
    expect(s.answers[key]!['1003']).toEqual({ given: [...right].sort(), at: 4500 });
  });

  it('refuses answers from someone who has not joined, to another question, once closed, or malformed', () => {
    const s = joined();
    const { question, checkpointId } = q(s);
    const other = cp.questions[1]!;
    expect(answer(scene, s, '9999', { checkpointId, questionId: question.id, options: question.answer }, 0)).toMatchObject({ ok: false, code: 'not-joined' });
    expect(answer(scene, s, '1001', { checkpointId, questionId: other.id, options: other.answer }, 0)).toMatchObject({ ok: false, code: 'no-question' });
    expect(answer(scene, s, '1001', { checkpointId, questionId: question.id, options: ['zz'] }, 0)).toMatchObject({ ok: false, code: 'bad-answer' });
    expect(answer(scene, s, '1001', { checkpointId, questionId: question.id, options: [] }, 0)).toMatchObject({ ok: false, code: 'bad-answer' });
    expect(answer(scene, s, '1001', { checkpointId, questionId: question.id, options: ['a', 'b'] }, 0)).toMatchObject({ ok: false, code: 'bad-answer' });
    const closed = run(s, { type: 'phase', phase: 'closed' });
    expect(answer(scene, closed, '1001', { checkpointId, questionId: question.id, options: question.answer }, 0)).toMatchObject({ ok: false, code: 'question-closed' });
  });

  it('takes several options for a multiple-choice question', () => {
    let s = joined();
    const index = cp.questions.findIndex((x) => x.type === 'multiple');
    s = run(s, { type: 'question', index });
    const { question, checkpointId } = q(s);
    s = must(answer(scene, s, '1001', { checkpointId, questionId: question.id, options: [...question.answer].reverse() }, 0));
    expect(presenterView(scene, s, 0).counts[q(s).key]).toMatchObject({ answered: 1, correct: 1 });
  });

  it('shows a phone the right answer, explanation and counts only after reveal', () => {
    let s = joined();
    const { question, checkpointId } = q(s);
    s = must(answer(scene, s, '1002', { checkpointId, questionId: question.id, options: question.answer }, 0));
    const before = phoneView(scene, s, '1002');
    expect(before.question).toMatchObject({ questionId: question.id, phase: 'open' });
    expect(before.question!.answer).toBeUndefined();
    expect(before.question!.explanation).toBeUndefined();
    expect(before.question!.counts).toBeUndefined();
    expect(JSON.stringify(before)).not.toContain(question.explanation.zh);
    expect(before.mine).toEqual([...question.answer].sort());
    s = run(s, { type: 'next' });
    const after = phoneView(scene, s, '1002');
    expect(after.question).toMatchObject({ phase: 'revealed', answer: [...question.answer].sort(), explanation: question.explanation });
    expect(after.question!.counts).toMatchObject({ answered: 1, correct: 1 });
    expect(phoneView(scene, s, null).member).toBeNull();
  });

  it('keeps a participant across a reconnect and tracks whether the phone is online', () => {
    let s = joined();
    s = setOnline(s, '1001', 1);
    const again = must(join(s, member('1001'), 9000));
    expect(again).toBe(s);
    expect(again.participants['1001']).toMatchObject({ joinedAt: 3000, online: 1 });
    s = setOnline(s, '1001', 0);
    expect(presenterView(scene, s, 0).participants.find((p) => p.id === '1001')!.online).toBe(0);
  });
});

describe('attendance', () => {
  it('is fixed once: the same list again changes nothing, another is refused, and the room is read-only', () => {
    let s = must(join(atCheckpoint(), member('1001'), 0));
    s = must(confirmAttendance(s, ['1002', '1001', '1002'], 7000));
    expect(s.ended).toEqual({ at: 7000, attendees: ['1001', '1002'], recorded: false });
    expect(must(confirmAttendance(s, ['1001', '1002'], 8000))).toBe(s);
    expect(confirmAttendance(s, ['1001'], 8000)).toMatchObject({ ok: false, code: 'already-confirmed' });
    expect(applyCommand(scene, s, { type: 'next' }, 0)).toMatchObject({ ok: false, code: 'meeting-ended' });
    expect(join(s, member('1003'), 0)).toMatchObject({ ok: false, code: 'meeting-ended' });
    const recorded = markRecorded(s);
    expect(recorded.ended!.recorded).toBe(true);
    expect(markRecorded(recorded)).toBe(recorded);
    expect(phoneView(scene, recorded, '1001')).toMatchObject({ ended: true, attended: true, question: null });
  });
});
