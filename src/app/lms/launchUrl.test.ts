import { describe, expect, it } from 'vitest';
import { withoutLaunchParams } from './launchUrl';

describe('withoutLaunchParams', () => {
  it('drops the platform launch parameters and keeps the lab options', () => {
    const launch = 'https://lms.example.com/content/snaplab/index.html?lesson=first-snapshot&lms=cmi5&endpoint=https%3A%2F%2Flrs%2F&fetch=https%3A%2F%2Flms%2Ff&actor=%7B%7D&registration=r1&activityId=a1&theme=dark';
    expect(withoutLaunchParams(launch)).toBe('https://lms.example.com/content/snaplab/index.html?lesson=first-snapshot&theme=dark');
  });
  it('leaves an ordinary address exactly as it was', () => {
    const plain = 'https://training.example.com/snaplab/?theme=dark&seed=4#x';
    expect(withoutLaunchParams(plain)).toBe(plain);
  });
});
