import { Fragment, useId, useMemo, type CSSProperties } from 'react';
import { highlightPython, splitLines } from './pythonHighlight';

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
  const lines = useMemo(() => splitLines(highlightPython(props.code)), [props.code]);
  const outputId = useId();
  return (
    <figure className="code-cell">
      <pre className="code" tabIndex={0} role="group" aria-label="PyTorch code">
        <code>
          {/* A box per line, so a long line wraps with its continuation indented past the line's
            own indentation (LessonPage.css); the line breaks stay in the text, for copying. */}
          {lines.map((line, n) => (
            <Fragment key={n}>
              {n > 0 && '\n'}
              <span className="code-line" style={indentStyle(line.indent)}>
                {line.tokens.map((t, k) =>
                  t.kind === 'text' ? (
                    t.text
                  ) : (
                    <span key={k} className={`tok-${t.kind}`}>
                      {t.text}
                    </span>
                  ),
                )}
              </span>
            </Fragment>
          ))}
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
            style={outputStyle(props.output)}
          >
            {props.output}
          </pre>
        </div>
      )}
    </figure>
  );
}

const indentStyle = (spaces: number) =>
  spaces > 0 ? ({ '--indent': String(spaces) } as CSSProperties) : undefined;

/** The longest printed line, in characters: the output's type shrinks (a little) to fit it. */
const outputStyle = (output: string) =>
  ({
    '--cols': String(Math.max(1, ...output.split('\n').map((l) => l.length))),
  }) as CSSProperties;
