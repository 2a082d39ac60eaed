/**
 * Training the attention weights, as the lessons' PyTorch code does it:
 *
 *     queries = x @ W_query; keys = x @ W_key; values = x @ W_value
 *     scores = queries @ keys.T
 *     scaled = scores / math.sqrt(d_k)            # optionally .masked_fill(causal, -inf)
 *     (a) loss = F.cross_entropy(scaled, target)  # one target key per query row
 *     (b) weights = torch.softmax(scaled, dim=-1); context = weights @ values
 *         loss = F.mse_loss(context, target_context)
 *     optimizer.zero_grad(); loss.backward(); optimizer.step()
 *
 * The forward pass uses the kernels of ops.ts and the backward pass those of grad.ts, in the order
 * autograd visits them, so losses, gradients and weights equal PyTorch 1.13's bit for bit. Masking
 * the raw scores before the scaling (as the book does) gives the same numbers and gradients: -inf
 * divided stays -inf, and a zeroed gradient divided stays zero.
 */
import { causalMask, div, maskedFill, matmul, softmax, transpose } from './ops';
import {
  crossEntropy,
  crossEntropyBackward,
  divScalarBackward,
  maskedFillBackward,
  matmulBackward,
  mseLoss,
  mseLossBackward,
  softmaxBackward,
} from './grad';
import {
  accumulateGrad,
  makeOptimizer,
  parameter,
  type Optimizer,
  type OptimizerSpec,
  type OptimizerState,
  type Parameter,
} from './optim';
import { ShapeError, shapeToString, type Tensor } from './tensor';

/** What the loss compares: (a) one target key index per query row, (b) a target context. */
export type AttentionTask =
  { kind: 'crossEntropy'; target: readonly number[] } | { kind: 'mse'; target: Tensor };

/** The `grad_fn` PyTorch prints after the loss: `tensor(1.2345, grad_fn=<NllLossBackward0>)`. */
export function lossGradFn(task: AttentionTask): string {
  return task.kind === 'crossEntropy' ? 'NllLossBackward0' : 'MseLossBackward0';
}

/**
 * `causal`: the scores masked above the diagonal. `scaled` (default true): divided by sqrt(d_k);
 * false leaves out the division, so cross-entropy and softmax see the raw `queries @ keys.T`.
 */
export type AttentionOptions = { causal?: boolean; scaled?: boolean };

export type AttentionGradients = {
  /** The 0-d loss. */
  loss: Tensor;
  /** Gradients of W_query, W_key, W_value; W_value's is null for cross-entropy (no path). */
  grads: [Tensor, Tensor, Tensor | null];
  queries: Tensor;
  keys: Tensor;
  values: Tensor;
  /** `scores / sqrt(d_k)` (or the raw scores when not scaled), masked when causal: what
   * cross-entropy and softmax see. */
  scaled: Tensor;
  /** Softmax weights and context (only computed for the MSE task). */
  weights?: Tensor;
  context?: Tensor;
};

function fail(message: string): never {
  throw new ShapeError(message);
}

function s(t: Tensor): string {
  return shapeToString(t.shape);
}

function checkShapes(x: Tensor, wq: Tensor, wk: Tensor, wv: Tensor, task: AttentionTask): void {
  if (x.shape.length !== 2) fail(`attentionGradients: x must be 2-d, got shape ${s(x)}`);
  const dIn = x.shape[1];
  for (const [name, w] of [
    ['W_query', wq],
    ['W_key', wk],
    ['W_value', wv],
  ] as const) {
    if (w.shape.length !== 2 || w.shape[0] !== dIn) {
      fail(
        `attentionGradients: x ${s(x)} @ ${name} ${s(w)}: expected ${name} of shape [${dIn}, d_out]`,
      );
    }
  }
  if (wq.shape[1] !== wk.shape[1]) {
    fail(`attentionGradients: W_query ${s(wq)} and W_key ${s(wk)} differ in d_out`);
  }
  const n = x.shape[0]!;
  if (task.kind === 'crossEntropy') {
    if (task.target.length !== n) {
      fail(`attentionGradients: ${task.target.length} target keys for ${n} query rows`);
    }
    for (const t of task.target) {
      if (!Number.isInteger(t) || t < 0 || t >= n) {
        throw new RangeError(
          `attentionGradients: target key ${t} is out of range (keys 0 to ${n - 1})`,
        );
      }
    }
  } else {
    const want = [n, wv.shape[1]!];
    if (
      task.target.shape.length !== 2 ||
      task.target.shape[0] !== want[0] ||
      task.target.shape[1] !== want[1]
    ) {
      fail(
        `attentionGradients: target context ${s(task.target)} does not match context ${shapeToString(want)}`,
      );
    }
  }
}

/**
 * Loss and gradients of W_query, W_key, W_value for one forward and backward pass of the trainable
 * attention pipeline (weights laid out (d_in, d_out), `queries = x @ W_query`).
 * @throws ShapeError for mismatched shapes, RangeError for a target index out of range.
 */
