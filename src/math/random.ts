/**
 * A random number generator that reproduces PyTorch 1.13's CPU generator bit for bit:
 * `torchGenerator(seed)` behaves like `torch.manual_seed(seed)`, and its `rand`, `randn` and
 * `embedding` return the same float32 values as `torch.rand`, `torch.randn` and a fresh
 * `torch.nn.Embedding(...).weight`, consuming the same amount of the random stream, so a sequence
 * of calls lines up with a notebook's sequence of calls.
 *
 * Sources mirrored (PyTorch 1.13):
 * - aten/src/ATen/core/MT19937RNGEngine.h — at::mt19937, seeded with the low 32 bits of the seed;
 * - aten/src/ATen/CPUGeneratorImpl.cpp — random() is one 32-bit draw, random64() two (hi, lo),
 *   and set_current_seed() clears the cached normal samples;
 * - aten/src/ATen/core/TransformationHelper.h — uniform_real: (bits & (2^digits - 1)) * 2^-digits;
 * - aten/src/ATen/core/DistributionsHelper.h — normal_distribution<double>, Box-Muller in doubles
 *   with the second sample cached;
 * - aten/src/ATen/native/cpu/DistributionTemplates.h — normal_kernel, normal_fill_AVX2 and
 *   normal_fill_16_AVX2, which use avx_mathfun.h's log256_ps and sincos256_ps.
 */
import { ShapeError, shapeToString, type Tensor } from './tensor';

/** A seeded generator; each call advances its stream exactly as the PyTorch call it is named after. */
export interface TorchGenerator {
  /** like torch.rand(*shape) after the same earlier calls */
  rand(shape: number[]): Tensor;
  /** like torch.randn(*shape) */
  randn(shape: number[]): Tensor;
  /** the weight of a freshly made torch.nn.Embedding(numEmbeddings, dim), shape [numEmbeddings, dim] */
  embedding(numEmbeddings: number, dim: number): Tensor;
}

/**
 * A new generator in the state `torch.manual_seed(seed)` leaves PyTorch's default CPU generator in.
 * `seed` must be an integer from 0 to 2^53 - 1 (Number.MAX_SAFE_INTEGER); like PyTorch, only its low
 * 32 bits matter, so `torchGenerator(2 ** 32 + 5)` equals `torchGenerator(5)`.
 * @throws RangeError for a negative, fractional, unsafe or non-finite seed.
 */
export function torchGenerator(seed: number): TorchGenerator {
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(
      `invalid seed ${String(seed)}: expected an integer from 0 to 2^53 - 1 (9007199254740991)`,
    );
  }
  return new CpuGenerator(seed);
}

// ---------------------------------------------------------------------------------------------
// mt19937 (at::mt19937): the standard 32-bit Mersenne Twister.

const MT_N = 624;
const MT_M = 397;
const TWO_POW_32 = 4294967296;
/** 2^-24: uniform_real<float> keeps the low 24 bits (float's digits) of one 32-bit draw. */
const FLOAT_DIVISOR = 1 / 16777216;
/** 2^-53: uniform_real<double> keeps the low 53 bits (double's digits) of a 64-bit draw. */
const DOUBLE_DIVISOR = 1 / 9007199254740992;
/** Sizes from which normal_kernel switches from the scalar path to normal_fill (16 at a time). */
const FILL_MIN = 16;

/** mt19937's output tempering of one state word, as an int32 (callers mask or `>>> 0` it). */
function temper(word: number): number {
  let y = word;
  y ^= y >>> 11;
  y ^= (y << 7) & 0x9d2c5680;
  y ^= (y << 15) & 0xefc60000;
  return y ^ (y >>> 18);
}

class CpuGenerator implements TorchGenerator {
  private readonly state = new Uint32Array(MT_N);
  private next = MT_N;
  /** CPUGeneratorImpl::next_double_normal_sample_: the cached sin() half of a Box-Muller pair. */
  private cachedNormal: number | null = null;

  constructor(seed: number) {
    // at::mt19937(uint64_t seed) calls init_with_uint32(seed): only the low 32 bits are used.
    // `>>> 0` is ToUint32, i.e. seed mod 2^32, exact for every safe integer.
    const s = this.state;
    s[0] = seed >>> 0;
    for (let j = 1; j < MT_N; j++) {
      const prev = s[j - 1]!;
      s[j] = (Math.imul(1812433253, prev ^ (prev >>> 30)) + j) >>> 0;
    }
  }

