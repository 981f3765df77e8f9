import { useEffect } from 'react';
import { useAppStore } from '../state/store';

/** Counts study time once a second while the page is visible; time away (hidden tab, headset off) is not counted. */
export function useStudyClock(): void {
  useEffect(() => {
    let last = performance.now();
    const id = window.setInterval(() => {
      const now = performance.now();
      if (document.visibilityState === 'visible') useAppStore.getState().tick(now - last);
      last = now;
    }, 1000);
    return () => window.clearInterval(id);
  }, []);
}
