import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadScene } from '../../src/content/loader';
import { storage } from '../../src/state/slices';
import { initialAppState, useAppStore } from '../../src/state/store';
import { ROOT } from '../../tools/scenes';

const loaded = loadScene('scenes/jiandang/scene.json', readFileSync(join(ROOT, 'scenes/jiandang/scene.json'), 'utf8'));
if (!loaded.ok) throw new Error('scene invalid');
const scene = loaded.scene;

const memory = new Map<string, string>();
beforeEach(() => {
  memory.clear();
  storage.current = { getItem: (k) => memory.get(k) ?? null, setItem: (k, v) => void memory.set(k, v), removeItem: (k) => void memory.delete(k) };
  useAppStore.setState(initialAppState, true);
});

const s = () => useAppStore.getState();

describe('app store', () => {
  it('opens a base at its first stop and resumes it after a reload', () => {
    s().openBase(scene);
    expect(s().progress).toMatchObject({ station: 0, visited: ['yida-gate'] });
    s().nextStation();
    s().nextStation();
    const registration = s().progress!.registration;
    useAppStore.setState(initialAppState, true); // a reload: the store is new, storage is kept
    s().openBase(scene);
    expect(s().progress).toMatchObject({ station: 2, registration });
    s().openBase(scene, true);
    expect(s().progress!.station).toBe(0);
    expect(s().progress!.registration).not.toBe(registration);
  });

  it('single choice replaces, multiple choice toggles, answers only at a checkpoint', () => {
    s().openBase(scene);
    s().chooseOption('q-opening-place', 'b');
    expect(s().quizAnswers).toEqual({});
    s().goToStation(4);
    s().chooseOption('q-opening-place', 'a');
    s().chooseOption('q-opening-place', 'b');
    s().chooseOption('q-changsha', 'a');
    s().chooseOption('q-changsha', 'c');
    s().chooseOption('q-changsha', 'a');
    s().chooseOption('q-changsha', 'not-an-option');
    expect(s().quizAnswers).toEqual({ 'q-opening-place': ['b'], 'q-changsha': ['c'] });
  });

  it('a failed checkpoint can be retried; passing unlocks the next room and is saved', () => {
    s().openBase(scene);
    s().goToStation(4);
    s().goToStation(5);
    expect(s().progress!.station).toBe(4); // locked
    s().chooseOption('q-opening-place', 'a');
    const failed = s().submitQuiz()!;
    expect(failed.passed).toBe(false);
    s().chooseOption('q-delegates', 'b');
    expect(s().quizAnswers['q-delegates']).toBeUndefined(); // frozen until retry
    s().retryQuiz();
    for (const q of scene.rooms[0]!.checkpoint!.questions) for (const a of q.answer) s().chooseOption(q.id, a);
    expect(s().submitQuiz()!.passed).toBe(true);
    expect(s().progress!.checkpoints['yida-quiz']).toMatchObject({ attempts: 2, passed: true });
    s().nextStation();
    expect(s().progress!.station).toBe(5);
    expect(JSON.parse([...memory.values()][0]!).station).toBe(5);
  });
});

describe('members and the way on after a checkpoint', () => {
  const passAll = (cp: (typeof scene.rooms)[number]['checkpoint']) => {
    for (const q of cp!.questions) for (const a of q.answer) s().chooseOption(q.id, a);
    s().submitQuiz();
  };

  it('keeps each member’s progress apart', () => {
    s().chooseVisitor('m-001', '张三');
    s().openBase(scene);
    s().goToStation(3);
    s().switchVisitor();
    expect(s()).toMatchObject({ scene: null, visitor: 'guest', chosen: false });
    s().chooseVisitor('m-002', '李四');
    s().openBase(scene);
    expect(s().progress!.station).toBe(0);
    s().switchVisitor();
    s().chooseVisitor('m-001', '张三');
    s().openBase(scene);
    expect(s().progress!.station).toBe(3);
  });

  it('retries after a fail, moves on after a pass, and at the end leaves: to the roster on a shared headset', () => {
    useAppStore.setState({ sharedDevice: true });
    s().chooseVisitor('m-003', '王五');
    s().openBase(scene);
    s().goToStation(4);
    s().submitQuiz();
    s().continueFromQuiz();
    expect(s().quizResult).toBeNull();
    expect(s().progress!.station).toBe(4);
    passAll(scene.rooms[0]!.checkpoint);
    s().continueFromQuiz();
    expect(s().progress!.station).toBe(5);
    s().goToStation(8);
    passAll(scene.rooms[1]!.checkpoint);
    expect(s().progress!.completedAt).toBeDefined();
    s().continueFromQuiz();
    expect(s()).toMatchObject({ scene: null, chosen: false, visitor: 'guest' });
  });
});
