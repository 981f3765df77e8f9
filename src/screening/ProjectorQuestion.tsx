import type { Checkpoint } from '../content/schema';
import { useLocalize, useT } from '../ui/i18n';
import { JoinCode } from './JoinCode';
import { currentQuestion, type PresenterView } from './protocol';

const LETTERS = 'ABCDEF';

/**
 * A checkpoint question for the whole room: the prompt and options, the QR code to answer, and
 * how many have answered. The spread over the options shows once answers stop (so nobody follows
 * the crowd), the right answer and its explanation once revealed.
 */
export function ProjectorQuestion({ checkpoint, view }: { checkpoint: Checkpoint; view: PresenterView }) {
  const tr = useT();
  const tx = useLocalize();
  const { index, question: q, phase, counts } = currentQuestion(checkpoint, view);
  const spread = phase !== 'open';
  const revealed = phase === 'revealed';
  const most = Math.max(1, ...Object.values(counts.byOption));
  return (
    <section className="projector-question" data-question={q.id} data-phase={phase}>
      <div className="pq-main">
        <p className="pq-meta">
          {tx(checkpoint.title)} · {tr('scQuestionOf', { n: index + 1, total: checkpoint.questions.length })} · {tr(q.type)}
        </p>
        <p className="pq-prompt">{tx(q.prompt)}</p>
        <ol className="pq-options">
          {q.options.map((o, i) => {
            const n = counts.byOption[o.id] ?? 0;
            return (
              <li key={o.id} data-option={o.id} className={revealed && q.answer.includes(o.id) ? 'right' : revealed ? 'dim' : ''}>
                <span className="pq-label">{LETTERS[i]}. {tx(o.text)}</span>
                {spread && (
                  <span className="pq-bar" data-count={n}>
                    <span style={{ width: `${(n / most) * 100}%` }} />
                    <b>{n}</b>
                  </span>
                )}
              </li>
            );
          })}
        </ol>
        <p className="pq-answered" data-answered={counts.answered}>
          {tr('scAnsweredCount', { n: counts.answered })}
          {phase === 'closed' && ` · ${tr('scPhaseClosed')}`}
        </p>
        {revealed && (
          <div className="pq-reveal">
            <p className="pq-right">{tr('scRight', { answer: q.options.flatMap((o, i) => (q.answer.includes(o.id) ? [LETTERS[i]] : [])).join('、') })}</p>
            <p className="pq-explanation">{tx(q.explanation)}</p>
          </div>
        )}
      </div>
      {!revealed && <JoinCode view={view} />}
    </section>
  );
}
