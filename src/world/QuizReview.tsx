import type { Question } from '../content/schema';
import { useAppStore } from '../state/store';
import { useLocalize, useT } from '../ui/i18n';
import { citation } from '../ui/citation';
import { Label } from './Label';
import { QuizOutcome } from './QuizOutcome';

/** After submitting: whether this answer was right, why, and where that is written. */
export function QuizReview({ question, correct }: { question: Question; correct: boolean }) {
  const tr = useT();
  const tx = useLocalize();
  const sources = useAppStore((s) => s.scene?.sources);
  return (
    <group>
      <Label position={[-0.92, -0.3, 0]} anchorX="left" anchorY="top" fontSize={0.058} maxWidth={1.84} color={correct ? '#1b5e20' : '#b71c1c'}>
        {`${tr(correct ? 'correct' : 'wrong')}　${tx(question.explanation)}`}
      </Label>
      <Label position={[-0.92, -0.56, 0]} anchorX="left" anchorY="top" fontSize={0.04} maxWidth={1.84} color="#5d4037">
        {tr('source', { source: citation(question.source, sources) })}
      </Label>
      <QuizOutcome />
    </group>
  );
}
