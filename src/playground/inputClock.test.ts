import { describe, expect, it } from 'vitest';
import { inputClock } from './inputClock';

/** An event of `type` with `fields` (buttons, target) as the browser would set them. */
function fire(target: EventTarget, type: string, fields: Record<string, unknown> = {}) {
  const e = new Event(type);
  for (const [k, v] of Object.entries(fields)) Object.defineProperty(e, k, { value: v });
  target.dispatchEvent(e);
}

describe('inputClock', () => {
  const page = new EventTarget();
  const panel = new EventTarget();
  let t = 0;
  const clock = inputClock(
    page,
    (target) => target === panel,
    () => t,
  );

  it('notes keys, presses, drags and typing, not hovers or the ignored parts', () => {
    expect(clock.last()).toBe(-Infinity);
    t = 10;
    fire(page, 'pointermove', { buttons: 0 });
    expect(clock.last()).toBe(-Infinity);
    fire(page, 'pointermove', { buttons: 1 });
    expect(clock.last()).toBe(10);
    for (const [time, type] of [
      [20, 'keydown'],
      [30, 'pointerdown'],
      [40, 'input'],
      [50, 'wheel'],
    ] as const) {
      t = time;
      fire(page, type);
      expect(clock.last(), type).toBe(time);
    }
    t = 60;
    fire(page, 'keydown', { target: panel });
    expect(clock.last()).toBe(50);
  });

  it('stops listening once disposed', () => {
    clock.dispose();
    t = 70;
    fire(page, 'keydown');
    expect(clock.last()).toBe(50);
  });
});
