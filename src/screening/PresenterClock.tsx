import { useEffect, useState } from 'react';
import type { PresenterView } from './protocol';
import { formatDuration } from '../ui/i18n';
import { useAppStore } from '../state/store';
import { useT } from '../ui/i18n';

/** Meeting time and time at this stop, ticking once a second (server times, this machine's clock). */
export function PresenterClock({ view }: { view: PresenterView }) {
  const tr = useT();
  const locale = useAppStore((s) => s.locale);
  const [offset] = useState(() => view.now - Date.now());
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  const at = (view.ended?.at ?? now + offset);
  return (
    <span className="clock">
      <span className="elapsed">{tr('scElapsed', { time: formatDuration(at - view.createdAt, locale) })}</span>{' '}
      <span className="at-stop">{tr('scAtStop', { time: formatDuration(Math.max(0, at - view.stationSince), locale) })}</span>
    </span>
  );
}
