import { useEffect } from 'react';
import { currentStation } from '../tour/progress';
import { narrationControls } from '../state/narration';
import { useAppStore } from '../state/store';
import { commandForKey, type KeyCommand } from './keymap';

function run(cmd: KeyCommand): void {
  const s = useAppStore.getState();
  const station = s.scene && s.progress ? currentStation(s.scene, s.progress) : null;
  const checkpoint = station?.kind === 'checkpoint' ? station.checkpoint : null;
  switch (cmd.kind) {
    case 'answer': {
      const q = checkpoint?.questions[s.quizIndex];
      const option = q?.options[cmd.option];
      if (q && option) s.chooseOption(q.id, option.id);
      return;
    }
    case 'quiz-forward': {
      if (!checkpoint) return;
      if (s.quizResult) s.continueFromQuiz();
      else if (s.quizIndex < checkpoint.questions.length - 1) s.setQuizIndex(s.quizIndex + 1);
      else if (checkpoint.questions.every((q) => (s.quizAnswers[q.id]?.length ?? 0) > 0)) s.submitQuiz();
      return;
    }
    case 'quiz-back':
      if (checkpoint && s.quizIndex > 0) s.setQuizIndex(s.quizIndex - 1);
      return;
    case 'narration-toggle':
      narrationControls.toggle();
      return;
    case 'narration-replay':
      narrationControls.replay();
      return;
    case 'narration-skip':
      narrationControls.skip();
      return;
    case 'station-next':
      s.nextStation();
      return;
    case 'station-previous':
      s.previousStation();
      return;
  }
}

/** Keyboard (and presentation clicker) commands while a tour is open. */
export function useDesktopKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.repeat || e.target instanceof HTMLInputElement || e.altKey || e.ctrlKey || e.metaKey) return;
      const cmd = commandForKey(e.code);
      if (!cmd) return;
      if (e.target instanceof HTMLButtonElement && (e.code === 'Enter' || e.code === 'Space')) return;
      e.preventDefault();
      run(cmd);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
