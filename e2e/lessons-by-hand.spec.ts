// Every built-in lesson, completed in Chromium at 1280x720 by clicking and typing only: no window.lab,
// no postMessage, nothing evaluated in the page. A lesson that needs a command no control gives fails
// here. Time moves with the page's own Play and speed slider.
import { test, expect } from '@playwright/test';
import { lessons } from '../src/lessons';
import { course } from './by-hand/course';
import { Hands } from './by-hand/hands';

test.use({ viewport: { width: 1280, height: 720 } });
// The walks are independent (each opens its own lesson in a fresh context) and together the longest
// file of the suite: let both workers share them rather than one worker run them all at the end.
test.describe.configure({ mode: 'parallel' });

test('every built-in lesson has a by-hand walk', () => {
  expect(lessons.map((l) => l.id).filter((id) => !course[id])).toEqual([]);
});

for (const lesson of lessons) {
  test(`by hand: ${lesson.title}`, async ({ page }) => {
    test.setTimeout(300_000);
    const h = new Hands(page);
    await h.openLesson(lesson.title);
    const walk = course[lesson.id];
    expect(walk, `no by-hand walk for ${lesson.id}`).toBeDefined();
    await walk(h);
    await h.expectComplete();
  });
}
