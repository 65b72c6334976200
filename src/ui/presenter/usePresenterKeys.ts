// Presenter keys while presenter mode is on. Only a field being typed in keeps the letters: a focused
// button (the one that just turned presenter mode on) has no use for P or K.
import { useEffect } from 'react';
import { usePresenter } from '../../app/presenter/presenter';
import { presenterAction } from './presenterKeys';

const TYPING = 'input, textarea, select, [contenteditable], [role="slider"]';
const isTyping = (t: EventTarget | null) => t instanceof Element && t.closest(TYPING) !== null;

export function usePresenterKeys(): void {
  const on = usePresenter((s) => s.on);
  useEffect(() => {
    if (!on) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
      const action = presenterAction(e.key);
      if (!action) return;
      e.preventDefault();
      void action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [on]);
}
