import { describe, expect, it } from 'vitest';
import { judge, keepGuess, keptGuess, predictReducer, UNANSWERED } from './predict';

describe('predict, then reveal', () => {
  it('checks only a chosen answer, and a checked guess stays until Try again', () => {
    let s = predictReducer(UNANSWERED, { type: 'check' });
    expect(s).toEqual({ choice: null, checked: false });
    s = predictReducer(s, { type: 'choose', choice: 1 });
    s = predictReducer(s, { type: 'choose', choice: 0 });
    expect(s).toEqual({ choice: 0, checked: false });
    s = predictReducer(s, { type: 'check' });
    expect(s).toEqual({ choice: 0, checked: true });
    // committed: a new choice does not slip in after the reveal
    expect(predictReducer(s, { type: 'choose', choice: 1 })).toBe(s);
    expect(predictReducer(s, { type: 'again' })).toEqual(UNANSWERED);
  });

  it('takes the answer from the function each time, and says why when there is none', () => {
    let live = 0;
    const answer = () => live;
    expect(judge(answer, 2)).toEqual({ index: 0 });
    live = 1;
    expect(judge(answer, 2)).toEqual({ index: 1 });
    live = 2;
    expect(judge(answer, 2)).toEqual({
      problem: 'the numbers gave answer 2, which is none of the 2 choices',
    });
    live = NaN;
    expect('problem' in judge(answer, 2)).toBe(true);
    expect(
      judge(() => {
        throw new Error('no weights yet');
      }, 2),
    ).toEqual({ problem: 'no weights yet' });
  });

  it('keeps a guess per question while the page is open, and forgets an unanswered one', () => {
    expect(keptGuess('t/a')).toBe(UNANSWERED);
    keepGuess('t/a', { choice: 1, checked: true });
    expect(keptGuess('t/a')).toEqual({ choice: 1, checked: true });
    expect(keptGuess('t/b')).toBe(UNANSWERED);
    keepGuess('t/a', UNANSWERED);
    expect(keptGuess('t/a')).toBe(UNANSWERED);
  });
});
