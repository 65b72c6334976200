// A read-only text (a link, a snippet) with a Copy button. Copying falls back to selecting the text
// where the clipboard is not allowed (an http:// room server, a locked-down browser).
import { useId, useRef, useState } from 'react';

export function CopyField({ label, value, multiline = false }: { label: string; value: string; multiline?: boolean }) {
  const id = useId();
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState<'yes' | 'select' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      ref.current?.select();
      setCopied('select');
    }
  };
  return (
    <div className="copy-field">
      <label htmlFor={id} className="field">{label}</label>
      <div className="copy-row">
        {multiline
          ? <textarea id={id} ref={ref} readOnly value={value} rows={4} spellCheck={false} onFocus={(e) => e.target.select()} />
          : <input id={id} ref={ref} readOnly value={value} spellCheck={false} onFocus={(e) => e.target.select()} />}
        <button type="button" className="btn" onClick={() => void copy()} aria-label={`Copy ${label.toLowerCase()}`}>Copy</button>
      </div>
      <span className="muted small" role="status">{copied === 'yes' ? 'Copied.' : copied === 'select' ? 'Selected: press Ctrl+C to copy.' : ''}</span>
    </div>
  );
}