  /** One 32-bit draw (CPUGeneratorImpl::random(), i.e. at::mt19937::operator()). */
  private nextUint32(): number {
    if (this.next >= MT_N) this.refill();
    return temper(this.state[this.next++]!) >>> 0;
  }

  /** Regenerates all 624 words at once, as at::mt19937::next_state does. */
  private refill(): void {
    const s = this.state;
    // Split in three so no index wraps (no % per word); -(y & 1) & MATRIX_A is the branchless
    // "y odd ? 0x9908b0df : 0". Int32 results are stored mod 2^32 by the Uint32Array.
    let k = 0;
    for (; k < MT_N - MT_M; k++) {
      const y = (s[k]! & 0x80000000) | (s[k + 1]! & 0x7fffffff);
      s[k] = s[k + MT_M]! ^ (y >>> 1) ^ (-(y & 1) & 0x9908b0df);
    }
    for (; k < MT_N - 1; k++) {
      const y = (s[k]! & 0x80000000) | (s[k + 1]! & 0x7fffffff);
      s[k] = s[k + MT_M - MT_N]! ^ (y >>> 1) ^ (-(y & 1) & 0x9908b0df);
    }
    const y = (s[MT_N - 1]! & 0x80000000) | (s[0]! & 0x7fffffff);
    s[MT_N - 1] = s[MT_M - 1]! ^ (y >>> 1) ^ (-(y & 1) & 0x9908b0df);
    this.next = 0;
  }

  /**
   * data[start .. end) = successive uniform_real_distribution<float>(0, 1) samples: one 32-bit draw
   * each, of which the low 24 bits (float's digits) times 2^-24, exact in float32. The state
   * handling is inlined here so big tensors need no method call per value.
   */
  private fillUniform(data: Float32Array, start: number, end: number): void {
    const s = this.state;
    let i = this.next;
    for (let k = start; k < end; k++) {
      if (i >= MT_N) {
        this.refill();
        i = 0;
      }
      data[k] = (temper(s[i++]!) & 0xffffff) * FLOAT_DIVISOR;
    }
    this.next = i;
  }

  /**
   * uniform_real_distribution<double>(0, 1): random64() = (first draw << 32) | second draw, of which
   * the low 53 bits are kept — the low 21 bits of the first draw and all of the second.
   */
  private uniformDouble(): number {
    const hi = this.nextUint32() & 0x1fffff;
    const lo = this.nextUint32();
    return (hi * TWO_POW_32 + lo) * DOUBLE_DIVISOR;
  }

  /**
   * normal_distribution<double>(0, 1)::operator(), used by normal_kernel for tensors of fewer than 16
   * values (of any dtype; the float result is rounded once at the end). Box-Muller in doubles:
   * u1 sets the angle, u2 the radius, and the sine half is cached for the next call. The cache is
   * the generator's *double* one even for float tensors, and survives rand and vectorised randn.
   */
  private normalDouble(): number {
    if (this.cachedNormal !== null) {
      const cached = this.cachedNormal;
      this.cachedNormal = null;
      return cached;
    }
    const u1 = this.uniformDouble();
    const u2 = this.uniformDouble();
    // 1.13 writes ::log(1.0 - u2) (later versions use log1p(-u2)). Math.log/sin/cos may differ from
    // glibc's in a double's last bit; rounding to float32 hides that unless a value lies within
    // an ulp or so of a float32 rounding boundary (1.5 million small-randn values all matched).
    const r = Math.sqrt(-2 * Math.log(1 - u2));
    const theta = 2 * Math.PI * u1;
    this.cachedNormal = r * Math.sin(theta);
    return r * Math.cos(theta);
  }

  rand(shape: number[]): Tensor {
    const n = checkedNumel('rand', shape);
    const data = new Float32Array(n);
    // uniform_kernel: one uniform_real_distribution<float> sample per element, in order.
    this.fillUniform(data, 0, n);
    return { shape: [...shape], data };
  }

  randn(shape: number[]): Tensor {
    const n = checkedNumel('randn', shape);
    return { shape: [...shape], data: this.normal(n) };
  }

  embedding(numEmbeddings: number, dim: number): Tensor {
    const shape = [numEmbeddings, dim];
    const n = checkedNumel('embedding', shape);
    // Embedding.reset_parameters() runs init.normal_(weight), i.e. weight.normal_(0, 1): the same
    // normal_kernel as randn on an (numEmbeddings, dim) tensor.
    return { shape, data: this.normal(n) };
  }

