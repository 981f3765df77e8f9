/**
 * The slices of the one app store. Logic lives in src/tour; these only hold state and call it.
 */
import type { StateCreator } from 'zustand';
import type { LoadResult } from '../content/errors';
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
import { uuidV4 } from '../record/statements';
import { clearProgress, loadProgress, saveProgress, type KeyValueStore } from '../tour/resume';
import type { ScreeningSlice } from '../screening/slice';

export type AppState = TourSlice & QuizSlice & NarrationSlice & SettingsSlice & SessionSlice & ScreeningSlice;
type Slice<T> = StateCreator<AppState, [], [], T>;

/** Where progress is kept; replaced in tests. */
export const storage: { current: KeyValueStore | null } = {
  current: typeof localStorage === 'undefined' ? null : localStorage,
};

function newRegistration(): string {
  return uuidV4();
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
  /** The way on after a result: retry a failed checkpoint, the next room after a pass, out at the end. */
  continueFromQuiz: () => void;
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
  continueFromQuiz: () => {
    const { quizResult, progress, sharedDevice } = get();
    if (!quizResult) return;
    if (!quizResult.passed) get().retryQuiz();
    // A shared headset goes back to the roster for the next member; a member's own device to the menu.
    else if (progress?.completedAt) (sharedDevice ? get().switchVisitor : get().closeBase)();
    else get().nextStation();
  },
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
  /** Who is studying: a member id from the branch roster, or "guest". */
  visitor: string;
  /** The member's name as the roster gives it ("" for a guest). */
  visitorName: string;
  /** True once someone has picked their name (or guest) on this device. */
  chosen: boolean;
  /** A headset shared by members: nobody stays signed in across reloads or tours. */
  sharedDevice: boolean;
  /** True once a user gesture has unlocked audio (Start / Enter VR). */
  started: boolean;
  inXR: boolean;
  /** Study records written on this device and not yet acknowledged by the record store. */
  pendingRecords: number;
  setCatalogue: (c: LoadResult[]) => void;
  setStarted: (on: boolean) => void;
  setInXR: (on: boolean) => void;
  chooseVisitor: (id: string, name: string) => void;
  /** The next member takes over: close any tour and go back to the roster. */
  switchVisitor: () => void;
  setPendingRecords: (n: number) => void;
}

/** Headset browsers are shared in the activity room; `?shared` forces it for other devices. */
function detectSharedDevice(): boolean {
  if (typeof navigator === 'undefined' || typeof location === 'undefined') return false;
  return /OculusBrowser|Pico|Quest/i.test(navigator.userAgent) || /[?&]shared\b/.test(location.search);
}

export const createSessionSlice: Slice<SessionSlice> = (set, get) => ({
  catalogue: null,
  visitor: 'guest',
  visitorName: '',
  chosen: false,
  sharedDevice: detectSharedDevice(),
  started: false,
  inXR: false,
  pendingRecords: 0,
  setCatalogue: (catalogue) => set({ catalogue }),
  setStarted: (started) => set({ started }),
  setInXR: (inXR) => set({ inXR }),
  chooseVisitor: (visitor, visitorName) => set({ visitor, visitorName, chosen: true }),
  switchVisitor: () => {
    get().closeBase();
    set({ visitor: 'guest', visitorName: '', chosen: false });
  },
  setPendingRecords: (pendingRecords) => set({ pendingRecords }),
});
