import { useId } from 'react';
import type { LessonId } from '../lessons/types';
import { appStore } from '../state/store';
import { useWholeNumberInput } from './useWholeNumberInput';

const MAX_SEED = 2 ** 53 - 1;

/** A seed like a fresh, unseeded run would get: different every time. */
function randomSeed(): number {
  const words = crypto.getRandomValues(new Uint32Array(2));
  return (words[0]! & 0x1fffff) * 2 ** 32 + words[1]!;
}

/**
 * The seed that `torch.manual_seed` gets. A typed seed is applied on Enter, on leaving the field or
 * after a short pause (one regeneration and one undo step for "123"); a text that is no seed is
 * refused with a message beside the field. "Run without a seed" draws a random one, as an unseeded
 * notebook run would, and shows it so it can be repeated.
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
  const label = props.label ?? 'Seed';
  const apply = (seed: number) => appStore.getState().setSeed(props.lessonId, seed);
  const field = useWholeNumberInput({
    label,
    value: props.unseeded ? null : props.seed,
    min: 0,
    max: MAX_SEED,
    onCommit: apply,
    keptNone: 'still no seed',
  });

  return (
    <div className="seed-field">
      <label htmlFor={inputId}>{label}</label>
      <input
        id={inputId}
        inputMode="numeric"
        autoComplete="off"
        enterKeyHint="done"
        placeholder={props.unseeded ? 'none' : undefined}
        readOnly={props.readOnly}
        {...field.inputProps}
      />
      {!props.readOnly && (
        <button type="button" onClick={() => apply(randomSeed())}>
          Run without a seed
        </button>
      )}
      <span id={field.messageId} className="field-error" role="status">
        {field.message}
      </span>
    </div>
  );
}