  /** normal_kernel(self, 0, 1) for a contiguous float32 tensor of n values. */
  private normal(n: number): Float32Array {
    const data = new Float32Array(n);
    if (n < FILL_MIN) {
      for (let i = 0; i < n; i++) data[i] = this.normalDouble();
      return data;
    }
    // normal_fill_AVX2: first one uniform float per element, then Box-Muller on each block of 16
    // (the first 8 give the radii, the next 8 the angles).
    this.fillUniform(data, 0, n);
    normalFill16(data, 0, n - (n % 16));
    if (n % 16 !== 0) {
      // The tail is not computed from its leftover uniforms: the last 16 slots (overlapping the
      // previous block) get 16 fresh uniforms and are transformed again.
      const start = n - 16;
      this.fillUniform(data, start, n);
      normalFill16(data, start, n);
    }
    return data;
  }
}

function checkedNumel(op: string, shape: readonly number[]): number {
  if (!Array.isArray(shape)) {
    throw new ShapeError(`${op}: shape must be an array of sizes, got ${String(shape)}`);
  }
  let n = 1;
  for (const d of shape) {
    if (typeof d !== 'number' || !Number.isSafeInteger(d) || d < 0) {
      throw new ShapeError(
        `${op}: invalid shape ${shapeToString(shape)}: sizes must be whole numbers >= 0`,
      );
    }
    n *= d;
  }
  if (!Number.isSafeInteger(n)) {
    throw new ShapeError(`${op}: shape ${shapeToString(shape)} holds too many values`);
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// normal_fill_16_AVX2 in float32 arithmetic (Math.fround after every operation).
//
// PyTorch's AVX2 kernels are compiled with FMA enabled, and GCC contracts the a * b + c steps of
// avx_mathfun.h's polynomials into fused multiply-adds, so matching PyTorch bit for bit needs
// fused roundings there (without them about 1 value in 100 differs in its last bit). A float32
// fma is written `f32(a * b + c)`: a * b is exact in a double, so only the sum rounds twice
// (to double, then to float), which could differ from one rounding only if the double sum landed
// exactly halfway between two floats. Each function below only ever sees the 2^24 multiples of
// 2^-24 in [0, 1); all of them were checked against an exact fma and this never happens
// (random.test.ts re-checks a sample; its EXHAUSTIVE_STRIDE = 1 re-runs the full check).
//
// This is the kernel PyTorch uses on any x86-64 CPU with AVX2 (also with AVX-512: normal_stub is
// not dispatched to AVX-512). Builds without AVX2 (e.g. ARM) run the scalar normal_fill with libm
// and differ in the last bits of about a third of the values.

const f32 = Math.fround;

// avx_mathfun.h constants, as the float32s the kernels load.
const SQRTHF = f32(Math.SQRT1_2); // cephes_SQRTHF, 0.707106781186547524
const LOG_P0 = f32(7.0376836292e-2);
const LOG_P1 = f32(-1.151461031e-1);
const LOG_P2 = f32(1.167699874e-1);
const LOG_P3 = f32(-1.2420140846e-1);
const LOG_P4 = f32(1.4249322787e-1);
const LOG_P5 = f32(-1.6668057665e-1);
const LOG_P6 = f32(2.0000714765e-1);
const LOG_P7 = f32(-2.4999993993e-1);
const LOG_P8 = f32(3.3333331174e-1);
const LOG_Q1 = f32(-2.1219444e-4);
const LOG_Q2 = f32(0.693359375);
const MINUS_DP1 = f32(-0.78515625);
const MINUS_DP2 = f32(-2.4187564849853515625e-4);
const MINUS_DP3 = f32(-3.774894977445941e-8); // written -3.77489497744594108e-8 (same double)
const SINCOF_P0 = f32(-1.9515295891e-4);
const SINCOF_P1 = f32(8.3321608736e-3);
const SINCOF_P2 = f32(-1.6666654611e-1);
const COSCOF_P0 = f32(2.443315711809948e-5);
const COSCOF_P1 = f32(-1.388731625493765e-3);
const COSCOF_P2 = f32(4.166664568298827e-2);
const FOPI = f32(1.27323954473516); // 4 / pi
/** normal_fill_AVX2's two_pi: _mm256_set1_ps(2.0f * c10::pi<double>), i.e. float(2 pi). */
const TWO_PI_F32 = f32(2 * Math.PI);
/** 2^-k, to scale an integer mantissa into [0.5, 1). */
const POW2_NEG = Float64Array.from({ length: 26 }, (_, k) => 2 ** -k);
/** sinCosCephes's results (a typed array, so no number is boxed on the hot path). */
const sinCosOut = new Float64Array(2);

/**
 * log256_ps (Cephes logf, from avx_mathfun.h) of u = 1 - v for a uniform float v = k * 2^-24,
 * k in [0, 2^24): u is m * 2^-24 with m = 2^24 - k in [1, 2^24], so its exponent and mantissa
 * (the kernel's bit tricks) come from m's bit length, exactly.
 * @internal exported for random.test.ts
 */
export function logOneMinusCephes(v: number): number {
  const m = 16777216 - v * 16777216;
  const bitLength = 32 - Math.clz32(m);
  // The kernel's e is the unbiased exponent of u plus 1, and x its mantissa in [0.5, 1).
  let e = bitLength - 24;
  let x = m * POW2_NEG[bitLength]!;
  if (x < SQRTHF) {
    e -= 1;
    x = f32(f32(x - 1) + x);
  } else {
    x = f32(x - 1);
  }
  const z = f32(x * x);
  let y = f32(LOG_P0 * x + LOG_P1);
  y = f32(y * x + LOG_P2);
  y = f32(y * x + LOG_P3);
  y = f32(y * x + LOG_P4);
  y = f32(y * x + LOG_P5);
  y = f32(y * x + LOG_P6);
  y = f32(y * x + LOG_P7);
  y = f32(y * x + LOG_P8);
  y = f32(y * x);
  y = f32(y * z + f32(e * LOG_Q1));
  y = f32(y - f32(z * 0.5));
  x = f32(x + y);
  return f32(e * LOG_Q2 + x);
}

/**
 * sincos256_ps (Cephes sinf/cosf, from avx_mathfun.h) of theta = float(2 pi) * u for a uniform
 * float u in [0, 1); writes [sin, cos] into `out`. theta >= 0, so the sign handling drops out.
 * @internal exported for random.test.ts
 */
export function sinCosCephes(u: number, out: Float64Array): void {
  let x = f32(TWO_PI_F32 * u);
  let k = Math.trunc(f32(x * FOPI));
  k = (k + 1) & ~1;
  // Extended-precision reduction by pi/4 (Cody-Waite).
  x = f32(k * MINUS_DP1 + x);
  x = f32(k * MINUS_DP2 + x);
  x = f32(k * MINUS_DP3 + x);
  const z = f32(x * x);
  let yc = f32(COSCOF_P0 * z + COSCOF_P1);
  yc = f32(yc * z + COSCOF_P2);
  yc = f32(yc * z);
  yc = f32(yc * z - f32(z * 0.5));
  yc = f32(yc + 1);
  let ys = f32(SINCOF_P0 * z + SINCOF_P1);
  ys = f32(ys * z + SINCOF_P2);
  ys = f32(ys * z);
  ys = f32(ys * x + x);
  // Which polynomial gives the sine, and the signs, depend on the octant k.
  const sinPoly = (k & 2) === 0;
  const sin = sinPoly ? ys : yc;
  const cos = sinPoly ? yc : ys;
  out[0] = (k & 4) !== 0 ? -sin : sin;
  out[1] = (~(k - 2) & 4) !== 0 ? -cos : cos;
}

/**
 * normal_fill_16_AVX2 with mean 0 and std 1 on each block of 16 in data[start .. end): for j < 8,
 * radius = sqrt(-2 log(1 - data[o+j])), theta = 2 pi * data[o+j+8] (in float32), then
 * data[o+j] = radius cos(theta) and data[o+j+8] = radius sin(theta).
 */
function normalFill16(data: Float32Array, start: number, end: number): void {
  for (let o = start; o < end; o += 16) {
    for (let j = o; j < o + 8; j++) {
      const radius = f32(Math.sqrt(f32(-2 * logOneMinusCephes(data[j]!))));
      sinCosCephes(data[j + 8]!, sinCosOut);
      // _mm256_fmadd_ps(n, std, mean) with std 1 and mean 0 is exact (`+ 0` turns -0 into +0).
      data[j] = f32(radius * sinCosOut[1]!) + 0;
      data[j + 8] = f32(radius * sinCosOut[0]!) + 0;
    }
  }
}
