// Previous / next lesson in course order.
import { lessons, type Lesson } from '../../lessons';
import { openLesson } from './currentLesson';

export function LessonNav({ lesson }: { lesson: Lesson }) {
  const i = lessons.findIndex((l) => l.id === lesson.id);
  if (i < 0) return null; // a trainer's own lesson file is not part of the course order
  const prev = lessons[i - 1];
  const next = lessons[i + 1];
  return (
    <nav aria-label="Lessons" className="lesson-nav btn-row">
      <button type="button" className="btn" disabled={!prev} onClick={() => prev && void openLesson(prev)}
        aria-label={prev ? `Previous lesson: ${prev.title}` : 'Previous lesson'}>← Previous</button>
      <span className="muted small">Lesson {i + 1} of {lessons.length}</span>
      <button type="button" className="btn" disabled={!next} onClick={() => next && void openLesson(next)}
        aria-label={next ? `Next lesson: ${next.title}` : 'Next lesson'}>Next →</button>
    </nav>
  );
}