export function attentionGradients(
  x: Tensor,
  wq: Tensor,
  wk: Tensor,
  wv: Tensor,
  task: AttentionTask,
  options: AttentionOptions = {},
): AttentionGradients {
  checkShapes(x, wq, wk, wv, task);
  const n = x.shape[0]!;
  const queries = matmul(x, wq);
  const keys = matmul(x, wk);
  const values = matmul(x, wv);
  const keysT = transpose(keys);
  const scores = matmul(queries, keysT);
  const root = Math.sqrt(keys.shape[1]!);
  const scale = options.scaled ?? true;
  const mask = options.causal ? causalMask(n) : null;
  const divided = scale ? div(scores, root) : scores;
  const scaled = mask ? maskedFill(divided, mask, -Infinity) : divided;

  let loss: Tensor;
  let gScaled: Tensor;
  let gValues: Tensor | null = null;
  let weights: Tensor | undefined;
  let context: Tensor | undefined;
  if (task.kind === 'crossEntropy') {
    const ce = crossEntropy(scaled, task.target);
    loss = ce.loss;
    gScaled = crossEntropyBackward(ce.logProbs, task.target);
  } else {
    weights = softmax(scaled, -1);
    context = matmul(weights, values);
    loss = mseLoss(context, task.target);
    const gContext = mseLossBackward(context, task.target);
    const g = matmulBackward(gContext, weights, values);
    gValues = g.b;
    gScaled = softmaxBackward(g.a, weights, -1);
  }
  if (mask) gScaled = maskedFillBackward(gScaled, mask);
  const gScores = scale ? divScalarBackward(gScaled, root) : gScaled;
  const gQK = matmulBackward(gScores, queries, keysT);
  const gKeys = transpose(gQK.b);
  const xT = transpose(x);
  const grads: [Tensor, Tensor, Tensor | null] = [
    matmul(xT, gQK.a),
    matmul(xT, gKeys),
    gValues ? matmul(xT, gValues) : null,
  ];
  const out: AttentionGradients = { loss, grads, queries, keys, values, scaled };
  if (weights) out.weights = weights;
  if (context) out.context = context;
  return out;
}

/**
 * Everything a training loop carries from one step to the next: the weights, which parameters
 * hold a gradient (after the first step autograd adds into zeroed ones, which turns -0 into +0),
 * and the optimizer's state. Restoring it continues the loop bit for bit.
 */
export type TrainerSnapshot = {
  weights: [Float32Array, Float32Array, Float32Array];
  hasGrad: [boolean, boolean, boolean];
  optimizer: OptimizerState;
};

/**
 * A training loop over W_query, W_key, W_value: each `step()` is `optimizer.zero_grad()`, the
 * forward pass, `loss.backward()` and `optimizer.step()`, and returns the loss computed before the
 * update (what `print(loss)` shows in that iteration).
 */
export class AttentionTrainer {
  readonly params: [Parameter, Parameter, Parameter];
  readonly optimizer: Optimizer;
  private readonly x: Tensor;
  private readonly task: AttentionTask;
  private readonly causal: boolean;
  private readonly scaled: boolean;

  constructor(
    x: Tensor,
    weights: readonly [Tensor, Tensor, Tensor],
    task: AttentionTask,
    optimizer: OptimizerSpec,
    options: AttentionOptions = {},
  ) {
    checkShapes(x, weights[0], weights[1], weights[2], task);
    this.x = x;
    this.task = task;
    this.causal = options.causal ?? false;
    this.scaled = options.scaled ?? true;
    this.params = [parameter(weights[0]), parameter(weights[1]), parameter(weights[2])];
    this.optimizer = makeOptimizer(this.params, optimizer);
  }

  /** The current W_query, W_key, W_value (live views: they change with every step). */
  get weights(): [Tensor, Tensor, Tensor] {
    return [this.params[0].value, this.params[1].value, this.params[2].value];
  }

  step(): Tensor {
    this.optimizer.zeroGrad();
    const [wq, wk, wv] = this.weights;
    const r = attentionGradients(this.x, wq, wk, wv, this.task, {
      causal: this.causal,
      scaled: this.scaled,
    });
    r.grads.forEach((g, i) => {
      if (g) accumulateGrad(this.params[i]!, g);
    });
    this.optimizer.step();
    return r.loss;
  }

  /** A copy of the loop's state (weights, which gradients exist, the optimizer's state). */
  snapshot(): TrainerSnapshot {
    const [a, b, c] = this.params;
    return {
      weights: [a.value.data.slice(), b.value.data.slice(), c.value.data.slice()],
      hasGrad: [a.grad !== null, b.grad !== null, c.grad !== null],
      optimizer: this.optimizer.saveState(),
    };
  }

  /**
   * Puts the loop back in a state `snapshot()` took (of this trainer or one with the same start
   * shapes and settings); the gradients become zeros, as `zero_grad` leaves them, or none.
   * @throws RangeError when the snapshot's sizes or optimizer do not fit.
   */
  restore(s: TrainerSnapshot): void {
    this.params.forEach((p, i) => {
      if (s.weights[i]!.length !== p.value.data.length) {
        throw new RangeError(
          `restore: weight ${i} holds ${p.value.data.length} values, not ${s.weights[i]!.length}`,
        );
      }
    });
    this.optimizer.loadState(s.optimizer);
    this.params.forEach((p, i) => {
      p.value.data.set(s.weights[i]!);
      p.grad = s.hasGrad[i]
        ? { shape: [...p.value.shape], data: new Float32Array(p.value.data.length) }
        : null;
    });
  }
}
