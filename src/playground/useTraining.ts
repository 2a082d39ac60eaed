/**
 * The playground's training run: a trainer (src/train/client.ts, a Web Worker, or this thread where
 * none can start) configured from what the page trains (`run`: the start and the settings), kept
 * in step with the store's `trainStep`, the step the learner stopped at.
 *
 * - A new `run` (an edit of the sentence, embeddings, sizes, seed, positions, mask, goal, optimizer
 *   or rate) configures a new run at step 0, then goes to the store's step (a link opened at step k).
 * - Play, Step, Reset and a scrub of the loss curve move the trainer; once it has stopped, the step
 *   it reached goes into the store (one edit), so a link, autosave and undo carry it.
 * - A store step that moves by itself (undo, redo) moves the trainer there.
 */
import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import { MAX_TRAIN_STEPS } from '../lessons/playground';
import { createTrainer, type Trainer, type TrainerState } from '../train/client';
import { inputClock } from './inputClock';
import type { TrainSettings, TrainStart } from '../train/run';

/** Play's least speed in steps per second. */
export const PLAY_MIN_RATE = 60;

export type TrainRun = { start: TrainStart; settings: TrainSettings };

export interface Training {
  /** What the trainer last reported; null without a run. */
  state: TrainerState | null;
  play(until: number): void;
  pause(): void;
  step(): void;
  reset(): void;
  seek(k: number): void;
  /** Why the run started over (a change of the inputs while it was past step 0), or ''. */
  restarted: string;
  /** Steps computed in all by this page's trainer, every run counted. */
  trainedSteps: number;
}

/**
 * Least time between two renders of a playing run, in ms: every render redraws the page's
 * matrices, plot and code at the new step, and at 64 × 64 doing that at every frame left the page
 * no time for a drag (frames of 200 ms on a busy machine). The worker trains on at full speed.
 */
export const PLAYING_RENDER_MS = 100;

/**
 * While a run plays, its next render waits until the learner has given the page no input for this
 * long (ms): an edit or a drag restarts the run anyway, and a render of the run's step between
 * two inputs (every matrix of the page redrawn) held the next input back by frames at 64 × 64.
 */
export const INPUT_QUIET_MS = 250;
/** The training panel, whose own controls (Play, Step, the curve) are not held back. */
const PANEL = '.playground-training';

const NOTHING_SHOWN: Shown = { state: null, run: null, total: 0, restarted: '' };

type Shown = {
  state: TrainerState | null;
  run: TrainRun | null;
  total: number;
  /** Training.restarted, as it was at this render. */
  restarted: string;
};

/**
 * The trainer's state, with the run it belongs to, at most once per animation frame (and while it
 * plays, once every PLAYING_RENDER_MS and not within INPUT_QUIET_MS of the learner's last input
 * outside the panel; progress comes at up to 60 a second), as a transition: a render for the next
 * step of the run gives way to one for the learner's input. Also how many
 * steps it has computed in all, over every run (for the page's data-trained-steps, which the
 * latency bench reads to report the training speed).
 */
