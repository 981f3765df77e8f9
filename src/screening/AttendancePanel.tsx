import { useEffect, useMemo, useState } from 'react';
import { useT } from '../ui/i18n';
import { sendCommand } from './connection';
import type { PresenterView } from './protocol';

interface Member {
  id: string;
  name: string;
  branch: string;
}

/**
 * The end of the meeting: the branch roster with the members who joined by phone ticked; the
 * presenter ticks the others who were there and confirms. After that the list is fixed.
 */
export function AttendancePanel({ view, onBack }: { view: PresenterView; onBack: () => void }) {
  const tr = useT();
  const [members, setMembers] = useState<Member[]>([]);
  const joined = useMemo(() => view.participants.map((p) => p.id), [view.participants]);
  const [ticked, setTicked] = useState<Set<string>>(() => new Set(view.ended?.attendees ?? joined));
  useEffect(() => {
    fetch('/api/roster')
      .then((r) => (r.ok ? (r.json() as Promise<{ members: Member[] }>) : { members: [] }))
      .then((data) => setMembers(data.members))
      .catch(() => undefined);
  }, []);
  // Phones that join while the list is open are ticked too.
  useEffect(() => {
    if (!view.ended) setTicked((t) => (joined.every((id) => t.has(id)) ? t : new Set([...t, ...joined])));
  }, [joined, view.ended]);

  const listed = members.filter((m) => !view.branchId || m.branch === view.branchId);
  const extra = view.participants.filter((p) => !listed.some((m) => m.id === p.id)).map((p) => ({ id: p.id, name: p.name, branch: p.branchId ?? '' }));
  const rows = [...listed, ...extra];
  const fixed = view.ended !== null;
  const toggle = (id: string) => setTicked((t) => {
    const next = new Set(t);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });

  return (
    <section className="attendance">
      <h2>{tr('scAttendance')}</h2>
      <p className="hint">{tr('scAttendanceHint')}</p>
      <ul className="attendance-list">
        {rows.map((m) => (
          <li key={m.id}>
            <label>
              <input type="checkbox" data-member={m.id} checked={fixed ? view.ended!.attendees.includes(m.id) : ticked.has(m.id)} disabled={fixed} onChange={() => toggle(m.id)} />{' '}
              {m.name}
              {joined.includes(m.id) ? tr('scByPhone') : ''}
            </label>
          </li>
        ))}
      </ul>
      {view.ended?.recorded ? (
        <>
          <p className="recorded status-ok" role="status">{tr('scRecorded', { n: view.ended.attendees.length })}</p>
          <p><a href={`/admin/meetings/${view.meetingId}`} target="_blank" rel="noreferrer" data-action="meeting-record">{tr('scMeetingRecord')}</a></p>
        </>
      ) : (
        <p>
          {!fixed && <button onClick={onBack}>{tr('scBackToShow')}</button>}{' '}
          <button className="primary" data-action="confirm" onClick={() => sendCommand({ type: 'confirm', attendees: fixed ? view.ended!.attendees : [...ticked] })}>
            {fixed ? tr('scRecording') : tr('scConfirm', { n: ticked.size })}
          </button>
        </p>
      )}
    </section>
  );
}
