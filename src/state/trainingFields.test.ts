/**
 * The training lesson's choices in links: they round-trip bit for bit, a bad value is dropped and
 * named (never replaced by a near one), they belong to that lesson only; in the store a Play is
 * one undo step and a classroom view leaves only the step free.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findLesson } from '../lessons';
import type { LessonState } from '../lessons/types';
import { defaultChoice, type TrainingChoice } from '../lessons/training/model';
import { MAX_LR, MIN_LR } from '../view/trainInput';
import { CLASSROOM_EDIT, createAppStore, lessonState } from './store';
import { trainingChoice } from './trainingFields';
import { decodeShare, defaultShare, encodeShare, type ShareState } from './url';

const training = findLesson('training')!;
const yourJourney = findLesson('your-journey')!;

const shareWith = (c: Partial<TrainingChoice>, lesson = training): ShareState => {
  const base = defaultShare(lesson);
  return { ...base, state: { ...base.state, training: { ...defaultChoice(6), ...c } } };
};
const roundTrip = (c: Partial<TrainingChoice>) =>
  decodeShare(training, encodeShare(training, shareWith(c)));

describe('training fields in a link', () => {
  it('carry the goal, optimizer, learning rate, steps and step', () => {
    const c: TrainingChoice = {
      goal: [0, 0, 1, 2, 3, 4],
      optimizer: 'adam',
      lr: 0.1 + 0.2,
      steps: 2000,
      step: 1234,
    };
    const r = roundTrip(c);
    expect(r.status).toBe('ok');
    expect(r.share.state.training).toEqual(c);
    expect(Object.is(r.share.state.training!.lr, 0.30000000000000004)).toBe(true);
  });

  it('keep any learning rate bit for bit', () => {
    fc.assert(
      fc.property(fc.double({ min: MIN_LR, max: MAX_LR, noNaN: true }), (lr) => {
        const got = roundTrip({ lr }).share.state.training?.lr;
        return Object.is(got, lr);
      }),
      { numRuns: 500 },
    );
  });

  it('write nothing at the defaults, and stay out of other lessons', () => {
    expect(encodeShare(training, shareWith({}))).toBe('');
    expect(encodeShare(yourJourney, shareWith({ lr: 5, step: 3 }, yourJourney))).toBe('');
  });

  it.each([
    ['nan', NaN],
    ['infinity', Infinity],
    ['minus infinity', -Infinity],
    ['a negative rate', -0.5],
    ['minus zero', -0],
    ['zero', 0],
    ['a rate over the maximum', MAX_LR * 2],
  ])('refuse %s as a learning rate, with a message, and keep the rest', (_, lr) => {
    const r = roundTrip({ lr, step: 7 });
    expect(r.status).toBe('partial');
    expect(r.problems.join(' ')).toMatch(/learning rate/);
    const got = trainingChoice(training, r.share.state);
    expect(got.lr).toBe(defaultChoice(6).lr);
    expect(got.step).toBe(7);
  });

  it('refuse a goal of the wrong length or pointing past the last word', () => {
    for (const goal of [
      [0, 1, 2],
      [0, 1, 2, 3, 4, 6],
    ]) {
      const r = roundTrip({ goal, step: 3 });
      expect(r.status).toBe('partial');
      expect(r.problems.join(' ')).toMatch(/training goal/);
      expect(trainingChoice(training, r.share.state).goal).toEqual(defaultChoice(6).goal);
    }
  });

  it('refuse a step past the end of the run', () => {
    const r = roundTrip({ steps: 10, step: 11 });
    expect(r.status).toBe('partial');
    expect(r.problems.join(' ')).toMatch(/training step/);
    expect(trainingChoice(training, r.share.state)).toMatchObject({ steps: 10, step: 0 });
  });
});

describe('training fields in the store', () => {
  const ID = 'training';
  const setup = () => {
    let t = 1000;
    const store = createAppStore({ now: () => t, gesture: () => 0 });
    const choice = () => trainingChoice(training, lessonState(store.getState(), ID));
    const past = () => store.getState().history[ID]?.past.length ?? 0;
    return { store, choice, past, tick: (ms: number) => (t += ms) };
  };

  it('a Play (a step every frame) is one undo step, and Undo goes back to where it began', () => {
    const { store, choice, past, tick } = setup();
    for (let k = 1; k <= 100; k++) {
      store.getState().edit(ID, 'step', k);
      tick(16);
    }
    expect(choice().step).toBe(100);
    expect(past()).toBe(1);
    store.getState().undo(ID);
    expect(choice().step).toBe(0);
  });

  it('a shorter run takes the step back to its end', () => {
    const { store, choice } = setup();
    store.getState().edit(ID, 'step', 80);
    store.getState().edit(ID, 'steps', 50);
    expect(choice()).toMatchObject({ steps: 50, step: 50 });
  });

  it('a classroom view keeps the goal and settings, and lets the step move', () => {
    const { store, choice } = setup();
    store.getState().setClassroom(ID, CLASSROOM_EDIT);
    store.getState().edit(ID, 'goal', [0, 0, 0, 0, 0, 0]);
    store.getState().edit(ID, 'lr', 5);
    store.getState().edit(ID, 'optimizer', 'adam');
    store.getState().edit(ID, 'steps', 10);
    store.getState().edit(ID, 'step', 42);
    const c = choice();
    expect(c).toEqual({ ...defaultChoice(6), step: 42 });
    const s: LessonState = lessonState(store.getState(), ID);
    expect(s.training?.step).toBe(42);
  });
});
