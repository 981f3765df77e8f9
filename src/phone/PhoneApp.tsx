import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorCode, PhoneView } from '../screening/protocol';
import { browserClientId, openRoomSocket, type RoomSocket, type SocketStatus } from '../screening/socket';
import { t, type Locale, type MessageKey } from '../ui/messages';
import { NamePicker, type RosterEntry } from './NamePicker';
import { PhoneQuestionCard } from './PhoneQuestionCard';

const MEMBER_KEY = 'redtour.phone.member';
const code = /\/j\/(\d{4})/.exec(location.pathname)?.[1] ?? '';

export type Tr = (key: MessageKey, vars?: Record<string, string | number>) => string;

function remembered(): string | null {
  try {
    return localStorage.getItem(MEMBER_KEY);
  } catch {
    return null;
  }
}
function remember(id: string | null): void {
  try {
    if (id) localStorage.setItem(MEMBER_KEY, id);
    else localStorage.removeItem(MEMBER_KEY);
  } catch {
    /* private mode: the phone asks again next time */
  }
}

/** A member's phone: pick a name from the roster, then follow the room and answer its questions. */
export function PhoneApp() {
  const [locale, setLocale] = useState<Locale>('zh');
  const tr: Tr = useCallback((key, vars) => t(locale, key, vars), [locale]);
  const [view, setView] = useState<PhoneView | null>(null);
  const [status, setStatus] = useState<SocketStatus>('connecting');
  const [error, setError] = useState<ErrorCode | null>(null);
  const [roster, setRoster] = useState<RosterEntry[] | null>(null);
  const socket = useRef<RoomSocket | null>(null);

  useEffect(() => {
    document.title = t(locale, 'phTitle');
  }, [locale]);

  useEffect(() => {
    let live = true;
    fetch('/api/roster')
      .then((r) => (r.ok ? (r.json() as Promise<{ members: RosterEntry[] }>) : Promise.reject(new Error(String(r.status)))))
      .then((data) => live && setRoster(data.members))
      .catch(() => live && setRoster([]));
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    let wantRejoin = true;
    const s = openRoomSocket({
      code,
      role: 'phone',
      clientId: browserClientId('redtour.phone.client'),
      onStatus: setStatus,
      onWelcome: () => {
        wantRejoin = true;
      },
      onView: (v) => {
        if (v.kind !== 'phone') return;
        setView(v);
        // A phone the server no longer knows (a new room, or the server restarted) joins as before.
        const member = remembered();
        if (wantRejoin && !v.member && member && !v.ended) s.send({ type: 'join', memberId: member });
        wantRejoin = false;
        if (v.member) remember(v.member.id);
      },
      onError: (errorCode) => {
        if (errorCode === 'replaced' || errorCode === 'unknown-member') remember(null);
        setError(errorCode);
      },
    });
    socket.current = s;
    return () => s.close();
  }, []);

  const join = (memberId: string) => {
    setError(null);
    socket.current?.send({ type: 'join', memberId });
  };
  const leave = () => {
    remember(null);
    socket.current?.send({ type: 'leave' });
  };
  const answer = (given: string[]) => {
    if (!view?.question) return;
    setError(null);
    socket.current?.send({ type: 'answer', checkpointId: view.question.checkpointId, questionId: view.question.questionId, given });
  };
  const tx = (text: { zh: string; en?: string }) => (locale === 'en' ? (text.en ?? text.zh) : text.zh);

  return (
    <main className="phone" data-status={status}>
      <header>
        <h1>{tr('phTitle')}</h1>
        <button className="small" onClick={() => setLocale(locale === 'zh' ? 'en' : 'zh')}>{tr('language')}</button>
      </header>
      {status !== 'open' && <p className="muted">{tr(status === 'connecting' ? 'scConnecting' : 'scOffline')}</p>}
      {error && <p className="error" role="alert" data-error={error}>{tr(`scErr_${error.replace(/-/g, '_')}` as MessageKey)}</p>}
      {view && (
        <>
          <p className="muted">{tx(view.baseTitle)}</p>
          {view.member ? (
            <div className="member">
              <p>
                <strong data-member={view.member.id}>{tr('phWelcome', { name: view.member.name })}</strong>{' '}
                {!view.ended && <button className="small" onClick={leave}>{tr('phNotMe')}</button>}
              </p>
              {view.ended ? (
                <p className="status good ended">
                  {tr('phEnded')} {view.attended === true ? tr('phAttended') : view.attended === false ? tr('phNotAttended') : ''}
                </p>
              ) : view.question ? (
                <PhoneQuestionCard question={view.question} mine={view.mine} onAnswer={answer} tr={tr} tx={tx} />
              ) : (
                <p className="status waiting">
                  {tr('phNow', { title: tx(view.stationTitle) })}
                  <br />
                  {tr('phWaiting')}
                </p>
              )}
            </div>
          ) : view.ended ? (
            <p className="status">{tr('phEnded')}</p>
          ) : (
            <NamePicker roster={roster} onPick={join} tr={tr} />
          )}
        </>
      )}
    </main>
  );
}
