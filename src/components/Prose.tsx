import { Fragment, useMemo } from 'react';
import { parseMarkdown, type Inline } from '../view/markdown';
import { ScrollBox } from './ScrollBox';
import { Tex } from './Tex';

/** Lesson prose: our Markdown subset rendered as React elements (never as HTML). */
export function Prose({ source }: { source: string }) {
  const blocks = useMemo(() => parseMarkdown(source), [source]);
  return (
    <div className="prose">
      {blocks.map((b, k) =>
        b.type === 'math' ? (
          <ScrollBox key={k} className="math-block" label="Formula">
            <Tex tex={b.tex} display />
          </ScrollBox>
        ) : b.type === 'ul' ? (
          <ul key={k}>
            {b.items.map((item, n) => (
              <li key={n}>
                <Inlines nodes={item} />
              </li>
            ))}
          </ul>
        ) : (
          <p key={k}>
            <Inlines nodes={b.children} />
          </p>
        ),
      )}
    </div>
  );
}

function Inlines({ nodes }: { nodes: Inline[] }) {
  return (
    <>
      {nodes.map((n, k) => {
        switch (n.type) {
          case 'text':
            return <Fragment key={k}>{n.text}</Fragment>;
          case 'code':
            return <code key={k}>{n.text}</code>;
          case 'math':
            return <Tex key={k} tex={n.tex} />;
          case 'strong':
            return (
              <strong key={k}>
                <Inlines nodes={n.children} />
              </strong>
            );
          case 'em':
            return (
              <em key={k}>
                <Inlines nodes={n.children} />
              </em>
            );
          case 'link':
            return (
              <a key={k} href={n.href} rel="noreferrer">
                <Inlines nodes={n.children} />
              </a>
            );
        }
      })}
    </>
  );
}
