/**
 * The howler.js audio driver (browser only: howler cannot be imported in node). The player
 * imports this module lazily; tests use a fake driver instead.
 */
import { Howl, Howler } from 'howler';
import type { AudioDriver } from './player';

function formatOf(src: string): string {
  const ext = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(src)?.[1]?.toLowerCase();
  return ext === 'm4a' ? 'm4a' : ext ?? 'mp3';
}

/** One Howl at a time, decoded through Web Audio (`html5: false`): exact, sample-based seek. */
export function createHowlerDriver(): AudioDriver {
  let howl: Howl | undefined;
  const drop = () => {
    if (!howl) return;
    howl.off();
    howl.unload();
    howl = undefined;
  };
  return {
    load(src, events) {
      drop();
      const h = new Howl({
        src: [src],
        format: [formatOf(src)],
        html5: false,
        preload: true,
        onload: () => events.onLoad(h.duration()),
        onloaderror: (_id, err) => events.onError(`audio failed to load (${src}): ${String(err)}`),
        onplayerror: (_id, err) => events.onError(`audio failed to play (${src}): ${String(err)}`),
        onend: () => events.onEnd(),
      });
      howl = h;
    },
    play() {
      if (howl && !howl.playing()) howl.play();
    },
    pause() {
      howl?.pause();
    },
    seek(seconds) {
      howl?.seek(seconds);
    },
    time() {
      const t = howl?.seek();
      return typeof t === 'number' && Number.isFinite(t) ? t : 0;
    },
    unload: drop,
  };
}

/** Creates (if needed) and resumes the shared AudioContext; call inside a user gesture. */
export function unlockAudio(): void {
  // Howler creates its AudioContext lazily; reading the volume runs that setup.
  if (!Howler.ctx) Howler.volume();
  const ctx = Howler.ctx as AudioContext | undefined;
  if (ctx && ctx.state !== 'running') void ctx.resume().catch(() => undefined);
}
