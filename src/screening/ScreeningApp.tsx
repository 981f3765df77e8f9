import { lazy, Suspense, useEffect } from 'react';
import { storage } from '../state/slices';
import { useT } from '../ui/i18n';
import { SetupScreen } from './SetupScreen';
import { PresenterScreen } from './PresenterScreen';
import './screening.css';

const ProjectorScreen = lazy(() => import('./ProjectorScreen').then((m) => ({ default: m.ProjectorScreen })));

/**
 * Group screening on the presenter's laptop: `/screening/` sets a room up,
 * `/screening/<code>/presenter` is the presenter view, `/screening/<code>/projector` the projector.
 */
export function ScreeningApp() {
  const tr = useT();
  const match = /^\/screening\/(\d{4})\/(presenter|projector)\/?$/.exec(location.pathname);
  useEffect(() => {
    // A screening is nobody's personal tour: no saved progress on this laptop.
    storage.current = null;
    document.title = tr('scTitle');
  }, [tr]);
  if (!match) return <SetupScreen />;
  const [, code, view] = match;
  return view === 'presenter' ? (
    <PresenterScreen code={code!} />
  ) : (
    <Suspense fallback={<p className="screening-loading">{tr('loading')}</p>}>
      <ProjectorScreen code={code!} />
    </Suspense>
  );
}
