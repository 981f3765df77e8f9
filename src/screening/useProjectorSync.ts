import { useEffect, useRef, useState } from 'react';
import type { Scene } from '../content/schema';
import { narrateStation, narrationControls } from '../state/narration';
import { useAppStore } from '../state/store';
import { stations } from '../tour/progress';
import { sendCommand } from './connection';
import type { PresenterView } from './protocol';

/** How long the picture takes to fade to black (and back) when the meeting moves to another room. */
export const FADE_MS = 700;

/** Puts the open base at a station, whatever the rooms' checkpoints say (the presenter leads). */
function showStation(index: number): void {
  useAppStore.setState((s) => (s.progress && s.progress.station !== index ? { progress: { ...s.progress, station: index } } : {}));
}

/**
 * Makes the projector follow the room: the station (with a fade through black between rooms, so
 * there is never a cut), the narration (plays here only: start, pause, resume, replay), and
 * reports back what the narration is doing so the presenter's script can follow. Returns whether
 * the fade is down.
 */
export function useProjectorSync(view: PresenterView | null, scene: Scene | null, started: boolean): boolean {
  const [faded, setFaded] = useState(true);
  const shown = useRef<{ station: number; room: number } | null>(null);
  const narrated = useRef<string>('');
  const station = view?.station;

  // Station and fade.
  useEffect(() => {
    if (!scene || station === undefined) return;
    if (useAppStore.getState().scene?.id !== scene.id) useAppStore.getState().openBase(scene, true);
    const list = stations(scene);
    const target = list[station]!;
    const before = shown.current;
    if (before && before.station === station) return;
    if (before && before.room === target.room) {
      showStation(station);
      shown.current = { station, room: target.room };
      return;
    }
    setFaded(true);
    const timers: ReturnType<typeof setTimeout>[] = [];
    timers.push(
      setTimeout(() => {
        showStation(station);
        shown.current = { station, room: target.room };
        timers.push(setTimeout(() => setFaded(false), 300));
      }, before ? FADE_MS : 0),
    );
    return () => timers.forEach(clearTimeout);
  }, [scene, station]);

  // Narration: a new station or a replay starts it; the presenter pauses and resumes it.
  const replay = view?.narration.replay;
  const playing = view?.narration.playing;
  const progressStation = useAppStore((s) => s.progress?.station);
  useEffect(() => {
    if (!scene || !started || progressStation === undefined || progressStation !== station) return;
    const key = `${progressStation}/${replay}`;
    if (narrated.current !== key) {
      narrated.current = key;
      void narrateStation(scene.id, stations(scene)[progressStation]!).then(() => {
        if (!useAppStore.getState().roomView?.narration.playing) narrationControls.pause();
      });
      return;
    }
    if (playing) narrationControls.play();
    else narrationControls.pause();
  }, [scene, started, progressStation, station, replay, playing]);

  // What the narration does, for the presenter's script.
  useEffect(
    () =>
      useAppStore.subscribe((s, prev) => {
        if (s.narrationState === prev.narrationState && s.cueIndex === prev.cueIndex) return;
        if (s.progress) sendCommand({ type: 'playback', station: s.progress.station, cue: s.cueIndex, state: s.narrationState });
      }),
    [],
  );
  return faded;
}
