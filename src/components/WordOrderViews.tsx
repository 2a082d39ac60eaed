/**
 * The word-order lesson's own views: the word order (Shuffle and an editable permutation), the
 * learned position table, and the rotated queries and keys with the shift that moves every word.
 * Each writes one of the lesson's fields through the store (src/state/url.ts, tags 16 to 18).
 */
import { useId, useState } from 'react';
import { dimLabels } from '../lessons/tokenLabels';
import type { Derived, Lesson } from '../lessons/types';
import { MAX_SHIFT, permutationProblem } from '../lessons/wordOrderModel';
import { tensorsEqual, type Tensor } from '../math/tensor';
import { appStore } from '../state/store';
import { labelColor, quiverColor } from '../view/colors';
import { EditableMatrix } from './EditableMatrix';
import { VectorPlot2D, type PlotVector } from './VectorPlot2D';
import './WordOrderViews.css';

const edit = (lesson: Lesson, name: string, value: unknown) =>
  appStore.getState().edit(lesson.id, name, value);

const orderText = (perm: readonly number[]) => perm.join(', ');

/** A random order that is not the one given (Fisher–Yates). */
function shuffled(perm: readonly number[]): number[] {
  const n = perm.length;
  for (;;) {
    const out = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    if (n < 2 || out.some((p, i) => p !== perm[i])) return out;
  }
}

/**
 * The text of the permutation field as numbers, or why it is none: whole numbers separated by
 * commas or spaces, each word once.
 */
export function parsePermutation(
  text: string,
  n: number,
): { perm: number[] } | { problem: string } {
  const parts = text
    .trim()
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter((p) => p !== '');
  const bad = parts.find((p) => !/^\d+$/.test(p));
  if (bad !== undefined) return { problem: `“${bad}” is not a word number (0 to ${n - 1})` };
  const perm = parts.map(Number);
  const problem = permutationProblem(perm, n);
  return problem ? { problem: `the order ${problem}` } : { perm };
}

/** Shuffle, In order, and the permutation as editable text, with the shuffled sentence. */
export function OrderControl(props: { lesson: Lesson; d: Derived; readOnly: boolean }) {
  const { lesson, d, readOnly } = props;
  const perm = d.order?.perm ?? [];
  const n = d.tokens.length;
  const id = useId();
  const [text, setText] = useState(orderText(perm));
  const [problem, setProblem] = useState<string | null>(null);
  // The store's order changed (Shuffle, undo, a link): show it, unless the text already says it.
  const [shown, setShown] = useState(perm);
  if (shown !== perm) {
    setShown(perm);
    const parsed = parsePermutation(text, n);
    const same = 'perm' in parsed && parsed.perm.every((p, i) => p === perm[i]);
    if (!same) setText(orderText(perm));
    setProblem(null);
  }

  const onText = (t: string) => {
    setText(t);
    const parsed = parsePermutation(t, n);
    if ('problem' in parsed) {
      setProblem(parsed.problem);
      return;
    }
    setProblem(null);
    edit(lesson, 'perm', parsed.perm);
  };

  return (
    <div className="order-field">
      <div className="order-row">
        <label htmlFor={id}>perm</label>
        <input
          id={id}
          value={text}
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          readOnly={readOnly}
          aria-invalid={problem !== null}
          aria-describedby={`${id}-msg`}
          onChange={(e) => onText(e.target.value)}
        />
        {!readOnly && (
          <>
            <button type="button" onClick={() => edit(lesson, 'perm', shuffled(perm))}>
              Shuffle
            </button>
            <button
              type="button"
              onClick={() =>
                edit(
                  lesson,
                  'perm',
                  Array.from({ length: n }, (_, i) => i),
                )
              }
            >
              In order
            </button>
          </>
        )}
      </div>
      <p id={`${id}-msg`} className="field-error" role="status">
        {problem ? `Not applied: ${problem}. The page still uses ${orderText(perm)}.` : ''}
      </p>
      <p className="order-words" aria-label="The shuffled sentence">
        {perm.map((w, i) => (
          <span key={i} className="order-word">
            <span
              className="query-swatch"
              style={{ background: labelColor(w) }}
              aria-hidden="true"
            />
            {d.tokens[w]}
            <sub>{w}</sub>
          </span>
        ))}
      </p>
    </div>
  );
}

/** The learned position table, editable like the embeddings. */
export function PositionsEditor(props: { lesson: Lesson; d: Derived; readOnly: boolean }) {
  const { lesson, d, readOnly } = props;
  const positions = d.order?.positions;
  if (!positions) return null;
  const base: Tensor | undefined = lesson.generate?.(d.seed).order?.positions;
  return (
    <EditableMatrix
      caption="pos: one learned vector per position"
      rowLabels={d.tokens.map((_, p) => `pos ${p}`)}
      colLabels={dimLabels(positions.shape[1]!)}
      value={positions}
      onChange={(next) => edit(lesson, 'positions', next)}
      onReset={base ? () => edit(lesson, 'positions', base) : undefined}
      resetLabel="Reset the position vectors"
      edited={base ? !tensorsEqual(positions, base) : false}
      readOnly={readOnly}
    />
  );
}

/** The rotated queries and keys, every word moved by the shift, and the shift's slider. */
export function RopeView(props: {
  lesson: Lesson;
  d: Derived;
  readOnly: boolean;
  labels: readonly string[];
  highlight: number | null;
  onHighlight: (i: number | null) => void;
}) {
  const { lesson, d, readOnly, labels } = props;
  const id = useId();
  const o = d.order;
  if (!o) return null;
  const vectors: PlotVector[] = labels.map((label, j) => ({
    label: `k ${label}`,
    color: quiverColor(j),
    values: o.rope.movedKeys.data.subarray(2 * j, 2 * j + 2),
    draggable: false,
  }));
  vectors.push({
    label: `q ${labels[d.query] ?? ''}`,
    color: '#000000',
    values: o.rope.movedQueries.data.subarray(2 * d.query, 2 * d.query + 2),
    draggable: false,
    emphasis: true,
  });
  return (
    <div className="rope-view">
      <div className="order-row">
        <label htmlFor={id}>shift</label>
        <input
          id={id}
          type="range"
          min={0}
          max={Math.min(MAX_SHIFT, 20)}
          step={1}
          value={o.shift}
          disabled={readOnly}
          aria-valuetext={`every word moved by ${o.shift} positions`}
          onChange={(e) => edit(lesson, 'shift', Number(e.target.value))}
        />
        <output htmlFor={id}>
          {o.shift} {o.shift === 1 ? 'position' : 'positions'}
        </output>
      </div>
      <VectorPlot2D
        title={`Keys of every word and the query of ${labels[d.query] ?? ''}, rotated, every word moved by ${o.shift}`}
        vectors={vectors}
        dims={2}
        onMove={() => {}}
        highlight={props.highlight}
        onHighlight={props.onHighlight}
        axisNames={['dim 1', 'dim 2']}
        readOnly
      />
    </div>
  );
}
