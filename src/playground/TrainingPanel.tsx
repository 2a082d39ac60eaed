/**
 * The playground's training panel (trainable attention): the goal (for each query word, the key it
 * should attend to: a preset, or a click on a cell of the weights heatmap), the optimizer, the
 * learning rate and the run's length (TrainControls), Play / Step / Reset, and the loss curve,
 * which scrubs through the run. The run itself is useTraining's (a worker); the page shows every
 * matrix at the step the trainer reports.
 */
import { memo, useCallback, useId, useMemo, useState } from 'react';
import { LineChart } from '../components/LineChart';
import { TrainControls } from '../components/TrainControls';
import {
  goalOf,
  goalTargets,
  MAX_TRAIN_STEPS,
  type Goal,
  type GoalPreset,
  type OptimizerKind,
} from '../lessons/playground';
import { pyFixed } from '../math/format';
import type { Tensor } from '../math/tensor';
import { appStore } from '../state/store';
import type { Cell } from '../view/heatmap';
import { PAGE } from './actions';
import { CanvasHeatmap } from './CanvasHeatmap';
import { runId, type Training, type TrainRun } from './useTraining';
import './TrainingPanel.css';

const edit = (name: string, value: unknown) => appStore.getState().edit(PAGE, name, value);

const PRESETS: { value: 'none' | GoalPreset; label: string }[] = [
  { value: 'none', label: 'No goal' },
  { value: 'self', label: 'Itself' },
  { value: 'previous', label: 'The word before it' },
  { value: 'first', label: 'The first word' },
];

