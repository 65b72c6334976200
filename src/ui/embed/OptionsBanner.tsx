// A small banner for what the page's address asked but the lab could not do (a bad parameter, an
// unknown lesson, a damaged share link). It never stops the lab: the rest of the address still applies.
import { dismissProblems, usePageOptions } from '../../app/embed/pageOptions';

export function OptionsBanner() {
  const problems = usePageOptions((s) => s.problems);
  if (!problems.length) return null;
  return (
    <div className="options-banner" role="alert">
      <div>
        <strong>{problems.length === 1 ? 'Part of this address was ignored.' : 'Parts of this address were ignored.'}</strong>
        <ul>{problems.map((p, i) => <li key={i}>{p}</li>)}</ul>
      </div>
      <button type="button" className="icon-btn" aria-label="Dismiss address problems" onClick={dismissProblems}>×</button>
    </div>
  );
}
