import { lazy, Suspense, useEffect } from 'react';
import { loadCatalogue } from './content/catalogue';
import { useAppStore } from './state/store';
import { BaseMenu } from './ui/BaseMenu';

const TourView = lazy(() => import('./TourView').then((m) => ({ default: m.TourView })));

/** The base menu, or the open tour. */
export function App() {
  const inTour = useAppStore((s) => s.scene !== null);
  const setCatalogue = useAppStore((s) => s.setCatalogue);
  useEffect(() => {
    void loadCatalogue().then(setCatalogue);
  }, [setCatalogue]);
  return inTour ? (
    <Suspense fallback={null}>
      <TourView />
    </Suspense>
  ) : (
    <BaseMenu />
  );
}
