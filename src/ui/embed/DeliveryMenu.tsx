// The trainer's tools in the top bar: Embed, Share link and Presenter mode.
import { useState } from 'react';
import { useLab } from '../../app/store';
import { PresenterToggle } from '../presenter/PresenterToggle';
import { ShareDialog } from '../share/ShareDialog';
import { EmbedDialog } from './EmbedDialog';

export function DeliveryMenu() {
  const ready = useLab((s) => s.status === 'ready');
  const [open, setOpen] = useState<null | 'embed' | 'share'>(null);
  return (
    <div className="session-menu" role="group" aria-label="Workshop delivery">
      <button type="button" className="btn btn-ghost" disabled={!ready} onClick={() => setOpen('embed')}>Embed…</button>
      <button type="button" className="btn btn-ghost" disabled={!ready} onClick={() => setOpen('share')}>Share link…</button>
      <PresenterToggle />
      {open === 'embed' && <EmbedDialog onClose={() => setOpen(null)} />}
      {open === 'share' && <ShareDialog onClose={() => setOpen(null)} />}
    </div>
  );
}
