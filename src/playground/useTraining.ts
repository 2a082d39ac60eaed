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
import { useCallback, useEffect, useRef, useState } from 'react';
import { MAX_TRAIN_STEPS } from '../lessons/playground';
import { createTrainer, type Trainer, type TrainerState } from '../train/client';
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
}

/** The trainer's state at most once per animation frame (progress comes at up to 60 a second). */
function useTrainerState(trainer: Trainer | null): TrainerState | null {
  const [state, setState] = useState<TrainerState | null>(null);
  useEffect(() => {
    if (!trainer) return;
    let frame = 0;
    const flush = () => {
      frame = 0;
      setState(trainer.getState());
    };
    const unsubscribe = trainer.subscribe(() => {
      if (frame === 0) frame = requestAnimationFrame(flush);
    });
    flush();
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame);
    };
  }, [trainer]);
  return trainer ? state : null;
}

export function useTraining(
  run: TrainRun | null,
  trainStep: number,
  writeStep: (k: number) => void,
): Training {
  const [trainer, setTrainer] = useState<Trainer | null>(null);
  /** The run the trainer was last configured with. */
  const configured = useRef<TrainRun | null>(null);
  /** A command of the learner's is under way: its end writes the step reached into the store. */
  const pending = useRef(false);
  const latest = useRef({ run, trainStep, writeStep });
  useEffect(() => {
    latest.current = { run, trainStep, writeStep };
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

  const shown = useTrainerState(trainer);
  const state = run ? shown : null;
  const [restarted, setRestarted] = useState('');

  // A new run: configure, then go to the store's step.
  useEffect(() => {
    if (!trainer || !run) return;
    if (configured.current !== run) {
      const was = trainer.getState();
      configured.current = run;
      pending.current = false;
      trainer.configure(run.start, run.settings, { maxSteps: MAX_TRAIN_STEPS });
      if (was.step > 0 || was.playing) {
        window.setTimeout(
          () =>
            setRestarted(
              `The run started over at step 0: the inputs changed (it was at step ${was.step}).`,
            ),
          0,
        );
      }
    }
    if (latest.current.trainStep > 0) trainer.seek(latest.current.trainStep);
    else pending.current = false;
  }, [trainer, run]);

  const idle = state !== null && state.ready && !state.playing && state.goal === null;
  const at = state?.step ?? 0;
  useEffect(() => {
    if (!trainer || !idle) return;
    if (pending.current) {
      pending.current = false;
      if (at !== latest.current.trainStep) latest.current.writeStep(at);
    } else if (at !== trainStep) {
      // The store's step moved by itself (undo, redo): follow it.
      trainer.seek(trainStep);
    }
  }, [trainer, idle, at, trainStep]);

  const command = useCallback(
    (fn: (t: Trainer) => void) => {
      if (!trainer) return;
      pending.current = true;
      setRestarted('');
      fn(trainer);
    },
    [trainer],
  );

  return {
    state,
    // Slow enough to watch a short run learn (at least 4 s for the whole run, 60 steps a second
    // or more), as fast as the worker can for a long one.
    play: (until) =>
      command((t) => t.play({ until, stepsPerSecond: Math.max(PLAY_MIN_RATE, until / 4) })),
    pause: () => command((t) => t.pause()),
    step: () => command((t) => t.step(1)),
    reset: () => command((t) => t.reset()),
    seek: (k) => command((t) => t.seek(k)),
    restarted,
  };
}
