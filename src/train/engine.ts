/**
 * The worker's side of the training protocol (src/train/protocol.ts), free of any Worker API so
 * the same code runs in the worker and, as the same-thread fallback, on the page or in unit tests.
 * Training goes in slices of `SLICE_MS`, between which incoming commands are handled; progress is
 * posted at most once every `FRAME_MS` while training, and once more when a command is done.
 */
import { FRAME_MS, SLICE_MS, type FromWorker, type Progress, type ToWorker } from './protocol';
import { TrainingRun, type RunLimits, type TrainSettings, type TrainStart } from './run';

export type Post = (message: FromWorker, transfer: Transferable[]) => void;
/** Runs `fn` after `ms` (0: as soon as pending messages have been handled). */
export type Schedule = (fn: () => void, ms: number) => void;

export class TrainEngine {
  private run: TrainingRun | null = null;
  private runId = -1;
  private config: { start: TrainStart; settings: TrainSettings; limits?: RunLimits } | null = null;
  /** The step training is heading for, or null when idle. */
  private goal: number | null = null;
  private playing = false;
  private rate: { perMs: number; t0: number; step0: number } | null = null;
  private sent = 0;
  private lastPost = -Infinity;
  private tickQueued = false;
  private postQueued = false;

  constructor(
    private readonly post: Post,
    private readonly schedule: Schedule,
    private readonly now: () => number = () => performance.now(),
  ) {}

  handle(m: ToWorker): void {
    if (m.type === 'configure') {
      this.runId = m.run;
      this.config = { start: m.start, settings: m.settings, ...(m.limits && { limits: m.limits }) };
      this.fresh();
      return;
    }
    if (m.run !== this.runId || !this.run) return;
    const run = this.run;
    this.playing = false;
    this.rate = null;
    this.goal = null;
    try {
      switch (m.type) {
        case 'play': {
          const until = m.until ?? run.maxSteps;
          if (!Number.isInteger(until) || until < 0 || until > run.maxSteps) {
            throw new RangeError(`play until step ${until}: out of range (0 to ${run.maxSteps})`);
          }
          const perSecond = m.stepsPerSecond;
          if (perSecond !== undefined && !(perSecond > 0)) {
            throw new RangeError(`play at ${perSecond} steps per second: must be more than 0`);
          }
          if (until > run.step) {
            this.playing = true;
            this.goal = until;
            if (perSecond !== undefined) {
              this.rate = { perMs: perSecond / 1000, t0: this.now(), step0: run.step };
            }
          }
          break;
        }
        case 'pause':
          break;
        case 'step':
          if (!Number.isInteger(m.count) || m.count < 0) {
            throw new RangeError(`step ${m.count} times: must be a whole number of at least 0`);
          }
          this.goal = Math.min(run.maxSteps, run.step + m.count);
          break;
        case 'seek':
          if (!Number.isInteger(m.step) || m.step < 0 || m.step > run.maxSteps) {
            throw new RangeError(`step ${m.step} is out of range (0 to ${run.maxSteps})`);
          }
          // Back to the nearest checkpoint at once, then forward in slices like play.
          run.rewind(m.step);
          this.goal = m.step;
          break;
        case 'reset':
          this.fresh();
          return;
      }
    } catch (e) {
      // Nothing moved (the run is where it was, paused): the error is the whole answer.
      this.goal = null;
      this.post({ type: 'error', run: this.runId, message: messageOf(e) }, []);
      return;
    }
    if (this.goal !== null && this.goal > run.step) this.queueTick(0);
    else this.goal = null;
    this.flush();
  }

  /** A new run from the last configuration, at step 0. */
  private fresh(): void {
    this.playing = false;
    this.rate = null;
    this.goal = null;
    this.sent = 0;
    this.run = null;
    const c = this.config!;
    try {
      this.run = new TrainingRun(c.start, c.settings, c.limits);
    } catch (e) {
      this.post({ type: 'error', run: this.runId, message: messageOf(e) }, []);
      return;
    }
    this.flush();
  }

  private queueTick(ms: number): void {
    if (this.tickQueued) return;
    this.tickQueued = true;
    this.schedule(() => {
      this.tickQueued = false;
      this.tick();
    }, ms);
  }

  private tick(): void {
    const run = this.run;
    if (!run || this.goal === null) return;
    const t0 = this.now();
    let wait = 0;
    while (run.step < this.goal) {
      if (this.rate) {
        const allowed = this.rate.step0 + Math.floor((this.now() - this.rate.t0) * this.rate.perMs);
        if (run.step >= allowed) {
          wait = Math.max(
            1,
            (run.step + 1 - this.rate.step0) / this.rate.perMs + this.rate.t0 - this.now(),
          );
          break;
        }
      }
      run.advance(1);
      if (this.now() - t0 >= SLICE_MS) break;
    }
    if (run.step >= this.goal) {
      this.goal = null;
      this.playing = false;
      this.rate = null;
      this.flush();
      return;
    }
    if (this.now() - this.lastPost >= FRAME_MS) this.send();
    this.queueTick(wait);
  }

  /** Posts progress now, or at the end of the current frame interval if one was just posted. */
  private flush(): void {
    const since = this.now() - this.lastPost;
    if (since >= FRAME_MS) {
      this.send();
      return;
    }
    if (this.postQueued) return;
    this.postQueued = true;
    // When this fires, training may have posted meanwhile: check the interval again.
    this.schedule(() => {
      this.postQueued = false;
      this.flush();
    }, FRAME_MS - since);
  }

  private send(): void {
    const run = this.run;
    if (!run) return;
    this.lastPost = this.now();
    const from = Math.min(this.sent, run.computed);
    const losses = run.losses.slice(from);
    const norms = run.norms.slice(from * 3);
    const [q, k, v] = run.weights;
    const weights: Progress['weights'] = [q.data.slice(), k.data.slice(), v.data.slice()];
    this.sent = run.computed;
    const message: Progress = {
      type: 'progress',
      run: this.runId,
      step: run.step,
      computed: run.computed,
      playing: this.playing,
      goal: this.goal,
      from,
      losses,
      norms,
      weights,
      interval: run.interval,
      maxSteps: run.maxSteps,
    };
    this.post(message, [losses.buffer, norms.buffer, ...weights.map((w) => w.buffer)]);
  }
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
