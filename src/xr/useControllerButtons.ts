/**
 * Controller buttons the rig reacts to, read straight from the session's gamepads each frame
 * ('xr-standard' mapping, the same on Quest and Pico): thumbstick left/right snap-turns,
 * B or Y recenters. Hands (no gamepad buttons) are skipped.
 */
import { useCallback, useRef } from 'react';
import { snapTurn, type SnapState } from './locomotion';

/** 'xr-standard' gamepad indices. */
const THUMBSTICK_X = 2;
const BUTTON_B_OR_Y = 5;

interface HandInput {
  snap: SnapState;
  recenterHeld: boolean;
}

export interface ButtonActions {
  /** Yaw change from snap turns this frame, radians. */
  turn: number;
  recenter: boolean;
}

/** Returns a per-frame reader of the session's controllers (call it inside useFrame; the result object is reused). */
export function useControllerButtons(): (session: XRSession) => ButtonActions {
  const hands = useRef(new Map<XRHandedness, HandInput>());
  const result = useRef<ButtonActions>({ turn: 0, recenter: false });
  return useCallback((session: XRSession): ButtonActions => {
    const out = result.current;
    out.turn = 0;
    out.recenter = false;
    for (const source of session.inputSources) {
      const pad = source.gamepad;
      if (!pad || source.hand || pad.mapping !== 'xr-standard') continue;
      let input = hands.current.get(source.handedness);
      if (!input) hands.current.set(source.handedness, (input = { snap: { armed: true }, recenterHeld: false }));
      out.turn += snapTurn(input.snap, pad.axes[THUMBSTICK_X] ?? 0);
      const pressed = pad.buttons[BUTTON_B_OR_Y]?.pressed ?? false;
      if (pressed && !input.recenterHeld) out.recenter = true;
      input.recenterHeld = pressed;
    }
    return out;
  }, []);
}
