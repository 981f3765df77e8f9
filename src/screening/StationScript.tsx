import type { Stop } from '../content/schema';
import { useLocalize, useT } from '../ui/i18n';
import type { PresenterView } from './protocol';

/** The stop's narration as a script, the sentence the projector is speaking marked. */
export function StationScript({ stop, view }: { stop: Stop; view: PresenterView }) {
  const tr = useT();
  const tx = useLocalize();
  const cue = view.playback.station === view.station ? view.playback.cue : -1;
  return (
    <section className="script">
      <h3>
        {tr('scScript')} <small className="narration-state" data-state={view.playback.station === view.station ? view.playback.state : 'idle'}>{view.narration.playing ? tr('play') : tr('pause')}</small>
      </h3>
      <ol>
        {stop.narration.map((line, i) => (
          <li key={i} className={i === cue ? 'speaking' : ''} data-cue={i}>
            {tx(line)}
          </li>
        ))}
      </ol>
    </section>
  );
}
