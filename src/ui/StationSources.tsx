import { useAppStore } from '../state/store';
import { useStation } from '../state/selectors';
import { citation } from './citation';
import { useT } from './i18n';

/** The sources (史料出处) of the current stop, always visible beside its narration. */
export function StationSources() {
  const tr = useT();
  const station = useStation();
  const sources = useAppStore((s) => s.scene?.sources);
  if (station?.kind !== 'stop') return null;
  return (
    <aside className="sources">
      <span>{tr('sourcesTitle')}：</span>
      {station.stop.sources.map((ref, i) => (
        <cite key={i}>{citation(ref, sources)}</cite>
      ))}
    </aside>
  );
}
