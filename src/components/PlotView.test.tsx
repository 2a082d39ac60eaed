/**
 * The plot's projection path for vectors of more than three dimensions (no lesson has them yet):
 * the PCA projection PlotView hands the 3-D plot, and the read-only list the plot renders.
 */
import { describe, expect, it, vi } from 'vitest';
import type { HTMLAttributes } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { torchGenerator } from '../math/random';
import { pcaApply, pcaProject } from '../math/pca';
import VectorPlot3D from '../scene/VectorPlot3D';
import { advanceProjection, projectForPlot } from './PlotView';
import type { PlotVector } from './VectorPlot2D';

// The canvas itself needs WebGL; here only its accessible wrapper is rendered.
vi.mock('@react-three/fiber', () => ({
  Canvas: (props: HTMLAttributes<HTMLDivElement>) => (
    <div role={props.role} aria-label={props['aria-label']} />
  ),
  useThree: () => undefined,
  useFrame: () => undefined,
}));

const noop = () => {};

function vectors16(): PlotVector[] {
  const x = torchGenerator(7).rand([6, 16]);
  const out: PlotVector[] = [];
  for (let i = 0; i < 6; i++)
    out.push({
      label: `w${i}`,
      color: '#ff0000',
      values: x.data.subarray(i * 16, i * 16 + 16),
      draggable: true,
      emphasis: i === 1,
    });
  // A context vector: the mean of the rows (uniform weights).
  const z = new Float32Array(16);
  for (let i = 0; i < 6; i++) for (let j = 0; j < 16; j++) z[j]! += x.data[i * 16 + j]! / 6;
  out.push({ label: 'context', color: '#000000', values: z, draggable: false, emphasis: true });
  return out;
}

describe('projectForPlot', () => {
  it('keeps 3-D vectors as they are, draggable', () => {
    const v: PlotVector[] = [
      { label: 'a', color: '#ff0000', values: [0.1, 0.2, 0.3], draggable: true },
    ];
    const p = projectForPlot(v, 3, 1);
    expect(p.note).toBeNull();
    expect(p.axisNames).toEqual(['X', 'Y', 'Z']);
    expect(p.vectors[0]).toBe(v[0]);
  });

  it('projects 16 dimensions onto 3 principal components, read-only, with a note', () => {
    const v = vectors16();
    const p = projectForPlot(v, 16, 6);
    expect(p.axisNames).toEqual(['PC1', 'PC2', 'PC3']);
    expect(p.note).toMatch(/16 dimensions.*principal components \(PC1 \d+%, PC2 \d+%, PC3 \d+%/);
    expect(p.note).toMatch(/read-only/);
    expect(p.vectors.every((u) => !u.draggable && u.values.length === 3)).toBe(true);
    // The tokens' projections are pcaProject's; the context vector (the mean) lands on 0.
    const rows = new Float32Array(6 * 16);
    v.slice(0, 6).forEach((u, i) => rows.set(u.values as Float32Array, i * 16));
    const pca = pcaProject({ shape: [6, 16], data: rows }, 3);
    expect(Array.from(p.vectors[2]!.values)).toEqual(Array.from(pca.coords.data.slice(6, 9)));
    for (const c of Array.from(p.vectors[6]!.values)) expect(Math.abs(c)).toBeLessThan(1e-5);
  });
});

describe('advanceProjection', () => {
  /** The vectors with token k's values replaced. */
  const moved = (v: PlotVector[], k: number, values: Float32Array) =>
    v.map((u, i) => (i === k ? { ...u, values } : u));
  const shifted = (u: PlotVector) => Float32Array.from(u.values, (x, j) => (j === 3 ? x + 0.5 : x));

  it('projects nothing at three dimensions or fewer', () => {
    const v: PlotVector[] = [{ label: 'a', color: '#ff0000', values: [1, 2, 3], draggable: true }];
    const s = advanceProjection(null, v, 3, 1, 0);
    expect(s.projected).toBeNull();
    expect(s.stale).toBe(false);
  });

  it('keeps the basis while one word moves, then refits when asked', () => {
    const v0 = vectors16();
    const first = advanceProjection(null, v0, 16, 6, 0);
    expect(first.stale).toBe(false);
    expect(first.projected!.vectors[2]!.values).toEqual(
      projectForPlot(v0, 16, 6).vectors[2]!.values,
    );

    // One word moves: the same basis projects it, and every other word stays where it was.
    const v1 = moved(v0, 2, shifted(v0[2]!));
    const during = advanceProjection(first, v1, 16, 6, 0);
    const basis = first.projected!.pca!;
    expect(during.projected!.pca).toBe(basis);
    expect(during.stale).toBe(true);
    expect(Array.from(during.projected!.vectors[2]!.values)).toEqual(
      Array.from(pcaApply(basis, v1[2]!.values).data),
    );
    for (const k of [0, 1, 3, 4, 5]) {
      const was = Array.from(first.projected!.vectors[k]!.values);
      for (const [j, c] of Array.from(during.projected!.vectors[k]!.values).entries())
        expect(c).toBeCloseTo(was[j]!, 5);
    }

    // Nothing moved (say the highlight changed): still the old basis, still due for a refit.
    const again = advanceProjection(during, v1.slice(), 16, 6, 0);
    expect(again.projected!.pca).toBe(basis);
    expect(again.stale).toBe(true);

    // The pause: a fresh fit of the moved vectors, as if they had been projected from scratch.
    const refit = advanceProjection(again, v1, 16, 6, 1);
    expect(refit.stale).toBe(false);
    expect(refit.projected!.pca).not.toBe(basis);
    expect(refit.projected!.vectors[2]!.values).toEqual(
      projectForPlot(v1, 16, 6).vectors[2]!.values,
    );
  });

  it('refits at once when several words change together', () => {
    const v0 = vectors16();
    const first = advanceProjection(null, v0, 16, 6, 0);
    const v2 = moved(moved(v0, 1, shifted(v0[1]!)), 4, shifted(v0[4]!));
    const s = advanceProjection(first, v2, 16, 6, 0);
    expect(s.stale).toBe(false);
    expect(s.projected!.vectors[1]!.values).toEqual(projectForPlot(v2, 16, 6).vectors[1]!.values);
  });
});

describe('the read-only 3-D plot', () => {
  it('lists every vector with its projected coordinates and offers no slider', () => {
    const p = projectForPlot(vectors16(), 16, 6);
    const html = renderToStaticMarkup(
      <VectorPlot3D
        title="3D Plot of Word Embeddings with Colored Vectors"
        vectors={p.vectors}
        axisNames={p.axisNames}
        weights={null}
        summary="3-D plot of 6 word vectors"
        readOnly
        canBuild={false}
        build={false}
        weightOpacity={false}
        onOptions={noop}
        onMove={noop}
        highlight={null}
        onHighlight={noop}
        onLost={noop}
      />,
    );
    expect(html).not.toContain('role="slider"');
    expect(html).toContain('role="img"');
    expect(html).toContain('aria-label="3-D plot of 6 word vectors"');
    expect(html).toMatch(/w0: pc1 -?[\d.]+, pc2 -?[\d.]+, pc3 -?[\d.]+, length [\d.]+/);
    expect(html).toContain('Drag to turn the plot');
    expect(html).not.toContain('Drag a tip');
  });
});
