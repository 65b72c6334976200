import { describe, expect, it } from 'vitest';
import { findScormApi, type WindowLike } from './findApi';

const api = () => ({
  LMSInitialize: () => 'true', LMSFinish: () => 'true', LMSGetValue: () => '', LMSSetValue: () => 'true',
  LMSCommit: () => 'true', LMSGetLastError: () => '0', LMSGetErrorString: () => '',
});

/** A chain of windows: top first; each one's parent is the one before it. */
function chain(n: number, apiAt?: number): WindowLike[] {
  const wins: WindowLike[] = [];
  for (let i = 0; i < n; i++) {
    const w: WindowLike = { parent: null };
    w.parent = i === 0 ? w : wins[i - 1];
    if (i === apiAt) w.API = api();
    wins.push(w);
  }
  return wins;
}

describe('findScormApi (the standard SCORM 1.2 search)', () => {
  it('finds the API in this window, a parent, or a grandparent', () => {
    for (const at of [0, 1, 2]) {
      const wins = chain(3, at);
      expect(findScormApi(wins[2])).toBe(wins[at].API);
    }
  });

  it('looks at most 7 parents up', () => {
    expect(findScormApi(chain(8, 0)[7])).not.toBeNull();
    expect(findScormApi(chain(9, 0)[8])).toBeNull();
  });

  it('then searches the opener and its parents', () => {
    const lms = chain(2, 0);
    const popup: WindowLike = { parent: null, opener: lms[1] };
    popup.parent = popup;
    expect(findScormApi(popup)).toBe(lms[0].API);
  });

  it('treats a parent from another origin, or an object that is not an API, as not found', () => {
    const top: WindowLike = { parent: null, API: { LMSInitialize: 'no' } };
    top.parent = top;
    const foreign = { get API(): unknown { throw new DOMException('cross-origin', 'SecurityError'); }, parent: top } as WindowLike;
    const frame: WindowLike = { parent: foreign };
    expect(findScormApi(frame)).toBeNull();
  });
});
