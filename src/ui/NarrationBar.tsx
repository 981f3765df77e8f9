import { useShallow } from 'zustand/react/shallow';
import { narrationControls } from '../state/narration';
import { useAppStore } from '../state/store';
import { useStations } from '../state/selectors';
import { canGoTo } from '../tour/progress';
import { useT } from './i18n';

/** Narration and station controls: previous, pause/play, replay, skip, next. */
export function NarrationBar() {
  const tr = useT();
  const stations = useStations();
  const { state, index, nextOpen, previousStation, nextStation } = useAppStore(
    useShallow((s) => ({
      state: s.narrationState,
      index: s.progress?.station ?? 0,
      nextOpen: !!s.scene && !!s.progress && canGoTo(s.scene, s.progress, s.progress.station + 1),
      previousStation: s.previousStation,
      nextStation: s.nextStation,
    })),
  );
  const atStop = stations[index]?.kind === 'stop';
  const playing = state === 'playing' || state === 'fallback' || state === 'loading';
  const isLast = index >= stations.length - 1;
  const nextIsCheckpoint = stations[index + 1]?.kind === 'checkpoint';
  return (
    <nav className="narration-bar">
      <button data-action="previous" disabled={index === 0} onClick={previousStation}>{tr('previous')}</button>
      {atStop && (
        <>
          <button data-action="toggle" onClick={narrationControls.toggle}>{playing ? tr('pause') : tr('play')}</button>
          <button data-action="replay" onClick={narrationControls.replay}>{tr('replay')}</button>
          <button data-action="skip" disabled={state === 'ended'} onClick={narrationControls.skip}>{tr('skip')}</button>
        </>
      )}
      {!isLast && (
        <button data-action="next" className={state === 'ended' ? 'primary' : ''} disabled={!nextOpen} title={nextOpen ? '' : tr('locked')} onClick={nextStation}>
          {nextIsCheckpoint ? tr('goToCheckpoint') : tr('next')}
        </button>
      )}
      {!nextOpen && !isLast && <span className="locked">{tr('locked')}</span>}
    </nav>
  );
}
