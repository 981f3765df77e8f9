/**
 * The one app store (zustand), combined from slices; settings persist across visits.
 * Components read it with narrow selectors (`useShallow` when picking several fields).
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import {
  createNarrationSlice,
  createQuizSlice,
  createSessionSlice,
  createSettingsSlice,
  createTourSlice,
  type AppState,
} from './slices';
import { createScreeningSlice } from '../screening/slice';

export type { AppState } from './slices';

const NO_STORAGE: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> = { getItem: () => null, setItem: () => {}, removeItem: () => {} };

/** The app store. */
export const useAppStore = create<AppState>()(
  persist(
    (...a) => ({
      ...createTourSlice(...a),
      ...createQuizSlice(...a),
      ...createNarrationSlice(...a),
      ...createSettingsSlice(...a),
      ...createSessionSlice(...a),
      ...createScreeningSlice<AppState>(a[0]),
    }),
    {
      name: 'redtour.settings',
      // Outside a browser (unit tests) there is nothing to persist to.
      storage: createJSONStorage(() => (typeof localStorage === 'undefined' ? NO_STORAGE : localStorage)),
      partialize: (s) => ({
        locale: s.locale,
        subtitles: s.subtitles,
        seated: s.seated,
        // A member's own browser remembers them; a shared headset never does.
        ...(s.sharedDevice ? {} : { visitor: s.visitor, visitorName: s.visitorName, chosen: s.chosen }),
      }),
    },
  ),
);

/** The initial state, for resetting the store between tests. */
export const initialAppState = useAppStore.getState();
