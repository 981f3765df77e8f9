import type { Station } from '../tour/progress';
import { useLocalize, useT } from '../ui/i18n';
import { sendCommand } from './connection';

/** Every stop and checkpoint, numbered as the number keys jump; click to jump. */
export function StationList({ list, current }: { list: readonly Station[]; current: number }) {
  const tr = useT();
  const tx = useLocalize();
  return (
    <nav className="station-list" aria-label={tr('scStations')}>
      <h3>{tr('scStations')}</h3>
      <ol>
        {list.map((s, i) => (
          <li key={i}>
            <button data-goto={i} aria-current={i === current} className={i === current ? 'primary' : ''} onClick={() => sendCommand({ type: 'goto', station: i })}>
              {i + 1}. {tx(s.kind === 'stop' ? s.stop.title : s.checkpoint.title)}
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
