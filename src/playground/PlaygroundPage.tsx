/**
 * The playground: the learner's own sentence, sizes, seed and attention kind; the embedding table,
 * query picker, score/weight/context matrices, the plot and the PyTorch cell with its printed
 * output, all recomputed by the math core. Matrices over 16 × 16 are canvas heatmaps.
 *
 * Its values live in the app store like a lesson's (fields: src/state/playground.ts), so it has
 * the lessons' undo and redo, autosave, share and classroom links, Copy as PyTorch and Download
 * notebook (the same toolbar), and a classroom link makes it read-only but for the query.
 */
import { useCallback, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { CodeCell } from '../components/CodeCell';
import { PageToolbar, type PageExports } from '../components/LessonToolbar';
import { Notices } from '../components/Notice';
import { labelColor, quiverColor } from '../view/colors';
import { EditableMatrix } from '../components/EditableMatrix';
import { MatrixView, type MatrixHighlight } from '../components/MatrixView';
import { PlotView } from '../components/PlotView';
import { QueryPicker } from '../components/QueryPicker';
import { tokenLabels } from '../lessons/tokenLabels';
import { useWholeNumberInput } from '../components/useWholeNumberInput';
import type { PlotVector } from '../components/VectorPlot2D';
import type { OutputBadge } from '../lessons/badge';
import { pyFixed } from '../math/format';
import type { Tensor } from '../math/tensor';
import { playgroundNotebook } from '../export/playground';
import { oneLine } from '../export/python';
import {
  attend,
  baseTensors,
  drawnEmbeddings,
  editsOf,
  MAX_DIM,
  printed,
  pythonCode,
  type CodeSettings,
  type PlaygroundValues,
  type Positions,
  type Settings,
} from '../lessons/playground';
import { checkSentence, MAX_TOKENS, tokenize } from '../lessons/tokenize';
import { appStore, editingOff, pageView, playgroundValues, useApp } from '../state/store';
import { ensureSync } from '../state/sync';
import { CanvasHeatmap } from './CanvasHeatmap';
import type { Cell } from '../view/heatmap';
import { followQuery } from './followQuery';
import './PlaygroundPage.css';

// Saved edits and the link in the address bar go into the store before the page renders from it.
ensureSync();

const PAGE = 'playground';

/** Sets the playground's settings, in order, as one undo step. */
function set(patch: Partial<Settings>) {
  appStore.getState().editMany(PAGE, Object.entries(patch));
}

/** Back to what the seed draws for the sentence and d (the settings stay). */
function resetEdits() {
  const v = playgroundValues(appStore.getState());
  appStore.getState().edit(PAGE, 'embeddings', drawnEmbeddings(v.sentence, v.d, v.seed));
}

/** The settings and edited cells, as the code and the notebook take them. */
function codeSettings(v: PlaygroundValues, edits = editsOf(v)): CodeSettings {
  const { sentence, d, seed, mode, dk, dv, causal, query, positions } = v;
  return { sentence, d, seed, mode, dk, dv, causal, query, positions, edits };
}

/** Copy as PyTorch and Download notebook: the page's cell, from the values at the click. */
const EXPORTS: PageExports = {
  python: (link) => {
    const s = codeSettings(playgroundValues(appStore.getState()));
    const code = pythonCode(s, tokenize(s.sentence).length);
    return {
      code: [
        '# Attention Notebook: playground, with the values shown on the page (your edits',
        '# included). Needs PyTorch: pip install torch.',
        ...(link ? [`# Link: ${oneLine(link)}`] : []),
        `${code}\n`,
      ].join('\n'),
      copied: 'PyTorch code of the playground copied.',
    };
  },
  notebook: (link) =>
    playgroundNotebook(codeSettings(playgroundValues(appStore.getState())), { link }),
  fileName: 'playground.ipynb',
};

/** Largest side drawn as a DOM table; bigger matrices are canvas heatmaps. */
const TABLE_MAX = 16;
const NO_HIGHLIGHT: MatrixHighlight = { i: null, j: null };
/** Cell text as PyTorch prints it (4 decimals; `-inf` for a masked score), as the lessons show it. */
const fmt4 = (x: number) => pyFixed(x, 4);

export default function PlaygroundPage() {
  const values = useApp(playgroundValues);
  const locked = useApp((s) => editingOff(s, PAGE));
  const plotOptions = useApp((s) => pageView(s, PAGE).plot);
  const { sentence, d, seed, mode, dk, dv, causal, query, positions, embeddings: x } = values;

  const tokens = useMemo(() => tokenize(sentence), [sentence]);
  // Repeated words numbered ("it #1", "it #2") as the lessons do, so every row, cell and option
  // has its own accessible name.
  const labels = useMemo(() => tokenLabels(tokens), [tokens]);
  const base = useMemo(
    () => baseTensors(tokens, d, seed, dk, dv, positions),
    [tokens, d, seed, dk, dv, positions],
  );
  // Learned and sinusoidal positions are added to x: the table stays the token embeddings the
  // learner edits, and the plot and matrices show x + positions, what attention used.
  const pe = base.pe;
  const edits = useMemo(() => editsOf(values), [values]);
  const edited = edits.length > 0;
  const result = useMemo(() => attend(x, base, mode, causal), [x, base, mode, causal]);
  const output = useMemo(() => printed(result, query), [result, query]);
  const code = useMemo(
    () => pythonCode(codeSettings(values, edits), tokens.length),
    [values, edits, tokens.length],
  );

  const n = tokens.length;
  const dimLabels = useMemo(() => Array.from({ length: d }, (_, k) => `dim ${k + 1}`), [d]);
  const outDims = mode === 'plain' ? d : dv;
  const outLabels = useMemo(
    () => Array.from({ length: outDims }, (_, k) => `dim ${k + 1}`),
    [outDims],
  );

  const setX = useCallback(
    (next: Tensor) => appStore.getState().edit(PAGE, 'embeddings', next),
    [],
  );

  // A new sentence keeps the query's word where it still is; else the first word is the query,
  // and this says so.
  const [queryNote, setQueryNote] = useState('');
  const commitSentence = useCallback((text: string, start: EditStart) => {
    const before = tokenize(start.sentence);
    const after = tokenize(text);
    const followed = followQuery(before, start.query, after);
    set({ sentence: text, query: followed.query });
    setQueryNote(
      followed.lost
        ? `The query “${before[start.query] ?? ''}” is not in the sentence now, so the first word, “${after[0] ?? ''}”, is the query.`
        : '',
    );
  }, []);

  const [highlight, setHighlight] = useState<MatrixHighlight>(NO_HIGHLIGHT);
  /** What every matrix of the page shares: token rows, the pointed-at cell, the query's row. */
  const matrixProps = { rowLabels: labels, highlight, onHighlight: setHighlight, queryRow: query };
  const [editCell, setEditCell] = useState<Cell>({ r: 0, c: 0 });
  const small = n <= TABLE_MAX && d <= TABLE_MAX;

  const shown = result.input;
  const vectors = useMemo<PlotVector[]>(
    () =>
      labels.map((t, r) => ({
        label: t,
        color: quiverColor(r),
        values: shown.data.subarray(r * d, r * d + d),
        draggable: !locked,
        emphasis: r === query,
      })),
    [labels, shown, d, query, locked],
  );
  const queryWeights = useMemo(() => rowOf(result.weights, query), [result, query]);
  const queryContext = useMemo(() => rowOf(result.context, query), [result, query]);

  // An edit or a drag changes none of the settings or the query: their elements stay the same, so
  // React skips them (64 query radios among them) on every step.
  const settingsView = useMemo(
    () => (
      <section className="playground-settings" aria-label="Settings">
        <SentenceField
          value={sentence}
          query={query}
          onCommit={commitSentence}
          note={queryNote}
          readOnly={locked}
        />
        <div className="playground-row">
          <IntField
            label="Embedding size d"
            value={d}
            min={1}
            max={MAX_DIM}
            onCommit={(v) => set({ d: v })}
            readOnly={locked}
          />
          <IntField
            label="Seed"
            value={seed}
            min={0}
            max={Number.MAX_SAFE_INTEGER}
            onCommit={(v) => set({ seed: v })}
            readOnly={locked}
          />
        </div>
        <fieldset className="playground-row">
          <legend>Attention</legend>
          <label>
            <input
              type="radio"
              name="playground-mode"
              checked={mode === 'plain'}
              disabled={locked}
              onChange={() => set({ mode: 'plain' })}
            />
            Plain (scores = x @ x.T)
          </label>
          <label>
            <input
              type="radio"
              name="playground-mode"
              checked={mode === 'trainable'}
              disabled={locked}
              onChange={() => set({ mode: 'trainable' })}
            />
            Trainable (W_query, W_key, W_value)
          </label>
          <label>
            <input
              type="checkbox"
              checked={causal}
              disabled={locked}
              onChange={(e) => set({ causal: e.target.checked })}
            />
            Causal mask
          </label>
        </fieldset>
        {mode === 'trainable' && (
          <div className="playground-row">
            <IntField
              label="d_k"
              value={dk}
              min={1}
              max={MAX_DIM}
              onCommit={(v) => set({ dk: v })}
              readOnly={locked}
            />
            <IntField
              label="d_v"
              value={dv}
              min={1}
              max={MAX_DIM}
              onCommit={(v) => set({ dv: v })}
              readOnly={locked}
            />
          </div>
        )}
        <PositionsField value={positions} mode={mode} readOnly={locked} />
      </section>
    ),
    [sentence, query, commitSentence, queryNote, d, seed, mode, dk, dv, causal, positions, locked],
  );
  const picker = useMemo(
    () => (
      <QueryPicker
        tokens={labels}
        query={query}
        onChange={(q) => {
          setQueryNote('');
          set({ query: q });
        }}
      />
    ),
    [labels, query],
  );

  return (
    <div className="playground">
      <h1>Playground</h1>
      <p className="lede">
        Type your own sentence, choose the sizes and the seed, and watch attention work on it. The
        code below is the PyTorch cell that computes the same numbers.
      </p>
      <PageToolbar id={PAGE} step={1} exports={EXPORTS} reset={{ label: 'Reset the playground' }} />
      <Notices scope={PAGE} />

      {settingsView}

      {picker}

      <section aria-label="Embeddings">
        <h2>Embeddings</h2>
        {pe && (
          <p className="hint">
            The token embeddings, which you edit. Attention uses them with the positions added (x +
            positions), which the plot and the matrices below show.
          </p>
        )}
        {small ? (
          <EditableMatrix
            caption={pe ? 'Token embeddings' : 'Embeddings'}
            rowLabels={labels}
            colLabels={dimLabels}
            value={x}
            onChange={setX}
            highlightRows={[query]}
            rowColors={tokens.map((_, r) => labelColor(r))}
            onReset={resetEdits}
            resetLabel="Reset to the seed's values"
            edited={edited}
            readOnly={locked}
          />
        ) : (
          <LargeEmbeddings
            x={x}
            tokens={labels}
            dimLabels={dimLabels}
            cell={editCell}
            onSelect={setEditCell}
            onChange={setX}
            edited={edited}
            readOnly={locked}
            query={query}
          />
        )}
      </section>

      <section aria-label="Plot">
        {d >= 2 && pe && (
          <p className="hint">
            The arrows are x + positions, what attention uses. Moving a tip changes that word&apos;s
            token embedding by as much; its position stays.
          </p>
        )}
        {d >= 2 && positions === 'rotary' && (
          <p className="hint">
            The arrows are the embeddings as they are: rotary positions turn them only inside the
            scores.
          </p>
        )}
        {d >= 2 ? (
          <PlotView
            title={
              pe
                ? 'x + positions (what attention uses)'
                : positions === 'rotary'
                  ? "Your sentence's embeddings (rotary turns them only inside the scores)"
                  : "Your sentence's embeddings"
            }
            vectors={vectors}
            dims={d}
            weights={queryWeights}
            query={query}
            context={queryContext}
            onMove={(r, next) => {
              // The arrows are x + positions when positions are added: the token row is the
              // dragged point less its position.
              const data = x.data.slice();
              for (let k = 0; k < d; k++) {
                data[r * d + k] = pe ? next[k]! - pe.data[r * d + k]! : next[k]!;
              }
              setX({ shape: x.shape, data });
            }}
            highlight={highlight.i ?? highlight.j}
            onHighlight={(i) => setHighlight({ i, j: null })}
            options={plotOptions}
            onOptions={(p) => appStore.getState().setPlotOptions(PAGE, p)}
            readOnly={locked}
          />
        ) : (
          <p className="hint">With d = 1 there is nothing to plot: each embedding is one number.</p>
        )}
      </section>

      <section aria-label="Attention matrices" className="playground-matrices">
        <h2>Scores, weights and context</h2>
        {pe && (
          <>
            <Matrix
              caption={
                positions === 'learned'
                  ? 'Learned positions (pos_embed), added'
                  : 'Sinusoidal positions (pe), added'
              }
              value={pe}
              {...matrixProps}
              colLabels={dimLabels}
              scale="diverging"
            />
            <Matrix
              caption="x + positions (what attention uses)"
              value={result.input}
              {...matrixProps}
              colLabels={dimLabels}
              scale="diverging"
            />
          </>
        )}
        <Matrix
          caption={scoresCaption(mode, positions, causal, d, dk)}
          value={result.scores}
          {...matrixProps}
          colLabels={labels}
          scale="diverging"
        />
        <Matrix
          caption="Attention weights"
          value={result.weights}
          {...matrixProps}
          colLabels={labels}
          scale="sequential"
        />
        <Matrix
          caption={
            mode === 'plain' && pe
              ? 'Context vectors (weights @ (x + positions))'
              : 'Context vectors'
          }
          value={result.context}
          {...matrixProps}
          colLabels={outLabels}
        />
      </section>

      <section aria-label="Code">
        <h2>The PyTorch code</h2>
        <CodeCell code={code} output={output} badge={playgroundBadge(edited)} />
      </section>
    </div>
  );
}

/** The scores' caption: what they are made of, as the code shown computes them. */
function scoresCaption(mode: string, positions: Positions, causal: boolean, d: number, dk: number) {
  const turned = positions === 'rotary' && (mode === 'plain' ? d : dk) > 1;
  const what =
    mode === 'plain'
      ? turned
        ? 'Attention scores (rope(x) @ rope(x).T)'
        : positions === 'learned' || positions === 'sinusoidal'
          ? 'Attention scores (x @ x.T, x with positions)'
          : 'Attention scores (x @ x.T)'
      : turned
        ? 'Scaled scores (turned queries and keys)'
        : 'Scaled scores';
  return what + (causal ? ', masked: the future is -inf' : '');
}

/** What each kind of positions does, said under the choice (true of the code shown). */
function positionsHint(positions: Positions, mode: string): ReactNode {
  switch (positions) {
    case 'none':
      return (
        <>
          No positions. Without the causal mask, attention sees the words as a set: reorder them and
          the context vectors come out reordered (the same up to rounding in the last bits), and a
          repeated word gets the same context vector each time. The causal mask alone already tells
          earlier words from later ones.
        </>
      );
    case 'learned':
      return (
        <>
          A second table, <code>torch.nn.Embedding(len(words), d)</code>, one row per position,
          added to the token embeddings before attention. Untrained, its rows are random: it is
          drawn from the seed right after the token embeddings, as GPT-style code does
          {mode === 'trainable' ? (
            <>
              , so <code>W_query</code>, <code>W_key</code> and <code>W_value</code>, drawn after
              it, differ from those without it.
            </>
          ) : (
            '.'
          )}
        </>
      );
    case 'sinusoidal':
      return (
        <>
          The original Transformer&apos;s fixed table, added to the token embeddings: column 2i is{' '}
          <code>sin(p · θ_i)</code> and column 2i + 1 is <code>cos(p · θ_i)</code> for position p,
          with θ_i = 10000^(−2i/d). Nothing is drawn. With an odd d the last column is a sine.
        </>
      );
    case 'rotary':
      return mode === 'plain' ? (
        <>
          Rotary positions (RoPE, as in LLaMA) turn each pair of dimensions (2i, 2i&nbsp;+&nbsp;1)
          of a word&apos;s vector by the angle p · θ_i, p its position. Plain attention has no
          queries and keys, so the scores compare the turned x (<code>rope(x) @ rope(x).T</code>)
          and the context still mixes x itself. Nothing is added. An odd d leaves its last dimension
          as it is; with d = 1 nothing turns.
        </>
      ) : (
        <>
          Rotary positions (RoPE, as in LLaMA) turn each pair of dimensions (2i, 2i&nbsp;+&nbsp;1)
          of the queries and keys by the angle p · θ_i, p the word&apos;s position: moving two words
          by the same number of places leaves their score as it was (in exact arithmetic; float32
          may differ in the last bits). The values are not turned and nothing is added. An odd d_k
          leaves its last dimension as it is; with d_k = 1 nothing turns.
        </>
      );
  }
}

const POSITION_CHOICES: { value: Positions; label: string }[] = [
  { value: 'none', label: 'None' },
  { value: 'learned', label: 'Learned' },
  { value: 'sinusoidal', label: 'Sinusoidal' },
  { value: 'rotary', label: 'Rotary (RoPE)' },
];

/** The radio group "Positions", with what the chosen kind does under it. */
function PositionsField(props: { value: Positions; mode: string; readOnly: boolean }) {
  const id = useId();
  return (
    <fieldset className="playground-positions" aria-describedby={`${id}-hint`}>
      <legend>Positions</legend>
      <div className="playground-row">
        {POSITION_CHOICES.map((c) => (
          <label key={c.value}>
            <input
              type="radio"
              name="playground-positions"
              checked={props.value === c.value}
              disabled={props.readOnly}
              onChange={() => set({ positions: c.value })}
            />
            {c.label}
          </label>
        ))}
      </div>
      <p id={`${id}-hint`} className="hint">
        {positionsHint(props.value, props.mode)}
      </p>
    </fieldset>
  );
}

/** The playground follows no notebook: its output is the learner's sentence, or their edits of it. */
function playgroundBadge(edited: boolean): OutputBadge {
  return edited
    ? { state: 'edited', label: 'edited', note: 'your edits to the embeddings' }
    : { state: 'new', label: 'not in a notebook', note: 'your sentence, embeddings from the seed' };
}

function rowOf(t: Tensor, r: number): Tensor {
  const c = t.shape[1]!;
  return { shape: [c], data: t.data.slice(r * c, r * c + c) };
}

function Matrix(props: {
  caption: string;
  value: Tensor;
  rowLabels: readonly string[];
  colLabels: readonly string[];
  highlight: MatrixHighlight;
  onHighlight: (h: MatrixHighlight) => void;
  scale?: 'sequential' | 'diverging';
  /** The query token's row, marked on a canvas heatmap. */
  queryRow: number;
}) {
  const [rows, cols] = props.value.shape as [number, number];
  if (rows <= TABLE_MAX && cols <= TABLE_MAX) {
    return (
      <MatrixView
        caption={props.caption}
        value={props.value}
        rowLabels={props.rowLabels}
        colLabels={props.colLabels}
        highlight={props.highlight}
        onHighlight={props.onHighlight}
        scale={props.scale}
        format={fmt4}
      />
    );
  }
  return (
    <CanvasHeatmap
      caption={props.caption}
      value={props.value}
      rowLabels={props.rowLabels}
      colLabels={props.colLabels}
      scale={props.scale}
      queryRow={props.queryRow}
    />
  );
}

/**
 * Embeddings too big for a table: a heatmap to pick a cell (click or arrow keys) and an editable
 * strip of at most 16 dimensions of that token's row around it.
 */
function LargeEmbeddings(props: {
  x: Tensor;
  tokens: readonly string[];
  dimLabels: readonly string[];
  cell: Cell;
  onSelect: (cell: Cell) => void;
  onChange: (next: Tensor) => void;
  edited: boolean;
  query: number;
  readOnly: boolean;
}) {
  const { x, tokens, dimLabels, onChange } = props;
  const [n, d] = x.shape as [number, number];
  const r = Math.min(props.cell.r, n - 1);
  const start = Math.floor(Math.min(props.cell.c, d - 1) / TABLE_MAX) * TABLE_MAX;
  const end = Math.min(d, start + TABLE_MAX);
  const strip: Tensor = { shape: [1, end - start], data: x.data.slice(r * d + start, r * d + end) };
  return (
    <div className="large-embeddings">
      <CanvasHeatmap
        caption="Embeddings"
        value={x}
        rowLabels={tokens}
        colLabels={dimLabels}
        onSelect={props.onSelect}
        queryRow={props.query}
      />
      <EditableMatrix
        caption={`Edit token ${r + 1} (${tokens[r] ?? ''}), dimensions ${start + 1} to ${end}`}
        rowLabels={[tokens[r] ?? '']}
        colLabels={dimLabels.slice(start, end)}
        value={strip}
        cellLabel={(_, c) => `${tokens[r] ?? ''}, dimension ${start + c + 1}`}
        onChange={(next) => {
          const data = x.data.slice();
          data.set(next.data, r * d + start);
          onChange({ shape: x.shape, data });
        }}
        onReset={resetEdits}
        resetLabel="Reset to the seed's values"
        edited={props.edited}
        readOnly={props.readOnly}
      />
      <p className="hint">
        Pick a cell in the heatmap (click, or focus it and use the arrow keys) to edit that
        token&apos;s dimensions here.
      </p>
    </div>
  );
}

/** The sentence and query when an edit of the sentence began. */
interface EditStart {
  sentence: string;
  query: number;
}

function SentenceField(props: {
  value: string;
  query: number;
  onCommit: (s: string, start: EditStart) => void;
  /** What happened to the query, or ''. */
  note: string;
  /** A classroom view: the sentence is shown, not edited. */
  readOnly: boolean;
}) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  // Each keystroke's sentence is compared with the one before the editing began, so a query
  // word typed away and back again is the query again.
  const start = useRef<EditStart | null>(null);
  return (
    <div className="playground-field">
      <label htmlFor={id}>Sentence</label>
      <textarea
        id={id}
        rows={2}
        value={draft ?? props.value}
        readOnly={props.readOnly}
        aria-invalid={message !== ''}
        aria-describedby={`${id}-hint ${id}-msg ${id}-note`}
        onChange={(e) => {
          const text = e.target.value;
          setDraft(text);
          start.current ??= { sentence: props.value, query: props.query };
          const check = checkSentence(text);
          if (check.ok) {
            setMessage('');
            props.onCommit(text, start.current);
          } else setMessage(`${check.message} The last valid sentence is still in use.`);
        }}
        onBlur={() => {
          start.current = null;
          setDraft(null);
          setMessage('');
        }}
      />
      <p id={`${id}-hint`} className="hint">
        Words are split as the notebooks split them, with Python&apos;s{' '}
        <code>sentence.split()</code>: on whitespace, so punctuation stays on its word. Up to{' '}
        {MAX_TOKENS} tokens.
      </p>
      <p id={`${id}-note`} className="playground-note" aria-live="polite">
        {props.note}
      </p>
      <p id={`${id}-msg`} className="field-error" aria-live="polite">
        {message}
      </p>
    </div>
  );
}

function IntField(props: {
  label: string;
  value: number;
  min: number;
  max: number;
  onCommit: (v: number) => void;
  readOnly: boolean;
}): ReactNode {
  const id = useId();
  // Applied on Enter, on leaving the field or after a pause: typing "16" makes one change, not 1
  // then 16; a text that is no whole number in range is refused with a message.
  const field = useWholeNumberInput(props);
  return (
    <div className="playground-field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        inputMode="numeric"
        autoComplete="off"
        enterKeyHint="done"
        readOnly={props.readOnly}
        {...field.inputProps}
      />
      <p id={field.messageId} className="field-error" aria-live="polite">
        {field.message}
      </p>
    </div>
  );
}
