// The course: every built-in lesson with this device's progress, and a way in for a trainer's file.
import { useRef, useState } from 'react';
import { JsonFileInput } from '../common/JsonFileInput';
import { lessons, parseLessonFile } from '../../lessons';
import { openLesson } from './currentLesson';
import { exportProgress, importProgress } from '../../app/progress/progressTransfer';
import { useProgress } from './progress';

export function CourseList({ currentId, onOpened }: { currentId: string | null; onOpened?: () => void }) {
  const completed = useProgress((p) => p.completed);
  const file = useRef<HTMLInputElement>(null);
  const progressFile = useRef<HTMLInputElement>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const done = lessons.filter((l) => completed.includes(l.id)).length;

  const loadFile = async (f: File) => {
    setFileError(null);
    try {
      const lesson = parseLessonFile(await f.text());
      const answer = await openLesson(lesson, true);
      if (!answer.ok) setFileError(`${f.name}: the lab of this lesson could not be opened: ${answer.error.message}`);
      else onOpened?.();
    } catch (e) {
      setFileError(`${f.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  return (
    <section aria-label="Course" className="lesson-course">
      <p className="small">Course progress: {done} of {lessons.length} lessons complete</p>
      <ol className="course-list">
        {lessons.map((l) => {
          const isDone = completed.includes(l.id);
          return (
            <li key={l.id} className={l.id === currentId ? 'current' : ''}>
              <button type="button" className="btn btn-ghost course-item" onClick={() => void openLesson(l).then((answer) => { if (answer.ok) onOpened?.(); })}
                aria-current={l.id === currentId ? 'true' : undefined}>
                <span className="obj-mark" aria-hidden="true">{isDone ? '✓' : '○'}</span>
                <span>{l.title}</span>
                <span className="visually-hidden">{isDone ? ' (complete)' : ''}</span>
              </button>
            </li>
          );
        })}
      </ol>
      <div className="btn-row">
        <button type="button" className="btn" onClick={() => file.current?.click()}>Open a lesson file…</button>
        <JsonFileInput ref={file} label="Lesson file to open" onFile={(f) => void loadFile(f)} />
      </div>
      <div className="btn-row" role="group" aria-label="Progress on another machine">
        <button type="button" className="btn btn-ghost" onClick={() => void exportProgress()}>Export progress</button>
        <button type="button" className="btn btn-ghost" onClick={() => progressFile.current?.click()}>Import progress…</button>
        <JsonFileInput ref={progressFile} label="Progress file to import" onFile={(f) => void importProgress(f)} />
      </div>
      {fileError && <p className="banner warn" role="alert">{fileError}</p>}
    </section>
  );
}
