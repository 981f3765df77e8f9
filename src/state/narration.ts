/**
 * The bridge between the tour and the narration player: loads a base's audio manifest,
 * plays the current stop, and mirrors the player's state and cue into the store.
 */
import { createNarrationPlayer, type NarrationPlayer } from '../audio/player';
import { manifestUrl, NarrationManifestSchema, stopNarration, type NarrationManifest } from '../audio/cues';
import type { Station } from '../tour/progress';
import { useAppStore } from './store';

let player: NarrationPlayer | null = null;
const manifests = new Map<string, Promise<NarrationManifest | null>>();
let request = 0;

function getPlayer(): NarrationPlayer {
  if (!player) {
    player = createNarrationPlayer();
    player.onState((state) => useAppStore.getState().setNarration(state));
    player.onCue((index) => useAppStore.getState().setCueIndex(index));
  }
  return player;
}

/** A base's audio manifest (fetched once); null when it is missing or broken: subtitles then run on a timer. */
export function manifestFor(baseId: string): Promise<NarrationManifest | null> {
  let m = manifests.get(baseId);
  if (!m) {
    m = fetch(manifestUrl(baseId, import.meta.env.BASE_URL))
      .then((r) => (r.ok ? r.json() : null))
      .then((data: unknown) => {
        const parsed = NarrationManifestSchema.safeParse(data);
        return parsed.success ? parsed.data : null;
      })
      .catch(() => null);
    manifests.set(baseId, m);
  }
  return m;
}

/** Plays the narration of a stop; at a checkpoint, stops any narration. */
export async function narrateStation(baseId: string, station: Station): Promise<void> {
  const id = ++request;
  const p = getPlayer();
  p.pause();
  useAppStore.getState().setCueIndex(-1);
  if (station.kind !== 'stop') {
    useAppStore.getState().setNarration('idle');
    return;
  }
  const manifest = await manifestFor(baseId);
  if (id !== request) return;
  const texts = station.stop.narration.map((c) => c.zh);
  p.load(stopNarration(manifest ?? undefined, station.stop.id, texts, import.meta.env.BASE_URL));
  p.play();
}

/** Buttons and keys that control the narration. */
export const narrationControls = {
  toggle: () => player?.toggle(),
  /** Group screening: the room says whether narration plays. */
  pause: () => player?.pause(),
  play: () => player?.play(),
  replay: () => player?.replay(),
  skip: () => player?.skip(),
  /** Stops narration when leaving a tour. */
  stop: () => {
    request += 1;
    player?.pause();
    useAppStore.getState().setNarration('idle');
    useAppStore.getState().setCueIndex(-1);
  },
};