export function TrainingPanel(props: {
  labels: readonly string[];
  goal: Goal;
  optimizer: OptimizerKind;
  lr: number;
  steps: number;
  causal: boolean;
  query: number;
  /** A classroom view: the goal and the settings are shown, not changed. */
  locked: boolean;
  /** Why this playground cannot train, or null. */
  unavailable: string | null;
  /** The attention weights shown (at the step the run is at): the goal's heatmap. */
  weights: Tensor;
  /** The step shown (0 before the trainer has reported). */
  step: number;
  training: Training;
  /** The run on show (marked as data-run, which changes in the render that shows an edit). */
  run: TrainRun | null;
}) {
  const id = useId();
  const { labels, goal, causal, locked, training } = props;
  const n = labels.length;
  const [message, setMessage] = useState('');
  const [log, setLog] = useState(false);
  const targets = useMemo(() => goalTargets(goal, n), [goal, n]);
  const state = training.state;
  const clearMessage = useCallback(() => setMessage(''), []);

  if (props.unavailable) {
    return (
      <section className="playground-training" aria-labelledby={`${id}-h`}>
        <h2 id={`${id}-h`}>Training</h2>
        <p className="hint">{props.unavailable}</p>
      </section>
    );
  }

  const pick = (cell: Cell) => {
    if (locked) {
      setMessage('This is a classroom view: the goal is shown, not changed.');
      return;
    }
    if (causal && cell.c > cell.r) {
      setMessage(
        `With the causal mask, “${labels[cell.r]}” cannot attend to a later word (“${labels[cell.c]}”); the goal is unchanged.`,
      );
      return;
    }
    const keys = [...(targets ?? goalTargets('self', n)!)];
    keys[cell.r] = cell.c;
    setMessage(`Goal: “${labels[cell.r]}” attends to “${labels[cell.c]}”.`);
    edit('goal', goalOf(keys));
  };

  const masked = causal && targets ? targets.findIndex((k, i) => k > i) : -1;
  const k = props.step;
  const losses = state?.losses;
  const lastLoss = losses && k > 0 && k <= losses.length ? losses[k - 1] : undefined;
  const status = !state?.ready
    ? 'starting'
    : state.error
      ? state.error
      : state.goal !== null && !state.playing
        ? `going to step ${state.goal}`
        : lastLoss === undefined
          ? 'no step taken yet'
          : `loss ${pyFixed(lastLoss, 4)} in step ${k - 1}`;

  return (
    <section
      className="playground-training"
      aria-labelledby={`${id}-h`}
      data-run={runId(props.run)}
      data-trained-steps={training.trainedSteps}
    >
      <h2 id={`${id}-h`}>Training</h2>
      <p className="hint">
        Choose, for each word, the word it should attend to. Training then changes{' '}
        <code>W_query</code> and <code>W_key</code> step by step to lower the cross-entropy between
        the scaled scores and that goal; the matrices, the plot and the code below show the weights
        at the step the run is at. The W drawn from the seed are step 0.
      </p>
      <GoalChoice id={id} goal={goal} locked={locked} onChoose={clearMessage} />
      <p id={`${id}-goal-hint`} className="hint">
        Or click a cell of the heatmap (or move to it with the arrow keys and press Enter): its row
        then attends to its column.
        {goal === 'previous' && ' The first word has no word before it: it attends to itself.'}
      </p>
      <p className="pt-message" role="status">
        {message}
      </p>
      {masked >= 0 && (
        <p className="pt-warning">
          With the causal mask, “{labels[masked]}” cannot see the word its goal names (a later
          word): its loss is infinite, and so is the mean. Pick an earlier word for it.
        </p>
      )}
      <div className="pt-grid">
        <CanvasHeatmap
          caption={`Attention weights at step ${k}${targets ? ', the goal dotted' : ''}`}
          value={props.weights}
          rowLabels={labels}
          colLabels={labels}
          scale="sequential"
          queryRow={props.query}
          onPick={pick}
          marks={targets}
          markName="the goal"
        />
        {targets ? (
          <div className="pt-run">
            <TrainControls
              step={k}
              steps={props.steps}
              playing={state?.playing ?? false}
              optimizer={props.optimizer}
              lr={props.lr}
              readOnly={locked}
              onPlay={() => training.play(props.steps)}
              onPause={training.pause}
              onStep={training.step}
              onReset={training.reset}
              onOptimizer={(o) => edit('optimizer', o)}
              onLr={(lr) => edit('lr', lr)}
              onSteps={(s) => edit('steps', s)}
              status={status}
              maxSteps={MAX_TRAIN_STEPS}
            />
            {training.restarted && <p className="pt-restarted">{training.restarted}</p>}
            <LineChart
              values={losses ?? new Float32Array(0)}
              selected={losses && losses.length > 0 ? Math.min(k, losses.length - 1) : null}
              onSelect={training.seek}
              log={log}
              xLabel="step"
              yLabel="loss"
              label="Loss at each training step: move to go to that step"
              valueName="loss"
            />
            <label className="pt-log">
              <input type="checkbox" checked={log} onChange={(e) => setLog(e.target.checked)} />
              Log scale
            </label>
          </div>
        ) : (
          <p className="hint pt-run">Pick a goal to train towards it.</p>
        )}
      </div>
    </section>
  );
}

/**
 * The goal's presets as radios (and "Your picks" once cells were picked). Memoised: the panel
 * renders again at every edit and every training step, and its radios need not.
 */
const GoalChoice = memo(function GoalChoice(props: {
  id: string;
  goal: Goal;
  locked: boolean;
  /** A preset was chosen (the panel clears its message). */
  onChoose: () => void;
}) {
  const { id, goal, locked, onChoose } = props;
  return (
    <fieldset className="pt-goal" aria-describedby={`${id}-goal-hint`}>
      <legend>Goal: each word attends to</legend>
      {PRESETS.map((p) => (
        <label key={p.value}>
          <input
            type="radio"
            name={`${id}-goal`}
            checked={goal === p.value}
            disabled={locked}
            onChange={() => {
              onChoose();
              edit('goal', p.value);
            }}
          />
          {p.label}
        </label>
      ))}
      {typeof goal !== 'string' && (
        <label>
          <input type="radio" name={`${id}-goal`} checked readOnly disabled={locked} />
          Your picks
        </label>
      )}
    </fieldset>
  );
});
