/**
 * The plot's projection path for vectors of more than three dimensions (no lesson has them yet):
 * the PCA projection PlotView hands the 3-D plot, and the read-only list the plot renders.
 */
import { describe, expect, it, vi } from 'vitest';
import type { HTMLAttributes } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { torchGenerator } from '../math/random';
import { pcaProject } from '../math/pca';
import VectorPlot3D from '../scene/VectorPlot3D';
import { projectForPlot } from './PlotView';
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
