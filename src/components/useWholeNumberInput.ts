/**
 * A text field for a whole number (a seed, a size) that applies what is typed once the learner is
 * done with it (useTypedInput, also the training panel's learning rate): on Enter, on leaving the field, or after APPLY_DELAY_MS without a keystroke. So
 * typing "123" regenerates once (not for 1, 12 and 123) and makes one undo step.
 *
 * A text that is not a whole number in range is never applied, rounded or cut short: the field
 * goes back to the value in use and a message says what was wrong and what was kept ("Seed: “1.5”
 * is not a whole number; kept 123."). The message stays until the next keystroke in the field or
 * until the value changes some other way (an undo, "Run without a seed").
 */
import {
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type ChangeEvent,
  type KeyboardEvent,
} from 'react';
import { parseWholeNumber, wholeRefusalMessage } from '../view/numberInput';

/** Quiet time after the last keystroke before a typed number is applied. */
export const APPLY_DELAY_MS = 600;

export interface WholeNumberOptions {
  /** Names the field in its messages, e.g. "Seed". */
  label: string;
  /** The value in use; null when there is none to show (an unseeded run). */
  value: number | null;
  min: number;
  max: number;
  onCommit: (value: number) => void;
  /** What a refusal keeps when value is null, e.g. "still no seed". */
  keptNone?: string;
}

/** A typed field's props and message (useTypedInput, useWholeNumberInput). */
export interface TypedInput {
  /** Spread onto the <input>. */
  inputProps: {
    value: string;
    onChange: (e: ChangeEvent<HTMLInputElement>) => void;
    onKeyDown: (e: KeyboardEvent<HTMLInputElement>) => void;
    onBlur: () => void;
    'aria-invalid': boolean;
    'aria-describedby': string;
  };
  /** The id the input's aria-describedby names: give it to the element showing `message`. */
  messageId: string;
  /** What was refused and what was kept, or ''. */
  message: string;
}
export type WholeNumberInput = TypedInput;

/** What a typed text means: a value to apply, a refusal with its message, or nothing at all. */
export type TypedReading<T> = { ok: true; value: T } | { ok: false; message: string } | null;

export interface TypedInputOptions<T> {
  /** The value in use; null when there is none to show (an unseeded run). */
  value: T | null;
  /** Reads a typed text against the value in use. */
  read: (typed: string, current: T | null) => TypedReading<T>;
  /** The value as the field shows it. */
  format: (value: T) => string;
  onCommit: (value: T) => void;
}

interface Shown<T> {
  text: string;
  /** The value in use when it was refused: the message goes once another one is. */
  kept: T | null;
}

/**
 * A text field whose typed value is applied once the learner is done with it (Enter, leaving the
 * field, or APPLY_DELAY_MS without a keystroke), refused with a message otherwise; Escape goes
 * back to the value in use. The rules for one kind of value are `read` and `format`.
 */
export function useTypedInput<T>(options: TypedInputOptions<T>): TypedInput {
  const { value } = options;
  const messageId = useId();
  const [text, setText] = useState<string | null>(null);
  const [shown, setShown] = useState<Shown<T> | null>(null);
  const timer = useRef(0);
  // The latest options, for the timer's callback.
  const latest = useRef(options);
  useLayoutEffect(() => {
    latest.current = options;
  });
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const stopTimer = () => {
    window.clearTimeout(timer.current);
    timer.current = 0;
  };

  /** Applies `typed`, or says why not. `done`: the learner left the field or pressed Enter. */
  const attempt = (typed: string, done: boolean) => {
    stopTimer();
    const { value: current, read, onCommit } = latest.current;
    if (done) setText(null);
    const reading = read(typed, current);
    if (reading === null || reading.ok) {
      setShown(null);
      if (reading && reading.value !== current) onCommit(reading.value);
      return;
    }
    setShown({ text: reading.message, kept: current });
  };

  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const typed = e.target.value;
    setText(typed);
    setShown(null);
    stopTimer();
    timer.current = window.setTimeout(() => attempt(typed, false), APPLY_DELAY_MS);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      if (text !== null) attempt(text, true);
    } else if (e.key === 'Escape' && (text !== null || shown)) {
      // Back to the value in use, as typed before.
      e.preventDefault();
      stopTimer();
      setText(null);
      setShown(null);
    }
  };

  const onBlur = () => {
    if (text !== null) attempt(text, true);
  };

  const message = shown && shown.kept === value ? shown.text : '';
  return {
    inputProps: {
      value: text ?? (value === null ? '' : options.format(value)),
      onChange,
      onKeyDown,
      onBlur,
      'aria-invalid': message !== '' && text !== null,
      'aria-describedby': messageId,
    },
    messageId,
    message,
  };
}

export function useWholeNumberInput(options: WholeNumberOptions): WholeNumberInput {
  const { label, min, max, keptNone } = options;
  return useTypedInput<number>({
    value: options.value,
    onCommit: options.onCommit,
    format: String,
    read: (typed, current) => {
      // Nothing typed where nothing was shown: nothing to apply or refuse.
      if (current === null && typed.trim() === '') return null;
      const parsed = parseWholeNumber(typed, min, max);
      if (parsed.ok) return parsed;
      const kept = current === null ? (keptNone ?? 'kept none') : `kept ${current}`;
      return {
        ok: false,
        message: `${label}: ${wholeRefusalMessage(typed, parsed.refusal, min, max, kept)}`,
      };
    },
  });
}
