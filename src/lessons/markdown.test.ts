import { describe, expect, it } from 'vitest';
import { parseMarkdown, parseInline } from './markdown';
import { lessons } from './index';

describe('lesson markdown', () => {
  it('paragraphs and lists', () => {
    expect(parseMarkdown('One\nline.\n\n- a\n- b\n  more\n\n1. x\n2. y').map((b) => b.type)).toEqual(['p', 'ul', 'ol']);
    const ul = parseMarkdown('- a\n- b\n  more')[0];
    expect(ul).toEqual({ type: 'ul', items: [[{ type: 'text', text: 'a' }], [{ type: 'text', text: 'b more' }]] });
  });

  it('inline marks', () => {
    expect(parseInline('a **b** *c* `d` [e](https://kb.vmware.com/1025279)')).toEqual([
      { type: 'text', text: 'a ' }, { type: 'strong', children: [{ type: 'text', text: 'b' }] }, { type: 'text', text: ' ' },
      { type: 'em', children: [{ type: 'text', text: 'c' }] }, { type: 'text', text: ' ' }, { type: 'code', text: 'd' }, { type: 'text', text: ' ' },
      { type: 'link', href: 'https://kb.vmware.com/1025279', children: [{ type: 'text', text: 'e' }] },
    ]);
  });

  it('HTML stays text and only http(s) links become links', () => {
    expect(parseInline('<img src=x onerror=alert(1)>')).toEqual([{ type: 'text', text: '<img src=x onerror=alert(1)>' }]);
    expect(parseInline('[click](javascript:alert(1))')).toEqual([{ type: 'text', text: 'click)' }]);
    expect(parseInline('[x](data:text/html,hi)')).toEqual([{ type: 'text', text: 'x' }]);
  });

  it('snake_case and file names are not emphasis', () => {
    expect(parseInline('vss.disableAppQuiescing and pre_freeze_script')).toEqual([{ type: 'text', text: 'vss.disableAppQuiescing and pre_freeze_script' }]);
  });

  it('every lesson text parses to something', () => {
    for (const l of lessons) for (const text of [l.intro, l.debrief, ...l.hints.map((h) => (typeof h === 'string' ? h : h.text))]) expect(parseMarkdown(text).length).toBeGreaterThan(0);
  });
});
