/**
 * Printing exactly as PyTorch 1.13, Python 3 and numpy 1.24 print: `formatTensor` mirrors
 * torch/_tensor_str.py with the default print options, and the helpers reproduce Python's float
 * formatting (`'{:.4f}'`, `'{:.4e}'`, `repr(float)`), numpy's float32 scalar repr and `repr()` of
 * plain Python values. Every string is checked against real Python output in format.test.ts.
 */
import { numel, shapeToString, type Tensor } from './tensor';

/** How the tensor was made, which changes what PyTorch prints around the numbers. */
export type FormatOptions = {
  /** 'int64' prints integers without a decimal point: `tensor([0, 4, 5, 2, 1, 3])`. */
  dtype?: 'float32' | 'int64';
  /** Adds `, requires_grad=True` (ignored when `gradFn` is set, as in `_str_intern`). */
  requiresGrad?: boolean;
  /** The autograd node's class name, e.g. 'MmBackward0' adds `, grad_fn=<MmBackward0>`. */
  gradFn?: string;
  /**
   * Prints as `print(nn.Parameter(t))`: a `Parameter containing:` line first. A Parameter
   * requires grad, so this implies `requiresGrad` unless that is explicitly `false`
   * (`nn.Parameter(t, requires_grad=False)`).
   */
  parameter?: boolean;
};

// PRINT_OPTS in torch/_tensor_str.py (the 'default' profile).
const PRECISION = 4;
const THRESHOLD = 1000;
const EDGEITEMS = 3;
const LINEWIDTH = 80;

// Powers of ten up to 1e22 are exact doubles.
const POW10: readonly number[] = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
const TWO53 = 2 ** 53;

// ---------------------------------------------------------------------------------------------
// Exact decimal rounding. Python formats the exact binary value of a double and rounds ties
// half to even; JS toFixed/toExponential are exact too but round ties away from zero, so the
// fast paths below are exact integer arithmetic and ties (or large values) fall back to BigInt.
// ---------------------------------------------------------------------------------------------

const view = new DataView(new ArrayBuffer(8));

/** A finite double a >= 0 as m * 2^e with integer m (exact). */
function decompose(a: number): { m: bigint; e: number } {
  view.setFloat64(0, a);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased === 0) return { m, e: -1074 };
  m |= 1n << 52n;
  return { m, e: biased - 1075 };
}

const BIG_POW10: bigint[] = [];
function bigPow10(k: number): bigint {
  let p = BIG_POW10[k];
  if (p === undefined) {
    p = 10n ** BigInt(k);
    BIG_POW10[k] = p;
  }
  return p;
}

/** round(a * 10^s) to the nearest integer, ties to even, computed exactly (a >= 0 finite). */
function roundScaled(a: number, s: number): bigint {
  const { m, e } = decompose(a);
  let num = s >= 0 ? m * bigPow10(s) : m;
  let den = s >= 0 ? 1n : bigPow10(-s);
  if (e >= 0) num <<= BigInt(e);
  else den <<= BigInt(-e);
  const q = num / den;
  const r2 = (num - q * den) * 2n;
  return r2 > den || (r2 === den && (q & 1n) === 1n) ? q + 1n : q;
}

/** Round a non-negative integer-plus-fraction double y (exact) half to even. */
function roundHalfEven(y: number): number {
  const n = Math.floor(y);
  const f = y - n; // exact: y and floor(y) share the exponent range
  return f > 0.5 || (f === 0.5 && n % 2 === 1) ? n + 1 : n;
}

/** Digits of an integer n with a decimal point inserted before the last `d` of them. */
function placePoint(digits: string, d: number): string {
  if (d === 0) return digits;
  const padded = digits.length > d ? digits : '0'.repeat(d + 1 - digits.length) + digits;
  return `${padded.slice(0, -d)}.${padded.slice(-d)}`;
}

/** True when a * 10^d lies exactly halfway between two integers (a = q / 2^(d+1), q odd). */
function isFixedTie(a: number, d: number): boolean {
  const t = a * 2 ** (d + 1); // exact: scaling by a power of two
  return Number.isInteger(t) && t % 2 === 1;
}

