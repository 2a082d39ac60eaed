/**
 * The tensor type every part of the product passes around, and the few helpers that make and
 * inspect tensors. Row-major, float32 like PyTorch's default dtype; a 0-d tensor has shape `[]`.
 */
export type Tensor = { shape: readonly number[]; data: Float32Array };

/** Thrown by every op whose inputs have the wrong shapes; the message names both shapes. */
export class ShapeError extends Error {
  override name = 'ShapeError';
}

/** `[6, 3]` as PyTorch writes it in errors: `[6, 3]`. */
export function shapeToString(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** Number of elements a tensor of this shape holds (1 for a 0-d tensor). */
export function numel(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

function checkShape(shape: readonly number[]): void {
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) {
      throw new ShapeError(
        `invalid shape ${shapeToString(shape)}: sizes must be whole numbers >= 0`,
      );
    }
  }
}

/** A tensor of the given shape over `data` (copied into a Float32Array, so values round to float32). */
export function tensor(shape: readonly number[], data: ArrayLike<number>): Tensor {
  checkShape(shape);
  const n = numel(shape);
  if (data.length !== n) {
    throw new ShapeError(
      `shape ${shapeToString(shape)} holds ${n} values, but ${data.length} were given`,
    );
  }
  return { shape: [...shape], data: Float32Array.from(data) };
}

/** A 0-d tensor, like `torch.tensor(0.9544)`. */
export function scalar(value: number): Tensor {
  return { shape: [], data: Float32Array.of(value) };
}

/** A tensor of zeros, like `torch.zeros(shape)`. */
export function zeros(shape: readonly number[]): Tensor {
  checkShape(shape);
  return { shape: [...shape], data: new Float32Array(numel(shape)) };
}

/** A 2-d tensor from nested rows, like `torch.tensor([[...], [...]])`; rows must be equally long. */
export function fromRows(rows: readonly (readonly number[])[]): Tensor {
  const cols = rows[0]?.length ?? 0;
  rows.forEach((r, i) => {
    if (r.length !== cols) {
      throw new ShapeError(`row ${i} has ${r.length} values, but row 0 has ${cols}`);
    }
  });
  return tensor([rows.length, cols], rows.flat());
}

/** The rows of a 2-d tensor as plain number arrays (for views and tables). */
export function toRows(t: Tensor): number[][] {
  if (t.shape.length !== 2) {
    throw new ShapeError(`toRows expects a 2-d tensor, got shape ${shapeToString(t.shape)}`);
  }
  const [r, c] = t.shape as [number, number];
  const out: number[][] = [];
  for (let i = 0; i < r; i++) out.push(Array.from(t.data.subarray(i * c, i * c + c)));
  return out;
}

/** Row `i` of a 2-d tensor as a 1-d tensor, like `t[i]`. */
export function row(t: Tensor, i: number): Tensor {
  if (t.shape.length !== 2) {
    throw new ShapeError(`row expects a 2-d tensor, got shape ${shapeToString(t.shape)}`);
  }
  const [r, c] = t.shape as [number, number];
  if (!Number.isInteger(i) || i < -r || i >= r) {
    throw new RangeError(`index ${i} is out of bounds for dimension 0 with size ${r}`);
  }
  const k = i < 0 ? i + r : i;
  return { shape: [c], data: t.data.slice(k * c, k * c + c) };
}

/** Element at a multi-index (negative indices count from the end, as in Python). */
export function at(t: Tensor, ...index: number[]): number {
  if (index.length !== t.shape.length) {
    throw new ShapeError(
      `index of ${index.length} dims given for a tensor of shape ${shapeToString(t.shape)}`,
    );
  }
  let offset = 0;
  for (let d = 0; d < index.length; d++) {
    const size = t.shape[d]!;
    let k = index[d]!;
    if (!Number.isInteger(k) || k < -size || k >= size) {
      throw new RangeError(`index ${k} is out of bounds for dimension ${d} with size ${size}`);
    }
    if (k < 0) k += size;
    offset = offset * size + k;
  }
  return t.data[offset]!;
}

/** True when both tensors have the same shape and bit-identical float32 values (NaN equals NaN). */
export function tensorsEqual(a: Tensor, b: Tensor): boolean {
  if (a.shape.length !== b.shape.length || a.shape.some((d, i) => d !== b.shape[i])) return false;
  for (let i = 0; i < a.data.length; i++) {
    const x = a.data[i]!;
    const y = b.data[i]!;
    if (x !== y && !(Number.isNaN(x) && Number.isNaN(y))) return false;
  }
  return true;
}
