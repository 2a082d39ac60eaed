/**
 * `torch.sin` and `torch.cos` of float32 tensors as PyTorch 1.13 computes them on an AVX2 CPU,
 * bit for bit.
 *
 * Which kernel runs: UnaryOpsKernel.cpp implements sin and cos with its vml kernels
 * (IMPLEMENT_COMPLEX_STRUCTURED_KERNEL / IMPLEMENT_COMPLEX_KERNEL): TensorIterator coalesces a
 * contiguous tensor into one run, which goes straight to `vml::vsin` / `vml::vcos` (strided runs
 * are copied into a contiguous buffer first). Without MKL (Debian's build), vml.h maps
 * `Vectorized<float>::sin()` / `cos()` over the run with `vec::map`: whole vectors of 8 floats
 * from the start, then a last partial vector loaded with `loadu(ptr, count)`, which zero-fills the
 * missing lanes; so the tail elements go through the same vector code. `Vectorized<float>::sin()`
 * is Sleef's `Sleef_sinf8_u10` (cos: `Sleef_cosf8_u10`), i.e. sleefsimdsp.c `xsinf_u1` /
 * `xcosf_u1` of SLEEF 3.5.1 (Debian's libsleef3) in its AVX2 + FMA build, not the DETERMINISTIC
 * one.
 *
 * That build makes the result of one lane depend on its neighbours: if every lane of the vector
 * has |x| < 125 (TRIGRANGEMAX2f), all lanes take a fast Cody-Waite reduction; otherwise (one lane
 * of 125 or more, infinite or NaN) all 8 lanes take the Payne-Hanek reduction (`rempif`), whose
 * last bits differ. Measured on 80000 random values in [-100, 100]: putting 1000 in one lane of
 * each vector changes sin in 733 of the other 70000 lanes. `sin(t)` and `cos(t)` below reproduce
 * that grouping: vectors of 8 consecutive elements of the (contiguous, row-major) tensor, starting
 * at element 0. With several threads PyTorch splits runs longer than 2048 elements between
 * threads, which can move the vector boundaries; the fixtures are made with one thread (run.sh).
 *
 * Every step below is one float32 operation (rounded once, `Math.fround`) or one fused
 * multiply-add (`fmaF32`), in Sleef's order. "df" values are Sleef's double-float pairs (hi, lo).
 */
import { fmaF32 } from './ops';
import type { Tensor } from './tensor';

const fround = Math.fround;

// sleef misc.h constants, as float32 (the `f` suffix, or vcast_vf_f of a double).
const M_1_PI_F = fround(1 / Math.PI); // M_1_PI = 0.3183098861837906715...
const PI_A2F = fround(3.1414794921875);
const PI_B2F = fround(0.00011315941810607910156);
const PI_C2F = fround(1.9841872589410058936e-9);
const TRIGRANGEMAX2F = 125;
// -PI_A2f * 0.5f etc., for cos's reduction by odd multiples of pi/2
const HALF_PI_A2F = fround(-PI_A2F * 0.5);
const HALF_PI_B2F = fround(-PI_B2F * 0.5);
const HALF_PI_C2F = fround(-PI_C2F * 0.5);
// 2*pi and pi/2 as float32 double-float pairs (rempif's final scaling, the octant fix-up).
const TWO_PI_HI = fround(3.1415927410125732422 * 2);
const TWO_PI_LO = fround(-8.7422776573475857731e-8 * 2);
const HALF_PI_HI = fround(3.1415927410125732422 * -0.5);
const HALF_PI_LO = fround(-8.7422776573475857731e-8 * -0.5);
// The sin/cos polynomial in s = x^2.
const P0 = fround(2.6083159809786593541503e-6);
const P1 = fround(-0.0001981069071916863322258);
const P2 = fround(0.00833307858556509017944336);
const P3 = fround(-0.166666597127914428710938);

/** Round to nearest, ties to even (`_mm256_round_ps` / `_mm256_cvtps_epi32`), for |x| < 2^51. */
const ROUND_SHIFT = 6755399441055744;
function rint(x: number): number {
  if (!(Math.abs(x) < 2 ** 51)) return x;
  const r = x + ROUND_SHIFT - ROUND_SHIFT;
  return r === 0 ? (x < 0 || Object.is(x, -0) ? -0 : 0) : r;
}

/** Sign bit set (including -0). */
function signbit(x: number): boolean {
  return x < 0 || Object.is(x, -0);
}

