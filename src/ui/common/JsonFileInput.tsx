// A hidden file picker for a JSON file, opened by a visible button: the input is cleared after each
// pick so choosing the same file again still counts.
import type { Ref } from 'react';

export function JsonFileInput({ ref, label, onFile }: { ref: Ref<HTMLInputElement>; label: string; onFile: (f: File) => void }) {
  return (
    <input ref={ref} type="file" accept=".json,application/json" className="visually-hidden" tabIndex={-1}
      aria-label={label}
      onChange={(e) => {
        const f = e.target.files?.[0];
        e.target.value = '';
        if (f) onFile(f);
      }} />
  );
}
