import { useShallow } from 'zustand/react/shallow';
import { narrationControls } from '../state/narration';
import { useAppStore } from '../state/store';
import { useRoom, useStation } from '../state/selectors';
import { baseScore } from '../tour/progress';
import { EnterVRButton } from './EnterVRButton';
import { formatDuration, useLocalize, useT } from './i18n';
import { LanguageToggle } from './LanguageToggle';
import { VisitorBar } from './VisitorBar';

/** Where the visitor is, how long they have studied, and the menu/VR/language/subtitle switches. */
export function TourHeader() {
  const tr = useT();
  const tx = useLocalize();
  const station = useStation();
  const room = useRoom();
  const { scene, progress, locale, subtitles, setSubtitles, closeBase } = useAppStore(
    useShallow((s) => ({
      scene: s.scene,
      progress: s.progress,
      locale: s.locale,
      subtitles: s.subtitles,
      setSubtitles: s.setSubtitles,
      closeBase: s.closeBase,
    })),
  );
  if (!scene || !progress || !station || !room) return null;
  const title = station.kind === 'stop' ? tx(station.stop.title) : tx(station.checkpoint.title);
  return (
    <header className="tour-header">
      <div className="where">
        <strong>{tx(scene.title)}</strong>
        <span>{tx(room.title)}</span>
        <span className="station" data-station={progress.station}>{title}</span>
        <span className="elapsed">{tr('elapsed', { time: formatDuration(progress.activeMs, locale) })}</span>
        {progress.completedAt && (
          <span className="completed" data-completed="true">
            {tr('completed')} · {tr('score', { right: Math.round(baseScore(scene, progress) * 100), total: 100 })}
          </span>
        )}
      </div>
      <VisitorBar />
      <div className="switches">
        <button aria-pressed={subtitles} onClick={() => setSubtitles(!subtitles)}>{tr('subtitles')}</button>
        <LanguageToggle />
        <EnterVRButton />
        <button
          data-action="menu"
          onClick={() => {
            narrationControls.stop();
            closeBase();
          }}
        >
          {tr('backToMenu')}
        </button>
      </div>
    </header>
  );
}
