import type { Checkpoint } from '../content/schema';
import { useLocalize, useT } from '../ui/i18n';
import { sendCommand } from './connection';
import { currentQuestion, type PresenterView } from './protocol';

const LETTERS = 'ABCDEF';

/** At a checkpoint: the question, live counts per option (the presenter sees them all along), and its phase buttons. */
export function QuestionControl({ checkpoint, view }: { checkpoint: Checkpoint; view: PresenterView }) {
  const tr = useT();
  const tx = useLocalize();
  const { index, question: q, phase, counts } = currentQuestion(checkpoint, view);
  const pct = counts.answered ? `${Math.round((counts.correct / counts.answered) * 100)}%` : '—';
  return (
    <section className="question-control" data-question={q.id} data-phase={phase}>
      <p>
        {tr('scQuestionOf', { n: index + 1, total: checkpoint.questions.length })} · {tr(q.type)} ·{' '}
        <strong className="phase">{tr(phase === 'open' ? 'scPhaseOpen' : phase === 'closed' ? 'scPhaseClosed' : 'scPhaseRevealed')}</strong>
      </p>
      <p className="prompt">{tx(q.prompt)}</p>
      <ul className="counts">
        {q.options.map((o, i) => (
          <li key={o.id} data-option={o.id} data-count={counts.byOption[o.id] ?? 0} className={q.answer.includes(o.id) ? 'right' : ''}>
            {LETTERS[i]}. {tx(o.text)} — {counts.byOption[o.id] ?? 0}
            {q.answer.includes(o.id) ? ' ✓' : ''}
          </li>
        ))}
      </ul>
      <p className="answered" data-answered={counts.answered}>
        {tr('scAnsweredCount', { n: counts.answered })} · {tr('scCorrectShare', { n: counts.correct, pct })}
      </p>
      <p className="explanation">{tx(q.explanation)}</p>
      <div className="question-buttons">
        <button data-action="prev-question" disabled={index === 0} onClick={() => sendCommand({ type: 'question', index: index - 1 })}>{tr('scPrevQuestion')}</button>
        {phase === 'open' && <button data-action="close" onClick={() => sendCommand({ type: 'phase', phase: 'closed' })}>{tr('scCloseAnswers')}</button>}
        {phase === 'closed' && <button data-action="reopen" onClick={() => sendCommand({ type: 'phase', phase: 'open' })}>{tr('scOpenAnswers')}</button>}
        {phase !== 'revealed' && <button data-action="reveal" className="primary" onClick={() => sendCommand({ type: 'phase', phase: 'revealed' })}>{tr('scReveal')}</button>}
        <button data-action="next-question" disabled={index >= checkpoint.questions.length - 1} onClick={() => sendCommand({ type: 'question', index: index + 1 })}>{tr('scNextQuestion')}</button>
      </div>
    </section>
  );
}
