import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatError, type LoadResult } from '../content/errors';
import type { Scene } from '../content/schema';
import { useAppStore } from '../state/store';
import { loadProgress } from '../tour/resume';
import { storage } from '../state/slices';
import { preloadAudio, unlockAudio } from '../audio/player';
import { useLocalize, useT } from './i18n';
import { LanguageToggle } from './LanguageToggle';
import { VisitorBar } from './VisitorBar';

function BaseCard({ scene }: { scene: Scene }) {
  const tr = useT();
  const tx = useLocalize();
  const { openBase, setStarted, visitor } = useAppStore(useShallow((s) => ({ openBase: s.openBase, setStarted: s.setStarted, visitor: s.visitor })));
  const saved = storage.current ? loadProgress(storage.current, scene, visitor) : null;
  const open = (restart: boolean) => {
    unlockAudio();
    setStarted(true);
    openBase(scene, restart);
  };
  return (
    <li className="base-card" data-base={scene.id}>
      <h2>{tx(scene.title)}</h2>
      <p>{tx(scene.summary)}</p>
      <div className="row">
        {saved && !saved.completedAt ? (
          <>
            <button className="primary" data-action="resume" onClick={() => open(false)}>{tr('resume')}</button>
            <button data-action="restart" onClick={() => open(true)}>{tr('restart')}</button>
          </>
        ) : (
          <button className="primary" data-action="start" onClick={() => open(true)}>{tr('start')}</button>
        )}
      </div>
    </li>
  );
}

function BrokenCard({ result }: { result: Extract<LoadResult, { ok: false }> }) {
  const tr = useT();
  return (
    <li className="base-card broken" data-file={result.file}>
      <h2>{tr('baseBroken')}</h2>
      <ul className="errors">
        {result.errors.slice(0, 8).map((e, i) => (
          <li key={i}>{formatError(e)}</li>
        ))}
      </ul>
    </li>
  );
}

/** The first screen: the bases to study, and any whose content is broken, with the reason. */
export function BaseMenu() {
  const tr = useT();
  const catalogue = useAppStore((s) => s.catalogue);
  useEffect(() => void preloadAudio(), []);
  return (
    <main className="menu">
      <header>
        <h1>{tr('appTitle')}</h1>
        <p>{tr('appSubtitle')}</p>
        <LanguageToggle />
      </header>
      <VisitorBar />
      <h2 className="section">{tr('chooseBase')}</h2>
      {!catalogue ? (
        <p>{tr('loading')}</p>
      ) : (
        <ul className="bases">
          {catalogue.map((r) => (r.ok ? <BaseCard key={r.file} scene={r.scene} /> : <BrokenCard key={r.file} result={r} />))}
        </ul>
      )}
      <p className="hint">{tr('startHint')}</p>
    </main>
  );
}
