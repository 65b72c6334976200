// Export and import of the learner's progress (the Course panel's buttons), and progress carried by a
// share link. What comes in adds lessons to this device's progress; an imported lab opens.
import { labClient } from '../connection';
import { notify } from '../store';
import { mergeCompleted, useProgress } from './progress';
import { decodeProgress, progressFile, progressFileName, progressIn, readProgressFile } from './progressFile';

const lessonsText = (n: number) => (n === 1 ? '1 lesson' : `${n} lessons`);

export async function exportProgress(): Promise<void> {
  const session = await (await labClient()).request({ kind: 'session' });
  const file = progressFile(useProgress.getState().completed, session);
  const url = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = progressFileName();
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Reads a progress file; a bad file changes nothing and says why. */
export async function importProgress(file: File): Promise<boolean> {
  const read = readProgressFile(await file.text());
  if (!read.ok) { notify('error', `${file.name} was not imported: ${read.message}`); return false; }
  const added = mergeCompleted(read.completed);
  let lab = '';
  if (read.session) {
    const answer = await (await labClient()).request({ kind: 'restore', session: read.session });
    lab = answer.ok ? ` The lab "${answer.name}" is open as it was.` : ` Its lab could not be opened (${answer.error.message}).`;
  }
  notify('info', `Progress imported from ${file.name}: ${lessonsText(read.completed.length)} complete there, ${added} new here.${lab}`);
  return true;
}

/** A share link's "#progress=…": add it, and say so. Answers whether the fragment carried any. */
export async function applyProgressLink(hash: string): Promise<boolean> {
  const text = progressIn(hash);
  if (text === null) return false;
  const ids = await decodeProgress(text);
  if (ids === null) { notify('error', 'The course progress in this link is damaged or cut short, so it was not added.'); return true; }
  const added = mergeCompleted(ids);
  notify('info', `Course progress from the link: ${lessonsText(ids.length)} complete, ${added} new here.`);
  return true;
}
