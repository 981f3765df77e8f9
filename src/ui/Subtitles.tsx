import { useAppStore } from '../state/store';
import { useStation } from '../state/selectors';
import { useLocalize } from './i18n';

/** The sentence being spoken, under the view (desktop; VR has its own in-world panel). */
export function Subtitles() {
  const station = useStation();
  const cue = useAppStore((s) => s.cueIndex);
  const on = useAppStore((s) => s.subtitles);
  const tx = useLocalize();
  if (!on || station?.kind !== 'stop' || cue < 0) return null;
  const text = station.stop.narration[cue];
  return text ? (
    <div className="subtitles" data-cue={cue} aria-live="polite">
      {tx(text)}
    </div>
  ) : null;
}
