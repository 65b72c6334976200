// A modal dialog on the native <dialog>: focus moves in and is kept there, Escape backs out, and the
// page behind is inert, without any code of ours to get wrong.
import { useId, useLayoutEffect, useRef, type ReactNode } from 'react';

interface Props {
  title: string;
  onClose(): void;
  children: ReactNode;
  footer: ReactNode;
  wide?: boolean;
  role?: 'dialog' | 'alertdialog';
  /** False for a question that must be answered: no close button, Escape does nothing. */
  dismissable?: boolean;
}

export function Dialog({ title, onClose, children, footer, wide, role = 'dialog', dismissable = true }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // A layout effect, so close() runs while the dialog is still in the page and the browser returns
  // focus to the control that opened it.
  useLayoutEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    // showModal focuses the first control (the close button); the dialog names the one it wants.
    d?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      role={role}
      className={`dialog ${wide ? 'dialog-wide' : ''}`}
      aria-labelledby={titleId}
      onCancel={(e) => { e.preventDefault(); if (dismissable) onClose(); }}
    >
      <header className="dialog-head">
        <h2 id={titleId}>{title}</h2>
        {dismissable && <button type="button" className="icon-btn" aria-label="Close" onClick={onClose}>×</button>}
      </header>
      <div className="dialog-body">{children}</div>
      <footer className="dialog-foot">{footer}</footer>
    </dialog>
  );
}
