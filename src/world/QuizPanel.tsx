import { useShallow } from 'zustand/react/shallow';
import type { Checkpoint } from '../content/schema';
import { useAppStore } from '../state/store';
import { useStation } from '../state/selectors';
import { useLocalize, useT } from '../ui/i18n';
import { Label } from './Label';
import { PanelButton } from './PanelButton';
import { QuizReview } from './QuizReview';

const WIDTH = 2.0;
const HEIGHT = 1.7;
const LETTERS = 'ABCDEF';

/** The checkpoint's quiz as an in-world panel: one question a page, then the review with explanations. */
export function QuizPanel() {
  const station = useStation();
  if (station?.kind !== 'checkpoint') return null;
  return <QuizBoard checkpoint={station.checkpoint} />;
}

function QuizBoard({ checkpoint }: { checkpoint: Checkpoint }) {
  const tr = useT();
  const tx = useLocalize();
  const { answers, index, result } = useAppStore(useShallow((s) => ({ answers: s.quizAnswers, index: s.quizIndex, result: s.quizResult })));
  const { chooseOption, setQuizIndex, submitQuiz } = useAppStore(
    useShallow((s) => ({ chooseOption: s.chooseOption, setQuizIndex: s.setQuizIndex, submitQuiz: s.submitQuiz })),
  );
  const q = checkpoint.questions[Math.min(index, checkpoint.questions.length - 1)]!;
  const chosen = answers[q.id] ?? [];
  const last = index >= checkpoint.questions.length - 1;
  const allAnswered = checkpoint.questions.every((x) => (answers[x.id]?.length ?? 0) > 0);
  const review = result?.questions.find((r) => r.id === q.id);
  const [px, py, pz] = checkpoint.panel;
  const yaw = Math.atan2(checkpoint.position[0] - px, checkpoint.position[2] - pz);
  const step = Math.min(0.16, 0.68 / q.options.length);

  return (
    <group name="quiz-panel" position={[px, py, pz]} rotation-y={yaw}>
      <mesh position-z={-0.01}>
        <planeGeometry args={[WIDTH, HEIGHT]} />
        <meshBasicMaterial color="#fbf6ec" />
      </mesh>
      <Label position={[-WIDTH / 2 + 0.08, 0.75, 0]} anchorX="left" fontSize={0.07} color="#b71c1c">
        {`${tx(checkpoint.title)}　${tr('question', { n: index + 1, total: checkpoint.questions.length })} · ${tr(q.type)}`}
      </Label>
      <Label position={[-WIDTH / 2 + 0.08, 0.64, 0]} anchorX="left" anchorY="top" fontSize={0.072} maxWidth={WIDTH - 0.16}>
        {tx(q.prompt)}
      </Label>
      {q.options.map((o, i) => {
        const picked = chosen.includes(o.id);
        const right = q.answer.includes(o.id);
        const color = review ? (right ? '#a5d6a7' : picked ? '#ef9a9a' : '#efe6d2') : picked ? '#f4c542' : '#efe6d2';
        return (
          <PanelButton
            key={o.id}
            name={`answer-${q.id}-${o.id}`}
            label={`${LETTERS[i]}. ${tx(o.text)}`}
            position={[0, 0.36 - i * step, 0]}
            width={WIDTH - 0.16}
            height={step - 0.025}
            align="left"
            color={color}
            disabled={!!result}
            onSelect={() => chooseOption(q.id, o.id)}
          />
        );
      })}
      {review && <QuizReview question={q} correct={review.correct} />}
      <PanelButton
        name="quiz-prev"
        label={tr('prevQuestion')}
        position={[-0.7, -0.74, 0]}
        width={0.5}
        height={0.13}
        disabled={index === 0}
        onSelect={() => setQuizIndex(index - 1)}
      />
      {!last && (
        <PanelButton name="quiz-next" label={tr('nextQuestion')} position={[0.7, -0.74, 0]} width={0.5} height={0.13} onSelect={() => setQuizIndex(index + 1)} />
      )}
      {last && !result && (
        <PanelButton
          name="quiz-submit"
          label={allAnswered ? tr('submit') : tr('unanswered')}
          position={[0.62, -0.74, 0]}
          width={0.66}
          height={0.13}
          color="#c8102e"
          textColor="#ffffff"
          disabled={!allAnswered}
          onSelect={() => submitQuiz()}
        />
      )}
    </group>
  );
}
