import { describe, expect, it } from 'vitest';
import { startH5pResize, type Size } from './h5pResize';

function host(targetOrigin = '*') {
  const sent: unknown[] = [];
  const origins = new Set<string>();
  let deliver: (data: unknown, source: unknown, origin: string) => void = () => {};
  let onChange = () => {};
  const size: Size = { scrollHeight: 900, clientHeight: 600 };
  const parent = { postMessage: (m: unknown, origin: string) => { origins.add(origin); sent.push(m); } };
  startH5pResize({ parent, targetOrigin, listen: (on) => { deliver = on; }, measure: () => ({ ...size }), observe: (on) => { onChange = on; } });
  return {
    sent, size, parent, origins,
    fromParent: (data: unknown, origin = 'https://lms.example.com') => deliver(data, parent, origin),
    fromOther: (data: unknown) => deliver(data, {}, 'https://lms.example.com'),
    grow: () => onChange(),
  };
}

describe('H5P-style resize messages', () => {
  it('says hello, then prepareResize and resize with the content height', () => {
    const h = host();
    expect(h.sent).toEqual([
      { context: 'h5p', action: 'hello' },
      { context: 'h5p', action: 'prepareResize', scrollHeight: 900, clientHeight: 600 },
      { context: 'h5p', action: 'resize', scrollHeight: 900 },
    ]);
  });

  it('sends again when the height changes, not when it stays', () => {
    const h = host();
    h.sent.length = 0;
    h.grow();
    expect(h.sent).toEqual([]);
    h.size.scrollHeight = 1200;
    h.grow();
    expect(h.sent).toEqual([
      { context: 'h5p', action: 'prepareResize', scrollHeight: 1200, clientHeight: 600 },
      { context: 'h5p', action: 'resize', scrollHeight: 1200 },
    ]);
  });

  it('answers the host as h5p-resizer expects: hello and resizePrepared with resize, resize with prepareResize', () => {
    const h = host();
    h.sent.length = 0;
    h.fromParent({ context: 'h5p', action: 'hello' });
    h.fromParent({ context: 'h5p', action: 'resizePrepared' });
    h.fromParent({ context: 'h5p', action: 'resize' });
    expect(h.sent).toEqual([
      { context: 'h5p', action: 'resize', scrollHeight: 900 },
      { context: 'h5p', action: 'resize', scrollHeight: 900 },
      { context: 'h5p', action: 'prepareResize', scrollHeight: 900, clientHeight: 600 },
    ]);
  });

  it('go to any origin without parentOrigin, to that origin only with it', () => {
    expect([...host().origins]).toEqual(['*']);
    const strict = host('https://slides.example.com');
    expect([...strict.origins]).toEqual(['https://slides.example.com']);
    strict.sent.length = 0;
    strict.fromParent({ context: 'h5p', action: 'hello' }, 'https://other.example.com');
    expect(strict.sent).toEqual([]);
    strict.fromParent({ context: 'h5p', action: 'hello' }, 'https://slides.example.com');
    expect(strict.sent).toHaveLength(1);
  });

  it('ignores other windows and other messages', () => {
    const h = host();
    h.sent.length = 0;
    h.fromOther({ context: 'h5p', action: 'hello' });
    h.fromParent({ snaplab: 1, id: 1, method: 'state' });
    h.fromParent('hello');
    expect(h.sent).toEqual([]);
  });
});
