// Course progress lives in the app layer (a share link and a progress file bring it in too).
export { forgetProgress, markCompleted, mergeCompleted, useProgress } from '../../app/progress/progress';
