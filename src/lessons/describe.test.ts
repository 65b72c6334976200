import { describe, expect, it } from 'vitest';
import { lessonDescription } from './describe';
import { lessons } from './registry';

describe('lessonDescription', () => {
  it('is the first paragraph of the intro as plain text, marks removed', () => {
    expect(lessonDescription({ intro: 'A **delta** per `disk`.\n\nSecond paragraph.' })).toBe('A delta per disk.');
  });
  it('gives every built-in lesson a description', () => {
    for (const l of lessons) {
      const d = lessonDescription(l);
      expect(d.length).toBeGreaterThan(20);
      expect(d).not.toMatch(/\*\*|`/);
    }
  });
});
