/**
 * The slices of the one app store. Logic lives in src/tour; these only hold state and call it.
 */
import type { StateCreator } from 'zustand';
import type { LoadResult } from '../content/loader';
import type { Scene } from '../content/schema';
import type { Locale } from '../ui/messages';
import type { NarrationState } from '../audio/player';
import {
  addTime,
  canGoTo,
  createProgress,
  currentStation,
  markVisited,
  recordAttempt,
  scoreCheckpoint,
  goTo,
  type CheckpointResult,
  type TourProgress,
} from '../tour/progress';
import { clearProgress, loadProgress, saveProgress, type KeyValueStore } from '../tour/resume';

export type AppState = TourSlice & QuizSlice & NarrationSlice & SettingsSlice & SessionSlice;
type Slice<T> = StateCreator<AppState, [], [], T>;

/** Where progress is kept; replaced in tests. */
export const storage: { current: KeyValueStore | null } = {
  current: typeof localStorage === 'undefined' ? null : localStorage,
};

function newRegistration(): string {
  return globalThis.crypto.randomUUID();
}

export interface TourSlice {
  scene: Scene | null;
  progress: TourProgress | null;
  /** Opens a base, resuming a saved tour unless `restart`. */
  openBase: (scene: Scene, restart?: boolean) => void;
  closeBase: () => void;
  goToStation: (index: number) => void;
  nextStation: () => void;
  previousStation: () => void;
  /** Adds study time; called about once a second, never per frame. */
  tick: (deltaMs: number) => void;
}

function persist(p: TourProgress | null, visitor: string): void {
  if (p && storage.current) saveProgress(storage.current, p, visitor);
}

export const createTourSlice: Slice<TourSlice> = (set, get) => ({
  scene: null,
  progress: null,
  openBase: (scene, restart = false) => {
    const visitor = get().visitor;
    if (restart && storage.current) clearProgress(storage.current, scene.id, visitor);
    const saved = !restart && storage.current ? loadProgress(storage.current, scene, visitor) : null;
    const progress = markVisited(scene, saved ?? createProgress(scene, newRegistration(), new Date()));
    persist(progress, visitor);
    set({ scene, progress, quizAnswers: {}, quizIndex: 0, quizResult: null });
  },
  closeBase: () => set({ scene: null, progress: null, quizAnswers: {}, quizIndex: 0, quizResult: null }),
  goToStation: (index) => {
    const { scene, progress, visitor } = get();
    if (!scene || !progress || !canGoTo(scene, progress, index)) return;
    const moved = goTo(scene, progress, index);
    if (moved === progress) return;
    persist(moved, visitor);
    set({ progress: moved, quizAnswers: {}, quizIndex: 0, quizResult: null });
  },
  nextStation: () => {
    const p = get().progress;
    if (p) get().goToStation(p.station + 1);
  },
  previousStation: () => {
    const p = get().progress;
    if (p) get().goToStation(p.station - 1);
  },
  tick: (deltaMs) => {
    const { progress, visitor } = get();
    if (!progress) return;
    const updated = addTime(progress, deltaMs);
    if (updated === progress) return;
    persist(updated, visitor);
    set({ progress: updated });
  },
});

export interface QuizSlice {
  /** Chosen option ids per question at the current checkpoint. */
  quizAnswers: Record<string, string[]>;
  quizIndex: number;
  /** The result of the last submission, shown until retry or leaving. */
  quizResult: CheckpointResult | null;
  chooseOption: (questionId: string, optionId: string) => void;
  setQuizIndex: (index: number) => void;
  submitQuiz: () => CheckpointResult | null;
  retryQuiz: () => void;
}

export const createQuizSlice: Slice<QuizSlice> = (set, get) => ({
  quizAnswers: {},
  quizIndex: 0,
  quizResult: null,
  chooseOption: (questionId, optionId) => {
    const { scene, progress, quizAnswers, quizResult } = get();
    if (!scene || !progress || quizResult) return;
    const station = currentStation(scene, progress);
    if (station.kind !== 'checkpoint') return;
    const q = station.checkpoint.questions.find((x) => x.id === questionId);
    if (!q || !q.options.some((o) => o.id === optionId)) return;
    const prev = quizAnswers[questionId] ?? [];
    const chosen = q.type === 'multiple' ? (prev.includes(optionId) ? prev.filter((x) => x !== optionId) : [...prev, optionId]) : [optionId];
    set({ quizAnswers: { ...quizAnswers, [questionId]: chosen } });
  },
  setQuizIndex: (index) => set({ quizIndex: index }),
  submitQuiz: () => {
    const { scene, progress, quizAnswers, visitor } = get();
    if (!scene || !progress) return null;
    const station = currentStation(scene, progress);
    if (station.kind !== 'checkpoint') return null;
    const result = scoreCheckpoint(station.checkpoint, quizAnswers);
    const updated = recordAttempt(scene, progress, result, new Date());
    persist(updated, visitor);
    set({ progress: updated, quizResult: result });
    return result;
  },
  retryQuiz: () => set({ quizAnswers: {}, quizIndex: 0, quizResult: null }),
});


export interface NarrationSlice {
  narrationState: NarrationState;
  /** Index of the subtitle cue being spoken, or -1. */
  cueIndex: number;
  setNarration: (state: NarrationState) => void;
  setCueIndex: (index: number) => void;
}

export const createNarrationSlice: Slice<NarrationSlice> = (set) => ({
  narrationState: 'idle',
  cueIndex: -1,
  setNarration: (narrationState) => set({ narrationState }),
  setCueIndex: (cueIndex) => set({ cueIndex }),
});

export interface SettingsSlice {
  locale: Locale;
  subtitles: boolean;
  /** Seated VR: the floor is raised so a seated member sees from standing height. */
  seated: boolean;
  setLocale: (locale: Locale) => void;
  setSubtitles: (on: boolean) => void;
  setSeated: (on: boolean) => void;
}

export const createSettingsSlice: Slice<SettingsSlice> = (set) => ({
  locale: 'zh',
  subtitles: true,
  seated: false,
  setLocale: (locale) => set({ locale }),
  setSubtitles: (subtitles) => set({ subtitles }),
  setSeated: (seated) => set({ seated }),
});

export type UseMode = 'desktop' | 'headset' | 'screening';

export interface SessionSlice {
  catalogue: LoadResult[] | null;
  /** Who is studying: a member's id once the roster exists, else "guest". */
  visitor: string;
  /** True once a user gesture has unlocked audio (Start / Enter VR). */
  started: boolean;
  inXR: boolean;
  setCatalogue: (c: LoadResult[]) => void;
  setStarted: (on: boolean) => void;
  setInXR: (on: boolean) => void;
}

export const createSessionSlice: Slice<SessionSlice> = (set) => ({
  catalogue: null,
  visitor: 'guest',
  started: false,
  inXR: false,
  setCatalogue: (catalogue) => set({ catalogue }),
  setStarted: (started) => set({ started }),
  setInXR: (inXR) => set({ inXR }),
});
