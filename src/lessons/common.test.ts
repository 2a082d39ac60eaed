import { describe, expect, it } from 'vitest';
import { tensor } from '../math/tensor';
import { allclose } from './common';

const t = (...v: number[]) => tensor([v.length], Float32Array.from(v));
/** The float32 after x. */
function nextUp(x: number): number {
  const bits = new Uint32Array(Float32Array.of(x).buffer);
  bits[0]! += x >= 0 ? 1 : -1;
  return new Float32Array(bits.buffer)[0]!;
}

describe('allclose, as torch.allclose with rtol 1e-5 and atol 1e-8', () => {
  it('calls values a last bit apart close, and values further apart not', () => {
    expect(allclose(t(0.1794, -1.1481), t(nextUp(0.1794), nextUp(-1.1481)))).toBe(true);
    expect(allclose(t(0.1794), t(0.1795))).toBe(false);
    expect(allclose(t(1), t(1.00002))).toBe(false);
  });
  it('treats nan as close to nothing and equal infinities as close', () => {
    expect(allclose(t(Number.NaN), t(Number.NaN))).toBe(false);
    expect(allclose(t(Infinity), t(Infinity))).toBe(true);
    expect(allclose(t(Infinity), t(-Infinity))).toBe(false);
  });
  it('does not call tensors of different shapes close', () => {
    expect(allclose(t(1, 2), t(1, 2, 3))).toBe(false);
    expect(allclose(tensor([2, 1], Float32Array.of(1, 2)), t(1, 2))).toBe(false);
  });
});
