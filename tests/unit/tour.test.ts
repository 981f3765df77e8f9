import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadScene } from '../../src/content/loader';
import type { Scene } from '../../src/content/schema';
import {
  addTime,
  baseScore,
  canGoTo,
  createProgress,
  currentStation,
  goTo,
  isComplete,
  MAX_TICK_MS,
  markVisited,
  neededToPass,
  next,
  previous,
  recordAttempt,
  scoreCheckpoint,
  stationIndex,
  stations,
  unlockedRoom,
  type Answers,
} from '../../src/tour/progress';
import { clearProgress, loadProgress, progressKey, saveProgress } from '../../src/tour/resume';
import { floorPlan, isWalkable, slide } from '../../src/tour/walkable';
import { ROOT } from '../../tools/scenes';

const loaded = loadScene('scenes/jiandang/scene.json', readFileSync(join(ROOT, 'scenes/jiandang/scene.json'), 'utf8'));
if (!loaded.ok) throw new Error('scene invalid');
const scene: Scene = loaded.scene;
const cp0 = scene.rooms[0]!.checkpoint!;
const cp1 = scene.rooms[1]!.checkpoint!;
const now = new Date('2026-07-01T08:00:00Z');
const rightAnswers = (cp: typeof cp0): Answers => Object.fromEntries(cp.questions.map((q) => [q.id, q.answer]));

class MemoryStorage {
  data = new Map<string, string>();
  getItem(k: string) {
    return this.data.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.data.set(k, v);
  }
  removeItem(k: string) {
    this.data.delete(k);
  }
}

describe('stations', () => {
  it('lists each room’s stops, then its checkpoint, in order', () => {
    const list = stations(scene);
    expect(list.map((s) => (s.kind === 'stop' ? s.stop.id : s.checkpoint.id))).toEqual([
      'yida-gate',
      'yida-delegates',
      'yida-table',
      'yida-interrupted',
      'yida-quiz',
      'nanhu-lake',
      'nanhu-outcome',
      'nanhu-spirit',
      'nanhu-quiz',
    ]);
    expect(stationIndex(scene, 'nanhu-lake')).toBe(5);
    expect(stationIndex(scene, 'nope')).toBe(-1);
  });
});

describe('gating', () => {
  it('the second room stays locked until the first checkpoint is passed', () => {
    let p = createProgress(scene, 'reg-1', now);
    expect(unlockedRoom(scene, p)).toBe(0);
    for (let i = 0; i < 4; i++) p = next(scene, p);
    expect(currentStation(scene, p).kind).toBe('checkpoint');
    expect(canGoTo(scene, p, 5)).toBe(false);
    expect(next(scene, p)).toBe(p);
    expect(goTo(scene, p, 7)).toBe(p);
    p = recordAttempt(scene, p, scoreCheckpoint(cp0, rightAnswers(cp0)), now);
    expect(unlockedRoom(scene, p)).toBe(1);
    p = next(scene, p);
    expect(currentStation(scene, p)).toMatchObject({ kind: 'stop', room: 1 });
    expect(p.visited).toContain('nanhu-lake');
  });

  it('moves back freely and never past the ends', () => {
    let p = createProgress(scene, 'r', now);
    expect(previous(scene, p)).toBe(p);
    p = goTo(scene, p, 3);
    expect(p.station).toBe(3);
    expect(previous(scene, p).station).toBe(2);
    expect(goTo(scene, p, 99)).toBe(p);
    expect(goTo(scene, p, -1)).toBe(p);
  });

  it('marks a stop visited once', () => {
    let p = markVisited(scene, createProgress(scene, 'r', now));
    p = markVisited(scene, p);
    expect(p.visited).toEqual(['yida-gate']);
  });
});

