import type { Derived, Lesson } from '../lessons/types';
import type { Tensor } from '../math/tensor';
import { appStore, type WeightName } from '../state/store';
import { EditableMatrix } from './EditableMatrix';
import { SeedControl } from './SeedControl';

const MATRICES: readonly { key: WeightName; name: string }[] = [
  { key: 'wq', name: 'W_query' },
  { key: 'wk', name: 'W_key' },
  { key: 'wv', name: 'W_value' },
];

/** The seed that `torch.manual_seed` gets, and the three editable weight matrices it makes. */
export function TrainableEditor(props: { lesson: Lesson; d: Derived; readOnly?: boolean }) {
  const { lesson, d, readOnly } = props;
  const t = d.trainable;
  if (!t) return null;
  const mats: Record<WeightName, Tensor> = { wq: t.wq, wk: t.wk, wv: t.wv };
  return (
    <div className="trainable">
      <SeedControl lessonId={lesson.id} seed={d.seed} readOnly={readOnly} />
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
            readOnly={readOnly}
          />
        );
      })}
    </div>
  );
}
