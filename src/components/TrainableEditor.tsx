import { useId, useState } from 'react';
import type { Derived, Lesson } from '../lessons/types';
import type { Tensor } from '../math/tensor';
import { appStore, type WeightName } from '../state/store';
import { EditableMatrix } from './EditableMatrix';

const MAX_SEED = 2 ** 53 - 1;

const MATRICES: readonly { key: WeightName; name: string }[] = [
  { key: 'wq', name: 'W_query' },
  { key: 'wk', name: 'W_key' },
  { key: 'wv', name: 'W_value' },
];

/** The seed that `torch.manual_seed` gets, and the three editable weight matrices it makes. */
export function TrainableEditor({ lesson, d }: { lesson: Lesson; d: Derived }) {
  const t = d.trainable;
  const seedId = useId();
  const errorId = useId();
  const [seedText, setSeedText] = useState<string | null>(null);
  const [error, setError] = useState('');
  if (!t) return null;

  const onSeed = (text: string) => {
    setSeedText(text);
    const trimmed = text.trim();
    if (!/^[0-9]{1,16}$/.test(trimmed) || Number(trimmed) > MAX_SEED) {
      setError('A seed is a whole number from 0 to 9007199254740991.');
      return;
    }
    setError('');
    appStore.getState().setSeed(lesson.id, Number(trimmed));
  };

  const mats: Record<WeightName, Tensor> = { wq: t.wq, wk: t.wk, wv: t.wv };
  return (
    <div className="trainable">
      <div className="seed-field">
        <label htmlFor={seedId}>Seed</label>
        <input
          id={seedId}
          inputMode="numeric"
          value={seedText ?? String(d.seed)}
          onChange={(e) => onSeed(e.target.value)}
          onBlur={() => {
            setSeedText(null);
            setError('');
          }}
          aria-invalid={error !== ''}
          aria-describedby={errorId}
        />
        <span id={errorId} className="field-error" role="status">
          {error}
        </span>
      </div>
      {MATRICES.map(({ key, name }) => {
        const w = mats[key];
        return (
          <EditableMatrix
            key={key}
            caption={`${name}, shape [${w.shape.join(', ')}]`}
            rowLabels={Array.from({ length: w.shape[0]! }, (_, r) => `row ${r + 1}`)}
            colLabels={Array.from({ length: w.shape[1]! }, (_, c) => `col ${c + 1}`)}
            value={w}
            onChange={(next) => appStore.getState().setWeight(lesson.id, key, next)}
            cellLabel={(r, c) => `${name}, row ${r + 1}, column ${c + 1}`}
          />
        );
      })}
    </div>
  );
}
