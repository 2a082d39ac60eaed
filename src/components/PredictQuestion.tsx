import { useCallback, useId, useState } from 'react';
import { judge, keepGuess, keptGuess, predictReducer, type PredictAction } from '../view/predict';
import { Prose } from './Prose';
import './PredictQuestion.css';

export type PredictQuestionProps = {
  /** Unique on the site ("training/lr-too-large"): the guess is kept under it while the page is open. */
  storageKey: string;
  /** Markdown with $TeX$. */
  question: string;
  choices: readonly string[];
  /** The right choice's index, from the live numbers (may throw: the page says why). */
  answer: () => number;
  /** Markdown with $TeX$: the live numbers that settle it. */
  reveal: () => string;
};

/**
 * A question the learner answers before seeing the numbers: pick a choice, Check, then the verdict
 * and the numbers behind it, which stay live (an edit after checking re-judges the same guess).
 */
export function PredictQuestion(props: PredictQuestionProps) {
  const { storageKey, question, choices } = props;
  const [state, setState] = useState(() => keptGuess(storageKey));
  const dispatch = useCallback(
    (action: PredictAction) =>
      setState((s) => {
        const next = predictReducer(s, action);
        keepGuess(storageKey, next);
        return next;
      }),
    [storageKey],
  );
  const id = useId();
  const verdict = state.checked ? judge(props.answer, choices.length) : null;
  let reveal: string | null = null;
  if (verdict && 'index' in verdict) {
    try {
      reveal = props.reveal();
    } catch (e) {
      reveal = `The numbers could not be shown: ${e instanceof Error ? e.message : String(e)}.`;
    }
  }
  return (
    <section className="predict" aria-labelledby={`${id}-q`}>
      <p className="predict-kicker">Predict, then check</p>
      <div id={`${id}-q`} className="predict-question">
        <Prose source={question} />
      </div>
      <div className="predict-choices" role="radiogroup" aria-labelledby={`${id}-q`}>
        {choices.map((c, k) => (
          <label key={k} className="predict-choice">
            <input
              type="radio"
              name={`${id}-choice`}
              value={k}
              checked={state.choice === k}
              disabled={state.checked}
              onChange={() => dispatch({ type: 'choose', choice: k })}
            />
            <span>{c}</span>
          </label>
        ))}
      </div>
      <div className="predict-actions">
        {state.checked ? (
          <button type="button" onClick={() => dispatch({ type: 'again' })}>
            Try again
          </button>
        ) : (
          <button
            type="button"
            aria-disabled={state.choice === null}
            aria-describedby={state.choice === null ? `${id}-hint` : undefined}
            onClick={() => dispatch({ type: 'check' })}
          >
            Check
          </button>
        )}
        {state.choice === null && (
          <span id={`${id}-hint`} className="predict-hint">
            Pick an answer first; the live numbers then say whether it holds.
          </span>
        )}
      </div>
      <div className="predict-result" role="status" aria-live="polite">
        {verdict &&
          ('problem' in verdict ? (
            <p className="field-error">This question cannot be answered now: {verdict.problem}.</p>
          ) : (
            <>
              <p className={verdict.index === state.choice ? 'predict-right' : 'predict-wrong'}>
                <strong>{verdict.index === state.choice ? 'Right.' : 'Not this time.'}</strong> With
                the numbers on this page now, the answer is “{choices[verdict.index]}”.
              </p>
              {reveal !== null && <Prose source={reveal} />}
            </>
          ))}
      </div>
    </section>
  );
}
