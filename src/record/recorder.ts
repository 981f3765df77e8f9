/**
 * Turns tour events into xAPI statements and writes them to the outbox. Called by the app
 * store; knows nothing of React or of sending.
 */
import type { Checkpoint, Scene, Stop } from '../content/schema';
import { baseScore, type CheckpointResult, type TourProgress } from '../tour/progress';
import type { Outbox } from './outbox';
import {
  answered,
  completed,
  experienced,
  failed,
  initialized,
  passed,
  terminated,
  type Agent,
  type Mode,
  type Occasion,
  type RecordConfig,
  type Statement,
} from './statements';

export interface RecorderOptions {
  outbox: Outbox;
  config: RecordConfig;
  /** The member, or a getter when sign-in can change while the recorder lives. */
  actor: Agent | (() => Agent);
  /** The mode, or a getter (entering VR turns `desktop` into `headset`). */
  mode: Mode | (() => Mode);
  /** Defaults to `new Date()`. */
  now?: () => Date;
}

/**
 * Each method resolves with the statements once they are durably in the outbox, and rejects if
 * the outbox cannot store them (the caller decides whether to show that).
 */
export interface Recorder {
  /** A base attempt starts (`progress.registration` identifies the attempt). */
  baseStarted(scene: Scene, progress: TourProgress): Promise<Statement[]>;
  /** A stop's narration was heard: for how long, if known, and whether to the end. */
  stopExperienced(scene: Scene, stop: Stop, progress: TourProgress, heard: { listenedMs?: number; finished: boolean }): Promise<Statement[]>;
  /**
   * A checkpoint was submitted: one `answered` per question, then `passed` or `failed`.
   * `progress` is the progress after `recordAttempt`, so it already counts this attempt.
   */
  checkpointSubmitted(scene: Scene, checkpoint: Checkpoint, result: CheckpointResult, progress: TourProgress): Promise<Statement[]>;
  /** Every checkpoint is passed: `completed` with the base score and the study time. */
  baseCompleted(scene: Scene, progress: TourProgress): Promise<Statement[]>;
  /** The visitor left the base: `terminated` with the study time so far. */
  left(scene: Scene, progress: TourProgress): Promise<Statement[]>;
}

/** Creates the recorder for one visitor and outbox. */
export function createRecorder(options: RecorderOptions): Recorder {
  const { outbox, config } = options;
  const now = options.now ?? (() => new Date());

  function occasion(progress: TourProgress): Occasion {
    return {
      config,
      actor: typeof options.actor === 'function' ? options.actor() : options.actor,
      mode: typeof options.mode === 'function' ? options.mode() : options.mode,
      registration: progress.registration,
      at: now(),
    };
  }

  async function put(statements: Statement[]): Promise<Statement[]> {
    await outbox.add(statements);
    return statements;
  }

  return {
    baseStarted: (scene, progress) => put([initialized(occasion(progress), scene)]),
    stopExperienced: (scene, stop, progress, heard) => put([experienced(occasion(progress), scene, stop, heard)]),
    checkpointSubmitted(scene, checkpoint, result, progress) {
      const o = occasion(progress);
      const attempt = Math.max(1, progress.checkpoints[checkpoint.id]?.attempts ?? 1);
      const byId = new Map(result.questions.map((r) => [r.id, r]));
      const statements = checkpoint.questions.flatMap((q) => {
        const r = byId.get(q.id);
        return r ? [answered(o, scene, checkpoint, q, r, attempt)] : [];
      });
      statements.push((result.passed ? passed : failed)(o, scene, checkpoint, result, attempt));
      return put(statements);
    },
    baseCompleted: (scene, progress) => put([completed(occasion(progress), scene, { scaled: baseScore(scene, progress), activeMs: progress.activeMs })]),
    left: (scene, progress) => put([terminated(occasion(progress), scene, { activeMs: progress.activeMs })]),
  };
}
