// "Share link": the lab and its history in one address, for a colleague or for the next session.
import { useEffect, useState } from 'react';
import { currentShareLink, type CurrentLink } from '../../app/share/currentLink';
import { Dialog } from '../common/Dialog';
import { CopyField } from './CopyField';

export function ShareDialog({ onClose }: { onClose(): void }) {
  const [link, setLink] = useState<CurrentLink | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    currentShareLink().then(setLink, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);
  return (
    <Dialog title="Share link" onClose={onClose} wide
      footer={<button type="button" className="btn btn-primary" onClick={onClose}>OK</button>}>
      {error && <p className="banner warn" role="alert">The link could not be made: {error}</p>}
      {!link && !error && <p className="muted">Making the link…</p>}
      {link && <>
        <p>
          Whoever opens this link gets “{link.name}” with {link.commands === 0 ? 'no commands yet' : link.commands === 1 ? 'its 1 command' : `its ${link.commands} commands`}, replayed
          from the same seed, so they see the lab exactly as it is now ({link.url.length.toLocaleString('en')} characters).
        </p>
        <CopyField label="Link" value={link.url} />
      </>}
    </Dialog>
  );
}
