/**
 * Backward passes (and the few extra forward ops they need: log-softmax, the two losses, mean)
 * that reproduce PyTorch 1.13's autograd on the CPU bit for bit, for what the lessons compute:
 * matrix products, transpose, division by a Python number, softmax and log-softmax, masked fill,
 * `F.mse_loss` and `F.cross_entropy` (class indices, mean reduction), sum and mean.
 *
 * Each backward function takes the gradient flowing in (`grad`, the shape of the op's output) and
 * what the op saved (its inputs or output), and returns the gradient of each input, computed with
 * the same float32 operations in the same order as the kernel autograd runs
 * (tools/autograd/derivatives.yaml names the formula; the comment names the kernel). The reference
 * machine is the one of ops.ts: reference BLAS, one thread, and the AVX2 kernels (1.13 has no
 * `torch.backends.cpu.get_cpu_capability()`; `torch.__config__.show()` reports "CPU capability
 * usage: AVX2", and ATEN_CPU_CAPABILITY is unset). GCC contracts `a * b + c` in those
 * kernels to a fused multiply-add wherever the two operations meet, which is why several steps use
 * fmaF32; each such place was measured against PyTorch (scripts/goldens/train.py writes the
 * fixtures, grad.test.ts compares them).
 */
import { ShapeError, shapeToString, type Tensor } from './tensor';
import { div, fmaF32, libmExpF32, matmul, sleefExpF32, sum, transpose } from './ops';

const fround = Math.fround;

function fail(message: string): never {
  throw new ShapeError(message);
}

function s(t: Tensor): string {
  return shapeToString(t.shape);
}

function make(shape: readonly number[], data: Float32Array): Tensor {
  return { shape: [...shape], data };
}

function sameShape(op: string, a: Tensor, b: Tensor, what: string): void {
  if (a.shape.length !== b.shape.length || a.shape.some((n, i) => n !== b.shape[i])) {
    fail(`${op}: ${what} ${s(b)} does not match shape ${s(a)}`);
  }
}

/** Resolves a possibly negative dim against a rank (a 0-d tensor accepts dims 0 and -1). */
function resolveDim(op: string, t: Tensor, dim: number): number {
  const rank = Math.max(t.shape.length, 1);
  if (!Number.isInteger(dim) || dim < -rank || dim >= rank) {
    fail(
      `${op}: dim ${dim} is out of range for shape ${s(t)} (expected -${rank} <= dim < ${rank})`,
    );
  }
  return dim < 0 ? dim + rank : dim;
}

/** (outer, size, inner) around `dim`, as the softmax kernels see a tensor. */
function splitAt(shape: readonly number[], dim: number): [number, number, number] {
  let outer = 1;
  let inner = 1;
  for (let i = 0; i < dim; i++) outer *= shape[i]!;
  for (let i = dim + 1; i < shape.length; i++) inner *= shape[i]!;
  return [outer, shape[dim] ?? 1, inner];
}

// ---------------------------------------------------------------------------------------------
// Sleef logf (u10), as Vectorized<float>::log() calls it on AVX2 (Sleef_logf8_u10avx2)
// ---------------------------------------------------------------------------------------------

const FLT_MIN = 2 ** -126;
const LOG_SCALE = fround(1 / 0.75);
const LN2_HI = fround(0.69314718246459960938);
const LN2_LO = fround(-1.904654323148236017e-9);
const LOG_C0 = fround(0.3027294874);
const LOG_C1 = fround(0.3996108174);
const LOG_C2 = fround(0.666669488);
const bitsF32 = new Float32Array(1);
const bitsU32 = new Uint32Array(bitsF32.buffer);

/**
 * Natural log of a float32 as Sleef's `xlogf_u1` computes it with FMA (sleefsimdsp.c, the AVX2
 * build PyTorch's `Vectorized<float>::log` calls): the argument split as m * 2^e with m in
 * [0.75, 1.5), a double-float (two float32s) evaluation of 2 atanh((m - 1) / (m + 1)) plus e ln 2,
 * then the two halves added. Accurate to 1 ulp but not correctly rounded, so this ports it step
 * by step; log-softmax takes the log of each row's sum of exponentials with it.
 */
