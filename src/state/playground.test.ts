import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultPlayground,
  drawnEmbeddings,
  playgroundWith,
  POSITIONS,
} from '../lessons/playground';
import type { Tensor } from '../math/tensor';
import { fromBase64url, toBase64url, crc8 } from './bytes';
import { defaultPlaygroundShare, PLAYGROUND_CTX, PLAYGROUND_FIELDS } from './playground';
import { decode, editKey, encode, type Shared } from './schema';
import type { PlaygroundValues } from '../lessons/playground';
import { createAppStore, playgroundValues } from './store';

const enc = (s: Shared<PlaygroundValues>, explicit = false) =>
  encode(PLAYGROUND_FIELDS, PLAYGROUND_CTX, s, { explicit });
const dec = (p: string) => decode(PLAYGROUND_FIELDS, PLAYGROUND_CTX, p);
const bits = (t: Tensor) => Array.from(new Uint32Array(Float32Array.from(t.data).buffer));

const words = (n: number) => Array.from({ length: n }, (_, k) => `w${k % 7}`).join(' ');

/** A random playground: settings, some edited cells (typed or dragged values), view options. */
const arbShare = fc
  .record({
    n: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 8 }),
    seed: fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.constant(Number.MAX_SAFE_INTEGER)),
    mode: fc.constantFrom('plain' as const, 'trainable' as const),
    dk: fc.integer({ min: 1, max: 64 }),
    dv: fc.integer({ min: 1, max: 64 }),
    causal: fc.boolean(),
    query: fc.nat(),
    positions: fc.constantFrom(...POSITIONS),
    edits: fc.array(
      fc.tuple(
        fc.nat(),
        fc.oneof(
          fc.integer({ min: -1000, max: 1000 }).map((k) => k / 8),
          fc.float({ min: -1000, max: 1000, noNaN: true }),
        ),
      ),
      { maxLength: 6 },
    ),
    plot: fc.record({ buildContext: fc.boolean(), weightOpacity: fc.boolean() }),
    classroom: fc.constantFrom(0, 1),
    goal: fc.oneof(
      fc.constantFrom('none' as const, 'self' as const, 'previous' as const, 'first' as const),
      fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
    ),
    optimizer: fc.constantFrom('sgd' as const, 'adam' as const),
    lr: fc.constantFrom(0.05, 1e-7, 1e-8, 0.1, 0.3, 5, 1000, 0.123456789),
    steps: fc.integer({ min: 1, max: 10_000 }),
    trainStep: fc.nat(),
  })
  .map(({ n, edits, plot, classroom, goal, steps, trainStep, ...s }): Shared<PlaygroundValues> => {
    const g = typeof goal === 'string' ? goal : goal.slice(0, n).map((k) => k % n);
    const v0 = playgroundWith({ ...s, sentence: words(n), query: s.query % n, goal: g, steps });
    const v = { ...v0, trainStep: trainStep % (steps + 1) };
    const data = v.embeddings.data.slice();
    for (const [k, x] of edits) data[k % data.length] = x;
    return { state: { ...v, embeddings: { shape: v.embeddings.shape, data } }, plot, classroom };
  });

