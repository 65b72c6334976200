// Lesson text on the page: the parsed markdown subset as React elements. No HTML string ever reaches
// the DOM, so a lesson file cannot inject markup or script.
import { useMemo } from 'react';
import { parseMarkdown, type Inline } from '../../lessons';

function Inlines({ nodes }: { nodes: Inline[] }) {
  return (
    <>
      {nodes.map((n, i) => {
        switch (n.type) {
          case 'text': return <span key={i}>{n.text}</span>;
          case 'code': return <code key={i}>{n.text}</code>;
          case 'strong': return <strong key={i}><Inlines nodes={n.children} /></strong>;
          case 'em': return <em key={i}><Inlines nodes={n.children} /></em>;
          case 'link': return <a key={i} href={n.href} target="_blank" rel="noopener noreferrer"><Inlines nodes={n.children} /></a>;
        }
      })}
    </>
  );
}

export function Markdown({ text, className }: { text: string; className?: string }) {
  const blocks = useMemo(() => parseMarkdown(text), [text]);
  return (
    <div className={`markdown ${className ?? ''}`}>
      {blocks.map((b, i) => {
        if (b.type === 'p') return <p key={i}><Inlines nodes={b.children} /></p>;
        const items = b.items.map((item, j) => <li key={j}><Inlines nodes={item} /></li>);
        return b.type === 'ul' ? <ul key={i}>{items}</ul> : <ol key={i}>{items}</ol>;
      })}
    </div>
  );
}
