/**
 * The controls of a training run, controlled and free of any store: Play / Pause (one button whose
 * label says what it does), Step (one step forward), Reset (back to step 0), the optimizer (SGD or
 * Adam), the learning rate and the run's length in steps, and a status line.
 *
 * The learning rate and the steps are applied on Enter, on leaving the field or after a short
 * pause, like the seed: a text that is not a number more than 0 (or not a whole number of steps)
 * is never applied, rounded or replaced; the field goes back to the value in use and a message
 * beside it says what was refused and what was kept.
 *
 * The status line shows the step at every change; screen readers hear it through a polite live
 * region that, while the run plays, speaks at most once every ANNOUNCE_MS (not once per step), and
 * at once when it stops.
 *
 * `readOnly` (a classroom view): the settings (optimizer, rate, steps) are shown, not changed; Play,
 * Step and Reset still move through the run, which changes no setting.
 */
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { useTypedInput, useWholeNumberInput } from './useWholeNumberInput';
import {
  formatLearningRate,
  learningRateMessage,
  parseLearningRate,
  statusText,
} from '../view/trainInput';
import './TrainControls.css';

export type OptimizerKind = 'sgd' | 'adam';

export type TrainControlsProps = {
  /** The step the run is at (0: the start). */
  step: number;
  /** The run's length: Play stops here, Step goes no further. */
  steps: number;
  playing: boolean;
  optimizer: OptimizerKind;
  lr: number;
  /** Settings shown but not changeable (a classroom view); Play, Step and Reset still work. */
  readOnly?: boolean;
  onPlay: () => void;
  onPause: () => void;
  onStep: () => void;
  onReset: () => void;
  onOptimizer: (kind: OptimizerKind) => void;
  onLr: (lr: number) => void;
  onSteps: (n: number) => void;
  /** What the page adds to the status line, e.g. "loss 0.4123". */
  status?: string;
  /** The most steps the steps field accepts (default 10 000). */
  maxSteps?: number;
  /** The group's accessible name (default "Training"). */
  label?: string;
};

/** Least time between two announcements of a playing run's status, in ms. */
export const ANNOUNCE_MS = 3000;
export const DEFAULT_MAX_STEPS = 10_000;

const OPTIMIZERS: { value: OptimizerKind; label: string }[] = [
  { value: 'sgd', label: 'SGD' },
  { value: 'adam', label: 'Adam' },
];

export function TrainControls(props: TrainControlsProps) {
  const { step, steps, playing, readOnly = false } = props;
  const id = useId();
  const atEnd = step >= steps;
  const text = statusText({ step, steps, playing, status: props.status });
  const announced = useAnnouncement(text, playing);
  const stepsField = useWholeNumberInput({
    label: 'Steps',
    value: steps,
    min: 1,
    max: props.maxSteps ?? DEFAULT_MAX_STEPS,
    onCommit: props.onSteps,
  });
  const lrField = useLearningRateInput(props.lr, props.onLr);

  // Buttons that cannot act now say so (aria-disabled) but keep focus: Pause turning into a
  // disabled Play at the end of a run would otherwise drop the keyboard's place.
  const playBlocked = !playing && atEnd;
  const stepBlocked = atEnd;
  const resetBlocked = step === 0 && !playing;

  return (
    <div className="tc" role="group" aria-label={props.label ?? 'Training'}>
      <div className="tc-transport">
        <button
          type="button"
          className="tc-play"
          aria-disabled={playBlocked || undefined}
          aria-describedby={playBlocked ? `${id}-end` : undefined}
          onClick={() => {
            if (playing) props.onPause();
            else if (!playBlocked) props.onPlay();
          }}
        >
          <span className="tc-icon" aria-hidden="true">
            {playing ? '❚❚' : '▶'}
          </span>
          {playing ? 'Pause' : 'Play'}
        </button>
        <button
          type="button"
          aria-disabled={stepBlocked || undefined}
          aria-describedby={stepBlocked ? `${id}-end` : undefined}
          onClick={() => !stepBlocked && props.onStep()}
        >
          <span className="tc-icon" aria-hidden="true">
            ▶|
          </span>
          Step
        </button>
        <button
          type="button"
          aria-disabled={resetBlocked || undefined}
          onClick={() => !resetBlocked && props.onReset()}
        >
          <span className="tc-icon" aria-hidden="true">
            |◀
          </span>
          Reset
        </button>
        <p className="tc-status" aria-hidden="true">
          {text}
        </p>
        <p className="tc-sr" role="status" aria-live="polite">
          {announced}
        </p>
        <p id={`${id}-end`} className="tc-sr">
          The run is at its last step; raise the steps to train further.
        </p>
      </div>
      <div className="tc-settings">
        <fieldset className="tc-optimizer">
          <legend>Optimizer</legend>
          {OPTIMIZERS.map((o) => (
            <label key={o.value}>
              <input
                type="radio"
                name={`${id}-optimizer`}
                value={o.value}
                checked={props.optimizer === o.value}
                disabled={readOnly}
                onChange={() => props.onOptimizer(o.value)}
              />
              {o.label}
            </label>
          ))}
        </fieldset>
        <div className="tc-field">
          <label htmlFor={`${id}-lr`}>Learning rate</label>
          <input
            id={`${id}-lr`}
            inputMode="decimal"
            autoComplete="off"
            enterKeyHint="done"
            spellCheck={false}
            readOnly={readOnly}
            {...lrField.inputProps}
          />
          <p id={lrField.messageId} className="field-error tc-error" aria-live="polite">
            {lrField.message}
          </p>
        </div>
        <div className="tc-field">
          <label htmlFor={`${id}-steps`}>Steps</label>
          <input
            id={`${id}-steps`}
            inputMode="numeric"
            autoComplete="off"
            enterKeyHint="done"
            readOnly={readOnly}
            {...stepsField.inputProps}
          />
          <p id={stepsField.messageId} className="field-error tc-error" aria-live="polite">
            {stepsField.message}
          </p>
        </div>
      </div>
    </div>
  );
}

/**
 * The text for the live region: the status itself while the run is still, and while it plays the
 * status as it was at most ANNOUNCE_MS ago (the first within a moment of pressing Play).
 */
function useAnnouncement(text: string, playing: boolean): string {
  const latest = useRef(text);
  useLayoutEffect(() => {
    latest.current = text;
  });
  const [spoken, setSpoken] = useState(text);
  useEffect(() => {
    if (!playing) return;
    const first = window.setTimeout(() => setSpoken(latest.current), 0);
    const every = window.setInterval(() => setSpoken(latest.current), ANNOUNCE_MS);
    return () => {
      window.clearTimeout(first);
      window.clearInterval(every);
    };
  }, [playing]);
  return playing ? spoken : text;
}

/**
 * The learning rate field: applied like useWholeNumberInput applies a seed (Enter, leaving the
 * field, or a pause in typing); refused with a message when parseLearningRate refuses it.
 */
function useLearningRateInput(value: number, onCommit: (lr: number) => void) {
  return useTypedInput<number>({
    value,
    onCommit,
    format: formatLearningRate,
    read: (typed, current) => {
      const parsed = parseLearningRate(typed);
      return parsed.ok
        ? parsed
        : { ok: false, message: learningRateMessage(typed, parsed.refusal, current!) };
    },
  });
}

export default TrainControls;