describe('scoring', () => {
  it('scores single, multiple and true/false answers; multiple needs the exact set', () => {
    const perfect = scoreCheckpoint(cp0, rightAnswers(cp0));
    expect(perfect).toMatchObject({ right: 4, total: 4, score: 1, passed: true });
    const partialMulti = { ...rightAnswers(cp0), 'q-changsha': ['a'] };
    const r = scoreCheckpoint(cp0, partialMulti);
    expect(r.right).toBe(3);
    expect(r.questions.find((q) => q.id === 'q-changsha')!.correct).toBe(false);
    const extraMulti = scoreCheckpoint(cp0, { ...rightAnswers(cp0), 'q-changsha': ['a', 'c', 'b'] });
    expect(extraMulti.right).toBe(3);
    const reordered = scoreCheckpoint(cp0, { ...rightAnswers(cp0), 'q-changsha': ['c', 'a', 'a'] });
    expect(reordered.right).toBe(4);
  });

  it('passes at the pass mark and not below; unanswered questions are wrong', () => {
    expect(neededToPass(cp0)).toBe(3); // 0.75 × 4
    const three = { ...rightAnswers(cp0), 'q-delegates': ['a'] };
    expect(scoreCheckpoint(cp0, three)).toMatchObject({ right: 3, passed: true, needed: 3 });
    const two = { 'q-opening-place': ['b'], 'q-delegates': ['b'] };
    expect(scoreCheckpoint(cp0, two)).toMatchObject({ right: 2, passed: false, score: 0.5 });
    expect(scoreCheckpoint(cp0, {})).toMatchObject({ right: 0, passed: false });
  });

  it('counts retries, keeps the best score and completes the base on the last checkpoint', () => {
    let p = createProgress(scene, 'r', now);
    p = recordAttempt(scene, p, scoreCheckpoint(cp0, {}), now);
    expect(p.checkpoints['yida-quiz']).toEqual({ attempts: 1, passed: false, bestScore: 0, lastScore: 0 });
    p = recordAttempt(scene, p, scoreCheckpoint(cp0, rightAnswers(cp0)), now);
    p = recordAttempt(scene, p, scoreCheckpoint(cp0, {}), now);
    expect(p.checkpoints['yida-quiz']).toEqual({ attempts: 3, passed: true, bestScore: 1, lastScore: 0 });
    expect(isComplete(scene, p)).toBe(false);
    expect(p.completedAt).toBeUndefined();
    const three = { ...rightAnswers(cp1), 'q-spirit': ['a'] };
    const later = new Date('2026-07-01T08:30:00Z');
    p = recordAttempt(scene, p, scoreCheckpoint(cp1, three), later);
    expect(isComplete(scene, p)).toBe(true);
    expect(p.completedAt).toBe(later.toISOString());
    expect(baseScore(scene, p)).toBeCloseTo((1 + 0.75) / 2);
  });
});

describe('time', () => {
  it('adds time only for short gaps and stops counting once complete', () => {
    let p = createProgress(scene, 'r', now);
    p = addTime(p, 1000);
    p = addTime(p, MAX_TICK_MS + 1);
    p = addTime(p, -5);
    p = addTime(p, 1000);
    expect(p.activeMs).toBe(2000);
    expect(addTime({ ...p, completedAt: now.toISOString() }, 1000).activeMs).toBe(2000);
  });
});

describe('resume', () => {
  let store: MemoryStorage;
  beforeEach(() => {
    store = new MemoryStorage();
  });

  it('saves and restores a tour per visitor', () => {
    let p = createProgress(scene, 'reg-9', now);
    p = goTo(scene, p, 3);
    p = addTime(p, 4000);
    saveProgress(store, p, 'm-001');
    expect(loadProgress(store, scene, 'guest')).toBeNull();
    expect(loadProgress(store, scene, 'm-001')).toEqual(p);
    clearProgress(store, scene.id, 'm-001');
    expect(loadProgress(store, scene, 'm-001')).toBeNull();
  });

  it('ignores corrupt or foreign saves and clamps a station past the end', () => {
    store.setItem(progressKey(scene.id), '{not json');
    expect(loadProgress(store, scene)).toBeNull();
    store.setItem(progressKey(scene.id), JSON.stringify({ version: 1, baseId: 'other' }));
    expect(loadProgress(store, scene)).toBeNull();
    const p = { ...createProgress(scene, 'r', now), station: 40 };
    saveProgress(store, p);
    expect(loadProgress(store, scene)!.station).toBe(stations(scene).length - 1);
  });

  it('survives a storage that throws', () => {
    const broken = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('full'); }, removeItem: () => {} };
    expect(() => saveProgress(broken, createProgress(scene, 'r', now))).not.toThrow();
    expect(loadProgress(broken, scene)).toBeNull();
  });
});

describe('walkable floor', () => {
  const room = scene.rooms[0]!;
  const plan = floorPlan(room);
  it('keeps the visitor inside the rooms and out of the table', () => {
    expect(isWalkable(plan, 0, 6)).toBe(true); // lane
    expect(isWalkable(plan, 0, 4)).toBe(true); // doorway
    expect(isWalkable(plan, 2, 4)).toBe(false); // inside the facade wall
    expect(isWalkable(plan, 0, 0)).toBe(false); // on the table
    expect(isWalkable(plan, 5, 6)).toBe(false); // beyond the lane
  });
  it('slides along a wall instead of stopping dead', () => {
    const [x, z] = slide(plan, 1.5, 4.7, 0.1, -0.3); // walking diagonally into the facade
    expect(z).toBeCloseTo(4.7);
    expect(x).toBeCloseTo(1.6);
    expect(slide(plan, 0, 2.5, 0, -0.6)).toEqual([0, 2.5]); // the table blocks
  });
});