function fixedAbs(a: number, d: number): string {
  // Fast path: a float32 has a 24-bit significand and 5^12 < 2^28, so a * 10^d (d <= 12) is an
  // exact double; below 2^53 its integer and fractional parts are exact too.
  if (d <= 12 && Math.fround(a) === a) {
    const y = a * (POW10[d] as number);
    if (y < TWO53) return placePoint(String(roundHalfEven(y)), d);
  }
  if (a < 1e21 && d <= 100 && !isFixedTie(a, d)) return a.toFixed(d);
  return placePoint(roundScaled(a, d).toString(), d);
}

/**
 * Python's `f'{x:.{digits}f}'`: the exact binary value rounded half to even
 * (`pyFixed(0.03125, 4) === '0.0312'`, where JS toFixed gives '0.0313'), `'-0.0000'` for
 * negative values that round to zero, and 'nan', 'inf', '-inf'.
 */
export function pyFixed(x: number, digits: number): string {
  checkDigits(digits);
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  const neg = x < 0 || Object.is(x, -0);
  return (neg ? '-' : '') + fixedAbs(Math.abs(x), digits);
}

function checkDigits(digits: number): void {
  if (!Number.isInteger(digits) || digits < 0) {
    throw new RangeError(`digits must be a whole number >= 0, got ${digits}`);
  }
}

/** Python's exponent: sign and at least two digits ('e-05', 'e+16', 'e+100'). */
function exponentStr(e: number): string {
  const abs = Math.abs(e);
  return `e${e < 0 ? '-' : '+'}${abs < 10 ? '0' : ''}${abs}`;
}

/** n (exactly d+1 digits) times 10^(e-d) as Python's 'd.ddde+XX'. */
function sciDigits(digits: string, d: number, e: number): string {
  const mant = d === 0 ? digits : `${digits[0] ?? ''}.${digits.slice(1)}`;
  return mant + exponentStr(e);
}

function sciAbs(a: number, d: number): string {
  if (a === 0) return sciDigits('0'.repeat(d + 1), d, 0);
  // Fast path: for a float32 a and a scale s = d - e in [0, 12], a * 10^s is exact (see fixedAbs)
  // and stays below 10^(d+1) <= 10^15 < 2^53.
  if (d <= 14 && Math.fround(a) === a) {
    let e = Math.floor(Math.log10(a));
    for (let tries = 0; tries < 3; tries++) {
      const s = d - e;
      if (s < 0 || s > 12) break;
      const y = a * (POW10[s] as number);
      if (y < (POW10[d] as number)) {
        e--; // log10 overestimated the exponent
        continue;
      }
      if (y >= (POW10[d + 1] as number)) {
        e++;
        continue;
      }
      let n = roundHalfEven(y);
      if (n === POW10[d + 1]) {
        n = POW10[d] as number; // 9.99995 -> 1.0000e+01
        e++;
      }
      return sciDigits(String(n), d, e);
    }
  }
  if (d <= 100) {
    const js = a.toExponential(d);
    const at = js.indexOf('e');
    const e = Number(js.slice(at + 1));
    const s = d - e;
    // A tie needs a * 10^s to end in exactly .5: for s >= 0 that is a = q / 2^(s+1) with q odd;
    // for s < 0 the value must be an integer, which the exact path checks.
    const tie = s >= 0 ? isFixedTie(a, s) : Number.isInteger(a);
    if (!tie) return js.slice(0, at) + exponentStr(e);
  }
  return sciExact(a, d);
}

function sciExact(a: number, d: number): string {
  let e = Math.floor(Math.log10(a));
  const lo = bigPow10(d);
  const hi = bigPow10(d + 1);
  let n = roundScaled(a, d - e);
  // log10 can be off by one near powers of ten; rounding up can carry into the next decade.
  for (let tries = 0; tries < 4 && (n >= hi || n < lo); tries++) {
    e += n >= hi ? 1 : -1;
    n = roundScaled(a, d - e);
  }
  return sciDigits(n.toString(), d, e);
}

