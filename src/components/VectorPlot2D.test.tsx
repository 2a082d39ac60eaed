/**
 * The 2-D plot's read-only mode (a classroom link turned editing off): no tip to drag or focus,
 * and the plot says so, in its accessible name and its help. Rendered to markup in Node.
 */
import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { PlotVector } from '../view/plotMath';
import { PlotView } from './PlotView';
import { VectorPlot2D } from './VectorPlot2D';

const noop = () => {};

const vectors: PlotVector[] = [
  { label: 'Dream', color: '#cc6677', values: [0.43, 0.15], draggable: true },
  { label: 'big', color: '#332288', values: [0.55, 0.87], draggable: true, emphasis: true },
  { label: 'context vector for big', color: '#000000', values: [0.5, 0.5], draggable: false },
];

const plot2D = (readOnly?: boolean) =>
  renderToStaticMarkup(
    <VectorPlot2D
      title="t"
      vectors={vectors}
      dims={2}
      onMove={noop}
      highlight={null}
      onHighlight={noop}
      readOnly={readOnly}
    />,
  );

const sliders = (html: string) => html.match(/role="slider"/g)?.length ?? 0;

describe('VectorPlot2D', () => {
  it('offers a focusable slider per movable tip by default', () => {
    const html = plot2D();
    expect(sliders(html)).toBe(2);
    expect(html.match(/tabindex="0"/g)).toHaveLength(2);
    expect(html).toContain('aria-label="Vectors on axes X and Y"');
    expect(html).toContain('Drag a tip, or focus it and use the arrow keys');
  });

  it('read-only: no tip to drag, focus or move by keys, and says so', () => {
    const html = plot2D(true);
    expect(sliders(html)).toBe(0);
    expect(html).not.toContain('tabindex="0"');
    expect(html).not.toContain('data-drag');
    expect(html).toContain('aria-label="Vectors on axes X and Y, read-only"');
    expect(html).toContain('Read-only: the vectors cannot be moved here.');
    expect(html).not.toContain('Drag a tip');
    // The vectors are still all described.
    expect(html).toMatch(/<li>Dream: x 0.43\d*, y 0.15\d*, length /);
  });
});

describe('PlotView', () => {
  const plot = (readOnly: boolean) =>
    renderToStaticMarkup(
      <PlotView
        vectors={vectors}
        dims={2}
        weights={{ shape: [2], data: new Float32Array([0.4, 0.6]) }}
        query={1}
        context={{ shape: [2], data: new Float32Array([0.5, 0.5]) }}
        onMove={noop}
        highlight={null}
        onHighlight={noop}
        options={{ buildContext: false, weightOpacity: false }}
        onOptions={noop}
        readOnly={readOnly}
      />,
    );

  it('hands its read-only flag to the 2-D plot, and nothing else decides it', () => {
    expect(sliders(plot(false))).toBe(2);
    expect(sliders(plot(true))).toBe(0);
  });
});
