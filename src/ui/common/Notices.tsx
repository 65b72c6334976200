// Messages for the person at the keyboard: a refused command, a bad session file, a reset.
import { useEffect } from 'react';
import { dismissNotice, useLab } from '../../app/store';

const LIFETIME_MS = 9000;

export function Notices() {
  const notices = useLab((s) => s.notices);
  useEffect(() => {
    if (!notices.length) return;
    const t = setTimeout(() => dismissNotice(notices[0].id), LIFETIME_MS);
    return () => clearTimeout(t);
  }, [notices]);
  return (
    <div className="notices" role="status" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.kind}`}>
          <span>{n.text}</span>
          <button type="button" className="icon-btn" aria-label="Dismiss message" onClick={() => dismissNotice(n.id)}>×</button>
        </div>
      ))}
    </div>
  );
}
