import { useEffect, useMemo, useState } from 'react';
import { z } from 'zod';
import { useAppStore } from '../state/store';
import { useT } from './i18n';
import { LanguageToggle } from './LanguageToggle';

const RosterSchema = z.object({
  branches: z.array(z.object({ id: z.string(), name: z.string() })),
  members: z.array(z.object({ id: z.string(), name: z.string(), branch: z.string().optional().nullable() })),
});
type Roster = z.infer<typeof RosterSchema>;

/**
 * Who is studying: big name buttons from the branch roster, grouped by branch, and a guest
 * button. No typing, so it works with a controller ray in a headset browser.
 */
export function RosterScreen() {
  const tr = useT();
  const chooseVisitor = useAppStore((s) => s.chooseVisitor);
  const [roster, setRoster] = useState<Roster | null | 'failed'>(null);
  useEffect(() => {
    let live = true;
    fetch(`${import.meta.env.BASE_URL}api/roster`)
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
      .then((data: unknown) => live && setRoster(RosterSchema.parse(data)))
      .catch(() => live && setRoster('failed'));
    return () => {
      live = false;
    };
  }, []);
  const groups = useMemo(() => {
    if (!roster || roster === 'failed') return [];
    return roster.branches
      .map((b) => ({ ...b, members: roster.members.filter((m) => m.branch === b.id) }))
      .concat([{ id: '', name: '', members: roster.members.filter((m) => !m.branch || !roster.branches.some((b) => b.id === m.branch)) }])
      .filter((g) => g.members.length > 0);
  }, [roster]);

  return (
    <main className="menu roster">
      <header>
        <h1>{tr('appTitle')}</h1>
        <p>{tr('chooseMember')}</p>
        <LanguageToggle />
      </header>
      {roster === null && <p>{tr('loading')}</p>}
      {roster === 'failed' && <p className="hint">{tr('rosterUnavailable')}</p>}
      {groups.map((g) => (
        <section key={g.id} data-branch={g.id}>
          {g.name && <h2 className="section">{g.name}</h2>}
          <div className="names">
            {g.members.map((m) => (
              <button key={m.id} className="name" data-member={m.id} onClick={() => chooseVisitor(m.id, m.name)}>
                {m.name}
              </button>
            ))}
          </div>
        </section>
      ))}
      <h2 className="section">{tr('guestHint')}</h2>
      <button className="name guest" data-member="guest" onClick={() => chooseVisitor('guest', '')}>
        {tr('guest')}
      </button>
    </main>
  );
}