export function sleefLogF32(x: number): number {
  const d0 = fround(x);
  if (d0 !== d0 || d0 < 0) return NaN;
  if (d0 === 0) return -Infinity;
  if (d0 === Infinity) return Infinity;
  const o = d0 < FLT_MIN;
  const d = o ? d0 * 2 ** 64 : d0; // exact: a power-of-two scaling of a subnormal
  bitsF32[0] = fround(d * LOG_SCALE);
  let e = ((bitsU32[0]! >>> 23) & 0xff) - 0x7f;
  const m = d * 2 ** -e; // vldexp3: exact for normal numbers
  if (o) e -= 64;
  // s = (ln 2 as a double-float) * e
  const sx0 = fround(LN2_HI * e);
  const sy0 = fmaF32(LN2_LO, e, fmaF32(LN2_HI, e, -sx0));
  // x = (m - 1) / (m + 1) as a double-float: dfdiv(dfadd2(-1, m), dfadd2(1, m))
  const nx = fround(-1 + m);
  let v = fround(nx - -1);
  const ny = fround(fround(-1 - fround(nx - v)) + fround(m - v));
  const dx = fround(1 + m);
  v = fround(dx - 1);
  const dy = fround(fround(1 - fround(dx - v)) + fround(m - v));
  const t = fround(1 / dx);
  const qx = fround(nx * t);
  const u = fmaF32(t, nx, -qx);
  let qy = fmaF32(-dy, t, fmaF32(-dx, t, 1));
  qy = fmaF32(qx, qy, fmaF32(ny, t, u));
  const x2 = fround(qx * qx);
  let p = LOG_C0;
  p = fmaF32(p, x2, LOG_C1);
  p = fmaF32(p, x2, LOG_C2);
  // s = s + 2x (dfadd_vf2_vf2_vf2), then s + x^3 * p (dfadd_vf2_vf2_vf)
  const ax = qx * 2;
  const ay = qy * 2;
  let rx = fround(sx0 + ax);
  let ry = fround(fround(fround(fround(sx0 - rx) + ax) + sy0) + ay);
  const y = fround(fround(x2 * qx) * p);
  const rx2 = fround(rx + y);
  ry = fround(fround(fround(rx - rx2) + y) + ry);
  rx = rx2;
  return fround(rx + ry);
}

// ---------------------------------------------------------------------------------------------
// vec::reduce_all and friends (ATen/cpu/vec/functional_base.h) on AVX2: 8 float32 lanes
// ---------------------------------------------------------------------------------------------

const lane = new Float64Array(8);

/**
 * Folds the 8 lanes as vec_reduce_all's shuffles do: ((l0 op l4) op (l2 op l6)) op
 * ((l1 op l5) op (l3 op l7)).
 */
function foldSum(): number {
  return fround(
    fround(fround(lane[0]! + lane[4]!) + fround(lane[2]! + lane[6]!)) +
      fround(fround(lane[1]! + lane[5]!) + fround(lane[3]! + lane[7]!)),
  );
}

/**
 * `reduce_all` with `+` over `n` values at `start` (stride 1): fewer than 8 are added left to
 * right; otherwise 8 lane accumulators take whole vectors, a partial last vector updates only its
 * first lanes, and the lanes are folded by foldSum.
 */
function reduceAllSum(data: Float32Array, start: number, n: number): number {
  if (n < 8) {
    let acc = data[start]!;
    for (let i = 1; i < n; i++) acc = fround(acc + data[start + i]!);
    return acc;
  }
  for (let l = 0; l < 8; l++) lane[l] = data[start + l]!;
  let p = 8;
  for (; p + 8 <= n; p += 8)
    for (let l = 0; l < 8; l++) lane[l] = fround(lane[l]! + data[start + p + l]!);
  for (let l = 0; p + l < n; l++) lane[l] = fround(lane[l]! + data[start + p + l]!);
  return foldSum();
}

/** `torch.maximum` semantics of vec::maximum: NaN wins. */
function maxNaN(a: number, b: number): number {
  return a !== a || b !== b ? NaN : a > b ? a : b;
}

