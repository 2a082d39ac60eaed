/**
 * The line chart rendered to markup (as the server renders it): the slider's accessible values,
 * the line, the selected step, and what it says about diverged runs and refused log values.
 */
import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { LineChart, type LineChartProps } from './LineChart';

const noop = () => {};

function html(p: Partial<LineChartProps> & Pick<LineChartProps, 'values'>): string {
  return renderToStaticMarkup(
    <LineChart
      selected={null}
      onSelect={noop}
      xLabel="step"
      yLabel="loss"
      label="Loss at each training step"
      {...p}
    />,
  );
}

function attr(markup: string, name: string): string | undefined {
  return new RegExp(`${name}="([^"]*)"`).exec(markup)?.[1];
}

describe('LineChart', () => {
  const losses = Float32Array.from({ length: 200 }, (_, k) => 2 / (1 + k / 10));

  it('is a slider named by its label, its value the selected step and that step’s loss', () => {
    const m = html({ values: losses, selected: 120 });
    expect(attr(m, 'role')).toBe('slider');
    expect(attr(m, 'aria-label')).toBe('Loss at each training step');
    expect(attr(m, 'aria-valuemin')).toBe('0');
    expect(attr(m, 'aria-valuemax')).toBe('199');
    expect(attr(m, 'aria-valuenow')).toBe('120');
    const loss = (2 / 13).toFixed(4);
    expect(attr(m, 'aria-valuetext')).toBe(
      `step 120, loss ${Number(Math.fround(2 / 13)).toFixed(4)}`,
    );
    expect(loss).toBe('0.1538');
    expect(attr(m, 'tabindex')).toBe('0');
    // the read-out shows the same words
    expect(m).toContain(`>step 120, loss 0.1538<`);
    // one line, a marker for the selected step
    expect(m.match(/class="lc-line"/g)).toHaveLength(1);
    expect(m).toContain('class="lc-selected"');
  });

  it('labels the axes, and the log scale as such', () => {
    const m = html({ values: losses, selected: 0, log: true });
    expect(m).toContain('>loss (log)<');
    expect(m).toContain('>step<');
    expect(m).toContain('>0.1<');
    expect(m).toContain('>1<');
    expect(m).toContain('>10<');
  });

  it('marks where a run diverged, in the chart and in words', () => {
    const m = html({ values: [1, 0.5, 3, Infinity, NaN], selected: 4 });
    expect(m).toContain('>diverged at step 3<');
    expect(m).toContain('Diverged at step 3: the loss became inf; the line stops there.');
    expect(attr(m, 'aria-valuetext')).toBe('step 4, loss nan');
    expect(attr(m, 'aria-describedby')).toBeTruthy();
  });

  it('on a log scale, says which values it cannot draw', () => {
    const m = html({ values: [1, 0.1, 0, 0.01], selected: 2, log: true });
    expect(m).toContain(
      'Log scale: one value of 0 or less (first at step 2) cannot be drawn and is left out.',
    );
    expect(attr(m, 'aria-valuetext')).toBe('step 2, loss 0.0000');
    // and draws no marker dot for it (the step's line only)
    expect(m).not.toMatch(/class="lc-selected"[^]*<circle/);
  });

  it('with no steps yet: says so, and the slider is disabled', () => {
    const m = html({ values: [] });
    expect(m).toContain('No steps yet.');
    expect(attr(m, 'aria-disabled')).toBe('true');
    expect(attr(m, 'tabindex')).toBe('-1');
    expect(m).not.toContain('class="lc-line"');
  });

  it('clamps a selected step beyond the run to its last step', () => {
    const m = html({ values: losses, selected: 500 });
    expect(attr(m, 'aria-valuenow')).toBe('199');
  });
});
