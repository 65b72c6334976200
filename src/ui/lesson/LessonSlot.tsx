// The slot App.tsx keeps for the "Lesson" region: the lesson panel.
export { LessonPanel as LessonSlot } from './LessonPanel';
