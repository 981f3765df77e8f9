import { lazy, Suspense, useEffect, useState } from 'react';
import { loadCatalogue } from './content/catalogue';
import { useAppStore } from './state/store';
import { BaseMenu } from './ui/BaseMenu';
import { RosterScreen } from './ui/RosterScreen';
import { isScreeningPath } from './screening/paths';

const ScreeningApp = lazy(() => import('./screening/ScreeningApp').then((m) => ({ default: m.ScreeningApp })));
const screening = typeof location !== 'undefined' && isScreeningPath(location.pathname);

type TourViewComponent = (typeof import('./TourView'))['TourView'];
let tourView: TourViewComponent | null = null;
let tourViewLoading: Promise<TourViewComponent> | null = null;

/**
 * The tour's 3D view (three.js and the room code, most of the app's JS), split off so that the
 * roster and the menu appear without it. It is fetched as the app starts (below), while the
 * member picks a name and a base. Not React.lazy: a lazy component suspends at its first render
 * even when its code is already here, and React then holds the revealed view back for up to
 * 300 ms after the fallback (its Suspense throttle) — the 3D view appeared that much later.
 */
function loadTourView(): Promise<TourViewComponent> {
  tourViewLoading ??= import('./TourView').then(
    (m) => (tourView = m.TourView),
    (error: unknown) => {
      tourViewLoading = null; // the next attempt fetches again
      throw error;
    },
  );
  return tourViewLoading;
}
if (!screening) loadTourView().catch(() => undefined);

/** The TourView component once its code is here (at once if it already is); throws if it cannot load. */
function useTourView(): TourViewComponent | null {
  const [state, setState] = useState<{ component: TourViewComponent | null; error?: unknown }>(() => ({ component: tourView }));
  useEffect(() => {
    if (state.component) return;
    let live = true;
    loadTourView().then(
      (component) => live && setState({ component }),
      (error: unknown) => live && setState({ component: null, error }),
    );
    return () => {
      live = false;
    };
  }, [state.component]);
  if (state.error) throw state.error;
  return state.component;
}

function Tour() {
  const TourView = useTourView();
  return TourView ? <TourView /> : null;
}

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
  return inTour ? <Tour /> : <BaseMenu />;
}
