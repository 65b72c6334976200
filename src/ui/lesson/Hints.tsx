// Hints on request, one at a time, so a learner can take as little help as they need.
import { useState } from 'react';
import { Markdown } from './Markdown';

export function Hints({ hints }: { hints: string[] }) {
  const [shown, setShown] = useState(0);
  if (!hints.length) return <p className="muted small">This lesson has no hints: it is for you to work out.</p>;
  return (
    <section aria-label="Hints" className="lesson-hints">
      {shown > 0 && (
        <ol className="hints">
          {hints.slice(0, shown).map((h, i) => <li key={i}><Markdown text={h} /></li>)}
        </ol>
      )}
      {shown < hints.length && (
        <button type="button" className="btn" onClick={() => setShown(shown + 1)}>
          {shown === 0 ? 'Show a hint' : 'Show another hint'} ({shown + 1} of {hints.length})
        </button>
      )}
    </section>
  );
}
