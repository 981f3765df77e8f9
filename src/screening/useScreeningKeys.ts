import { useEffect } from 'react';
import { sendCommand } from './connection';
import { isScreeningKey, keyAction, type KeyState } from './keys';

/** Full screen for the projector window (F5 on a clicker, or the start button). */
export function enterFullscreen(): void {
  if (!document.fullscreenElement) void document.documentElement.requestFullscreen?.().catch(() => undefined);
}

/**
 * The presenter's keys and clicker in this window (presenter or projector): next/previous,
 * pause, black screen, number + Enter to jump, F5 full screen. Typing in a form field is left alone.
 */
export function useScreeningKeys(stations: number, onFullscreen: () => void = enterFullscreen): void {
  useEffect(() => {
    let state: KeyState = { digits: '' };
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA')) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      // Space or Enter on a focused button would also click it: the key alone decides.
      if (isScreeningKey(event.key)) event.preventDefault();
      const result = keyAction(event.key, state, stations);
      state = result.state;
      if (result.action.kind === 'command') sendCommand(result.action.command);
      else if (result.action.kind === 'fullscreen') onFullscreen();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [stations, onFullscreen]);
}
