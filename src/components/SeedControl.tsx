import { useId, useState } from 'react';
import type { LessonId } from '../lessons/types';
import { appStore } from '../state/store';

const MAX_SEED = 2 ** 53 - 1;

/** A seed like a fresh, unseeded run would get: different every time. */
function randomSeed(): number {
  const words = crypto.getRandomValues(new Uint32Array(2));
  return (words[0]! & 0x1fffff) * 2 ** 32 + words[1]!;
}

/**
 * The seed that `torch.manual_seed` gets. Typing a valid seed applies it at once; "Run without a
 * seed" draws a random one, as an unseeded notebook run would, and shows it so it can be repeated.
 */
export function SeedControl(props: {
  lessonId: LessonId;
  seed: number;
  label?: string;
  /** The values on show came from no seed (an unseeded run): the field shows "none". */
  unseeded?: boolean;
  /** Shown but not changeable (a classroom view): a read-only field and no button. */
  readOnly?: boolean;
}) {
  const inputId = useId();
  const errorId = useId();
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState('');

  const apply = (seed: number) => appStore.getState().setSeed(props.lessonId, seed);
  const onChange = (value: string) => {
    setText(value);
    const trimmed = value.trim();
    if (!/^[0-9]{1,16}$/.test(trimmed) || Number(trimmed) > MAX_SEED) {
      setError('A seed is a whole number from 0 to 9007199254740991.');
      return;
    }
    setError('');
    apply(Number(trimmed));
  };

  return (
    <div className="seed-field">
      <label htmlFor={inputId}>{props.label ?? 'Seed'}</label>
      <input
        id={inputId}
        inputMode="numeric"
        autoComplete="off"
        value={text ?? (props.unseeded ? '' : String(props.seed))}
        placeholder={props.unseeded ? 'none' : undefined}
        onChange={(e) => onChange(e.target.value)}
        onBlur={() => {
          setText(null);
          setError('');
        }}
        readOnly={props.readOnly}
        aria-invalid={error !== ''}
        aria-describedby={errorId}
      />
      {!props.readOnly && (
        <button
          type="button"
          onClick={() => {
            setText(null);
            setError('');
            apply(randomSeed());
          }}
        >
          Run without a seed
        </button>
      )}
      <span id={errorId} className="field-error" role="status">
        {error}
      </span>
    </div>
  );
}
