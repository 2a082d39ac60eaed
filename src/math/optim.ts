/**
 * `torch.optim.SGD` and `torch.optim.Adam` as PyTorch 1.13 runs them on the CPU by default: the
 * single-tensor path (`foreach` defaults to False in 1.13's `_single_tensor_sgd` and
 * `_single_tensor_adam`), with every float32 operation in the order torch/optim/sgd.py and
 * adam.py issue them. Where a Python float meets a float32 tensor (`mul_(beta1)`,
 * `add_(grad, alpha=1 - beta1)`, `value=-step_size`), PyTorch rounds the double to float32 first;
 * `add_` with alpha and `addcmul_` are fused multiply-adds in the AVX2 kernels (measured: a separate
 * multiply and add matches only about 80% of elements).
 *
 * A `Parameter` holds a value and the gradient accumulated by backward passes, like
 * `nn.Parameter` and its `.grad`; `step()` updates the values in place, `zeroGrad()` zeroes the
 * gradients (`set_to_none=False`, 1.13's default).
 */
import { fmaF32 } from './ops';
import { ShapeError, shapeToString, type Tensor } from './tensor';

const fround = Math.fround;

/** A trainable tensor and its gradient (null until a backward pass reaches it). */
export type Parameter = { value: Tensor; grad: Tensor | null };

/** A parameter with the given initial value (copied) and no gradient yet. */
export function parameter(value: Tensor): Parameter {
  return { value: { shape: [...value.shape], data: value.data.slice() }, grad: null };
}

/**
 * Adds a gradient to `p.grad` as autograd's AccumulateGrad does: the first gradient is taken as it
 * is, later ones are added in float32 (after `zeroGrad`, to zeros, which turns -0 into +0).
 */
export function accumulateGrad(p: Parameter, grad: Tensor): void {
  const same =
    grad.shape.length === p.value.shape.length &&
    grad.shape.every((n, i) => n === p.value.shape[i]);
  if (!same) {
    throw new ShapeError(
      `accumulateGrad: gradient ${shapeToString(grad.shape)} does not match parameter ${shapeToString(p.value.shape)}`,
    );
  }
  if (p.grad === null) {
    p.grad = { shape: [...grad.shape], data: grad.data.slice() };
    return;
  }
  const g = p.grad.data;
  for (let i = 0; i < g.length; i++) g[i] = g[i]! + grad.data[i]!;
}

/** Adam's per-parameter state: the step counter (a float32) and the two moment estimates. */
export type AdamParamState = { step: number; expAvg: Float32Array; expAvgSq: Float32Array };

/**
 * What an optimizer carries from one step to the next, like `optimizer.state_dict()['state']`:
 * SGD's momentum buffers, Adam's step counters and moments (null for a parameter not yet stepped).
 */
export type OptimizerState =
  | { kind: 'sgd'; buffers: (Float32Array | null)[] }
  | { kind: 'adam'; state: (AdamParamState | null)[] };

/** What SGD and Adam share: the parameters and `zero_grad`. */
export interface Optimizer {
  readonly params: readonly Parameter[];
  /** `optimizer.zero_grad()`: every existing gradient filled with zeros (not set to None). */
  zeroGrad(): void;
  /** `optimizer.step()`: updates every parameter that has a gradient; others are skipped. */
  step(): void;
  /** A copy of the state (`state_dict`), which `loadState` restores bit for bit. */
  saveState(): OptimizerState;
  /**
   * Replaces the state with a copy of `s` (`load_state_dict`).
   * @throws RangeError for another optimizer's state or one of other sizes.
   */
  loadState(s: OptimizerState): void;
}

function copyOrNull(a: Float32Array | null): Float32Array | null {
  return a === null ? null : a.slice();
}

