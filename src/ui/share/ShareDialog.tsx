// "Share link": the lab and its history in one address, for a colleague or for the next session.
import { useEffect, useState } from 'react';
import { useProgress } from '../../app/progress/progress';
import { withProgress } from '../../app/progress/progressFile';
import { currentShareLink, type CurrentLink } from '../../app/share/currentLink';
import { Dialog } from '../common/Dialog';
import { CopyField } from './CopyField';

export function ShareDialog({ onClose }: { onClose(): void }) {
  const [link, setLink] = useState<CurrentLink | null>(null);
  const [error, setError] = useState<string | null>(null);
  const completed = useProgress((p) => p.completed);
  const [withCourse, setWithCourse] = useState(false);
  const [progressUrl, setProgressUrl] = useState<string | null>(null);
  useEffect(() => {
    currentShareLink().then(setLink, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);
  useEffect(() => {
    if (!link || !withCourse) return;
    let live = true;
    void withProgress(link.url, completed).then((u) => { if (live) setProgressUrl(u); });
    return () => { live = false; };
  }, [link, withCourse, completed]);
  const url = withCourse ? progressUrl : link?.url ?? null;
  return (
    <Dialog title="Share link" onClose={onClose} wide
      footer={<button type="button" className="btn btn-primary" onClick={onClose}>OK</button>}>
      {error && <p className="banner warn" role="alert">The link could not be made: {error}</p>}
      {!link && !error && <p className="muted">Making the link…</p>}
      {link && <>
        <p>
          Whoever opens this link gets “{link.name}” with {link.commands === 0 ? 'no commands yet' : link.commands === 1 ? 'its 1 command' : `its ${link.commands} commands`}, replayed
          from the same seed, so they see the lab exactly as it is now ({(url ?? link.url).length.toLocaleString('en')} characters).
        </p>
        <label className="check">
          <input type="checkbox" checked={withCourse} onChange={(e) => setWithCourse(e.target.checked)} />
          {' '}Include my course progress ({completed.length === 1 ? '1 lesson' : `${completed.length} lessons`} complete), to carry it to another browser
        </label>
        <CopyField label="Link" value={url ?? link.url} />
      </>}
    </Dialog>
  );
}
