/**
 * The view registry: every kind of View renders through one entry, a tensor view shows whatever
 * function of the derived values it names, and the named matrices keep working.
 */
import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { pyFixed } from '../math/format';
import { tensor, type Tensor } from '../math/tensor';
import { derive, initialState } from '../lessons/derive';
import { LESSONS } from '../lessons';
import { dreamBig } from '../lessons/dreamBig';
import { yourJourney } from '../lessons/yourJourney';
import type { Derived, Lesson, View } from '../lessons/types';
import { StepViews, VIEW_KINDS, widestTable, type ViewKinds } from './StepViews';

const at = (lesson: Lesson): Derived => derive(lesson, initialState(lesson));
const render = (lesson: Lesson, views: readonly View[], d = at(lesson)): string =>
  renderToStaticMarkup(
    <StepViews lesson={lesson} views={views} d={d} highlight={{ i: null, j: null }} />,
  );

/** The text of every cell, header and caption of the rendered tables, in order. */
const cells = (html: string): string[] =>
  [...html.matchAll(/<td[^>]*class="mv-cell[^"]*"[^>]*>([^<]*)</g)].map((m) => m[1]!);
const rowHeads = (html: string): string[] =>
  [...html.matchAll(/<th scope="row"[^>]*>([^<]*)</g)].map((m) => m[1]!);
const colHeads = (html: string): string[] =>
  [...html.matchAll(/<th scope="col"[^>]*>([^<]*)</g)].map((m) => m[1]!);
const captions = (html: string): string[] =>
  [...html.matchAll(/<span class="mv-caption-text">([^<]*)</g)].map((m) => m[1]!);
const printed = (t: Tensor): string[] => Array.from(t.data, (v) => pyFixed(v, 4));

describe('tensor views: any tensor a step computes', () => {
  const d = at(yourJourney);
  const t = d.trainable!;

  it('shows a function of the derived values with its caption, tokens on both axes of [n, n]', () => {
    const html = render(yourJourney, [
      { kind: 'tensor', of: (x) => x.trainable!.scaled, caption: 'Scaled scores' },
    ]);
    expect(captions(html)).toEqual(['Scaled scores']);
    expect(cells(html)).toEqual(printed(t.scaled));
    expect(rowHeads(html)).toEqual([...d.tokens]);
    expect(colHeads(html)).toEqual([...d.tokens]);
  });

  it('labels one row per token and dimensions across for [n, c], the query alone for 1-d', () => {
    const html = render(yourJourney, [
      { kind: 'tensor', of: (x) => x.trainable!.causal.context, caption: 'Causal context' },
      { kind: 'tensor', of: (x) => x.trainable!.omega, caption: 'Query scores' },
    ]);
    expect(captions(html)).toEqual(['Causal context', 'Query scores']);
    expect(cells(html)).toEqual([...printed(t.causal.context), ...printed(t.omega)]);
    expect(rowHeads(html)).toEqual([...d.tokens, d.queryToken]);
    expect(colHeads(html)).toEqual(['dim 1', 'dim 2', ...d.tokens]);
  });

  it("labels another sentence's tensor with its own tokens, apart from the lesson's highlight", () => {
    const labels = ['one #1', 'step #1', 'starts', 'with', 'one #2', 'step #2'];
    const html = renderToStaticMarkup(
      <StepViews
        lesson={yourJourney}
        views={[{ kind: 'tensor', of: (x) => x.trainable!.weights, caption: 'Other', labels }]}
        d={d}
        highlight={{ i: 1, j: 2 }}
      />,
    );
    expect(rowHeads(html)).toEqual(labels);
    expect(colHeads(html)).toEqual(labels);
    expect(cells(html)).toEqual(printed(t.weights));
    // The lesson's query/key highlight names the lesson's words, not this sentence's.
    expect(html).not.toMatch(/is-hl/);
  });

  it('follows declared axes: a query vector as long as the sentence keeps its dimensions', () => {
    const six = tensor([6], Float32Array.of(1, 2, 3, 4, 5, 6));
    const html = render(yourJourney, [
      { kind: 'tensor', of: () => six, caption: 'A vector of six dims', axes: 'none' },
    ]);
    expect(colHeads(html)).toEqual(['dim 1', 'dim 2', 'dim 3', 'dim 4', 'dim 5', 'dim 6']);
    expect(cells(html)).toEqual(printed(six));
  });

  it('says so on the page when a tensor cannot be a table, instead of flattening it', () => {
    const cube = tensor([2, 2, 2], new Float32Array(8));
    const html = render(yourJourney, [{ kind: 'tensor', of: () => cube, caption: 'A cube' }]);
    expect(cells(html)).toEqual([]);
    expect(html).toContain('A cube: cannot be shown, a 3-d tensor of shape [2, 2, 2]');
    const wrong = render(yourJourney, [
      { kind: 'tensor', of: (x) => x.trainable!.keys, caption: 'Keys', axes: 'both' },
    ]);
    expect(wrong).toContain('Keys: cannot be shown, shape [6, 2] does not run over the 6 tokens');
  });

  it('counts its columns, row sums included, for the page layout', () => {
    const views: View[] = [
      { kind: 'tensor', of: (x) => x.trainable!.weights, caption: 'Weights', rowSums: true },
    ];
    expect(widestTable(views, d)).toBe(7);
  });

  it('counts an editable table by its width: long values take more room than printed ones', () => {
    const embeddings: View[] = [{ kind: 'embeddings' }];
    // Three columns of two-decimal values: beside the text.
    expect(widestTable(embeddings, d)).toBeLessThanOrEqual(7);
    // Four columns of nine-digit float32 values (word-order's seeded embeddings) need the width.
    const long = tensor(
      [2, 4],
      Float32Array.of(0.3373702, -0.17777722, -0.3035276, -0.077020235, 1, 2, 3, 4),
    );
    expect(widestTable(embeddings, { ...d, x: long })).toBeGreaterThan(7);
  });
});

describe('named matrix views, as before', () => {
  it('show the named value with its labels, and nothing where the lesson has none', () => {
    const d = at(yourJourney);
    const html = render(yourJourney, [
      { kind: 'matrix', of: 'keys', caption: 'Keys' },
      { kind: 'matrix', of: 'norms', caption: 'Lengths' },
    ]);
    expect(captions(html)).toEqual(['Keys', 'Lengths']);
    expect(cells(html)).toEqual([...printed(d.trainable!.keys), ...printed(d.norms)]);
    expect(rowHeads(html)).toEqual([...d.tokens, 'length']);
    expect(render(dreamBig, [{ kind: 'matrix', of: 'keys', caption: 'Keys' }])).toBe('');
  });
});

describe('every lesson’s tables', () => {
  it.each(LESSONS.filter((l) => l.steps.length > 0).map((l) => [l.id, l] as const))(
    '%s: every matrix and tensor view shows a table with its caption',
    (_, lesson) => {
      const d = at(lesson);
      for (const s of lesson.steps) {
        const tables = (s.views ?? []).filter((v) => v.kind === 'matrix' || v.kind === 'tensor');
        const html = render(lesson, tables, d);
        expect(html, s.id).not.toContain('cannot be shown');
        expect(captions(html), s.id).toEqual(tables.map((v) => v.caption));
      }
    },
  );
});

describe('predict views', () => {
  it('ask the question with a radio per choice and a Check that waits for a choice', () => {
    const html = render(yourJourney, [
      {
        kind: 'predict',
        id: 'q',
        question: 'Is $x_{1}$ longer than 1?',
        choices: ['Yes', 'No'],
        answer: (d) => (Math.hypot(...d.x.data.subarray(0, 3)) > 1 ? 0 : 1),
        reveal: () => 'revealed',
      },
    ]);
    expect(html.match(/type="radio"/g)).toHaveLength(2);
    expect(html).toContain('<span>Yes</span>');
    expect(html).toContain('role="radiogroup"');
    expect(html).toMatch(/<button type="button" aria-disabled="true"[^>]*>Check<\/button>/);
    expect(html).toContain('Pick an answer first');
    expect(html).toContain('class="katex"');
    // nothing is revealed before a guess is checked
    expect(html).not.toContain('revealed');
    expect(html).toMatch(/role="status" aria-live="polite"><\/div>/);
  });
});

describe('the registry', () => {
  it('has one entry for every kind of view a lesson uses', () => {
    expect(Object.keys(VIEW_KINDS).sort()).toEqual(
      [
        'embeddings',
        'matrix',
        'plot',
        'predict',
        'query',
        'seed',
        'tensor',
        'trainable',
        // the training lesson's
        'lineChart',
        'trainGoal',
        'trainControls',
        'trainPlot',
        // the word-order lesson's
        'order',
        'positions',
        'rope',
      ].sort(),
    );
  });

  it('does not compile with a kind that has no entry', () => {
    // Type-checked by `tsc -b`: adding a kind to the union without an entry is an error.
    // @ts-expect-error 'line' has no entry
    const missing: ViewKinds<View | { kind: 'line' }> = VIEW_KINDS;
    expect(missing).toBe(VIEW_KINDS);
  });
});