function checkState(params: readonly Parameter[], kind: string, got: OptimizerState): void {
  const n = got.kind === 'sgd' ? got.buffers.length : got.state.length;
  if (got.kind !== kind || n !== params.length) {
    throw new RangeError(
      `loadState: a ${got.kind} state for ${n} parameters does not fit ${kind} over ${params.length}`,
    );
  }
  params.forEach((p, k) => {
    const a = got.kind === 'sgd' ? got.buffers[k] : got.state[k]?.expAvg;
    if (a && a.length !== p.value.data.length) {
      throw new RangeError(
        `loadState: parameter ${k} holds ${p.value.data.length} values, not ${a.length}`,
      );
    }
  });
}

function zeroGrads(params: readonly Parameter[]): void {
  for (const p of params) p.grad?.data.fill(0);
}

/** Throws PyTorch's ValueError message (as a RangeError) unless `value` is a number and `ok`. */
function check(value: number, ok: boolean, message: string): void {
  if (typeof value !== 'number' || Number.isNaN(value) || !ok) {
    throw new RangeError(`${message}: ${String(value)}`);
  }
}

export type SGDOptions = {
  lr: number;
  /** Default 0. dampening (0), nesterov (false) and weight_decay (0) keep PyTorch's defaults. */
  momentum?: number;
};

/**
 * `torch.optim.SGD(params, lr, momentum)` with dampening=0, nesterov=False, weight_decay=0,
 * maximize=False. Per parameter: with momentum, the buffer starts as a copy of the first gradient
 * and is then `buf.mul_(momentum).add_(grad)`; the update is `param.add_(buf or grad, alpha=-lr)`,
 * a fused multiply-add with -lr rounded to float32.
 */
export class SGD implements Optimizer {
  readonly params: readonly Parameter[];
  readonly lr: number;
  readonly momentum: number;
  private readonly buffers: (Float32Array | null)[];

  constructor(params: readonly Parameter[], options: SGDOptions) {
    const momentum = options.momentum ?? 0;
    check(options.lr, options.lr >= 0, 'Invalid learning rate');
    check(momentum, momentum >= 0, 'Invalid momentum value');
    this.params = params;
    this.lr = options.lr;
    this.momentum = momentum;
    this.buffers = params.map(() => null);
  }

  zeroGrad(): void {
    zeroGrads(this.params);
  }

  saveState(): OptimizerState {
    return { kind: 'sgd', buffers: this.buffers.map(copyOrNull) };
  }

  loadState(s: OptimizerState): void {
    checkState(this.params, 'sgd', s);
    if (s.kind === 'sgd') s.buffers.forEach((b, k) => (this.buffers[k] = copyOrNull(b)));
  }

  step(): void {
    const alpha = fround(-this.lr);
    const m = fround(this.momentum);
    this.params.forEach((p, k) => {
      if (p.grad === null) return;
      const g = p.grad.data;
      let d = g;
      if (this.momentum !== 0) {
        let buf = this.buffers[k] ?? null;
        if (buf === null) {
          buf = g.slice();
          this.buffers[k] = buf;
        } else {
          // buf.mul_(momentum).add_(grad, alpha=1 - dampening): alpha 1, so a plain sum
          for (let i = 0; i < buf.length; i++) buf[i] = fround(buf[i]! * m) + g[i]!;
        }
        d = buf;
      }
      const w = p.value.data;
      for (let i = 0; i < w.length; i++) w[i] = fmaF32(d[i]!, alpha, w[i]!);
    });
  }
}

export type AdamOptions = {
  lr?: number;
  betas?: readonly [number, number];
  eps?: number;
};

/**
 * `torch.optim.Adam(params, lr, betas, eps)` with weight_decay=0, amsgrad=False, maximize=False,
 * capturable=False (the `step.item()` branch). Per parameter and step t (a float32 counter):
 *
 *     exp_avg    = fma(grad, f32(1 - beta1), f32(exp_avg * f32(beta1)))
 *     exp_avg_sq = fma(f32(f32(1 - beta2) * grad), grad, f32(exp_avg_sq * f32(beta2)))
 *     step_size  = lr / (1 - beta1 ** t)               (Python doubles)
 *     denom      = sqrt(exp_avg_sq) / f32(sqrt(1 - beta2 ** t)) + f32(eps)
 *     param      = param + f32(-step_size) * exp_avg / denom
 *
 * each float32 operation rounded as the kernels do (addcdiv: `self + value * t1 / t2`).
 * `beta ** t` uses JavaScript's `**`, which may differ from C's pow in the last bit of the
 * double; the results are rounded to float32 before they touch a tensor, which absorbs that.
 */