/** `reduce_all` with vec::maximum, same lane structure as reduceAllSum. */
function reduceAllMax(data: Float32Array, start: number, n: number): number {
  if (n < 8) {
    let acc = data[start]!;
    for (let i = 1; i < n; i++) acc = maxNaN(acc, data[start + i]!);
    return acc;
  }
  for (let l = 0; l < 8; l++) lane[l] = data[start + l]!;
  let p = 8;
  for (; p + 8 <= n; p += 8)
    for (let l = 0; l < 8; l++) lane[l] = maxNaN(lane[l]!, data[start + p + l]!);
  for (let l = 0; p + l < n; l++) lane[l] = maxNaN(lane[l]!, data[start + p + l]!);
  return maxNaN(
    maxNaN(maxNaN(lane[0]!, lane[4]!), maxNaN(lane[2]!, lane[6]!)),
    maxNaN(maxNaN(lane[1]!, lane[5]!), maxNaN(lane[3]!, lane[7]!)),
  );
}

/**
 * `map2_reduce_all(x * y, +)`: the sum of products of two rows. Below 8 values the rounded
 * products are added left to right; from 8 on, the lanes start from the first 8 rounded products
 * and every later product is fused into its lane (GCC contracts `acc + x * y` to an FMA), a
 * partial last vector again updating only its first lanes.
 */
function reduceAllDot(a: Float32Array, b: Float32Array, start: number, n: number): number {
  if (n < 8) {
    let acc = fround(a[start]! * b[start]!);
    for (let i = 1; i < n; i++) acc = fround(acc + fround(a[start + i]! * b[start + i]!));
    return acc;
  }
  for (let l = 0; l < 8; l++) lane[l] = fround(a[start + l]! * b[start + l]!);
  let p = 8;
  for (; p + 8 <= n; p += 8) {
    for (let l = 0; l < 8; l++) lane[l] = fmaF32(a[start + p + l]!, b[start + p + l]!, lane[l]!);
  }
  for (let l = 0; p + l < n; l++) {
    lane[l] = fmaF32(a[start + p + l]!, b[start + p + l]!, lane[l]!);
  }
  return foldSum();
}

// ---------------------------------------------------------------------------------------------
// Log-softmax (forward): SoftMaxKernel.cpp _vec_log_softmax_lastdim
// ---------------------------------------------------------------------------------------------

/**
 * Which inner positions the strided (non-last dim) kernels handle 8 at a time: the chunk is the
 * whole inner range here (CHUNK_SIZE is at least 128 KiB / dim_size / 4 floats), its first
 * floor(inner / 8) * 8 positions go through AVX2 vectors (Sleef exp) and the rest through the
 * scalar tail (glibc expf).
 */
function vectorised(inner: number): number {
  return inner - (inner % 8);
}

/**
 * `torch.log_softmax(t, dim)` (also `F.log_softmax`). Along the last dimension
 * (`_vec_log_softmax_lastdim`), per row: the max (reduce_all with vec::maximum), the sum of Sleef
 * exp(x - max) (the same lane order), Sleef's log of that sum, then `(x - max) - log(sum)` in that
 * order. Along another dimension (`_vec_logsoftmax`), per inner position: a running max (a NaN is
 * skipped, `x > max ? x : max`), a running sum from 0 of exp(x - max) (Sleef in the vectorised
 * positions, glibc in the tail), Sleef's log, then the same subtraction. A row of all -inf gives
 * NaN, -inf entries give -inf; a 0-d tensor gives 0.
 */
export function logSoftmax(t: Tensor, dim: number): Tensor {
  const d = resolveDim('logSoftmax', t, dim);
  const out = new Float32Array(t.data.length);
  if (t.shape.length === 0) return make([], Float32Array.of(fround(t.data[0]! - t.data[0]!)));
  const [outer, size, inner] = splitAt(t.shape, d);
  const x = t.data;
  if (inner === 1) {
    const tmp = new Float32Array(size);
    for (let r = 0; r < outer; r++) {
      const start = r * size;
      if (size === 0) continue;
      const max = reduceAllMax(x, start, size);
      for (let i = 0; i < size; i++) tmp[i] = sleefExpF32(fround(x[start + i]! - max));
      const logSum = sleefLogF32(reduceAllSum(tmp, 0, size));
      for (let i = 0; i < size; i++) out[start + i] = fround(x[start + i]! - max) - logSum;
    }
    return make(t.shape, out);
  }
  const vec = vectorised(inner);
  const max = new Float64Array(inner);
  const acc = new Float64Array(inner);
  for (let o = 0; o < outer; o++) {
    const base = o * size * inner;
    max.fill(-Infinity);
    acc.fill(0);
    for (let k = 0; k < size; k++) {
      for (let j = 0; j < inner; j++) {
        const v = x[base + k * inner + j]!;
        if (v > max[j]!) max[j] = v;
      }
    }
    for (let k = 0; k < size; k++) {
      for (let j = 0; j < inner; j++) {
        const z = fround(x[base + k * inner + j]! - max[j]!);
        acc[j] = fround(acc[j]! + (j < vec ? sleefExpF32(z) : libmExpF32(z)));
      }
    }
    for (let j = 0; j < inner; j++) acc[j] = sleefLogF32(acc[j]!);
    for (let k = 0; k < size; k++) {
      for (let j = 0; j < inner; j++) {
        const i = base + k * inner + j;
        out[i] = fround(x[i]! - max[j]!) - acc[j]!;
      }
    }
  }
  return make(t.shape, out);
}

