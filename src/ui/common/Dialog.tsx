// A dialog on the native <dialog>. Modal by default: focus moves in and is kept there, Escape backs
// out, and the page behind is inert, without any code of ours to get wrong. A non-modal one (a VM's
// question) floats over the page, which stays usable; Escape inside it closes it.
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
  /** False: the page stays usable while the dialog is open (it floats, it does not trap focus). */
  modal?: boolean;
  /** For a non-modal dialog: move focus into it (it was opened by the learner, not by the lab). */
  takeFocus?: boolean;
  className?: string;
}

export function Dialog({ title, onClose, children, footer, wide, role = 'dialog', dismissable = true, modal = true, takeFocus = true, className }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // A layout effect, so close() runs while the dialog is still in the page and the browser returns
  // focus to the control that opened it.
  useLayoutEffect(() => {
    const d = ref.current;
    if (d && !d.open) {
      if (modal) d.showModal();
      // show() moves focus in; a dialog the lab opened by itself must not take the learner's typing.
      else if (takeFocus) d.show();
      else d.setAttribute('open', '');
    }
    // showModal focuses the first control (the close button); the dialog names the one it wants.
    if (modal || takeFocus) d?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => d?.close();
  }, [modal, takeFocus]);
  return (
    <dialog
      ref={ref}
      role={role}
      className={`dialog ${wide ? 'dialog-wide' : ''} ${modal ? '' : 'dialog-floating'} ${className ?? ''}`}
      aria-labelledby={titleId}
      onCancel={(e) => { e.preventDefault(); if (dismissable) onClose(); }}
      // A non-modal dialog gets no cancel event from Escape: it closes itself when it has focus.
      onKeyDown={modal ? undefined : (e) => { if (e.key === 'Escape' && dismissable) { e.preventDefault(); onClose(); } }}
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
