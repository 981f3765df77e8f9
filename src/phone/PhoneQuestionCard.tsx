import { useState } from 'react';
import type { PhoneQuestion } from '../screening/protocol';
import type { Tr } from './PhoneApp';

const LETTERS = 'ABCDEF';

/** The question on screen: large options while it is open, the result once revealed. */
export function PhoneQuestionCard(props: {
  question: PhoneQuestion;
  mine: string[] | null;
  onAnswer: (given: string[]) => void;
  tr: Tr;
  tx: (text: { zh: string; en?: string }) => string;
}) {
  const { question, mine, onAnswer, tr, tx } = props;
  const [picked, setPicked] = useState<{ key: string; ids: string[] }>({ key: '', ids: [] });
  const key = `${question.checkpointId}/${question.questionId}`;
  const draft = picked.key === key ? picked.ids : (mine ?? []);
  const open = question.phase === 'open';
  const multiple = question.type === 'multiple';
  const revealed = question.phase === 'revealed';
  const right = revealed && mine !== null && question.answer !== undefined && mine.length === question.answer.length && mine.every((id) => question.answer!.includes(id));

  const choose = (id: string) => {
    if (!open) return;
    if (!multiple) {
      onAnswer([id]);
      return;
    }
    const ids = draft.includes(id) ? draft.filter((x) => x !== id) : [...draft, id];
    setPicked({ key, ids });
  };
  const shown = multiple && open ? draft : (mine ?? []);

  return (
    <section className="question" data-question={question.questionId} data-phase={question.phase}>
      <p className="muted">
        {tr('scQuestionOf', { n: question.index + 1, total: question.total })} · {tr(question.type)}
      </p>
      <p className="prompt">{tx(question.prompt)}</p>
      {multiple && open && <p className="muted">{tr('phMultipleHint')}</p>}
      <div className="options">
        {question.options.map((o, i) => {
          const isRight = revealed && question.answer?.includes(o.id);
          const isWrongPick = revealed && !isRight && (mine ?? []).includes(o.id);
          return (
            <button
              key={o.id}
              className={`option${isRight ? ' right' : ''}${isWrongPick ? ' wrong' : ''}`}
              data-option={o.id}
              aria-pressed={shown.includes(o.id)}
              disabled={!open}
              onClick={() => choose(o.id)}
            >
              {LETTERS[i]}. {tx(o.text)}
            </button>
          );
        })}
      </div>
      {multiple && open && (
        <p>
          <button className="primary" data-action="submit" disabled={draft.length === 0} onClick={() => onAnswer(draft)}>
            {tr('phSubmit')}
          </button>
        </p>
      )}
      {open && mine && <p className="status answered">{tr('phAnswered')} · {tr('phChange')}</p>}
      {question.phase === 'closed' && <p className="status">{tr('phClosed')}</p>}
      {revealed && (
        <div className={`status result ${right ? 'good' : 'bad'}`} data-result={mine === null ? 'none' : right ? 'right' : 'wrong'}>
          <strong>{mine === null ? tr('phNoAnswer') : right ? tr('phYouRight') : tr('phYouWrong')}</strong>
          {question.explanation && <p>{tx(question.explanation)}</p>}
        </div>
      )}
    </section>
  );
}
