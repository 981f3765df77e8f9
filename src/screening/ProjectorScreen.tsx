import { useCallback, useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { unlockAudio } from '../audio/player';
import { narrationControls } from '../state/narration';
import { useAppStore } from '../state/store';
import { stations } from '../tour/progress';
import { useLocalize, useT } from '../ui/i18n';
import { Subtitles } from '../ui/Subtitles';
import { connectRoom, savedToken } from './connection';
import { JoinCode } from './JoinCode';
import { ProjectorQuestion } from './ProjectorQuestion';
import { ProjectorStage } from './ProjectorStage';
import { RoomStatus } from './RoomStatus';
import { useProjectorSync } from './useProjectorSync';
import { enterFullscreen, useScreeningKeys } from './useScreeningKeys';

/**
 * The projector window: full screen, the 3D room with the camera gliding between stops, large
 * subtitles, the question and its QR code at checkpoints, black screen on demand. It plays the
 * narration (the only window that does) and takes the clicker's keys too.
 */
export function ProjectorScreen({ code }: { code: string }) {
  const tr = useT();
  const tx = useLocalize();
  const token = useMemo(() => savedToken(code), [code]);
  const { view, catalogue, started, setStarted } = useAppStore(
    useShallow((s) => ({ view: s.roomView, catalogue: s.catalogue, started: s.started, setStarted: s.setStarted })),
  );
  const scene = useMemo(() => catalogue?.flatMap((r) => (r.ok && r.scene.id === view?.baseId ? [r.scene] : []))[0] ?? null, [catalogue, view?.baseId]);
  const list = useMemo(() => (scene ? stations(scene) : []), [scene]);
  useEffect(() => (token ? connectRoom(code, 'projector', token) : undefined), [code, token]);
  useEffect(() => () => narrationControls.stop(), []);
  const start = useCallback(() => {
    unlockAudio();
    enterFullscreen();
    setStarted(true);
  }, [setStarted]);
  useScreeningKeys(list.length, start);
  const faded = useProjectorSync(view, scene, started);

  if (!token) return <main className="menu"><p className="hint error">{tr('scNoToken')}</p></main>;
  const station = view ? list[view.station] : undefined;
  return (
    <div className="projector" data-station={view?.station ?? -1}>
      {scene && <ProjectorStage />}
      {station && view && (
        <div className="projector-hud">
          <header className="projector-caption">
            <span className="station-number">{tr('scStation', { n: view.station + 1, total: list.length })}</span>
            <span className="station-title">{tx(station.kind === 'stop' ? station.stop.title : station.checkpoint.title)}</span>
          </header>
          {station.kind === 'checkpoint' ? <ProjectorQuestion checkpoint={station.checkpoint} view={view} /> : <JoinCode view={view} small />}
          <footer className="projector-subtitles">
            <Subtitles />
          </footer>
        </div>
      )}
      <div className={`projector-fade${faded ? ' down' : ''}`} aria-hidden="true" />
      {view?.black && <div className="projector-black" data-black="true" />}
      {view?.ended && <div className="projector-ended">{tr('scEnded')}</div>}
      {!started && (
        <button className="projector-start" data-action="start-projector" onClick={start}>
          <strong>{tr('scClickToStart')}</strong>
          <span>{tr('scClickHint')}</span>
        </button>
      )}
      <div className="projector-status"><RoomStatus /></div>
    </div>
  );
}
