import type { Tr } from './PhoneApp';

export interface RosterEntry {
  id: string;
  name: string;
  branch?: string | null;
}

/** Big name buttons from the branch roster: no typing, no account. */
export function NamePicker({ roster, onPick, tr }: { roster: RosterEntry[] | null; onPick: (id: string) => void; tr: Tr }) {
  if (roster === null) return <p className="muted">{tr('loading')}</p>;
  if (roster.length === 0) return <p className="status bad">{tr('phEmptyRoster')}</p>;
  return (
    <section>
      <h2>{tr('phChooseName')}</h2>
      <div className="names">
        {roster.map((m) => (
          <button key={m.id} data-member={m.id} onClick={() => onPick(m.id)}>
            {m.name}
          </button>
        ))}
      </div>
    </section>
  );
}
