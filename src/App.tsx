import { lazy, Suspense, useEffect } from 'react';
import { loadCatalogue } from './content/catalogue';
import { useAppStore } from './state/store';
import { BaseMenu } from './ui/BaseMenu';
import { RosterScreen } from './ui/RosterScreen';

const TourView = lazy(() => import('./TourView').then((m) => ({ default: m.TourView })));

/** Who is studying (the roster), then the base menu, then the open tour. */
export function App() {
  const inTour = useAppStore((s) => s.scene !== null);
  const chosen = useAppStore((s) => s.chosen);
  const setCatalogue = useAppStore((s) => s.setCatalogue);
  useEffect(() => {
    void loadCatalogue().then(setCatalogue);
  }, [setCatalogue]);
  if (!chosen) return <RosterScreen />;
  return inTour ? (
    <Suspense fallback={null}>
      <TourView />
    </Suspense>
  ) : (
    <BaseMenu />
  );
}
