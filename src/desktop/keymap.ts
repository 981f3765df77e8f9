/**
 * Keyboard commands on desktop and for presentation clickers, as a pure mapping from
 * `KeyboardEvent.code` to a command. Movement keys are read continuously, not mapped here.
 */
export type KeyCommand =
  | { kind: 'answer'; option: number }
  | { kind: 'quiz-forward' }
  | { kind: 'quiz-back' }
  | { kind: 'narration-toggle' }
  | { kind: 'narration-replay' }
  | { kind: 'narration-skip' }
  | { kind: 'station-next' }
  | { kind: 'station-previous' };

/** The command for a key, or null. Digit1..Digit6 and Numpad1..Numpad6 answer options A..F. */
export function commandForKey(code: string): KeyCommand | null {
  const digit = /^(?:Digit|Numpad)([1-6])$/.exec(code);
  if (digit) return { kind: 'answer', option: Number(digit[1]) - 1 };
  switch (code) {
    case 'Enter':
    case 'NumpadEnter':
      return { kind: 'quiz-forward' };
    case 'Backspace':
      return { kind: 'quiz-back' };
    case 'Space':
      return { kind: 'narration-toggle' };
    case 'KeyR':
      return { kind: 'narration-replay' };
    case 'KeyK':
      return { kind: 'narration-skip' };
    case 'KeyN':
    case 'PageDown':
      return { kind: 'station-next' };
    case 'KeyP':
    case 'PageUp':
      return { kind: 'station-previous' };
    default:
      return null;
  }
}

const FORWARD = new Set(['KeyW', 'ArrowUp']);
const BACK = new Set(['KeyS', 'ArrowDown']);
const LEFT = new Set(['KeyA', 'ArrowLeft']);
const RIGHT = new Set(['KeyD', 'ArrowRight']);

/**
 * The walking direction on the floor for the held keys at heading `yaw` (0 looks to −z),
 * as a unit vector [dx, dz], or [0, 0] when standing still.
 */
export function walkDirection(held: ReadonlySet<string>, yaw: number): [number, number] {
  const has = (keys: Set<string>) => [...keys].some((k) => held.has(k));
  const f = (has(FORWARD) ? 1 : 0) - (has(BACK) ? 1 : 0);
  const r = (has(RIGHT) ? 1 : 0) - (has(LEFT) ? 1 : 0);
  if (f === 0 && r === 0) return [0, 0];
  const sin = Math.sin(yaw);
  const cos = Math.cos(yaw);
  // forward = (-sin, -cos), right = (cos, -sin)
  const dx = -sin * f + cos * r;
  const dz = -cos * f - sin * r;
  const len = Math.hypot(dx, dz);
  return [dx / len, dz / len];
}

/**
 * Where there is no floor to walk on (a panorama room), the same keys turn the view:
 * [right (+1) or left (−1), up (+1) or down (−1)], or [0, 0].
 */
export function turnDirection(held: ReadonlySet<string>): [number, number] {
  const has = (keys: Set<string>) => [...keys].some((k) => held.has(k));
  return [(has(RIGHT) ? 1 : 0) - (has(LEFT) ? 1 : 0), (has(FORWARD) ? 1 : 0) - (has(BACK) ? 1 : 0)];
}
