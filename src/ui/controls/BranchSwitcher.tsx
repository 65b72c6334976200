// The branches of the lab's history: where each left its parent and what it did differently. Choosing
// one goes to its newest moment; "Compare branches" shows two branches' datastore usage side by side.
import { lazy, memo, Suspense, useState } from 'react';
import { useLab } from '../../app/store';
import { switchBranch } from '../../app/commands';

// Loaded when first opened: it draws with Recharts, which the page's first screen does not need, and
// a lab embedded in a slide should start without it.
const CompareBranches = lazy(() => import('./CompareBranches').then((m) => ({ default: m.CompareBranches })));

/** Memo: the scrubber around it re-renders with every clock time; this only with the history. */
export const BranchSwitcher = memo(function BranchSwitcher() {
  const history = useLab((s) => s.history);
  const [comparing, setComparing] = useState(false);
  if (!history || history.branches.length < 2) return null;
  return (
    <>
      <label className="branch-switcher">
        <span>Branch</span>
        <select value={history.branch} title={history.branches.find((b) => b.current)?.label} onChange={(e) => void switchBranch(e.target.value)}>
          {history.branches.map((b) => (
            <option key={b.id} value={b.id}>{b.label}</option>
          ))}
        </select>
      </label>
      <button type="button" className="btn btn-ghost" onClick={() => setComparing(true)}>Compare branches</button>
      {comparing && <Suspense fallback={null}><CompareBranches onClose={() => setComparing(false)} /></Suspense>}
    </>
  );
});