// ---------------------------------------------------------------------------------------------
// Softmax and log-softmax backward: SoftMaxKernel.cpp
// ---------------------------------------------------------------------------------------------

/**
 * Gradient of `softmax(x, dim)` given its output `out` and the incoming gradient:
 * `out * (grad - sum(grad * out, dim))` (`_softmax_backward_data`). Along the last dimension
 * this is `_vec_host_softmax_backward_lastdim` (the sum by reduceAllDot, then
 * `(grad - sum) * out` per element); along another dimension `_vec_softmax_backward`, which runs
 * a sum from 0 down the dimension for every inner position (fused multiply-adds) and then
 * `out * (grad - sum)`.
 */
export function softmaxBackward(grad: Tensor, out: Tensor, dim: number): Tensor {
  sameShape('softmaxBackward', out, grad, 'gradient');
  const d = resolveDim('softmaxBackward', out, dim);
  const gi = new Float32Array(out.data.length);
  if (out.shape.length === 0) return make([], Float32Array.of(0));
  const [outer, size, inner] = splitAt(out.shape, d);
  const g = grad.data;
  const y = out.data;
  if (inner === 1) {
    for (let o = 0; o < outer; o++) {
      const start = o * size;
      if (size === 0) continue;
      const dot = reduceAllDot(g, y, start, size);
      for (let i = start; i < start + size; i++) gi[i] = fround(g[i]! - dot) * y[i]!;
    }
    return make(out.shape, gi);
  }
  const acc = new Float64Array(inner);
  for (let o = 0; o < outer; o++) {
    const base = o * size * inner;
    acc.fill(0);
    for (let k = 0; k < size; k++) {
      const row = base + k * inner;
      for (let j = 0; j < inner; j++) acc[j] = fmaF32(g[row + j]!, y[row + j]!, acc[j]!);
    }
    for (let k = 0; k < size; k++) {
      const row = base + k * inner;
      for (let j = 0; j < inner; j++) gi[row + j] = y[row + j]! * fround(g[row + j]! - acc[j]!);
    }
  }
  return make(out.shape, gi);
}

/**
 * Gradient of `log_softmax(x, dim)` given its output `out`: `grad - exp(out) * sum(grad, dim)`
 * (`_log_softmax_backward_data`). Along the last dimension the row sum is a reduce_all; along
 * another, a running sum from 0 down the dimension. The exp is Sleef's (glibc's in the scalar tail
 * of a strided tensor), and the multiply and subtract are one fused multiply-add, as GCC compiles
 * the AVX2 kernels.
 */
export function logSoftmaxBackward(grad: Tensor, out: Tensor, dim: number): Tensor {
  sameShape('logSoftmaxBackward', out, grad, 'gradient');
  const d = resolveDim('logSoftmaxBackward', out, dim);
  const gi = new Float32Array(out.data.length);
  const g = grad.data;
  const y = out.data;
  if (out.shape.length === 0) {
    return make([], Float32Array.of(fmaF32(-sleefExpF32(y[0]!), g[0]!, g[0]!)));
  }
  const [outer, size, inner] = splitAt(out.shape, d);
  if (inner === 1) {
    for (let r = 0; r < outer; r++) {
      const start = r * size;
      if (size === 0) continue;
      const total = reduceAllSum(g, start, size);
      for (let i = start; i < start + size; i++) gi[i] = fmaF32(-sleefExpF32(y[i]!), total, g[i]!);
    }
    return make(out.shape, gi);
  }
  const vec = vectorised(inner);
  const acc = new Float64Array(inner);
  for (let o = 0; o < outer; o++) {
    const base = o * size * inner;
    acc.fill(0);
    for (let k = 0; k < size; k++) {
      for (let j = 0; j < inner; j++) acc[j] = fround(acc[j]! + g[base + k * inner + j]!);
    }
    for (let k = 0; k < size; k++) {
      for (let j = 0; j < inner; j++) {
        const i = base + k * inner + j;
        const e = j < vec ? sleefExpF32(y[i]!) : libmExpF32(y[i]!);
        gi[i] = fmaF32(-e, acc[j]!, g[i]!);
      }
    }
  }
  return make(out.shape, gi);
}

