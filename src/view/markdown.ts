/**
 * A deliberately small Markdown subset for lesson prose: paragraphs, `- ` lists, display `$$…$$`,
 * and inline `$…$`, `` `code` ``, **bold**, *italic* and [links](https://…). It builds a tree that
 * React renders as elements, so no prose is ever parsed as HTML.
 */
export type Inline =
  | { type: 'text'; text: string }
  | { type: 'code'; text: string }
  | { type: 'math'; tex: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'em'; children: Inline[] }
  | { type: 'link'; href: string; children: Inline[] };

export type Block =
  | { type: 'p'; children: Inline[] }
  | { type: 'math'; tex: string }
  | { type: 'ul'; items: Inline[][] };

/** Only web and in-page links; anything else (javascript:, data:) stays plain text. */
export function safeHref(href: string): string | null {
  const h = href.trim();
  return /^(https?:\/\/|#)/i.test(h) ? h : null;
}

export function parseMarkdown(src: string): Block[] {
  const blocks: Block[] = [];
  // Display math first: `$$…$$` may span lines and blank lines never end it.
  const parts = src.split(/\$\$([\s\S]*?)\$\$/);
  parts.forEach((part, k) => {
    if (k % 2 === 1) {
      blocks.push({ type: 'math', tex: part.trim() });
      return;
    }
    for (const chunk of part.split(/\n\s*\n/)) {
      const lines = chunk
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '');
      if (lines.length === 0) continue;
      if (lines.every((l) => /^[-*] /.test(l))) {
        blocks.push({ type: 'ul', items: lines.map((l) => parseInline(l.slice(2))) });
      } else {
        blocks.push({ type: 'p', children: parseInline(lines.join(' ')) });
      }
    }
  });
  return blocks;
}

const INLINE = /\$([^$]+)\$|`([^`]+)`|\*\*(.+?)\*\*|\*([^*]+)\*|\[([^\]]+)\]\(([^)\s]+)\)/g;

export function parseInline(src: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of src.matchAll(INLINE)) {
    if (m.index > last) out.push({ type: 'text', text: src.slice(last, m.index) });
    if (m[1] !== undefined) out.push({ type: 'math', tex: m[1] });
    else if (m[2] !== undefined) out.push({ type: 'code', text: m[2] });
    else if (m[3] !== undefined) out.push({ type: 'strong', children: parseInline(m[3]) });
    else if (m[4] !== undefined) out.push({ type: 'em', children: parseInline(m[4]) });
    else {
      const href = safeHref(m[6]!);
      const children = parseInline(m[5]!);
      out.push(href ? { type: 'link', href, children } : { type: 'text', text: m[5]! });
    }
    last = m.index + m[0].length;
  }
  if (last < src.length) out.push({ type: 'text', text: src.slice(last) });
  return out;
}
