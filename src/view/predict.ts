/**
 * Predict, then reveal: the learner commits to a guess before the live numbers answer it. The
 * state is the guess and whether it was checked; the answer is never stored, only read from the
 * live numbers each time, so an edit after checking re-judges the same guess against the new
 * numbers (and says so) rather than keeping a verdict that no longer holds.
 */
export type PredictState = { choice: number | null; checked: boolean };

export const UNANSWERED: PredictState = { choice: null, checked: false };

export type PredictAction =
  { type: 'choose'; choice: number } | { type: 'check' } | { type: 'again' };

/** The next state. A checked guess is committed: choosing again needs 'again' first. */
export function predictReducer(state: PredictState, action: PredictAction): PredictState {
  switch (action.type) {
    case 'choose':
      return state.checked ? state : { choice: action.choice, checked: false };
    case 'check':
      return state.choice === null ? state : { ...state, checked: true };
    case 'again':
      return UNANSWERED;
  }
}

/**
 * What the live numbers say of the guess: the right choice's index, or why there is none (the
 * question's answer function threw, or named no choice). Never a made-up answer.
 */
export type Answer = { index: number } | { problem: string };

export function judge(answer: () => number, choices: number): Answer {
  let index: number;
  try {
    index = answer();
  } catch (e) {
    return { problem: e instanceof Error ? e.message : String(e) };
  }
  if (!Number.isInteger(index) || index < 0 || index >= choices) {
    return { problem: `the numbers gave answer ${index}, which is none of the ${choices} choices` };
  }
  return { index };
}

/**
 * Guesses kept while the page is open, per question ("lesson/question"), so leaving a step and
 * coming back shows the same checked guess. Not in links and not saved: a question is asked anew
 * on each visit to the site, and a shared link never answers for its recipient.
 */
const kept = new Map<string, PredictState>();

export function keptGuess(key: string): PredictState {
  return kept.get(key) ?? UNANSWERED;
}

export function keepGuess(key: string, state: PredictState): void {
  if (state === UNANSWERED) kept.delete(key);
  else kept.set(key, state);
}