/** `vmulsign`: x with its sign flipped when y's sign bit is set. */
function mulsign(x: number, y: number): number {
  return signbit(y) ? -x : x;
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The float32 exponent field minus 127 (vilogb2k): -127 for zeros and subnormals, 128 for inf/NaN. */
function ilogb2k(x: number): number {
  f32[0] = x;
  return ((u32[0]! >>> 23) & 0xff) - 0x7f;
}

// ---------------------------------------------------------------------------------------------
// Payne-Hanek reduction (sleefsimdsp.c rempif) and its table of 1/(2 pi) pieces
// ---------------------------------------------------------------------------------------------

/**
 * Sleef's `rempitabsp`: for each exponent i = 25..127, four float32 pieces (hi to lo) of
 * frac(2^(i-23) / (2 pi)) / 2^(i-23), times 2^64 when i > 90; the first three with their two
 * lowest mantissa bits cleared, so that products with a float32 fit in a double-float exactly.
 * It is recomputed here from pi (Machin's formula in BigInt), as sleef's gencoef/mkrempitab.c
 * computes it with MPFR, rather than stored.
 */
let rempitab: Float32Array | null = null;

function bigToDouble(num: bigint, scale: number): number {
  // num * 2^-scale rounded to the nearest double, ties to even (num != 0, result normal).
  const neg = num < 0n;
  let m = neg ? -num : num;
  const len = m.toString(2).length;
  let shift = 0;
  if (len > 53) {
    shift = len - 53;
    const rem = m & ((1n << BigInt(shift)) - 1n);
    m >>= BigInt(shift);
    const half = 1n << BigInt(shift - 1);
    if (rem > half || (rem === half && (m & 1n) === 1n)) m += 1n;
  }
  const v = Number(m) * 2 ** (shift - scale);
  return neg ? -v : v;
}

function atanInv(x: bigint, one: bigint): bigint {
  // atan(1/x) * one, by its Taylor series.
  let power = one / x;
  let sum = power;
  const x2 = x * x;
  for (let k = 3n, sign = -1n; power !== 0n; k += 2n, sign = -sign) {
    power /= x2;
    sum += (sign * power) / k;
  }
  return sum;
}

function buildRempitab(): Float32Array {
  const F = 2400; // fraction bits; the table uses about 230 of them
  const one = 1n << BigInt(F + 32);
  const pi = (16n * atanInv(5n, one) - 4n * atanInv(239n, one)) >> 32n; // pi * 2^F
  const rpi = (1n << BigInt(2 * F - 1)) / pi; // 0.5 / pi * 2^F
  const table = new Float32Array(103 * 4);
  const bits = new Uint32Array(1);
  const fbits = new Float32Array(bits.buffer);
  for (let i = 25; i < 128; i++) {
    const e = i - 23;
    // frac(2^e * rpi) / 2^e, as num / 2^scale
    let num = (rpi << BigInt(e)) & ((1n << BigInt(F)) - 1n);
    const scale = F + e - (i > 90 ? 64 : 0);
    for (let k = 0; k < 4; k++) {
      let f = fround(bigToDouble(num, scale));
      if (k < 3) {
        fbits[0] = f;
        bits[0] = bits[0]! & 0xfffffffc;
        f = fbits[0];
      }
      table[(i - 25) * 4 + k] = f;
      // num -= f exactly, with f = m * 2^(ex - 150) read from its bits (f is normal)
      fbits[0] = f;
      const ex = (bits[0]! >>> 23) & 0xff;
      const m = BigInt((bits[0]! & 0x7fffff) | 0x800000);
      num -= (f < 0 ? -m : m) << BigInt(ex - 150 + scale);
    }
  }
  return table;
}

// rempif's results for one lane (module scratch, to keep the per-element code allocation-free).
let remHi = 0;
let remLo = 0;
let remQ = 0;

let subD = 0;
let subQ = 0;

/** rempisubf (FULL_FP_ROUNDING): subD = x minus its nearest quarter, subQ = that quarter count. */
function rempisub(x: number): void {
  const y = rint(fround(x * 4));
  subQ = Math.trunc(fround(y - fround(rint(x) * 4)));
  subD = fround(x - fround(y * 0.25));
}

/** Sets remHi/remLo to the reduced argument in radians and remQ to the quarter-turn count. */
function rempif(a0: number): void {
  const table = (rempitab ??= buildRempitab());
  let ex = ilogb2k(a0) - 25;
  const a = ex > 65 ? fround(a0 * 2 ** -64) : a0; // vldexp3 by -64 (exact)
  if (ex < 0) ex = 0;
  const idx = ex * 4;
  // Lanes with inf or NaN read past the table in Sleef; their result is NaN whatever is read.
  const t0 = table[idx] ?? 0;
  const t1 = table[idx + 1] ?? 0;
  const t2 = table[idx + 2] ?? 0;
  const t3 = table[idx + 3] ?? 0;
  // x = dfmul(a, t0)
  let xh = fround(a * t0);
  let xl = fmaF32(a, t0, -xh);
  rempisub(xh);
  let q = subQ;
  xh = subD;
  // dfnormalize
  let s = fround(xh + xl);
  xl = fround(fround(xh - s) + xl);
  xh = s;
  // y = dfmul(a, t1); x = dfadd2(x, y)
  let yh = fround(a * t1);
  let yl = fmaF32(a, t1, -yh);
  s = fround(xh + yh);
  let v = fround(s - xh);
  let t = fround(fround(xh - fround(s - v)) + fround(yh - v));
  xl = fround(t + fround(xl + yl));
  xh = s;
  rempisub(xh);
  q += subQ;
  xh = subD;
  s = fround(xh + xl);
  xl = fround(fround(xh - s) + xl);
  xh = s;
  // y = dfmul((t2, t3), a); x = dfadd2(x, y); dfnormalize
  yh = fround(t2 * a);
  yl = fmaF32(t3, a, fmaF32(t2, a, -yh));
  s = fround(xh + yh);
  v = fround(s - xh);
  t = fround(fround(xh - fround(s - v)) + fround(yh - v));
  xl = fround(t + fround(xl + yl));
  xh = s;
  s = fround(xh + xl);
  xl = fround(fround(xh - s) + xl);
  xh = s;
  // x = dfmul(x, 2 pi)
  const ph = fround(xh * TWO_PI_HI);
  const pl = fmaF32(xh, TWO_PI_LO, fmaF32(xl, TWO_PI_HI, fmaF32(xh, TWO_PI_HI, -ph)));
  if (Math.abs(a) < 0.7) {
    remHi = a;
    remLo = 0;
  } else {
    remHi = ph;
    remLo = pl;
  }
  remQ = q | 0;
}

// ---------------------------------------------------------------------------------------------
// The shared polynomial: t * (1 + s * (P3 + s * (P2 + s * (P1 + s * P0)))) in double-float
// ---------------------------------------------------------------------------------------------

function poly(th: number, tl: number): number {
  // s = dfsqu(t)
  const sh = fround(th * th);
  const sl = fmaF32(fround(th + th), tl, fmaF32(th, th, -sh));
  let u = P0;
  u = fmaF32(u, sh, P1);
  u = fmaF32(u, sh, P2);
  // a = dfadd(P3, u * s.hi)
  const us = fround(u * sh);
  const ah = fround(P3 + us);
  const al = fround(fround(P3 - ah) + us);
  // m = dfmul(a, s)
  const mh = fround(ah * sh);
  const ml = fmaF32(ah, sl, fmaF32(al, sh, fmaF32(ah, sh, -mh)));
  // x = dfadd(1, m)
  const xh = fround(1 + mh);
  const xl = fround(fround(fround(1 - xh) + mh) + ml);
  // dfmul_vf_vf2_vf2(t, x)
  return fmaF32(th, xh, fmaF32(tl, xh, fround(th * xl)));
}

/**
 * Sleef `xsinf_u1` for one lane. `slow` says whether its vector takes the Payne-Hanek branch
 * (some lane of it has |x| >= 125, is infinite or NaN).
 */
function sleefSinLane(d: number, slow: boolean): number {
  let q: number;
  let sh: number;
  let sl: number;
  if (!slow) {
    const u = rint(fround(d * M_1_PI_F));
    q = u;
    const v = fmaF32(u, -PI_A2F, d);
    // s = dfadd2(v, u * -PI_B2f)
    const b = fround(u * -PI_B2F);
    let s = fround(v + b);
    let w = fround(s - v);
    sh = s;
    sl = fround(fround(v - fround(s - w)) + fround(b - w));
    // s = dfadd(s, u * -PI_C2f)
    const c = fround(u * -PI_C2F);
    s = fround(sh + c);
    w = fround(fround(fround(sh - s) + c) + sl);
    sh = s;
    sl = w;
  } else {
    rempif(d);
    let xh = remHi;
    let xl = remLo;
    q = ((remQ & 3) * 2 + (xh > 0 ? 2 : 1)) >> 2;
    if ((remQ & 1) === 1) {
      // x = dfadd2(x, (mulsign(-pi/2, x.hi), mulsign(...)))
      const yh = mulsign(HALF_PI_HI, xh);
      const yl = mulsign(HALF_PI_LO, xh);
      const s = fround(xh + yh);
      const v = fround(s - xh);
      const t = fround(fround(xh - fround(s - v)) + fround(yh - v));
      xl = fround(t + fround(xl + yl));
      xh = s;
    }
    sh = fround(xh + xl);
    sl = fround(fround(xh - sh) + xl);
    if (!Number.isFinite(d)) sh = NaN;
  }
  let u = poly(sh, sl);
  if ((q & 1) === 1) u = -u;
  if (Object.is(d, -0)) return d;
  return u;
}

/** Sleef `xcosf_u1` for one lane; `slow` as in sleefSinLane. */
function sleefCosLane(d: number, slow: boolean): number {
  let q: number;
  let sh: number;
  let sl: number;
  if (!slow) {
    const dq = fmaF32(rint(fmaF32(d, M_1_PI_F, -0.5)), 2, 1);
    q = dq;
    // s = dfadd2(d, dq * -PI_A2f/2), then dfadd2(s, dq * -PI_B2f/2), dfadd2(s, dq * -PI_C2f/2)
    const a = fround(dq * HALF_PI_A2F);
    let s = fround(d + a);
    let v = fround(s - d);
    sh = s;
    sl = fround(fround(d - fround(s - v)) + fround(a - v));
    for (let k = 0; k < 2; k++) {
      const y = fround(dq * (k === 0 ? HALF_PI_B2F : HALF_PI_C2F));
      s = fround(sh + y);
      v = fround(s - sh);
      const t = fround(fround(sh - fround(s - v)) + fround(y - v));
      sl = fround(t + sl);
      sh = s;
    }
  } else {
    rempif(d);
    let xh = remHi;
    let xl = remLo;
    q = ((remQ & 3) * 2 + (xh > 0 ? 8 : 7)) >> 1;
    if ((remQ & 1) === 0) {
      const y = xh > 0 ? 0 : -1;
      const yh = mulsign(HALF_PI_HI, y);
      const yl = mulsign(HALF_PI_LO, y);
      const s = fround(xh + yh);
      const v = fround(s - xh);
      const t = fround(fround(xh - fround(s - v)) + fround(yh - v));
      xl = fround(t + fround(xl + yl));
      xh = s;
    }
    sh = fround(xh + xl);
    sl = fround(fround(xh - sh) + xl);
    if (!Number.isFinite(d)) sh = NaN;
  }
  const u = poly(sh, sl);
  return (q & 2) === 0 ? -u : u;
}

/** Whether a vector holding x goes down Sleef's Payne-Hanek branch. */
function needsSlow(x: number): boolean {
  return !(Math.abs(x) < TRIGRANGEMAX2F);
}

/**
 * `vml::vsin`/`vcos` over a contiguous run: vectors of 8 from the start, the last one partial
 * (its missing lanes are zeros, which never select the slow branch). A NaN result (from an
 * infinite or NaN input) is written as Sleef leaves it: all 32 bits set.
 */
function mapVectors(
  src: Float32Array,
  dst: Float32Array,
  lane: (d: number, slow: boolean) => number,
): void {
  const n = src.length;
  const bits = new Uint32Array(dst.buffer, dst.byteOffset, n);
  for (let base = 0; base < n; base += 8) {
    const end = Math.min(base + 8, n);
    let slow = false;
    for (let i = base; i < end; i++) if (needsSlow(src[i]!)) slow = true;
    for (let i = base; i < end; i++) {
      const r = lane(src[i]!, slow);
      if (r === r) dst[i] = r;
      else bits[i] = 0xffffffff;
    }
  }
}

/**
 * sin of one float32 as `torch.sin(torch.tensor([x]))` gives it (alone in its vector). Inside a
 * tensor, use `sin`: a neighbour of 125 or more can change the last bit.
 */
export function sleefSinF32(x: number): number {
  const d = fround(x);
  return fround(sleefSinLane(d, needsSlow(d)));
}

/** cos of one float32, alone in its vector (see sleefSinF32). */
export function sleefCosF32(x: number): number {
  const d = fround(x);
  return fround(sleefCosLane(d, needsSlow(d)));
}

/** `torch.sin(t)` for a float32 tensor (contiguous, row-major), bit for bit. */
export function sin(t: Tensor): Tensor {
  const out = new Float32Array(t.data.length);
  mapVectors(t.data, out, sleefSinLane);
  return { shape: [...t.shape], data: out };
}

/** `torch.cos(t)` for a float32 tensor (contiguous, row-major), bit for bit. */
export function cos(t: Tensor): Tensor {
  const out = new Float32Array(t.data.length);
  mapVectors(t.data, out, sleefCosLane);
  return { shape: [...t.shape], data: out };
}
