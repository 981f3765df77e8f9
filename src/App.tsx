import { lazy, Suspense, useEffect } from 'react';
import { loadCatalogue } from './content/catalogue';
import { useAppStore } from './state/store';
import { BaseMenu } from './ui/BaseMenu';
import { RosterScreen } from './ui/RosterScreen';
import { isScreeningPath } from './screening/paths';

const TourView = lazy(() => import('./TourView').then((m) => ({ default: m.TourView })));
const ScreeningApp = lazy(() => import('./screening/ScreeningApp').then((m) => ({ default: m.ScreeningApp })));
const screening = typeof location !== 'undefined' && isScreeningPath(location.pathname);

/** Who is studying (the roster), then the base menu, then the open tour; or a group-screening window. */
export function App() {
  const inTour = useAppStore((s) => s.scene !== null);
  const chosen = useAppStore((s) => s.chosen);
  const setCatalogue = useAppStore((s) => s.setCatalogue);
  useEffect(() => {
    void loadCatalogue().then(setCatalogue);
  }, [setCatalogue]);
  if (screening) {
    return (
      <Suspense fallback={null}>
        <ScreeningApp />
      </Suspense>
    );
  }
  if (!chosen) return <RosterScreen />;
  return inTour ? (
    <Suspense fallback={null}>
      <TourView />
    </Suspense>
  ) : (
    <BaseMenu />
  );
}
