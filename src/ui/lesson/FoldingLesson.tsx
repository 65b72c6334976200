// The Lesson column, which folds to a narrow strip: in a window under 1100 px wide (under 1500 px in
// presenter mode, whose type is larger) it starts folded so the tree and the VSS timeline keep the
// room; the learner opens it (and folds it) with one button.
import { useState } from 'react';
import { usePresenter } from '../../app/presenter/presenter';
import { ErrorBoundary } from '../common/ErrorBoundary';
import { useMedia } from '../common/useMedia';
import { LessonSlot } from './LessonSlot';

const NARROW_WINDOW = '(max-width: 1100px)';
const NARROW_FOR_PRESENTER = '(max-width: 1500px)';

export function FoldingLesson() {
  const presenter = usePresenter((p) => p.on);
  const narrowWindow = useMedia(NARROW_WINDOW);
  const narrowForPresenter = useMedia(NARROW_FOR_PRESENTER);
  const narrow = narrowWindow || (narrowForPresenter && presenter);
  const [chosen, setChosen] = useState<boolean | null>(null);
  const open = chosen ?? !narrow;
  return (
    <div className={`lesson-column ${open ? 'open' : 'folded'}`}>
      <button type="button" className="lesson-fold" aria-expanded={open} aria-controls="lesson-column-body"
        onClick={() => setChosen(!open)} title={open ? 'Fold the lesson to give the lab more room' : 'Show the lesson'}>
        <span aria-hidden="true">{open ? '▸' : '◂'}</span> {open ? 'Hide lesson' : 'Lesson'}
      </button>
      <div id="lesson-column-body" className="lesson-column-body" hidden={!open}><ErrorBoundary name="Lesson"><LessonSlot /></ErrorBoundary></div>
    </div>
  );
}