export class Adam implements Optimizer {
  readonly params: readonly Parameter[];
  readonly lr: number;
  readonly betas: readonly [number, number];
  readonly eps: number;
  private readonly state: (AdamParamState | null)[];

  constructor(params: readonly Parameter[], options: AdamOptions = {}) {
    const lr = options.lr ?? 1e-3;
    const betas = options.betas ?? [0.9, 0.999];
    const eps = options.eps ?? 1e-8;
    check(lr, lr >= 0, 'Invalid learning rate');
    check(eps, eps >= 0, 'Invalid epsilon value');
    check(betas[0], betas[0] >= 0 && betas[0] < 1, 'Invalid beta parameter at index 0');
    check(betas[1], betas[1] >= 0 && betas[1] < 1, 'Invalid beta parameter at index 1');
    this.params = params;
    this.lr = lr;
    this.betas = [betas[0], betas[1]];
    this.eps = eps;
    this.state = params.map(() => null);
  }

  zeroGrad(): void {
    zeroGrads(this.params);
  }

  saveState(): OptimizerState {
    return { kind: 'adam', state: this.state.map(copyAdam) };
  }

  loadState(s: OptimizerState): void {
    checkState(this.params, 'adam', s);
    if (s.kind === 'adam') s.state.forEach((st, k) => (this.state[k] = copyAdam(st)));
  }

  step(): void {
    const [beta1, beta2] = this.betas;
    const b1 = fround(beta1);
    const b2 = fround(beta2);
    const a1 = fround(1 - beta1);
    const a2 = fround(1 - beta2);
    const eps = fround(this.eps);
    this.params.forEach((p, k) => {
      if (p.grad === null) return;
      const g = p.grad.data;
      const n = g.length;
      let st = this.state[k] ?? null;
      if (st === null) {
        st = { step: 0, expAvg: new Float32Array(n), expAvgSq: new Float32Array(n) };
        this.state[k] = st;
      }
      st.step = fround(st.step + 1);
      const m = st.expAvg;
      const v = st.expAvgSq;
      for (let i = 0; i < n; i++) {
        const gi = g[i]!;
        m[i] = fmaF32(gi, a1, fround(m[i]! * b1));
        v[i] = fmaF32(fround(a2 * gi), gi, fround(v[i]! * b2));
      }
      const t = st.step;
      const bc1 = 1 - beta1 ** t;
      const bc2 = 1 - beta2 ** t;
      const stepSize = this.lr / bc1;
      const bc2Sqrt = fround(Math.sqrt(bc2));
      const value = fround(-stepSize);
      const w = p.value.data;
      for (let i = 0; i < n; i++) {
        const denom = fround(fround(Math.sqrt(v[i]!)) / bc2Sqrt) + eps;
        w[i] = w[i]! + fround(fround(value * m[i]!) / fround(denom));
      }
    });
  }
}

function copyAdam(st: AdamParamState | null): AdamParamState | null {
  return st && { step: st.step, expAvg: st.expAvg.slice(), expAvgSq: st.expAvgSq.slice() };
}

/** What a lesson chooses: the optimizer and its hyper-parameters. */
export type OptimizerSpec = ({ kind: 'sgd' } & SGDOptions) | ({ kind: 'adam' } & AdamOptions);

/** An SGD or Adam over `params` from a spec. */
export function makeOptimizer(params: readonly Parameter[], spec: OptimizerSpec): Optimizer {
  return spec.kind === 'sgd' ? new SGD(params, spec) : new Adam(params, spec);
}
