// The "Lesson" region: the course list, or the open lesson with its intro, live objectives, hints,
// solution replay, debrief and previous / next. Objectives are evaluated here from the mirrored state
// with the same pure evaluateLesson the CLI uses.
import { useEffect, useMemo, useState } from 'react';
import { useLab } from '../../app/store';
import { evaluateLesson } from '../../lessons';
import { Region } from '../common/Region';
import { CourseList } from './CourseList';
import { closeLessonView, useCurrentLesson, useCurrentLessonStore, useFollowSessionLesson } from './currentLesson';
import { Hints } from './Hints';
import { LessonNav } from './LessonNav';
import { Markdown } from './Markdown';
import { Objectives } from './Objectives';
import { markCompleted } from './progress';
import { SolutionControls } from './SolutionControls';
import './lesson.css';

export function LessonPanel() {
  useFollowSessionLesson();
  const lesson = useCurrentLesson();
  const isCustom = useCurrentLessonStore((s) => s.custom !== null);
  const state = useLab((s) => s.state);
  const [browsing, setBrowsing] = useState(false);
  const view = useMemo(() => (lesson ? evaluateLesson(lesson, state) : null), [lesson, state]);
  const complete = view?.complete === true;

  useEffect(() => {
    if (complete && lesson && !isCustom) markCompleted(lesson.id);
  }, [complete, lesson, isCustom]);

  const showCourse = !lesson || browsing;
  const tools = lesson && (
    <button type="button" className="btn btn-ghost" aria-pressed={browsing} onClick={() => setBrowsing(!browsing)}>Course</button>
  );
  return (
    <Region name="Lesson" title={showCourse ? 'Course' : lesson.title} tools={tools} className="lesson">
      {showCourse ? (
        <CourseList currentId={lesson && !isCustom ? lesson.id : null} onOpened={() => setBrowsing(false)} />
      ) : (
        <article className="lesson-body" key={lesson.id}>
          {isCustom && (
            <p className="muted small">A lesson file, not part of the course. <button type="button" className="btn btn-ghost" onClick={closeLessonView}>Close it</button></p>
          )}
          <Markdown text={lesson.intro} className="lesson-intro" />
          {view && <Objectives view={view} />}
          {complete && (
            <section aria-label="Debrief" className="lesson-debrief">
              <p className="banner ok" role="status">Lesson complete.</p>
              <h3>What happened</h3>
              <Markdown text={lesson.debrief} />
            </section>
          )}
          <Hints hints={lesson.hints} />
          <SolutionControls lesson={lesson} />
          <LessonNav lesson={lesson} />
        </article>
      )}
    </Region>
  );
}
