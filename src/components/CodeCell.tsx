import { useId, useMemo, useState } from 'react';
import type { OutputBadge } from '../lessons/badge';
import { PYTORCH_BUILD } from '../lessons/badge';
import { highlightPython } from './pythonHighlight';

/**
 * A notebook cell: the PyTorch code, and under it what running it prints. The badge says where the
 * printed output comes from (the notebook's own printout, a new cell, a continuation) or that the
 * learner's values changed it; "Which PyTorch?" says which build the digits reproduce.
 */
export function CodeCell(props: { code: string; output?: string; badge?: OutputBadge }) {
  const tokens = useMemo(() => highlightPython(props.code), [props.code]);
  const aboutId = useId();
  const [aboutOpen, setAboutOpen] = useState(false);
  const badge = props.badge;
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
          >
            {props.output}
          </pre>
        </div>
      )}
    </figure>
  );
}
