import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../state/store';
import { stations } from '../tour/progress';
import { useLocalize, useT } from '../ui/i18n';
import { LanguageToggle } from '../ui/LanguageToggle';
import { AttendancePanel } from './AttendancePanel';
import { connectRoom, savedToken, sendCommand } from './connection';
import { PresenterClock } from './PresenterClock';
import { QuestionControl } from './QuestionControl';
import { StationList } from './StationList';
import { StationScript } from './StationScript';
import { useScreeningKeys } from './useScreeningKeys';
import { RoomStatus } from './RoomStatus';

/** The presenter's own window (the laptop screen): script, next stop, timer, questions, attendance. */
export function PresenterScreen({ code }: { code: string }) {
  const tr = useT();
  const tx = useLocalize();
  const token = useMemo(() => savedToken(code), [code]);
  const { view, catalogue } = useAppStore(useShallow((s) => ({ view: s.roomView, catalogue: s.catalogue })));
  const scene = useMemo(() => catalogue?.flatMap((r) => (r.ok && r.scene.id === view?.baseId ? [r.scene] : []))[0] ?? null, [catalogue, view?.baseId]);
  const list = useMemo(() => (scene ? stations(scene) : []), [scene]);
  const [attendance, setAttendance] = useState(false);
  useEffect(() => (token ? connectRoom(code, 'presenter', token) : undefined), [code, token]);
  useScreeningKeys(list.length);

  if (!token) return <main className="menu"><p className="hint error">{tr('scNoToken')}</p></main>;
  if (!view || !scene) return <main className="menu"><RoomStatus /></main>;
  const station = list[view.station]!;
  const next = list[view.station + 1];
  const title = (s: (typeof list)[number]) => tx(s.kind === 'stop' ? s.stop.title : s.checkpoint.title);
  const showAttendance = attendance || view.ended !== null;

  return (
    <main className="presenter" data-station={view.station} data-black={view.black}>
      <header className="presenter-top">
        <h1>{tr('scTitle')} · {tx(scene.title)}</h1>
        <span className="room-code">{tr('scCode', { code })}</span>
        <PresenterClock view={view} />
        <button data-action="open-projector" onClick={() => window.open(`/screening/${code}/projector`, 'redtour-projector')}>{tr('scOpenProjector')}</button>
        <LanguageToggle />
      </header>
      <RoomStatus />
      {showAttendance ? (
        <AttendancePanel view={view} onBack={() => setAttendance(false)} />
      ) : (
        <div className="presenter-body">
          <section className="presenter-main">
            <h2>
              <span className="station-number">{tr('scStation', { n: view.station + 1, total: list.length })}</span> <span className="station-title">{title(station)}</span>
            </h2>
            {station.kind === 'stop' ? <StationScript stop={station.stop} view={view} /> : <QuestionControl checkpoint={station.checkpoint} view={view} />}
            <p className="next-up">{next ? tr('scNextUp', { title: title(next) }) : tr('scLast')}</p>
            <nav className="presenter-controls">
              <button data-action="previous" onClick={() => sendCommand({ type: 'previous' })}>{tr('previous')}</button>
              <button data-action="next" className="primary" onClick={() => sendCommand({ type: 'next' })}>{tr('next')}</button>
              {station.kind === 'stop' && (
                <>
                  <button data-action="toggle-narration" onClick={() => sendCommand({ type: 'toggle-narration' })}>{view.narration.playing ? tr('scPauseNarration') : tr('scResumeNarration')}</button>
                  <button data-action="replay" onClick={() => sendCommand({ type: 'replay' })}>{tr('scReplay')}</button>
                </>
              )}
              <button data-action="black" onClick={() => sendCommand({ type: 'toggle-black' })}>{view.black ? tr('scUnblack') : tr('scBlack')}</button>
              <button data-action="end" onClick={() => setAttendance(true)}>{tr('scEnd')}</button>
            </nav>
            {view.black && <p className="black-note">{tr('scBlackNow')}</p>}
            <p className="hint">{tr('scKeysHelp')}</p>
          </section>
          <aside className="presenter-side">
            <StationList list={list} current={view.station} />
            <p className="joined" data-joined={view.participants.length}>{tr('scJoined', { n: view.participants.length })}</p>
            <ul className="participants">
              {view.participants.map((p) => (
                <li key={p.id} data-member={p.id} data-online={p.online > 0}>{p.name}</li>
              ))}
            </ul>
            <p className="join-url">{view.joinUrl}</p>
          </aside>
        </div>
      )}
    </main>
  );
}