// ---------------------------------------------------------------------------------------------
// Products, transpose, scalar division, masked fill
// ---------------------------------------------------------------------------------------------

/**
 * Gradients of `a @ b` for 2-d operands (mm): `grad @ b.T` and `a.T @ grad`. Each element is a
 * float32 sum over the shared dimension in ascending order, which is what reference BLAS gives
 * for every transpose case autograd passes it.
 */
export function matmulBackward(grad: Tensor, a: Tensor, b: Tensor): { a: Tensor; b: Tensor } {
  if (a.shape.length !== 2 || b.shape.length !== 2 || grad.shape.length !== 2) {
    fail(`matmulBackward: expected 2-d tensors, got a ${s(a)}, b ${s(b)}, gradient ${s(grad)}`);
  }
  if (grad.shape[0] !== a.shape[0] || grad.shape[1] !== b.shape[1] || a.shape[1] !== b.shape[0]) {
    fail(`matmulBackward: gradient ${s(grad)} does not match a ${s(a)} @ b ${s(b)}`);
  }
  return { a: matmul(grad, transpose(b)), b: matmul(transpose(a), grad) };
}

/** Gradient of `t.T` (2-d): the gradient transposed back. */
export function transposeBackward(grad: Tensor): Tensor {
  return transpose(grad);
}

/**
 * Gradient of `t / k` for a Python number k: `grad / k`, with k rounded to float32 and a true
 * division, exactly like the forward `div`.
 */
export function divScalarBackward(grad: Tensor, k: number): Tensor {
  return div(grad, k);
}

/** Gradient of `t.masked_fill(mask, value)`: the gradient with masked entries set to 0. */
export function maskedFillBackward(grad: Tensor, mask: Uint8Array | readonly boolean[]): Tensor {
  if (mask.length !== grad.data.length) {
    fail(`maskedFillBackward: mask of ${mask.length} entries does not match shape ${s(grad)}`);
  }
  const out = grad.data.slice();
  for (let i = 0; i < out.length; i++) if (mask[i]) out[i] = 0;
  return make(grad.shape, out);
}

// ---------------------------------------------------------------------------------------------
// Reductions
// ---------------------------------------------------------------------------------------------

/** `t.mean()` over every element: cascade sum (ops.ts `sum`), then a float32 division by numel. */
export function mean(t: Tensor): Tensor {
  const total = sum(t).data[0]!;
  return make([], Float32Array.of(fround(total / t.data.length)));
}

function scalarGrad(op: string, grad: Tensor | number): number {
  if (typeof grad === 'number') return fround(grad);
  if (grad.data.length !== 1) fail(`${op}: expected a one-element gradient, got shape ${s(grad)}`);
  return grad.data[0]!;
}

/** Gradient of `t.sum()`: the (one-element) incoming gradient in every position. */
export function sumBackward(grad: Tensor | number, shape: readonly number[]): Tensor {
  const g = scalarGrad('sumBackward', grad);
  const n = shape.reduce((a, b) => a * b, 1);
  return make(shape, new Float32Array(n).fill(g));
}

/** Gradient of `t.mean()`: `grad.expand(shape) / numel`, a float32 division. */
export function meanBackward(grad: Tensor | number, shape: readonly number[]): Tensor {
  const g = scalarGrad('meanBackward', grad);
  const n = shape.reduce((a, b) => a * b, 1);
  return make(shape, new Float32Array(n).fill(fround(g / n)));
}

// ---------------------------------------------------------------------------------------------
// Losses: Loss.cpp (mse_loss) and LossNLL.cpp (nll_loss), mean reduction
// ---------------------------------------------------------------------------------------------