/**
 * Python's `f'{x:.{digits}e}'` ('1.2346e-05', '-0.0000e+00', 'nan'), exact like `pyFixed`.
 * Exported for tests and for views that print scientific numbers the way PyTorch does.
 */
export function pySci(x: number, digits: number): string {
  checkDigits(digits);
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  const neg = x < 0 || Object.is(x, -0);
  return (neg ? '-' : '') + sciAbs(Math.abs(x), digits);
}

// ---------------------------------------------------------------------------------------------
// Shortest round-trip reprs
// ---------------------------------------------------------------------------------------------

/** Shortest round-trip digits 'dddd' (no leading or trailing zeros) of a = d.ddd * 10^exp. */
type Shortest = { digits: string; exp: number };

/** JS's shortest round-trip digits of a finite a > 0 (the same digits Python's repr uses). */
function shortestDouble(a: number): Shortest {
  const s = String(a);
  const at = s.indexOf('e');
  const mant = at < 0 ? s : s.slice(0, at);
  let exp = at < 0 ? 0 : Number(s.slice(at + 1));
  const dot = mant.indexOf('.');
  const intPart = dot < 0 ? mant : mant.slice(0, dot);
  const fracPart = dot < 0 ? '' : mant.slice(dot + 1);
  let all = intPart + fracPart;
  exp += intPart.length - 1;
  const lead = all.length - all.replace(/^0+/, '').length;
  all = all.slice(lead);
  exp -= lead;
  return { digits: all.replace(/0+$/, '') || '0', exp };
}

/**
 * Lay out shortest digits as Python's repr(float) and numpy's float str do: positional with at
 * least one fractional digit ('1.0', '0.0001', '123456790.0'), or 'd.ddde+XX' without trailing
 * zeros ('1e-05', '1.5e+16').
 */
