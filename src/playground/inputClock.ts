/**
 * When the learner last worked on the page: a key, a press, a drag or typing, anywhere but in the
 * parts `ignore` names. The playground's training run holds back the renders of a playing run
 * while the learner edits (useTraining.ts): each of those renders redraws every matrix of the page,
 * and at 64 × 64 one landing between two inputs delayed the next input by several frames.
 */
export interface InputClock {
  /** performance.now() of the last input counted; -Infinity before any. */
  last(): number;
  dispose(): void;
}

/** The events that count: a move counts only with a button held (a drag, not a hover). */
const EVENTS = ['keydown', 'pointerdown', 'pointermove', 'input', 'wheel'] as const;

export function inputClock(
  target: EventTarget,
  ignore: (target: EventTarget | null) => boolean,
  now: () => number = () => performance.now(),
): InputClock {
  let last = -Infinity;
  const note = (e: Event) => {
    if (e.type === 'pointermove' && !(e as PointerEvent).buttons) return;
    if (ignore(e.target)) return;
    last = now();
  };
  for (const type of EVENTS) target.addEventListener(type, note, { capture: true, passive: true });
  return {
    last: () => last,
    dispose: () => {
      for (const type of EVENTS) target.removeEventListener(type, note, { capture: true });
    },
  };
}
