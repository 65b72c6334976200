// A question with "Yes" / "No", as vSphere asks before it deletes.
import type { ReactNode } from 'react';
import { Dialog } from './Dialog';

interface Props { title: string; children: ReactNode; onYes(): void; onNo(): void }

export function ConfirmDialog({ title, children, onYes, onNo }: Props) {
  return (
    <Dialog title={title} onClose={onNo} role="alertdialog"
      footer={<>
        <button type="button" className="btn btn-primary" onClick={onYes}>Yes</button>
        <button type="button" className="btn" onClick={onNo} data-autofocus>No</button>
      </>}>
      {children}
    </Dialog>
  );
}