function layout({ digits, exp }: Shortest, scientific: boolean): string {
  if (scientific) {
    return (
      (digits.length > 1 ? `${digits[0] ?? ''}.${digits.slice(1)}` : digits) + exponentStr(exp)
    );
  }
  if (exp < 0) return `0.${'0'.repeat(-exp - 1)}${digits}`;
  if (exp + 1 >= digits.length) return `${digits}${'0'.repeat(exp + 1 - digits.length)}.0`;
  return `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

function nonFinite(x: number): string | undefined {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return undefined;
}

/**
 * `repr(float)` in Python 3: shortest round-trip digits, positional when the decimal exponent is
 * in [-4, 16) ('0.0001', '1e-05', '1000000000000000.0', '1e+16'), and 'nan', 'inf', '-0.0'.
 */
export function pyFloatRepr(x: number): string {
  const special = nonFinite(x);
  if (special !== undefined) return special;
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  if (x === 0) return `${sign}0.0`;
  // Python's float_repr_style 'short' uses scientific notation when decpt <= -4 or decpt > 16.
  const sh = shortestDouble(Math.abs(x));
  return sign + layout(sh, sh.exp < -4 || sh.exp >= 16);
}

// Exponent of a float32's smallest subnormal ulp: float32s are m * 2^e with e >= -149.
const F32_MIN_EXP = -149;

/** A positive finite float32 a as m * 2^e, m < 2^24 (>= 2^23 unless subnormal), exactly. */
function decomposeF32(a: number): { m: number; e: number } {
  // A float32 is a normal double: m has 53 bits, of which only the top 24 can be nonzero.
  const { m, e } = decompose(a);
  const e32 = Math.max(F32_MIN_EXP, e + 29);
  return { m: Number(m >> BigInt(e32 - e)), e: e32 };
}

/**
 * Whether the decimal c * 10^k lies inside the float32 rounding interval of a = m * 2^e, i.e.
 * reads back as a.
 */
function roundTripsF32(c: bigint, k: number, m: number, e: number): boolean {
  // Work in units of 2^(e-2): a = 4m, the upper end 4m + 2, the lower end 4m - 2 (or 4m - 1
  // at a power of two, where the float32 below is twice as close).
  const x4 = BigInt(m) * 4n;
  const lowEnd = m === 2 ** 23 && e > F32_MIN_EXP ? x4 - 1n : x4 - 2n;
  const highEnd = x4 + 2n;
  // value = c * 10^k / 2^(e-2) = num / den
  let num = k >= 0 ? c * bigPow10(k) : c;
  let den = k >= 0 ? 1n : bigPow10(-k);
  const sh = e - 2;
  if (sh >= 0) den <<= BigInt(sh);
  else num <<= BigInt(-sh);
  // An end exactly on the midpoint reads back as a only when a's significand is even (IEEE
  // round-half-even), and numpy's Dragon4 accepts exactly those.
  if (m % 2 === 0) return num >= lowEnd * den && num <= highEnd * den;
  return num > lowEnd * den && num < highEnd * den;
}

/** Shortest digits that read back as the float32 a > 0, the closest such when several. */
function shortestFloat32(a: number): Shortest {
  const { m, e } = decomposeF32(a);
  for (let p = 1; p <= 9; p++) {
    // The nearest p-digit decimal (exact ties to even, as Dragon4 picks 0.00024414062 for
    // 2^-12), and its neighbours: the rounding interval is lopsided at powers of two, so the
    // nearest p-digit decimal may miss while a neighbour hits.
    const exp = Number(a.toExponential(p - 1).split('e')[1]);
    const k = exp - (p - 1);
    const n = roundScaled(a, -k);
    for (const c of [n, n - 1n, n + 1n]) {
      if (c <= 0n) continue;
      if (roundTripsF32(c, k, m, e)) {
        // a neighbour may have gained or lost a digit (999 + 1 = 1000)
        const digits = c.toString();
        return { digits: digits.replace(/0+$/, '') || '0', exp: k + digits.length - 1 };
      }
    }
  }
  return shortestDouble(a); // unreachable: 9 digits always round-trip a float32
}

/**
 * `str()`/`repr()` of a numpy.float32 scalar in numpy 1.24 (what `print(t.numpy().sum())`
 * shows): shortest digits that round-trip as float32 ('1.0', '0.99999994'), positional for
 * 1e-4 <= |x| < 1e16 and zero, else scientific ('1e-05', '1e+16'). `x` is rounded to float32.
 */
export function numpyFloat32Repr(x: number): string {
  const special = nonFinite(x);
  if (special !== undefined) return special;
  const v = Math.fround(x);
  const sign = v < 0 || Object.is(v, -0) ? '-' : '';
  const a = Math.abs(v);
  if (a === 0) return `${sign}0.0`;
  // scalartypes.c (floattype_str_either): positional iff absval == 0 or 1e-4 <= absval < 1e16,
  // comparing the float32 value promoted to double.
  return sign + layout(shortestFloat32(a), !(a >= 1e-4 && a < 1e16));
}

/**
 * The same shortest float32 digits as numpyFloat32Repr, written as JavaScript writes numbers, for
 * the tables and messages: '0.55', '1', '0.33333334', '0.000001', '1e-7', '-0.87'. Zero is '0',
 * whatever its sign (a cell shows a value, not a literal: the code and outputs use
 * numpyFloat32Repr, which keeps '-0.0'); NaN and the infinities are 'NaN', 'Infinity' and
 * '-Infinity'. `x` is rounded to float32.
 */
export function float32Display(x: number): string {
  const f = Math.fround(x);
  if (!Number.isFinite(f)) return String(f);
  if (f === 0) return '0';
  const { digits, exp } = shortestFloat32(Math.abs(f));
  // At most 9 digits: the double nearest them prints as exactly those digits.
  return (f < 0 ? '-' : '') + String(Number(`${digits}e${exp - digits.length + 1}`));
}

// ---------------------------------------------------------------------------------------------
// Tensors: torch/_tensor_str.py
// ---------------------------------------------------------------------------------------------

type Mode = 'int64' | 'int' | 'sci' | 'fixed';
type Formatter = { mode: Mode; width: number };

/** An integer as Python's str(int) (int64 tensor values). */
function intStr(v: number): string {
  const n = Math.trunc(v);
  return Math.abs(n) < 1e21 ? String(n) : BigInt(n).toString();
}

/**
 * _Formatter.__init__: choose int_mode / sci_mode and the column width from the values it sees
 * (every element, or the edge items when summarising). Python formats every nonzero finite value
 * to take the longest string; the length is monotonic in |value| within each sign, so formatting
 * the extremes gives the same maximum in O(1) formats.
 */
function makeFormatter(vals: ArrayLike<number>, int64: boolean): Formatter {
  const n = vals.length;
  if (int64) {
    // "{}".format(value) over every value, zeros included; max_width starts at 1.
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < n; i++) {
      const v = vals[i] as number;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    return { mode: 'int64', width: Math.max(1, intStr(lo).length, intStr(hi).length) };
  }
  let count = 0;
  let intMode = true;
  let posMax = 0; // largest positive
  let posMin = Infinity; // smallest positive
  let negMin = 0; // most negative
  let negMax = -Infinity; // negative closest to zero
  for (let i = 0; i < n; i++) {
    const v = vals[i] as number;
    // nonzero_finite_vals = masked_select(isfinite & ne(0))
    if (v === 0 || !Number.isFinite(v)) continue;
    count++;
    if (intMode && v !== Math.ceil(v)) intMode = false;
    if (v > 0) {
      if (v > posMax) posMax = v;
      if (v < posMin) posMin = v;
    } else {
      if (v < negMin) negMin = v;
      if (v > negMax) negMax = v;
    }
  }
  // "no valid number, do nothing": int_mode with width 1
  if (count === 0) return { mode: 'int', width: 1 };
  const maxAbs = Math.max(posMax, -negMin);
  const minAbs = Math.min(posMin, -negMax);
  const extremes: number[] = [];
  if (posMax > 0) extremes.push(posMax, posMin);
  if (negMin < 0) extremes.push(negMin, negMax);
  const widest = (fmt: (v: number) => string, extra: number): number =>
    extremes.reduce((w, v) => Math.max(w, fmt(v).length + extra), 1);
  const sciFmt = (v: number): string => pySci(v, PRECISION);
  // The ratio and bounds are computed in double after tensor_totype, as here.
  if (intMode) {
    if (maxAbs / minAbs > 1000 || maxAbs > 1e8) return { mode: 'sci', width: widest(sciFmt, 0) };
    // "{:.0f}" plus the '.' appended in format()
    return { mode: 'int', width: widest((v) => pyFixed(v, 0), 1) };
  }
  if (maxAbs / minAbs > 1000 || maxAbs > 1e8 || minAbs < 1e-4) {
    return { mode: 'sci', width: widest(sciFmt, 0) };
  }
  return { mode: 'fixed', width: widest((v) => pyFixed(v, PRECISION), 0) };
}

/**
 * pyFixed(v, 4) for a float32 v, specialised for the hot loop (every printed element): v * 10^4
 * is exact (see fixedAbs), so integer arithmetic on it rounds exactly like Python.
 */
function fixed4(v: number): string {
  const neg = v < 0 || (v === 0 && 1 / v < 0);
  const a = neg ? -v : v;
  const y = a * 10000;
  if (!(y < TWO53)) return pyFixed(v, PRECISION); // also nan and inf
  const n = roundHalfEven(y);
  const ip = Math.floor(n / 10000);
  const fp = n - ip * 10000;
  const frac = fp >= 1000 ? `${fp}` : fp >= 100 ? `0${fp}` : fp >= 10 ? `00${fp}` : `000${fp}`;
  return `${neg ? '-' : ''}${ip}.${frac}`;
}

const EXP_STR: string[] = [];
/** exponentStr(e) from a cache (float32 exponents span -45..38). */
function cachedExponentStr(e: number): string {
  const i = e + 400;
  let x = EXP_STR[i];
  if (x === undefined) {
    x = exponentStr(e);
    EXP_STR[i] = x;
  }
  return x;
}

/** pySci(v, 4) for a float32 v, specialised for the hot loop like fixed4 (same fast path as sciAbs). */
function sci4(v: number): string {
  const neg = v < 0 || (v === 0 && 1 / v < 0);
  const a = neg ? -v : v;
  if (!(a > 0 && a < Infinity)) return pySci(v, PRECISION);
  let e = Math.floor(Math.log10(a));
  let s = PRECISION - e;
  if (s < 1 || s > 11) return pySci(v, PRECISION); // keeps s in [0, 12] after adjusting
  let y = a * (POW10[s] as number);
  if (y < 1e4) {
    e--; // log10 rounded up across a power of ten
    s++;
    y = a * (POW10[s] as number);
  } else if (y >= 1e5) {
    e++;
    s--;
    y = a * (POW10[s] as number);
  }
  let n = roundHalfEven(y);
  if (n === 1e5) {
    n = 1e4;
    e++;
  }
  const lead = Math.floor(n / 1e4);
  const fp = n - lead * 1e4;
  const frac = fp >= 1000 ? `${fp}` : fp >= 100 ? `0${fp}` : fp >= 10 ? `00${fp}` : `000${fp}`;
  return `${neg ? '-' : ''}${lead}.${frac}${cachedExponentStr(e)}`;
}

const SPACES: string[] = [''];
function spaces(k: number): string {
  if (k <= 0) return '';
  let s = SPACES[k];
  if (s === undefined) {
    s = ' '.repeat(k);
    SPACES[k] = s;
  }
  return s;
}

/** _Formatter.format: one value right-aligned to the formatter's width. */
function formatValue(f: Formatter, v: number): string {
  let s: string;
  switch (f.mode) {
    case 'fixed':
      s = fixed4(v);
      break;
    case 'sci':
      s = sci4(v);
      break;
    case 'int':
      s = pyFixed(v, 0);
      if (Number.isFinite(v)) s += '.';
      break;
    case 'int64':
      s = intStr(v);
      break;
  }
  return spaces(f.width - s.length) + s;
}

/** Indices along one dimension that get printed: all, or the first and last EDGEITEMS. */
function shownIndices(size: number, summarize: boolean): number[] | null {
  if (!(summarize && size > 2 * EDGEITEMS)) return null;
  const idx: number[] = [];
  for (let i = 0; i < EDGEITEMS; i++) idx.push(i);
  for (let i = size - EDGEITEMS; i < size; i++) idx.push(i);
  return idx;
}

/** get_summarized_data: the edge items of every dimension, flattened in row-major order. */
function summarizedData(t: Tensor, strides: readonly number[]): number[] {
  const out: number[] = [];
  const walk = (dim: number, offset: number): void => {
    if (dim === t.shape.length) {
      out.push(t.data[offset] as number);
      return;
    }
    const size = t.shape[dim] as number;
    const stride = strides[dim] as number;
    const idx = shownIndices(size, true);
    if (idx === null) for (let i = 0; i < size; i++) walk(dim + 1, offset + i * stride);
    else for (const i of idx) walk(dim + 1, offset + i * stride);
  };
  walk(0, 0);
  return out;
}

/** _vector_str: one row, wrapped so that each line holds as many elements as fit in 80. */
function vectorStr(
  t: Tensor,
  offset: number,
  size: number,
  indent: number,
  summarize: boolean,
  f: Formatter,
): string {
  // element_length includes the ", " between elements
  const perLine = Math.max(1, Math.floor((LINEWIDTH - indent) / (f.width + 2)));
  const data: string[] = [];
  const idx = shownIndices(size, summarize);
  if (idx === null) {
    for (let i = 0; i < size; i++) data.push(formatValue(f, t.data[offset + i] as number));
  } else {
    for (let i = 0; i < EDGEITEMS; i++) data.push(formatValue(f, t.data[offset + i] as number));
    data.push(' ...');
    for (let i = size - EDGEITEMS; i < size; i++) {
      data.push(formatValue(f, t.data[offset + i] as number));
    }
  }
  if (data.length <= perLine) return `[${data.join(', ')}]`;
  const lines: string[] = [];
  for (let i = 0; i < data.length; i += perLine) lines.push(data.slice(i, i + perLine).join(', '));
  return `[${lines.join(`,\n${spaces(indent + 1)}`)}]`;
}

/** _tensor_str_with_formatter: nested brackets, blank lines between blocks of 3-d and up. */
function tensorStrWithFormatter(
  t: Tensor,
  strides: readonly number[],
  dim: number,
  offset: number,
  indent: number,
  summarize: boolean,
  f: Formatter,
): string {
  const rest = t.shape.length - dim;
  if (rest === 0) return formatValue(f, t.data[offset] as number);
  const size = t.shape[dim] as number;
  if (rest === 1) return vectorStr(t, offset, size, indent, summarize, f);
  const stride = strides[dim] as number;
  const sub = (i: number): string =>
    tensorStrWithFormatter(t, strides, dim + 1, offset + i * stride, indent + 1, summarize, f);
  const slices: string[] = [];
  const idx = shownIndices(size, summarize);
  if (idx === null) {
    for (let i = 0; i < size; i++) slices.push(sub(i));
  } else {
    for (let i = 0; i < EDGEITEMS; i++) slices.push(sub(i));
    slices.push('...');
    for (let i = size - EDGEITEMS; i < size; i++) slices.push(sub(i));
  }
  return `[${slices.join(`,${'\n'.repeat(rest - 1)}${spaces(indent + 1)}`)}]`;
}

/** _add_suffixes: each suffix goes after ", " or, if the line would pass 80, on a new line. */
function addSuffixes(tensorStr: string, suffixes: readonly string[], indent: number): string {
  const parts = [tensorStr];
  // PyTorch's own arithmetic: 2 more than the last line's length (rfind gives -1 without '\n').
  let lastLineLen = tensorStr.length - tensorStr.lastIndexOf('\n') + 1;
  for (const suffix of suffixes) {
    if (lastLineLen + suffix.length + 2 > LINEWIDTH) {
      parts.push(`,\n${spaces(indent)}${suffix}`);
      lastLineLen = indent + suffix.length;
    } else {
      parts.push(`, ${suffix}`);
      lastLineLen += suffix.length + 2;
    }
  }
  parts.push(')');
  return parts.join('');
}

/** Python's tuple repr of a shape, as in `size=(0, 3)`. */
function shapeTuple(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0] ?? ''},)` : `(${shape.join(', ')})`;
}

