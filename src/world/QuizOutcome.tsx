import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../state/store';
import { useT } from '../ui/i18n';
import { Label } from './Label';
import { PanelButton } from './PanelButton';

/** The score, and the way on: retry after a fail, the next room after a pass, the menu at the end. */
export function QuizOutcome() {
  const tr = useT();
  const { result, completed, continueFromQuiz } = useAppStore(
    useShallow((s) => ({ result: s.quizResult, completed: !!s.progress?.completedAt, continueFromQuiz: s.continueFromQuiz })),
  );
  if (!result) return null;
  const summary = `${tr('score', { right: result.right, total: result.total })}　${result.passed ? tr('passed') : tr('failed', { need: result.needed })}`;
  const action = !result.passed
    ? { name: 'quiz-retry', label: tr('retry') }
    : completed
      ? { name: 'quiz-finish', label: tr('backToMenu') }
      : { name: 'quiz-continue', label: tr('continueNext') };
  return (
    <group>
      <Label position={[0, -0.74, 0]} fontSize={0.05} maxWidth={0.84} color={result.passed ? '#1b5e20' : '#b71c1c'}>
        {summary}
      </Label>
      <PanelButton name={action.name} label={action.label} position={[0, -0.98, 0]} width={0.9} height={0.13} color="#c8102e" textColor="#ffffff" onSelect={continueFromQuiz} />
    </group>
  );
}
