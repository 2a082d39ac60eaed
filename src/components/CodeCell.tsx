import { Fragment, useId, useMemo, useState, type CSSProperties } from 'react';
import type { OutputBadge } from '../lessons/badge';
import { PYTORCH_BUILD } from '../lessons/badge';
import { highlightPython, splitLines } from '../view/pythonHighlight';

/**
 * A notebook cell: the PyTorch code, and under it what running it prints. The badge says where the
 * printed output comes from (the notebook's own printout, a new cell, a continuation) or that the
 * learner's values changed it; "Which PyTorch?" says which build the digits reproduce.
 */
export function CodeCell(props: { code: string; output?: string; badge?: OutputBadge }) {
  const lines = useMemo(() => splitLines(highlightPython(props.code)), [props.code]);
  const aboutId = useId();
  const [aboutOpen, setAboutOpen] = useState(false);
  const badge = props.badge;
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
            <span className="code-output-title">Output</span>
            {badge && (
              <span className="output-source" role="status" data-state={badge.state}>
                <span className={`badge badge-${badge.state}`}>{badge.label}</span>
                {badge.note && <span className="badge-note">{badge.note}</span>}
              </span>
            )}
            <button
              type="button"
              className="output-about-toggle"
              aria-expanded={aboutOpen}
              aria-controls={aboutId}
              onClick={() => setAboutOpen((o) => !o)}
            >
              <span aria-hidden="true" className="output-about-icon">
                i
              </span>
              Which PyTorch?
            </button>
          </div>
          <p id={aboutId} className="output-about" hidden={!aboutOpen}>
            {PYTORCH_BUILD}
          </p>
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
