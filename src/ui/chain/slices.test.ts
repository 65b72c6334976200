import { describe, expect, it } from 'vitest';
import { MIN_BAR_PX, magnifiedNote, stripBars } from './slices';

describe('disk chain strips to scale', () => {
  it('draws each held slice at its share and counts the ones too thin to see', () => {
    // 64 slices over 640 px: 10 px a slice, so anything under 0.2 of a slice is thinner than 2 px.
    const occupancy = new Array<number>(64).fill(0);
    occupancy[0] = 1; occupancy[1] = 0.5; occupancy[2] = 0.2; occupancy[3] = 0.19; occupancy[40] = 0.01;
    const { bars, magnified } = stripBars(occupancy, 640);
    expect(bars.map((b) => [b.index, b.fraction, b.magnified])).toEqual([
      [0, 1, false], [1, 0.5, false], [2, 0.2, false], [3, 0.19, true], [40, 0.01, true],
    ]);
    expect(magnified).toBe(2);
    expect(MIN_BAR_PX).toBe(2);
  });

  it('a strip narrower on screen magnifies more slivers', () => {
    const occupancy = [0.3, 0.3, 0, 0];
    expect(stripBars(occupancy, 40).magnified).toBe(0);
    expect(stripBars(occupancy, 20).magnified).toBe(2);
  });

  it('says so in words, with the plural right', () => {
    expect(magnifiedNote(0)).toBe('');
    expect(magnifiedNote(1)).toBe('not to scale: 1 sliver magnified');
    expect(magnifiedNote(3)).toBe('not to scale: 3 slivers magnified');
  });
});