describe('the playground schema', () => {
  it('round-trips every choice bit for bit', () => {
    fc.assert(
      fc.property(arbShare, (share) => {
        const back = dec(enc(share, true));
        expect(back.status).toBe('ok');
        const { embeddings, ...rest } = back.share.state;
        const { embeddings: want, ...wantRest } = share.state;
        expect(rest).toEqual(wantRest);
        expect(bits(embeddings)).toEqual(bits(want));
        expect(back.share.plot).toEqual(share.plot);
        expect(back.share.classroom).toBe(share.classroom);
      }),
      { numRuns: 200 },
    );
  });

  it('writes nothing at the defaults, and one edited cell of a 64 × 64 table in a few bytes', () => {
    expect(enc(defaultPlaygroundShare())).toBe('');
    const v = playgroundWith({ ...defaultPlayground(), sentence: words(64), d: 64 });
    const data = v.embeddings.data.slice();
    data[4095] = 0.5;
    const p = enc({
      ...defaultPlaygroundShare(),
      state: { ...v, embeddings: { ...v.embeddings, data } },
    });
    // The sentence, d and the table's mask make most of it; the edit itself is 2 bytes.
    expect(p.length).toBeLessThan(1000);
    expect(dec(p).status).toBe('ok');
  });

  it('carries the positions: each kind round-trips; a link without them opens with none', () => {
    const share = defaultPlaygroundShare();
    // Written only when not none: every link from before the field opens as it did.
    expect(enc({ ...share, state: { ...share.state, positions: 'none' } })).toBe('');
    for (const positions of POSITIONS) {
      const p = enc({ ...share, state: { ...share.state, positions, causal: true } });
      const back = dec(p);
      expect(back.status).toBe('ok');
      expect(back.share.state.positions).toBe(positions);
      expect(back.share.state.causal).toBe(true);
    }
    const rotary = enc({ ...share, state: { ...share.state, positions: 'rotary', causal: true } });
    // Tag 12 with the choice's index: a number past the list is refused and named, the rest kept.
    const bytes = Array.from(fromBase64url(rotary)!);
    const k = bytes.indexOf(12, 1);
    expect(bytes.slice(k, k + 3)).toEqual([12, 1, 3]);
    const bad = [...bytes.slice(0, k + 2), 4, ...bytes.slice(k + 3, -1)];
    const r = dec(toBase64url([...bad, crc8(bad)]));
    expect(r.status).toBe('partial');
    expect(r.problems.join()).toMatch(/positions/);
    expect(r.share.state.positions).toBe('none');
    expect(r.share.state.causal).toBe(true);
  });

  it('carries the training panel: goal, optimizer, learning rate, steps and the step reached', () => {
    const share = defaultPlaygroundShare();
    const trained: Shared<PlaygroundValues> = {
      ...share,
      state: {
        ...share.state,
        mode: 'trainable',
        goal: [5, 0, 1, 2, 3, 4],
        optimizer: 'sgd',
        lr: 0.3,
        steps: 500,
        trainStep: 137,
      },
    };
    const back = dec(enc(trained));
    expect(back.status).toBe('ok');
    expect(back.share.state).toEqual(trained.state);
    // The step is read after everything that restarts the run: a link opens at its step.
    expect(back.share.state.trainStep).toBe(137);
    // A link from before the panel opens with no goal, at step 0.
    const old = dec(enc({ ...share, state: { ...share.state, mode: 'trainable' } }));
    expect(old.share.state.goal).toBe('none');
    expect(old.share.state.trainStep).toBe(0);
  });

  it('refuses a goal that does not fit the sentence, or a step past the run, and names them', () => {
    const share = defaultPlaygroundShare();
    const at = (patch: Partial<PlaygroundValues>) =>
      dec(enc({ ...share, state: { ...share.state, mode: 'trainable', ...patch } }, true));
    // 4 keys for a sentence of 6 words
    const r = at({ goal: [0, 1, 2, 3] });
    expect(r.status).toBe('partial');
    expect(r.problems.join()).toMatch(/training goal names a key for each of 4 words.*has 6/);
    expect(r.share.state.goal).toBe('none');
    // a key past the sentence
    expect(at({ goal: [0, 1, 2, 3, 4, 6] }).share.state.goal).toBe('none');
    const s = at({ steps: 10, trainStep: 10 });
    expect(s.status).toBe('ok');
    expect(s.share.state.trainStep).toBe(10);
  });

  it('refuses a learning rate that is no positive number, bit for bit in the link', () => {
    const share = defaultPlaygroundShare();
    const p = enc({ ...share, state: { ...share.state, lr: 0.25 } });
    const bytes = Array.from(fromBase64url(p)!);
    const k = bytes.indexOf(15, 1);
    // tag 15, length 5, text length 4, "0.25"
    expect(bytes.slice(k, k + 7)).toEqual([15, 5, 4, ...new TextEncoder().encode('0.25')]);
    for (const bad of ['-0.5', '0000', 'nan!', '1e99']) {
      const b = [
        ...bytes.slice(0, k + 3),
        ...new TextEncoder().encode(bad),
        ...bytes.slice(k + 7, -1),
      ];
      const r = dec(toBase64url([...b, crc8(b)]));
      expect(r.status, bad).toBe('rejected');
      expect(r.problems.join(), bad).toMatch(/learning rate holds/);
      expect(r.share.state.lr).toBe(0.05);
    }
  });

  it('starts the run over on every change but the query, the steps and the step', () => {
    const store = createAppStore();
    const values = () => playgroundValues(store.getState());
    const edit = (name: string, v: unknown) => store.getState().edit('playground', name, v);
    edit('mode', 'trainable');
    edit('goal', 'previous');
    edit('trainStep', 40);
    edit('query', 3);
    expect(values().trainStep).toBe(40);
    edit('steps', 30);
    // a shorter run moves the step back to its end
    expect(values().trainStep).toBe(30);
    for (const [name, v] of [
      ['lr', 0.2],
      ['optimizer', 'sgd'],
      ['goal', 'first'],
      ['causal', true],
      ['positions', 'learned'],
      ['dk', 3],
      ['seed', 9],
      ['d', 4],
      ['sentence', 'a b c'],
    ] as const) {
      edit('trainStep', 7);
      expect(values().trainStep).toBe(7);
      edit(name, v);
      expect(values().trainStep, name).toBe(0);
    }
    // an edited cell restarts too (the table's fast path)
    edit('trainStep', 7);
    const x = values().embeddings;
    edit('embeddings', { shape: x.shape, data: x.data.map((v, k) => (k === 0 ? v + 1 : v)) });
    expect(values().trainStep).toBe(0);
    // a preset goal follows the sentence; clicked keys that no longer fit are dropped
    expect(values().goal).toBe('first');
    edit('goal', [2, 0, 1]);
    edit('sentence', 'a b c d');
    expect(values().goal).toBe('none');
  });

  it('lets a classroom view move through the run, but not change how it trains', () => {
    const store = createAppStore();
    const values = () => playgroundValues(store.getState());
    const edit = (name: string, v: unknown) => store.getState().edit('playground', name, v);
    edit('mode', 'trainable');
    edit('goal', 'self');
    store.getState().setClassroom('playground', 1);
    edit('trainStep', 12);
    expect(values().trainStep).toBe(12);
    edit('lr', 0.5);
    edit('goal', 'first');
    edit('steps', 5);
    expect([values().lr, values().goal, values().steps]).toEqual([0.05, 'self', 200]);
  });

  it('makes a change of positions one undo step of its own', () => {
    const store = createAppStore();
    const values = () => playgroundValues(store.getState());
    store.getState().edit('playground', 'positions', 'learned');
    store.getState().edit('playground', 'positions', 'rotary');
    expect(values().positions).toBe('rotary');
    expect(store.getState().history.playground?.past.length).toBe(2);
    store.getState().undo('playground');
    expect(values().positions).toBe('learned');
    store.getState().setClassroom('playground', 1);
    store.getState().edit('playground', 'positions', 'none');
    expect(values().positions).toBe('learned');
  });

  it('decodes a link part by part: a bad field is dropped and named, the rest used', () => {
    const share = defaultPlaygroundShare();
    const good = enc({
      ...share,
      state: playgroundWith({ ...share.state, seed: 7, causal: true }),
    });
    const bytes = Array.from(fromBase64url(good)!);
    // Replace the seed's body (tag 3) by one past the largest seed.
    const k = bytes.indexOf(3, 1);
    expect(bytes[k + 2]).toBe(7);
    const tooBig = [3, 9, 128, 128, 128, 128, 128, 128, 128, 128, 1];
    const bad = [...bytes.slice(0, k), ...tooBig, ...bytes.slice(k + 3, -1)];
    const r = dec(toBase64url([...bad, crc8(bad)]));
    expect(r.status).toBe('partial');
    expect(r.problems.join()).toMatch(/seed/);
    expect(r.share.state.causal).toBe(true);
    expect(r.share.state.seed).toBe(123);
  });

  it('refuses a sentence the page refuses, saying why', () => {
    const share = defaultPlaygroundShare();
    const empty = enc({ ...share, state: { ...share.state, sentence: '   ' } });
    const r = dec(empty);
    expect(r.share.state.sentence).toBe(share.state.sentence);
    expect(r.problems[0]).toMatch(/sentence is refused: Type at least one word/);
    const long = enc({ ...share, state: { ...share.state, sentence: words(65) } });
    expect(dec(long).problems[0]).toMatch(/65 tokens; the playground takes at most 64/);
  });

  it('draws the table again when the sentence, d or seed changes, and keeps the query inside', () => {
    const store = createAppStore();
    const x = () => playgroundValues(store.getState()).embeddings;
    const cell = (v: number) => {
      const data = x().data.slice();
      data[0] = v;
      store.getState().edit('playground', 'embeddings', { shape: x().shape, data });
    };
    cell(0.5);
    store.getState().edit('playground', 'seed', 9);
    expect(x()).toBe(drawnEmbeddings(defaultPlayground().sentence, 3, 9));
    store.getState().edit('playground', 'query', 5);
    store.getState().edit('playground', 'sentence', 'a b');
    expect(playgroundValues(store.getState()).query).toBe(1);
    expect(x().shape).toEqual([2, 3]);
  });
});

