import { useId } from 'react';
import { labelColor } from '../view/colors';

/** Which token asks the question: a radio group, so it works with arrows and screen readers. */
export function QueryPicker(props: {
  tokens: readonly string[];
  query: number;
  onChange: (q: number) => void;
}) {
  const name = useId();
  return (
    <fieldset className="query-picker">
      <legend>Query token</legend>
      <div className="query-options">
        {props.tokens.map((t, k) => (
          <label key={k} className={k === props.query ? 'query-option checked' : 'query-option'}>
            <input
              type="radio"
              name={name}
              value={k}
              checked={k === props.query}
              onChange={() => props.onChange(k)}
            />
            <span
              className="query-swatch"
              style={{ background: labelColor(k) }}
              aria-hidden="true"
            />
            {t}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
