// Hints on request, one at a time, so a learner can take as little help as they need. A hint may offer
// a way back in time ("Go back to just before the delete"): the lab goes there and the learner tries
// again on a new branch.
import { useState } from 'react';
import { Markdown } from './Markdown';
import { goBackBefore } from '../../app/commands';
import type { Hint } from '../../lessons/schema';

export function Hints({ hints }: { hints: Hint[] }) {
  const [shown, setShown] = useState(0);
  if (!hints.length) return <p className="muted small">This lesson has no hints: it is for you to work out.</p>;
  return (
    <section aria-label="Hints" className="lesson-hints">
      {shown > 0 && (
        <ol className="hints">
          {hints.slice(0, shown).map((h, i) => (
            <li key={i}>
              <Markdown text={typeof h === 'string' ? h : h.text} />
              {typeof h !== 'string' && (
                <button type="button" className="btn" onClick={() => void goBackBefore(h.goBack.before)}>{h.goBack.label}</button>
              )}
            </li>
          ))}
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