/**
 * `F.mse_loss(input, target)` (mean): per element `d = input - target`, `d * d`, then mean
 * (cascade sum, float32 division by numel), as mse_loss_out does. Shapes must match (PyTorch only
 * warns and broadcasts, which is almost always a mistake).
 */
export function mseLoss(input: Tensor, target: Tensor): Tensor {
  sameShape('mseLoss', input, target, 'target');
  const sq = new Float32Array(input.data.length);
  for (let i = 0; i < sq.length; i++) {
    const d = fround(input.data[i]! - target.data[i]!);
    sq[i] = d * d;
  }
  return mean(make(input.shape, sq));
}

/**
 * Gradient of `F.mse_loss` (mean) with respect to its input: `norm * (input - target) * grad`
 * with `norm = 2 / numel` computed in double and rounded to float32 (mse_backward_cpu_kernel).
 */
export function mseLossBackward(input: Tensor, target: Tensor, grad: Tensor | number = 1): Tensor {
  sameShape('mseLossBackward', input, target, 'target');
  const g = scalarGrad('mseLossBackward', grad);
  const norm = fround(2 / input.data.length);
  const out = new Float32Array(input.data.length);
  for (let i = 0; i < out.length; i++) {
    out[i] = fround(norm * fround(input.data[i]! - target.data[i]!)) * g;
  }
  return make(input.shape, out);
}

function checkTargets(op: string, input: Tensor, target: readonly number[]): [number, number] {
  if (input.shape.length !== 2) {
    fail(`${op}: expected 2-d input (one row of class scores per sample), got shape ${s(input)}`);
  }
  const [n, c] = input.shape as [number, number];
  if (target.length !== n) {
    fail(`${op}: ${target.length} targets for ${n} rows of input ${s(input)}`);
  }
  for (const t of target) {
    if (!Number.isInteger(t) || t < 0 || t >= c) {
      throw new RangeError(`${op}: Target ${t} is out of bounds (classes 0 to ${c - 1}).`);
    }
  }
  return [n, c];
}

/** The cross-entropy loss with the log-probabilities its backward pass needs. */
export type CrossEntropyResult = { loss: Tensor; logProbs: Tensor };

/**
 * `F.cross_entropy(input, target)` for a 2-d input (rows of class scores) and one class index per
 * row, mean reduction: `nll_loss(log_softmax(input, 1), target)`. nll_loss adds `-logp[i, t_i]`
 * in a cascade of 8 float32 partial sums (blocks of 16 rows), then divides by the number of rows.
 * A target whose score is -inf (masked) gives an infinite loss, as in PyTorch.
 */
export function crossEntropy(input: Tensor, target: readonly number[]): CrossEntropyResult {
  const [n, c] = checkTargets('crossEntropy', input, target);
  const logProbs = logSoftmax(input, -1);
  const levels = 8;
  const ceilLog2 = n <= 2 ? 1 : 32 - Math.clz32(n - 1);
  const levelPower = Math.max(4, Math.trunc(ceilLog2 / levels));
  const levelMask = (1 << levelPower) - 1;
  const partial = new Float64Array(levels);
  for (let b = 0; b < n; b++) {
    partial[0] = fround(partial[0]! - logProbs.data[b * c + target[b]!]!);
    for (let j = 0; j + 1 < levels; j++) {
      if ((b & (levelMask << (j * levelPower))) !== 0) break;
      partial[j + 1] = fround(partial[j + 1]! + partial[j]!);
      partial[j] = 0;
    }
  }
  let total = 0;
  for (let j = 0; j < levels; j++) total = fround(total + partial[j]!);
  return { loss: make([], Float32Array.of(fround(total / n))), logProbs };
}

/**
 * Gradient of `F.cross_entropy` (mean) with respect to its input, from the log-probabilities the
 * forward pass returned: nll_loss_backward puts `-(grad / rows)` (float32) at each row's target,
 * then logSoftmaxBackward.
 */
export function crossEntropyBackward(
  logProbs: Tensor,
  target: readonly number[],
  grad: Tensor | number = 1,
): Tensor {
  const [n, c] = checkTargets('crossEntropyBackward', logProbs, target);
  const g = scalarGrad('crossEntropyBackward', grad);
  const gLogp = new Float32Array(n * c);
  const value = -fround(g / n);
  for (let b = 0; b < n; b++) gLogp[b * c + target[b]!] = value;
  return logSoftmaxBackward(make(logProbs.shape, gLogp), logProbs, -1);
}
