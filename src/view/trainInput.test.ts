/** The learning rate a learner may type, the message that refuses one, the status line's words. */
import { describe, expect, it } from 'vitest';
import {
  formatLearningRate,
  learningRateMessage,
  MAX_LR,
  MIN_LR,
  parseLearningRate,
  statusText,
} from './trainInput';

describe('parseLearningRate', () => {
  it('takes a number more than 0, as a table cell reads it', () => {
    expect(parseLearningRate('0.1')).toEqual({ ok: true, value: 0.1 });
    expect(parseLearningRate(' 1e-3 ')).toEqual({ ok: true, value: 0.001 });
    expect(parseLearningRate('0,05')).toEqual({ ok: true, value: 0.05 });
    expect(parseLearningRate('5')).toEqual({ ok: true, value: 5 });
    expect(parseLearningRate(String(MAX_LR))).toEqual({ ok: true, value: MAX_LR });
    expect(parseLearningRate(String(MIN_LR))).toEqual({ ok: true, value: MIN_LR });
  });

  it('refuses what is no number, not finite, 0 or less, too large or too small', () => {
    const refusal = (t: string) => {
      const r = parseLearningRate(t);
      return r.ok ? `accepted ${r.value}` : r.refusal;
    };
    expect(refusal('abc')).toBe('not-a-number');
    expect(refusal('2/3')).toBe('not-a-number');
    expect(refusal('')).toBe('empty');
    expect(refusal('1e')).toBe('incomplete');
    expect(refusal('inf')).toBe('not-finite');
    expect(refusal('NaN')).toBe('not-finite');
    expect(refusal('0')).toBe('not-positive');
    expect(refusal('-0.1')).toBe('not-positive');
    expect(refusal('\u22120.1')).toBe('not-positive');
    expect(refusal('-5000')).toBe('not-positive');
    expect(refusal('5000')).toBe('out-of-range');
    expect(refusal('1e40')).toBe('out-of-range');
    expect(refusal('1e-9')).toBe('too-small');
    expect(refusal('1,500')).toBe('ambiguous');
  });
});

describe('learningRateMessage', () => {
  it('says what was refused and what was kept', () => {
    expect(learningRateMessage('0', 'not-positive', 0.1)).toBe(
      'Learning rate: “0” is not more than 0; kept 0.1.',
    );
    expect(learningRateMessage('abc', 'not-a-number', 0.01)).toBe(
      'Learning rate: “abc” is not a number; kept 0.01.',
    );
    expect(learningRateMessage('inf', 'not-finite', 1)).toBe(
      'Learning rate: “inf” is not a finite number; kept 1.',
    );
    expect(learningRateMessage('5000', 'out-of-range', 1)).toBe(
      'Learning rate: “5000” is larger than 1000; kept 1.',
    );
    expect(learningRateMessage('1e-9', 'too-small', 0.5)).toBe(
      'Learning rate: “1e-9” is smaller than 1e-8 (a step would change nothing); kept 0.5.',
    );
    expect(learningRateMessage('', 'empty', 0.5)).toBe('Learning rate: Empty; kept 0.5.');
  });

  it('shows a rate as the shortest text that reads back the same', () => {
    expect(formatLearningRate(0.1)).toBe('0.1');
    expect(formatLearningRate(1e-4)).toBe('0.0001');
    expect(formatLearningRate(1e-7)).toBe('1e-7');
  });
});

describe('statusText', () => {
  it('names the step, what the run does, and what the page adds', () => {
    expect(statusText({ step: 0, steps: 200, playing: false })).toBe('Step 0 of 200 · paused');
    expect(statusText({ step: 12, steps: 200, playing: true, status: 'loss 0.4123' })).toBe(
      'Step 12 of 200 · training · loss 0.4123',
    );
    expect(statusText({ step: 200, steps: 200, playing: false, status: '' })).toBe(
      'Step 200 of 200 · at the last step',
    );
  });
});
