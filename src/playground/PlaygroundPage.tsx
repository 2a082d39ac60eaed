/**
 * The playground: the learner's own sentence, sizes, seed and attention kind; the embedding table,
 * query picker, score/weight/context matrices, the plot and the PyTorch cell with its printed
 * output, all recomputed by the math core. Matrices over 16 × 16 are canvas heatmaps.
 *
 * Its values live in the app store like a lesson's (fields: src/state/playground.ts), so it has
 * the lessons' undo and redo, autosave, share and classroom links, Copy as PyTorch and Download
 * notebook (the same toolbar), and a classroom link makes it read-only but for the query.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { CodeCell } from '../components/CodeCell';
import { PageToolbar, type PageExports } from '../components/LessonToolbar';
import { Notices } from '../components/Notice';
import { labelColor, quiverColor } from '../view/colors';
import { EditableMatrix } from '../components/EditableMatrix';
import { MatrixView, type MatrixHighlight } from '../components/MatrixView';
import { PlotView } from '../components/PlotView';
import { QueryPicker } from '../components/QueryPicker';
import { dimLabels as dimensionLabels, tokenLabels } from '../lessons/tokenLabels';
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
  goalTargets,
  optimizerSpec,
  printed,
  printedAfterTraining,
  pythonCode,
  trainingUnavailable,
  trainStart,
  type CodeSettings,
  type PlaygroundValues,
  type Positions,
} from '../lessons/playground';
import { tokenize } from '../lessons/tokenize';
import { appStore, editingOff, pageView, playgroundValues, useApp } from '../state/store';
import { ensureSync } from '../state/sync';
import { CanvasHeatmap } from './CanvasHeatmap';
import type { Cell } from '../view/heatmap';
import { followQuery } from './followQuery';
import { PAGE, setSettings as set } from './actions';
import { SettingsPanel, type EditStart } from './SettingsPanel';
import { TrainingPanel } from './TrainingPanel';
import { useTraining, type TrainRun } from './useTraining';

/** The step a training run stopped at, into the store (where links and autosave take it). */
const writeTrainStep = (k: number) => appStore.getState().edit(PAGE, 'trainStep', k);
import './PlaygroundPage.css';

// Saved edits and the link in the address bar go into the store before the page renders from it.
ensureSync();

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

/**
 * The cell the page shows now and what it printed: with a training run, the step on show (while it
 * plays, past the step the store last recorded).
 */
let shownCell: { settings: CodeSettings; output: string } | null = null;

/** The page's cell at the click: what it shows, else (not rendered yet) the store's values. */
function exportSettings(): { settings: CodeSettings; output?: string } {
  return shownCell ?? { settings: codeSettings(playgroundValues(appStore.getState())) };
}

/** Copy as PyTorch and Download notebook: the page's cell, from the values at the click. */
const EXPORTS: PageExports = {
  python: (link) => {
    const s = exportSettings().settings;
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
  notebook: (link) => {
    const shown = exportSettings();
    return playgroundNotebook(shown.settings, { link }, shown.output);
  },
  fileName: 'playground.ipynb',
};

const RESET = { label: 'Reset the playground' };

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

  // Training (trainable mode with a goal): a run in a worker; the matrices, the plot's weights and
  // the code show the W at the step it reports.
  const { goal, optimizer, lr, steps, trainStep } = values;
  const unavailable = trainingUnavailable(values);
  const targets = useMemo(() => goalTargets(goal, tokens.length), [goal, tokens.length]);
  const run = useMemo<TrainRun | null>(
    () =>
      unavailable || !targets
        ? null
        : {
            start: trainStart(x, base),
            settings: {
              task: { kind: 'crossEntropy', target: targets },
              optimizer: optimizerSpec(optimizer, lr),
              causal,
            },
          },
    [unavailable, targets, x, base, optimizer, lr, causal],
  );
  const training = useTraining(run, trainStep, steps, writeTrainStep);
  const shownStep = training.state?.ready ? training.state.step : 0;
  // Step 0 is the W drawn from the seed: the page's own tensors (no new computation).
  const trained = shownStep > 0 ? training.state!.weights : null;
  const losses = training.state?.losses;
  const weightsNow = useMemo(
    () => (trained ? { ...base, wq: trained[0], wk: trained[1], wv: trained[2] } : base),
    [trained, base],
  );

  const result = useMemo(() => attend(x, weightsNow, mode, causal), [x, weightsNow, mode, causal]);
  const cellSettings = useMemo<CodeSettings>(
    () => ({
      ...codeSettings(values, edits),
      ...(run && targets && { training: { target: targets, optimizer, lr, steps: shownStep } }),
    }),
    [values, edits, run, targets, optimizer, lr, shownStep],
  );
  const output = useMemo(
    () =>
      cellSettings.training
        ? printedAfterTraining(losses ?? [], shownStep, result, query)
        : printed(result, query),
    [cellSettings, losses, shownStep, result, query],
  );
  const code = useMemo(
    () => pythonCode(cellSettings, tokens.length),
    [cellSettings, tokens.length],
  );
  useEffect(() => {
    shownCell = { settings: cellSettings, output };
  }, [cellSettings, output]);
  useEffect(() => () => void (shownCell = null), []);

  const n = tokens.length;
  const dimLabels = useMemo(() => dimensionLabels(d), [d]);
  const outDims = mode === 'plain' ? d : dv;
  const outLabels = useMemo(() => dimensionLabels(outDims), [outDims]);

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
      <SettingsPanel
        sentence={sentence}
        query={query}
        d={d}
        seed={seed}
        mode={mode}
        dk={dk}
        dv={dv}
        causal={causal}
        positions={positions}
        locked={locked}
        onSentence={commitSentence}
        queryNote={queryNote}
      />
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
      <PageToolbar id={PAGE} step={1} exports={EXPORTS} reset={RESET} />
      <Notices scope={PAGE} />

      {settingsView}

      {picker}

      {mode === 'trainable' && (
        <TrainingPanel
          labels={labels}
          goal={goal}
          optimizer={optimizer}
          lr={lr}
          steps={steps}
          causal={causal}
          query={query}
          locked={locked}
          unavailable={unavailable}
          weights={result.weights}
          step={shownStep}
          training={training}
          run={run}
        />
      )}

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