describe('undo in the playground', () => {
  function setup() {
    let t = 1000;
    const store = createAppStore({ now: () => t, gesture: () => 0 });
    const values = () => playgroundValues(store.getState());
    const past = () => store.getState().history.playground?.past.length ?? 0;
    return { store, values, past, tick: (ms: number) => (t += ms) };
  }

  it('makes typing a sentence one step, and a new sentence with its query one step', () => {
    const { store, values, past, tick } = setup();
    for (const s of ['a', 'a c', 'a ca', 'a cat']) {
      store.getState().editMany('playground', [
        ['sentence', s],
        ['query', 0],
      ]);
      tick(200);
    }
    expect(values().sentence).toBe('a cat');
    expect(past()).toBe(1);
    store.getState().undo('playground');
    expect(values()).toBe(playgroundValues(createAppStore().getState()));
    expect(store.getState().pages.playground).toBeUndefined();
  });

  it('undoes a seed change with the edits it dropped', () => {
    const { store, values, past, tick } = setup();
    const data = values().embeddings.data.slice();
    data[2] = 0.25;
    store.getState().edit('playground', 'embeddings', { shape: [6, 3], data });
    tick(2000);
    store.getState().edit('playground', 'seed', 5);
    expect(past()).toBe(2);
    store.getState().undo('playground');
    expect(values().seed).toBe(123);
    expect(values().embeddings.data[2]).toBe(0.25);
    store.getState().redo('playground');
    expect(values().seed).toBe(5);
  });

  it('names the edit: one cell, a setting, or a step of its own', () => {
    const a = defaultPlayground();
    const data = a.embeddings.data.slice();
    data[4] = 1;
    const key = (b: PlaygroundValues) => editKey(PLAYGROUND_FIELDS, PLAYGROUND_CTX, a, b);
    expect(key({ ...a, embeddings: { shape: [6, 3], data } })).toBe('embeddings:4');
    expect(key({ ...a, d: 4 })).toBe('d');
    expect(key({ ...a, causal: true })).toBe('');
    expect(key({ ...a, query: 0 })).toBe('');
  });

  it('keeps a lesson classroom link from locking the playground, and the other way round', () => {
    const { store, values } = setup();
    store.getState().setClassroom('dream-big', 1);
    store.getState().edit('playground', 'causal', true);
    expect(values().causal).toBe(true);
    store.getState().setPlotOptions('playground', { buildContext: true });
    expect(store.getState().views['dream-big']?.plot.buildContext).toBe(false);
    store.getState().setClassroom('playground', 1);
    store.getState().edit('playground', 'causal', false);
    expect(values().causal).toBe(true);
    // The query stays free in a classroom view.
    store.getState().edit('playground', 'query', 3);
    expect(values().query).toBe(3);
  });
});