/**
 * Exactly what `print(t)` shows in PyTorch 1.13 with the default print options (precision 4,
 * threshold 1000, edgeitems 3, linewidth 80): _str_intern, _tensor_str, _Formatter,
 * _vector_str, _tensor_str_with_formatter, get_summarized_data and _add_suffixes of
 * torch/_tensor_str.py. Values are the float32s in `t.data`; with `dtype: 'int64'` they are
 * printed as integers (truncated toward zero).
 */
export function formatTensor(t: Tensor, options: FormatOptions = {}): string {
  const n = numel(t.shape);
  if (t.data.length !== n) {
    throw new RangeError(
      `shape ${shapeToString(t.shape)} holds ${n} values, but the data has ${t.data.length}`,
    );
  }
  const int64 = options.dtype === 'int64';
  const prefix = 'tensor(';
  const indent = prefix.length;
  const suffixes: string[] = [];
  let body: string;
  if (n === 0) {
    // "Explicitly print the shape if it is not (0,), to match NumPy behavior", and the dtype,
    // since an empty tensor has no elements to show it is int64.
    if (t.shape.length !== 1) suffixes.push(`size=${shapeTuple(t.shape)}`);
    if (int64) suffixes.push('dtype=torch.int64');
    body = '[]';
  } else {
    const strides: number[] = new Array<number>(t.shape.length);
    let stride = 1;
    for (let d = t.shape.length - 1; d >= 0; d--) {
      strides[d] = stride;
      stride *= t.shape[d] as number;
    }
    const summarize = n > THRESHOLD;
    const f = makeFormatter(summarize ? summarizedData(t, strides) : t.data, int64);
    body = tensorStrWithFormatter(t, strides, 0, 0, indent, summarize, f);
  }
  // grad_fn wins over requires_grad (an `elif` in _str_intern)
  if (options.gradFn !== undefined) suffixes.push(`grad_fn=<${options.gradFn}>`);
  else if (options.requiresGrad ?? options.parameter ?? false) suffixes.push('requires_grad=True');
  const s = addSuffixes(prefix + body, suffixes, indent);
  // Parameter.__repr__ in torch/nn/parameter.py
  return options.parameter === true ? `Parameter containing:\n${s}` : s;
}

