/**
 * Saving and restoring a tour so that a reload, or a headset taken off and put back on,
 * continues where the visitor stopped.
 */
import { z } from 'zod';
import type { Scene } from '../content/schema';
import { stations, type TourProgress } from './progress';

const ProgressSchema = z.object({
  version: z.literal(1),
  baseId: z.string(),
  registration: z.string().min(1),
  station: z.number().int().min(0),
  visited: z.array(z.string()),
  checkpoints: z.record(
    z.string(),
    z.object({ attempts: z.number().int().min(0), passed: z.boolean(), bestScore: z.number(), lastScore: z.number() }),
  ),
  activeMs: z.number().min(0),
  startedAt: z.string(),
  completedAt: z.string().optional(),
});

/** The part of the Web Storage API this module needs. */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** Storage key of a base's saved tour, per visitor (`guest` until someone is signed in). */
export function progressKey(baseId: string, visitor = 'guest'): string {
  return `redtour.progress.${visitor}.${baseId}`;
}

/** Saves progress. Storage failures (private mode, quota) are ignored: the tour goes on. */
export function saveProgress(store: KeyValueStore, p: TourProgress, visitor?: string): void {
  try {
    store.setItem(progressKey(p.baseId, visitor), JSON.stringify(p));
  } catch {
    /* a full or blocked storage must never stop the tour */
  }
}

/** Restores saved progress for this scene, or null when none is saved or it no longer fits the content. */
export function loadProgress(store: KeyValueStore, scene: Scene, visitor?: string): TourProgress | null {
  let raw: string | null;
  try {
    raw = store.getItem(progressKey(scene.id, visitor));
  } catch {
    return null;
  }
  if (!raw) return null;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = ProgressSchema.safeParse(data);
  if (!parsed.success || parsed.data.baseId !== scene.id) return null;
  const p = parsed.data as TourProgress;
  const max = stations(scene).length - 1;
  return p.station > max ? { ...p, station: max } : p;
}

/** Forgets a base's saved tour (start over). */
export function clearProgress(store: KeyValueStore, baseId: string, visitor?: string): void {
  try {
    store.removeItem(progressKey(baseId, visitor));
  } catch {
    /* nothing to do */
  }
}
