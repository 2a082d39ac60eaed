/**
 * TrainControls rendered to markup: one Play/Pause button whose label follows `playing`, the
 * buttons that cannot act marked aria-disabled (keeping focus), the settings shown read-only in a
 * classroom view, and one polite status region.
 */
import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { TrainControls, type TrainControlsProps } from './TrainControls';

const noop = () => {};

function html(p: Partial<TrainControlsProps> = {}): string {
  return renderToStaticMarkup(
    <TrainControls
      step={0}
      steps={200}
      playing={false}
      optimizer="sgd"
      lr={0.1}
      onPlay={noop}
      onPause={noop}
      onStep={noop}
      onReset={noop}
      onOptimizer={noop}
      onLr={noop}
      onSteps={noop}
      {...p}
    />,
  );
}

/** The opening tag of the button whose text ends with `label`. */
function button(markup: string, label: string): string {
  const m = [...markup.matchAll(/<button([^>]*)>(.*?)<\/button>/g)].find((b) =>
    b[2]!.replace(/<[^>]+>/g, '').endsWith(label),
  );
  if (!m) throw new Error(`no button ${label} in ${markup}`);
  return m[1]!;
}

const inputs = (markup: string) => [...markup.matchAll(/<input([^>]*)>/g)].map((m) => m[1]!);

describe('TrainControls', () => {
  it('is a named group with Play, Step and Reset, the optimizer, the rate and the steps', () => {
    const m = html({ lr: 0.05, steps: 300, optimizer: 'adam' });
    expect(m).toMatch(/^<div class="tc" role="group" aria-label="Training">/);
    expect(button(m, 'Play')).not.toContain('aria-disabled');
    expect(button(m, 'Step')).not.toContain('aria-disabled');
    // at step 0 and paused there is nothing to reset
    expect(button(m, 'Reset')).toContain('aria-disabled="true"');
    const [sgd, adam, lr, steps] = inputs(m);
    expect(sgd).toContain('value="sgd"');
    expect(sgd).not.toContain('checked');
    expect(adam).toContain('checked');
    expect(lr).toContain('value="0.05"');
    expect(lr).toContain('inputMode="decimal"');
    expect(steps).toContain('value="300"');
    expect(m).toContain('<legend>Optimizer</legend>');
    expect(m).toMatch(/<label for="[^"]+">Learning rate<\/label>/);
  });

  it('turns Play into Pause while the run plays', () => {
    const m = html({ playing: true, step: 40 });
    expect(() => button(m, 'Play')).toThrow();
    expect(button(m, 'Pause')).toContain('class="tc-play"');
    expect(button(m, 'Reset')).not.toContain('aria-disabled');
  });

  it('at the last step, Play and Step say they cannot act and why', () => {
    const m = html({ step: 200, steps: 200 });
    expect(button(m, 'Play')).toContain('aria-disabled="true"');
    expect(button(m, 'Step')).toContain('aria-disabled="true"');
    const why = /aria-describedby="([^"]+)"/.exec(button(m, 'Step'))![1]!;
    expect(m).toContain(
      `id="${why}" class="tc-sr">The run is at its last step; raise the steps to train further.`,
    );
  });

  it('shows the step and the page’s status, in one polite status region', () => {
    const m = html({ step: 12, status: 'loss 0.4123' });
    expect(m.match(/role="status"/g)).toHaveLength(1);
    expect(m).toContain(
      'role="status" aria-live="polite">Step 12 of 200 · paused · loss 0.4123</p>',
    );
    expect(m).toContain('aria-hidden="true">Step 12 of 200 · paused · loss 0.4123</p>');
  });

  it('in a classroom view shows the settings but does not change them; the run still moves', () => {
    const m = html({ readOnly: true, step: 5 });
    const [sgd, adam, lr, steps] = inputs(m);
    expect(sgd).toContain('disabled');
    expect(adam).toContain('disabled');
    expect(lr).toContain('readOnly');
    expect(steps).toContain('readOnly');
    for (const b of ['Play', 'Step', 'Reset']) expect(button(m, b)).not.toContain('disabled');
    const editable = inputs(html());
    expect(editable.some((i) => /disabled|readOnly/.test(i))).toBe(false);
  });
});
