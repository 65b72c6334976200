import { describe, expect, it } from 'vitest';
import { focusCentre } from './focus';

const newest = { x: 0, y: 200, width: 220, height: 150 };
const here = { x: 0, y: 394, width: 220, height: 100 };

describe('focusCentre', () => {
  it('centres the newest snapshot and "You are here" together when both fit', () => {
    expect(focusCentre(newest, here, { width: 400, height: 400 }, 1)).toEqual({ x: 110, y: (200 + 494) / 2 });
  });

  it('puts the newest snapshot at the top when the two do not fit', () => {
    const c = focusCentre(newest, here, { width: 400, height: 240 }, 1.2);
    // The view's top edge (centre minus half the visible height) is just above the card.
    expect(c.y - 240 / 1.2 / 2).toBeCloseTo(200 - 12 / 1.2);
    expect(c.y - 240 / 1.2 / 2).toBeLessThan(newest.y);
  });

  it('centres on the newest snapshot when "You are here" stands elsewhere', () => {
    expect(focusCentre(newest, undefined, { width: 400, height: 400 }, 1)).toEqual({ x: 110, y: 275 });
  });
});