/** `str(torch.Size(shape))`, e.g. `torch.Size([6, 16])` and `torch.Size([])` for a 0-d tensor. */
export function formatSize(shape: readonly number[]): string {
  return `torch.Size([${shape.join(', ')}])`;
}

// ---------------------------------------------------------------------------------------------
// repr() of plain Python values
// ---------------------------------------------------------------------------------------------

/**
 * A plain Python value for `pyRepr`. A JS number alone cannot say whether Python holds `1` or
 * `1.0`, so:
 * - `number` is a Python **float** (`1` prints `1.0`, NaN `nan`);
 * - `{ int: n }` or a `bigint` is a Python **int** (`{ int: 0 }` prints `0`);
 * - `string` is `str`, `boolean` is `bool`, `null` is `None`;
 * - an array is a `list`, `{ tuple: [...] }` a `tuple`, `{ dict: [[k, v], ...] }` a `dict` in
 *   insertion order;
 * - `{ repr: s }` is any other object whose repr is already known, inserted verbatim, e.g.
 *   `{ repr: formatSize([6, 16]) }` for a torch.Size or `{ repr: formatTensor(t) }`.
 */
export type PyValue =
  | string
  | number
  | bigint
  | boolean
  | null
  | { int: number }
  | { repr: string }
  | readonly PyValue[]
  | { tuple: readonly PyValue[] }
  | { dict: readonly (readonly [PyValue, PyValue])[] };

