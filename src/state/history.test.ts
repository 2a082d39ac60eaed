import { describe, expect, it } from 'vitest';
import type { LessonState } from '../lessons/types';
import type { Tensor } from '../math/tensor';
import { findLesson } from '../lessons';
import { COALESCE_MS, MAX_UNDO } from './history';
import { editKey as schemaEditKey } from './schema';
import { LESSON_FIELDS } from './url';
import { CLASSROOM_EDIT, createAppStore, defaultState, lessonState } from './store';

const ID = 'dream-big';

/** A store with a hand-driven clock and pointer, and helpers to edit one cell. */
function setup() {
  let t = 1000;
  let gesture = 0;
  const store = createAppStore({ now: () => t, gesture: () => gesture });
  const cell = (i: number, v: number) => {
    const x = lessonState(store.getState(), ID).embeddings;
    const data = x.data.slice();
    data[i] = v;
    store.getState().setEmbeddings(ID, { shape: x.shape, data } as Tensor);
  };
  const value = (i: number) => lessonState(store.getState(), ID).embeddings.data[i];
  const past = () => store.getState().history[ID]?.past.length ?? 0;
  return {
    store,
    cell,
    value,
    past,
    tick: (ms: number) => (t += ms),
    press: (id: number) => (gesture = id),
    release: () => (gesture = 0),
  };
}

describe('undo and redo', () => {
  it('undoes and redoes an edit, back to the untouched lesson', () => {
    const { store, cell, value } = setup();
    const start = value(0);
    cell(0, 0.5);
    expect(value(0)).toBe(0.5);
    store.getState().undo(ID);
    expect(value(0)).toBe(start);
    // Back at the defaults: the lesson is untouched again (reset disabled, no badge).
    expect(store.getState().pages[ID]).toBeUndefined();
    store.getState().redo(ID);
    expect(value(0)).toBe(0.5);
  });

  it('makes typing in one cell one step, until a pause of a second', () => {
    const { store, cell, value, past, tick } = setup();
    const start = value(0);
    for (const v of [0.1, 0.12, 0.123]) {
      cell(0, v);
      tick(200);
    }
    expect(past()).toBe(1);
    tick(COALESCE_MS);
    cell(0, 0.9);
    expect(past()).toBe(2);
    store.getState().undo(ID);
    expect(value(0)).toBe(Math.fround(0.123));
    store.getState().undo(ID);
    expect(value(0)).toBe(start);
  });

  it('drops a typing step that ends where it began (a typed text refused)', () => {
    const { store, cell, value, past, tick } = setup();
    const start = value(0)!;
    cell(0, 0.5);
    tick(200);
    cell(0, 0.25);
    expect(past()).toBe(1);
    tick(200);
    // "0.25/" is no number: the cell goes back to the value from before the typing.
    cell(0, start);
    expect(past()).toBe(0);
    expect(store.getState().history[ID]?.future.length ?? 0).toBe(0);
    // An earlier step is untouched by it.
    tick(COALESCE_MS);
    cell(1, 0.5);
    tick(COALESCE_MS);
    cell(0, 0.75);
    tick(200);
    cell(0, start);
    expect(past()).toBe(1);
    store.getState().undo(ID);
    expect(value(1)).not.toBe(Math.fround(0.5));
  });

  it('keeps edits of different cells apart', () => {
    const { cell, past } = setup();
    cell(0, 0.1);
    cell(1, 0.2);
    expect(past()).toBe(2);
  });

  it('makes a whole pointer gesture one step, whatever it edits', () => {
    const { store, cell, value, past, tick, press, release } = setup();
    const start = [value(3), value(4)];
    press(7);
    for (let k = 1; k <= 30; k++) {
      cell(3, k / 100);
      cell(4, -k / 100);
      tick(1500); // a slow drag: still one gesture
    }
    release();
    expect(past()).toBe(1);
    press(8);
    cell(3, 0.9);
    release();
    expect(past()).toBe(2);
    store.getState().undo(ID);
    store.getState().undo(ID);
    expect([value(3), value(4)]).toEqual(start);
  });

  it('makes a reset one step that undo takes back', () => {
    const { store, cell, value } = setup();
    cell(2, 0.25);
    store.getState().reset(ID);
    expect(store.getState().pages[ID]).toBeUndefined();
    store.getState().undo(ID);
    expect(value(2)).toBe(0.25);
  });

  it('drops the redo steps when a new edit is made', () => {
    const { store, cell, past } = setup();
    cell(0, 0.1);
    store.getState().undo(ID);
    expect(store.getState().history[ID]!.future.length).toBe(1);
    cell(1, 0.2);
    expect(store.getState().history[ID]!.future.length).toBe(0);
    expect(past()).toBe(1);
  });

  it('records nothing for an edit that changes nothing', () => {
    const { store, past } = setup();
    store.getState().setEmbeddings(ID, defaultState(ID).embeddings);
    store.getState().setQuery(ID, defaultState(ID).query);
    expect(past()).toBe(0);
    expect(store.getState().pages[ID]).toBeUndefined();
  });

  it(`keeps the last ${MAX_UNDO} steps`, () => {
    const { cell, past } = setup();
    for (let k = 0; k < MAX_UNDO + 20; k++) cell(k % 2, k / 1000);
    expect(past()).toBe(MAX_UNDO);
  });

  it('refuses edits, reset, undo and redo in a classroom view, but not the query', () => {
    const { store, cell, value, past } = setup();
    cell(0, 0.5);
    store.getState().setClassroom(ID, CLASSROOM_EDIT);
    cell(0, 0.7);
    store.getState().reset(ID);
    store.getState().undo(ID);
    expect(value(0)).toBe(0.5);
    expect(past()).toBe(1);
    store.getState().setQuery(ID, 4);
    expect(lessonState(store.getState(), ID).query).toBe(4);
    store.getState().setClassroom(ID, 0);
    store.getState().undo(ID);
    expect(lessonState(store.getState(), ID).query).toBe(defaultState(ID).query);
  });

  it('names what an edit changed, so only edits of one value merge', () => {
    const editKey = (a: LessonState, b: LessonState) =>
      schemaEditKey(LESSON_FIELDS, findLesson(ID)!, a, b);
    const a = defaultState(ID);
    const data = a.embeddings.data.slice();
    data[5] = 0.1;
    const b = { ...a, embeddings: { shape: a.embeddings.shape, data } };
    expect(editKey(a, b)).toBe('embeddings:5');
    data[6] = 0.2;
    expect(editKey(a, { ...b })).toBe('');
    // A seed change (in a lesson with a seed) is one value, whatever it redraws.
    const yj = defaultState('your-journey');
    expect(schemaEditKey(LESSON_FIELDS, findLesson('your-journey')!, yj, { ...yj, seed: 5 })).toBe(
      'seed',
    );
    expect(editKey(a, { ...a, query: 0 })).toBe('');
  });
});
