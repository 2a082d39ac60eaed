/**
 * Principal components, for drawing vectors with more than three dimensions in a 3-D plot.
 * Centred PCA: the covariance of the rows (d x d) is diagonalised with the cyclic Jacobi method,
 * which is short, always converges for a symmetric matrix, and is accurate for the small d of a
 * lesson (up to a few dozen). Computed in float64; results are float32 tensors like the rest of
 * the math core.
 */
import { ShapeError, shapeToString, type Tensor } from './tensor';

/** What `pcaProject` returns. */
export interface PcaResult {
  /** The rows projected onto the first k components (centred), [n, k]. */
  coords: Tensor;
  /** The components as rows (unit vectors, largest-|value| entry positive), [k, d]. */
  components: Tensor;
  /** The mean row that was subtracted, [d]. */
  mean: Tensor;
  /** Each component's share of the total variance, 0 to 1, [k]. */
  explained: Tensor;
}

/**
 * Eigenvalues and eigenvectors of a symmetric n x n matrix (row-major, read only), by cyclic
 * Jacobi rotations. Returns eigenvalues in descending order and the eigenvectors as the rows of
 * `vectors`, in the same order.
 */
export function symmetricEigen(
  a: ArrayLike<number>,
  n: number,
): { values: Float64Array; vectors: Float64Array } {
  if (a.length !== n * n) {
    throw new ShapeError(`symmetricEigen expects ${n * n} values for ${n} x ${n}, got ${a.length}`);
  }
  const m = Float64Array.from(a);
  const v = new Float64Array(n * n); // columns are eigenvectors
  for (let i = 0; i < n; i++) v[i * n + i] = 1;

  let scale = 0;
  for (let i = 0; i < n * n; i++) scale += m[i]! * m[i]!;
  const tiny = Number.EPSILON * Number.EPSILON * scale;

  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += m[p * n + q]! ** 2;
    if (off <= tiny) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q]!;
        if (apq === 0) continue;
        const app = m[p * n + p]!;
        const aqq = m[q * n + q]!;
        // The rotation angle that zeroes m[p][q] (Numerical Recipes' stable form).
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = m[k * n + p]!;
          const mkq = m[k * n + q]!;
          m[k * n + p] = c * mkp - s * mkq;
          m[k * n + q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p * n + k]!;
          const mqk = m[q * n + k]!;
          m[p * n + k] = c * mpk - s * mqk;
          m[q * n + k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!;
          const vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }

  const order = Array.from({ length: n }, (_, i) => i).sort(
    (i, j) => m[j * n + j]! - m[i * n + i]! || i - j,
  );
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((col, r) => {
    values[r] = m[col * n + col]!;
    for (let k = 0; k < n; k++) vectors[r * n + k] = v[k * n + col]!;
  });
  return { values, vectors };
}

/**
 * Projects the rows of x [n, d] onto their first k principal components (k <= d): centred, so
 * the projected rows have mean zero. Each component's sign is fixed so that its entry of largest
 * magnitude is positive (eigenvectors have no sign of their own; this makes the plot stable as
 * values change a little). With zero total variance every coordinate and ratio is 0.
 */
export function pcaProject(x: Tensor, k = 3): PcaResult {
  if (x.shape.length !== 2) {
    throw new ShapeError(`pcaProject expects a 2-d tensor [n, d], got ${shapeToString(x.shape)}`);
  }
  const [n, d] = x.shape as [number, number];
  if (!Number.isInteger(k) || k < 1 || k > d) {
    throw new RangeError(`pcaProject: k must be a whole number from 1 to d = ${d}, got ${k}`);
  }
  if (n === 0) throw new ShapeError('pcaProject needs at least one row');

  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j]! += x.data[i * d + j]!;
  for (let j = 0; j < d; j++) mean[j]! /= n;

  const xc = new Float64Array(n * d);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++) xc[i * d + j] = x.data[i * d + j]! - mean[j]!;

  // Covariance with the unbiased n - 1 (numpy.cov's default); ratios do not depend on it.
  const cov = new Float64Array(d * d);
  const denom = Math.max(1, n - 1);
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += xc[i * d + a]! * xc[i * d + b]!;
      cov[a * d + b] = s / denom;
      cov[b * d + a] = s / denom;
    }
  }

  const { values, vectors } = symmetricEigen(cov, d);
  let total = 0;
  for (let j = 0; j < d; j++) total += Math.max(0, values[j]!);

  const components = new Float32Array(k * d);
  const explained = new Float32Array(k);
  const coords = new Float32Array(n * k);
  for (let c = 0; c < k; c++) {
    let big = 0;
    for (let j = 0; j < d; j++) {
      const e = vectors[c * d + j]!;
      if (Math.abs(e) > Math.abs(big)) big = e;
    }
    const sign = big < 0 ? -1 : 1;
    for (let j = 0; j < d; j++) vectors[c * d + j]! *= sign;
    for (let j = 0; j < d; j++) components[c * d + j] = vectors[c * d + j]!;
    explained[c] = total > 0 ? Math.max(0, values[c]!) / total : 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += xc[i * d + j]! * vectors[c * d + j]!;
      coords[i * k + c] = total > 0 ? s : 0;
    }
  }
  return {
    coords: { shape: [n, k], data: coords },
    components: { shape: [k, d], data: components },
    mean: { shape: [d], data: Float32Array.from(mean) },
    explained: { shape: [k], data: explained },
  };
}

/** Projects one more vector (length d) with a PCA result: (v - mean) @ components^T, [k]. */
export function pcaApply(pca: PcaResult, v: ArrayLike<number>): Tensor {
  const [k, d] = pca.components.shape as [number, number];
  if (v.length !== d) {
    throw new ShapeError(`pcaApply expects a vector of length ${d}, got ${v.length}`);
  }
  const out = new Float32Array(k);
  for (let c = 0; c < k; c++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += (v[j]! - pca.mean.data[j]!) * pca.components.data[c * d + j]!;
    out[c] = s;
  }
  return { shape: [k], data: out };
}
