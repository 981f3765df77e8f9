/**
 * The presenter's keys, on the keyboard and on a presentation clicker (which sends PageDown /
 * PageUp, arrows, B or "." and F5 / Esc): a pure mapping from key presses to what they do, with
 * the slide-show habit "type a stop number, then Enter" to jump. Stops are numbered from 1 as the
 * presenter view shows them.
 */
import type { Command } from './protocol';

export type KeyAction = { kind: 'command'; command: Command } | { kind: 'fullscreen' } | { kind: 'none' };

export interface KeyState {
  /** Digits typed so far for a jump. */
  digits: string;
}

const NEXT = new Set(['PageDown', 'ArrowRight', 'ArrowDown', 'Enter', 'n', 'N']);
const PREVIOUS = new Set(['PageUp', 'ArrowLeft', 'ArrowUp', 'Backspace', 'p', 'P']);
const PAUSE = new Set([' ', 'Spacebar', 'k', 'K']);
const BLACK = new Set(['b', 'B', '.', ',']);

/** Key presses that belong to us (their browser default — scrolling, reloading — is prevented). */
export function isScreeningKey(key: string): boolean {
  return NEXT.has(key) || PREVIOUS.has(key) || PAUSE.has(key) || BLACK.has(key) || /^[0-9]$/.test(key) || key === 'F5' || key === 'Home' || key === 'End' || key === 'r' || key === 'R';
}

/**
 * What a key does, and the key state after it. `stations` is how many stations the base has.
 * Typing more than three digits keeps the last three.
 */
export function keyAction(key: string, state: KeyState, stations: number): { action: KeyAction; state: KeyState } {
  const none = { kind: 'none' } as const;
  const command = (c: Command): KeyAction => ({ kind: 'command', command: c });
  if (/^[0-9]$/.test(key)) return { action: none, state: { digits: (state.digits + key).slice(-3) } };
  const cleared: KeyState = { digits: '' };
  if (key === 'Enter' && state.digits !== '') {
    const n = Number(state.digits);
    return { action: n >= 1 && n <= stations ? command({ type: 'goto', station: n - 1 }) : none, state: cleared };
  }
  if (NEXT.has(key)) return { action: command({ type: 'next' }), state: cleared };
  if (PREVIOUS.has(key)) return { action: command({ type: 'previous' }), state: cleared };
  if (PAUSE.has(key)) return { action: command({ type: 'toggle-narration' }), state: cleared };
  if (BLACK.has(key)) return { action: command({ type: 'toggle-black' }), state: cleared };
  if (key === 'r' || key === 'R') return { action: command({ type: 'replay' }), state: cleared };
  if (key === 'Home') return { action: command({ type: 'goto', station: 0 }), state: cleared };
  if (key === 'End') return { action: command({ type: 'goto', station: Math.max(0, stations - 1) }), state: cleared };
  if (key === 'F5') return { action: { kind: 'fullscreen' }, state: cleared };
  return { action: none, state: key === 'Shift' ? state : cleared };
}