// Characters Python's str.isprintable() rejects: categories Cc, Cf, Cs, Co, Cn, Zl, Zp, Zs
// (except the ASCII space). JS and Python may disagree on code points assigned between their
// Unicode versions.
const NON_PRINTABLE = /^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]$/u;

function hex(cp: number, width: number): string {
  return cp.toString(16).padStart(width, '0');
}

/** unicode_repr in Objects/unicodeobject.c: quote choice and escapes. */
function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${hex(cp, 2)}`;
    else if (cp < 0x7f) out += ch;
    else if (!NON_PRINTABLE.test(ch)) out += ch;
    else if (cp <= 0xff) out += `\\x${hex(cp, 2)}`;
    else if (cp <= 0xffff) out += `\\u${hex(cp, 4)}`;
    else out += `\\U${hex(cp, 8)}`;
  }
  return out + quote;
}

// Array.isArray does not narrow readonly arrays out of a union.
function isList(v: PyValue): v is readonly PyValue[] {
  return Array.isArray(v);
}

/**
 * `repr(v)` of a plain Python value (see `PyValue`): strings with Python's quote choice and
 * escapes (`"it's"`, `'say "hi"'`, `'a\\nb'`), ints, floats as `pyFloatRepr`, True/False/None,
 * lists, tuples (`(x,)` for one element) and dicts in insertion order — e.g. vocab dicts
 * `{'Life': 0, 'dessert': 1}` and word lists.
 */
export function pyRepr(v: PyValue): string {
  if (v === null) return 'None';
  if (typeof v === 'string') return strRepr(v);
  if (typeof v === 'number') return pyFloatRepr(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (isList(v)) return `[${v.map(pyRepr).join(', ')}]`;
  if ('int' in v) {
    if (!Number.isInteger(v.int)) {
      throw new RangeError(`{ int } needs a whole number, got ${v.int}`);
    }
    return intStr(v.int);
  }
  if ('repr' in v) return v.repr;
  if ('tuple' in v) {
    const items = v.tuple.map(pyRepr);
    return items.length === 1 ? `(${items[0] ?? ''},)` : `(${items.join(', ')})`;
  }
  return `{${v.dict.map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`).join(', ')}}`;
}
