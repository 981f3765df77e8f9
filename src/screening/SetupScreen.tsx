import { useEffect, useMemo, useState } from 'react';
import { useAppStore } from '../state/store';
import { useLocalize, useT } from '../ui/i18n';
import { LanguageToggle } from '../ui/LanguageToggle';
import { saveToken } from './connection';

interface Roster {
  branches: { id: string; name: string }[];
  members: { id: string; name: string; branch: string }[];
}

/** On the projector laptop: choose the base, the branch and the presenter, and open a room. */
export function SetupScreen() {
  const tr = useT();
  const tx = useLocalize();
  const catalogue = useAppStore((s) => s.catalogue);
  const bases = useMemo(() => (catalogue ?? []).flatMap((r) => (r.ok ? [r.scene] : [])), [catalogue]);
  const [roster, setRoster] = useState<Roster>({ branches: [], members: [] });
  const [baseId, setBaseId] = useState('');
  const [branchId, setBranchId] = useState('');
  const [presenterId, setPresenterId] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    fetch('/api/roster')
      .then((r) => (r.ok ? (r.json() as Promise<Roster>) : null))
      .then((data) => {
        if (!data) return;
        setRoster(data);
        if (data.branches.length === 1) setBranchId(data.branches[0]!.id);
      })
      .catch(() => undefined);
  }, []);
  const chosenBase = baseId || bases[0]?.id || '';
  const members = roster.members.filter((m) => !branchId || m.branch === branchId);

  const start = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const r = await fetch('/api/screening/rooms', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ baseId: chosenBase, branchId: branchId || null, presenterId: presenterId || null }),
      });
      const body = (await r.json().catch(() => ({}))) as { code?: string; token?: string; error?: string };
      if (!r.ok || !body.code || !body.token) throw new Error(body.error ?? String(r.status));
      saveToken(body.code, body.token);
      location.assign(`/screening/${body.code}/presenter`);
    } catch (error) {
      setFailure((error as Error).message);
      setBusy(false);
    }
  };

  return (
    <main className="menu screening-setup">
      <header>
        <h1>{tr('scTitle')}</h1>
        <p>{tr('scSetupHint')}</p>
        <LanguageToggle />
      </header>
      <h2 className="section">{tr('scBase')}</h2>
      <div className="names">
        {bases.map((scene) => (
          <button key={scene.id} data-base={scene.id} className={chosenBase === scene.id ? 'name primary' : 'name'} aria-pressed={chosenBase === scene.id} onClick={() => setBaseId(scene.id)}>
            {tx(scene.title)}
          </button>
        ))}
      </div>
      <p className="setup-fields">
        <label>
          {tr('scBranch')}{' '}
          <select name="branch" value={branchId} onChange={(e) => { setBranchId(e.target.value); setPresenterId(''); }}>
            <option value="">{tr('scNoPresenter')}</option>
            {roster.branches.map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
          </select>
        </label>{' '}
        <label>
          {tr('scPresenter')}{' '}
          <select name="presenter" value={presenterId} onChange={(e) => setPresenterId(e.target.value)}>
            <option value="">{tr('scNoPresenter')}</option>
            {members.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
          </select>
        </label>
      </p>
      <button className="primary" data-action="start-screening" disabled={busy || !chosenBase} onClick={() => void start()}>
        {tr('scStart')}
      </button>
      {failure && <p className="hint error" role="alert">{tr('scCreateFailed', { reason: failure })}</p>}
    </main>
  );
}
