import { useId, useMemo } from 'react';
import { highlightPython } from './pythonHighlight';

/**
 * A notebook cell: the PyTorch code, and under it what running it prints. The badge says whether the
 * printed output is still the lesson's opening one (the learner's edits have not changed it) or
 * edited. `matchLabel` names the unedited state: "matches the notebook" where the opening values
 * are the notebook's own, "unedited" where they are only its rounded printout.
 */
export function CodeCell(props: {
  code: string;
  output?: string;
  matchesNotebook?: boolean;
  matchLabel?: string;
}) {
  const tokens = useMemo(() => highlightPython(props.code), [props.code]);
  const outputId = useId();
  return (
    <figure className="code-cell">
      <pre className="code" tabIndex={0} role="group" aria-label="PyTorch code">
        <code>
          {tokens.map((t, k) =>
            t.kind === 'text' ? (
              t.text
            ) : (
              <span key={k} className={`tok-${t.kind}`}>
                {t.text}
              </span>
            ),
          )}
        </code>
      </pre>
      {props.output !== undefined && (
        <div className="code-output">
          <div className="code-output-head">
            <span id={outputId}>Output</span>
            <span
              className={props.matchesNotebook ? 'badge badge-match' : 'badge badge-edited'}
              role="status"
            >
              {props.matchesNotebook ? (props.matchLabel ?? 'matches the notebook') : 'edited'}
            </span>
          </div>
          <pre
            className="output"
            data-testid="output"
            tabIndex={0}
            role="group"
            aria-label="Output"
          >
            {props.output}
          </pre>
        </div>
      )}
    </figure>
  );
}