function useTrainerState(
  trainer: Trainer | null,
  configured: { readonly current: TrainRun | null },
  restarted: { readonly current: string },
): Shown {
  const [shown, setShown] = useState<Shown>(NOTHING_SHOWN);
  useEffect(() => {
    if (!trainer) return;
    let frame = 0;
    let timer = 0;
    let shownAt = -Infinity;
    let total = 0;
    let last = 0;
    const flush = () => {
      frame = 0;
      timer = 0;
      shownAt = performance.now();
      const next = {
        state: trainer.getState(),
        run: configured.current,
        total,
        restarted: restarted.current,
      };
      startTransition(() => setShown(next));
    };
    // Inputs outside the training panel (its own buttons and curve want their step at once).
    const inputs = inputClock(document, (t) => t instanceof Element && !!t.closest(PANEL));
    /** A render at the next frame, or once the wait for a playing run is over. */
    const schedule = () => {
      timer = 0;
      const at = performance.now();
      const wait = trainer.getState().playing
        ? Math.max(shownAt + PLAYING_RENDER_MS, inputs.last() + INPUT_QUIET_MS) - at
        : 0;
      if (wait > 0) timer = window.setTimeout(schedule, wait);
      else frame = requestAnimationFrame(flush);
    };
    const unsubscribe = trainer.subscribe((s) => {
      // A new run starts its count at 0 again.
      total += s.computed >= last ? s.computed - last : s.computed;
      last = s.computed;
      if (frame === 0 && timer === 0) schedule();
    });
    flush();
    return () => {
      unsubscribe();
      inputs.dispose();
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, [trainer, configured, restarted]);
  return trainer ? shown : NOTHING_SHOWN;
}

/** Play's speed for a run of `steps` steps. */
const playRate = (steps: number) => Math.max(PLAY_MIN_RATE, steps / 4);

/** A number per run object, for the page to mark which run it shows (data-run). */
const runIds = new WeakMap<TrainRun, number>();
let lastRunId = 0;
export function runId(run: TrainRun | null): number {
  if (!run) return 0;
  let id = runIds.get(run);
  if (id === undefined) {
    id = ++lastRunId;
    runIds.set(run, id);
  }
  return id;
}

export function useTraining(
  run: TrainRun | null,
  trainStep: number,
  steps: number,
  writeStep: (k: number) => void,
): Training {
  const [trainer, setTrainer] = useState<Trainer | null>(null);
  /** The run the trainer was last configured with. */
  const configured = useRef<TrainRun | null>(null);
  /** A command of the learner's is under way: its end writes the step reached into the store. */
  const pending = useRef(false);
  /** The learner pressed Play and the run has not stopped: a new run (an edit) plays on. */
  const playing = useRef(false);
  /** Play was sent and the trainer has not yet said it plays: an idle report is from before. */
  const awaitingPlay = useRef(false);
  const latest = useRef({ run, trainStep, steps, writeStep });
  useEffect(() => {
    latest.current = { run, trainStep, steps, writeStep };
  });

  // A trainer (its worker) while there is something to train; none without a goal.
  const enabled = run !== null;
  useEffect(() => {
    const r = latest.current.run;
    if (!enabled || !r) return;
    const t = createTrainer(r.start, r.settings, { limits: { maxSteps: MAX_TRAIN_STEPS } });
    configured.current = r;
    let live = true;
    queueMicrotask(() => live && setTrainer(t));
    return () => {
      live = false;
      t.dispose();
      configured.current = null;
      setTrainer(null);
    };
  }, [enabled]);

  /**
   * Why the run started over, shown with the trainer's next report (not a render of its own: an
   * edit that restarts a playing run would otherwise render the whole page twice).
   */
  const restarted = useRef('');
  const shown = useTrainerState(trainer, configured, restarted);
  // Only what the trainer reported for the run on show: right after an edit, the last run's
  // weights must not be shown with the new inputs (the new run is at step 0, the W drawn).
  const state = run && shown.run === run ? shown.state : null;

  // A new run: configure, then go to the store's step.
  useEffect(() => {
    if (!trainer || !run) return;
    if (configured.current !== run) {
      const was = trainer.getState();
      configured.current = run;
      pending.current = false;
      const on = playing.current;
      if (was.step > 0 || on) {
        restarted.current = `The run started over at step 0 because what it trains on changed${was.step > 0 ? ` (it was at step ${was.step})` : ''}${on ? '; it plays on' : ''}.`;
      }
      trainer.configure(run.start, run.settings, { maxSteps: MAX_TRAIN_STEPS });
      if (on) {
        // A change while it plays (a drag of a vector): the new run plays on from step 0.
        const until = latest.current.steps;
        pending.current = true;
        awaitingPlay.current = true;
        trainer.play({ until, stepsPerSecond: playRate(until) });
        return;
      }
    }
    if (latest.current.trainStep > 0) trainer.seek(latest.current.trainStep);
  }, [trainer, run]);

  const idle = state !== null && state.ready && !state.playing && state.goal === null;
  const at = state?.step ?? 0;
  const reportsPlaying = state?.playing === true;
  useEffect(() => {
    if (reportsPlaying) awaitingPlay.current = false;
  }, [reportsPlaying]);
  useEffect(() => {
    if (!trainer || !idle || awaitingPlay.current) return;
    if (pending.current) {
      pending.current = false;
      playing.current = false;
      if (at !== latest.current.trainStep) latest.current.writeStep(at);
    } else if (at !== trainStep) {
      // The store's step moved by itself (undo, redo): follow it.
      trainer.seek(trainStep);
    }
  }, [trainer, idle, at, trainStep]);

  const command = useCallback(
    (fn: (t: Trainer) => void, play = false) => {
      if (!trainer) return;
      pending.current = true;
      playing.current = play;
      awaitingPlay.current = play;
      restarted.current = '';
      fn(trainer);
    },
    [trainer],
  );

  return {
    state,
    // Slow enough to watch a short run learn (at least 4 s for the whole run, 60 steps a second
    // or more), as fast as the worker can for a long one.
    play: (until) => command((t) => t.play({ until, stepsPerSecond: playRate(until) }), true),
    pause: () => command((t) => t.pause()),
    step: () => command((t) => t.step(1)),
    reset: () => command((t) => t.reset()),
    seek: (k) => command((t) => t.seek(k)),
    restarted: shown.restarted,
    trainedSteps: shown.total,
  };
}
