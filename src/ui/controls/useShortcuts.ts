// Presenter keys: Space plays or pauses, right arrow steps to the next event, [ and ] jump between the
// history's markers (time travel), unless the key belongs to whatever has focus (a text field, a
// button, a slider, the tree).
import { useEffect } from 'react';
import { markerTime, seekTo, stepToNextEvent, togglePlay } from '../../app/commands';

const OWN_KEYS = 'input, textarea, select, button, a[href], [contenteditable], [role="slider"], [role="tree"], [role="treeitem"], .react-flow, dialog, [tabindex]';

export function isOwnedByFocus(target: EventTarget | null): boolean {
  return target instanceof Element && target !== document.body && target.closest(OWN_KEYS) !== null;
}

export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isOwnedByFocus(e.target)) return;
      if (e.key === ' ') { e.preventDefault(); void togglePlay(); }
      else if (e.key === 'ArrowRight') { e.preventDefault(); void stepToNextEvent(); }
      else if (e.key === '[' || e.key === ']') {
        // The lab's history: previous or next marker (snapshot, quiesce, failure, question).
        const t = markerTime(e.key === ']' ? 1 : -1);
        if (t !== null) { e.preventDefault(); void seekTo(t); }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
