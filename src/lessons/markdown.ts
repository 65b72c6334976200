// The small markdown subset lesson texts use, parsed to a tree that the page renders as React
// elements. There is no HTML path at all: angle brackets stay text, and links must be http(s).
export type Inline =
  | { type: 'text'; text: string }
  | { type: 'strong' | 'em'; children: Inline[] }
  | { type: 'code'; text: string }
  | { type: 'link'; href: string; children: Inline[] };

export type Block =
  | { type: 'p'; children: Inline[] }
  | { type: 'ul' | 'ol'; items: Inline[][] };

const bullet = /^\s*[-*]\s+/;
const numbered = /^\s*\d+[.)]\s+/;

export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of source.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    const lines = chunk.split('\n').filter((l) => l.trim() !== '');
    if (!lines.length) continue;
    const kind = bullet.test(lines[0]) ? 'ul' : numbered.test(lines[0]) ? 'ol' : null;
    if (!kind) {
      blocks.push({ type: 'p', children: parseInline(lines.map((l) => l.trim()).join(' ')) });
      continue;
    }
    const marker = kind === 'ul' ? bullet : numbered;
    const items: string[] = [];
    for (const line of lines) {
      if (marker.test(line)) items.push(line.replace(marker, ''));
      else items[items.length - 1] += ` ${line.trim()}`; // a continuation line of the item above
    }
    blocks.push({ type: kind, items: items.map(parseInline) });
  }
  return blocks;
}

/** Inline marks: `code`, **strong**, *em* or _em_, [text](https://...). Unclosed marks stay text. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let plain = '';
  const flush = () => { if (plain) { out.push({ type: 'text', text: plain }); plain = ''; } };
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const code = /^`([^`]+)`/.exec(rest);
    const strong = /^\*\*(.+?)\*\*/.exec(rest);
    const em = /^(?:\*([^*\s][^*]*?)\*|_([^_\s][^_]*?)_(?![A-Za-z0-9]))/.exec(rest);
    const link = /^\[([^\]]+)\]\(([^)\s]+)\)/.exec(rest);
    if (code) { flush(); out.push({ type: 'code', text: code[1] }); i += code[0].length; continue; }
    if (strong) { flush(); out.push({ type: 'strong', children: parseInline(strong[1]) }); i += strong[0].length; continue; }
    if (em && (i === 0 || !/[A-Za-z0-9]/.test(text[i - 1]))) { flush(); out.push({ type: 'em', children: parseInline(em[1] ?? em[2]) }); i += em[0].length; continue; }
    if (link) {
      // Anything but an http(s) address (javascript:, data:, relative paths) keeps only its text.
      if (/^https?:\/\//i.test(link[2])) { flush(); out.push({ type: 'link', href: link[2], children: parseInline(link[1]) }); }
      else plain += link[1];
      i += link[0].length;
      continue;
    }
    plain += text[i];
    i++;
  }
  flush();
  return out;
}

/** The text alone, for accessible names and plain-text output. */
export function inlineText(nodes: Inline[]): string {
  return nodes.map((n) => ('text' in n ? n.text : inlineText(n.children))).join('');
}
