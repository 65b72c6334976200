import { describe, expect, it } from 'vitest';
import { embedUrl, iframeSnippet, normalOrigin, parseUrlOptions, startsPlaying } from './urlOptions';

describe('parseUrlOptions', () => {
  it('reads every option of docs/embedding.md', () => {
    const o = parseUrlOptions('?embed=1&lesson=first-snapshot&panels=tree,timeline&theme=dark&speed=60&autoplay=1&seed=7&parentOrigin=https://slides.example.com');
    expect(o).toEqual({
      embed: true, presenter: false, autoplay: true, lesson: 'first-snapshot', panels: ['tree', 'timeline'],
      theme: 'dark', speed: 60, seed: 7, parentOrigin: 'https://slides.example.com', problems: [],
    });
  });

  it('gives the plain lab when there are no options', () => {
    expect(parseUrlOptions('')).toEqual({ embed: false, presenter: false, problems: [] });
  });

  it('ignores each bad value with a sentence and keeps the good ones', () => {
    const o = parseUrlOptions('?embed=yes&panels=tree,graph,Tasks,tree&theme=blue&speed=-3&seed=1.5&parentOrigin=https://a.example/deck&lesson=<b>&vm=a b');
    expect(o.embed).toBe(false);
    expect(o.panels).toEqual(['tree', 'tasks']);
    expect(o.theme).toBeUndefined();
    expect(o.speed).toBeUndefined();
    expect(o.seed).toBeUndefined();
    expect(o.parentOrigin).toBeUndefined();
    expect(o.lesson).toBeUndefined();
    expect(o.vm).toBeUndefined();
    expect(o.problems).toHaveLength(8);
    expect(o.problems.join('\n')).toMatch(/The panel "graph" was ignored/);
    expect(o.problems.join('\n')).toMatch(/speed=-3 was ignored/);
  });

  it('names our parameters given in the wrong case or number, and leaves others alone', () => {
    const o = parseUrlOptions('?panel=tree&parentorigin=https://a.example&Theme=dark&utm_source=deck&share=x');
    expect(o.panels).toBeUndefined();
    expect(o.parentOrigin).toBeUndefined();
    expect(o.problems).toEqual([
      'panel= was ignored: did you mean panels=?',
      'parentorigin= was ignored: did you mean parentOrigin=?',
      'Theme= was ignored: did you mean theme=?',
    ]);
  });

  it('falls back to the default panels when none is known', () => {
    const o = parseUrlOptions('?embed=1&panels=foo');
    expect(o.panels).toBeUndefined();
    expect(o.problems.at(-1)).toMatch(/default panels/);
  });

  it('refuses speeds outside what the clock can run', () => {
    expect(parseUrlOptions('?speed=0').speed).toBeUndefined();
    expect(parseUrlOptions('?speed=1e9').speed).toBeUndefined();
    expect(parseUrlOptions('?speed=0.1').speed).toBe(0.1);
  });
});

describe('normalOrigin', () => {
  it('accepts an origin, with or without a trailing slash, and nothing more', () => {
    expect(normalOrigin('http://localhost:8080')).toBe('http://localhost:8080');
    expect(normalOrigin('https://slides.example.com/')).toBe('https://slides.example.com');
    expect(normalOrigin('https://slides.example.com/deck')).toBeNull();
    expect(normalOrigin('*')).toBeNull();
    expect(normalOrigin('file:///tmp/x.html')).toBeNull();
  });
});

describe('embedUrl', () => {
  it('writes a URL that parses back to the same choice, under a sub-path', () => {
    const url = embedUrl('https://training.example.com/labs/snaplab/index.html?x=1#share=abc', {
      panels: ['tree', 'datastore'], lesson: 'first-snapshot', vm: 'exch01', theme: 'light', speed: 120, autoplay: true, seed: 9,
      parentOrigin: 'https://slides.example.com',
    });
    expect(url.startsWith('https://training.example.com/labs/snaplab/index.html?embed=1&panels=tree,datastore')).toBe(true);
    const back = parseUrlOptions(new URL(url).search);
    expect(back).toMatchObject({ embed: true, panels: ['tree', 'datastore'], lesson: 'first-snapshot', vm: 'exch01', theme: 'light', speed: 120, seed: 9, parentOrigin: 'https://slides.example.com', problems: [] });
    expect(startsPlaying(back, true)).toBe(true);
  });

  it('starts a lesson embed\'s clock unless autoplay=0, and writes autoplay= only where it differs from that', () => {
    const plays = (query: string, lessonOpened = true) => startsPlaying(parseUrlOptions(query), lessonOpened);
    expect(plays('?embed=1&lesson=first-snapshot')).toBe(true);
    expect(plays('?embed=1&lesson=no-such-lesson', false)).toBe(false);
    expect(plays('?embed=1&lesson=first-snapshot&autoplay=0')).toBe(false);
    expect(plays('?embed=1', false)).toBe(false);
    expect(plays('?embed=1&autoplay=1', false)).toBe(true);
    expect(plays('?lesson=first-snapshot')).toBe(false); // the full page: the learner plays
    const base = 'https://lab.example/';
    const lessonUrl = (autoplay: boolean) => new URL(embedUrl(base, { panels: [], lesson: 'first-snapshot', autoplay }));
    expect(lessonUrl(true).searchParams.has('autoplay')).toBe(false);
    expect(lessonUrl(false).searchParams.get('autoplay')).toBe('0');
    expect(plays(lessonUrl(false).search)).toBe(false);
    expect(new URL(embedUrl(base, { panels: [], autoplay: true })).searchParams.get('autoplay')).toBe('1');
    expect(new URL(embedUrl(base, { panels: [], autoplay: false })).searchParams.has('autoplay')).toBe(false);
  });

  it('escapes the snippet\'s attributes', () => {
    expect(iframeSnippet('https://x.example/?a=1&b="2"', 'A <lab>')).toBe(
      '<iframe src="https://x.example/?a=1&amp;b=&quot;2&quot;" title="A &lt;lab>" width="100%" height="520" style="border:0" loading="lazy"></iframe>');
  });
});

describe('parseUrlOptions: lms', () => {
  it('reads the course package launch (lms=scorm12 | cmi5) and names a wrong value', () => {
    expect(parseUrlOptions('?lesson=first-snapshot&lms=scorm12').lms).toBe('scorm12');
    expect(parseUrlOptions('?lms=cmi5').lms).toBe('cmi5');
    const bad = parseUrlOptions('?lms=scorm2004');
    expect(bad.lms).toBeUndefined();
    expect(bad.problems).toEqual(['lms=scorm2004 was ignored: a course package launches the lab with lms=scorm12 or lms=cmi5.']);
  });
});

describe('parseUrlOptions: strict', () => {
  it('a seed past 32 bits is ignored and named, not taken as another seed', () => {
    const o = parseUrlOptions('?seed=4294967296');
    expect(o.seed).toBeUndefined();
    expect(o.problems).toEqual(['seed=4294967296 was ignored: a seed is a whole number from 0 to 4294967295, written plainly.']);
    expect(parseUrlOptions('?seed=4294967295').seed).toBe(4294967295);
  });

  it('numbers are plain decimals: hex, padding, signs and exponents are ignored and named', () => {
    for (const [query, name] of [['speed=0x10', 'speed'], ['speed=%2016', 'speed'], ['speed=016', 'speed'], ['speed=1e3', 'speed'], ['speed=%2B5', 'speed'],
      ['seed=007', 'seed'], ['seed=%207', 'seed'], ['seed=7.0', 'seed'], ['seed=0x7', 'seed'], ['seed=1e3', 'seed']] as const) {
      const o = parseUrlOptions(`?${query}`);
      expect(o[name], query).toBeUndefined();
      expect(o.problems, query).toHaveLength(1);
      expect(o.problems[0], query).toMatch(new RegExp(`^${name}=.* was ignored: `));
    }
    expect(parseUrlOptions('?speed=0.5&seed=0')).toMatchObject({ speed: 0.5, seed: 0, problems: [] });
  });

  it('a parameter given twice uses the first and says the others were ignored', () => {
    const o = parseUrlOptions('?speed=10&speed=20&lesson=first-snapshot&lesson=vss-flow&panels=tree&panels=timeline');
    expect(o).toMatchObject({ speed: 10, lesson: 'first-snapshot', panels: ['tree'] });
    expect(o.problems).toEqual([
      'lesson= was given 2 times: the first (lesson=first-snapshot) was used and the others ignored.',
      'panels= was given 2 times: the first (panels=tree) was used and the others ignored.',
      'speed= was given 2 times: the first (speed=10) was used and the others ignored.',
    ]);
  });

  it('an origin with a trailing dot is another origin to the browser, so it is ignored and named', () => {
    const o = parseUrlOptions('?parentOrigin=https://a.com.');
    expect(o.parentOrigin).toBeUndefined();
    expect(o.problems[0]).toMatch(/^parentOrigin=https:\/\/a\.com\. was ignored: .*no trailing dot/);
    expect(normalOrigin('https://a.com.:8443')).toBeNull();
  });

  it('echoes at most a short prefix of a long value', () => {
    const o = parseUrlOptions(`?lesson=${'x'.repeat(10_000)}!`);
    expect(o.problems[0].length).toBeLessThan(200);
    expect(o.problems[0]).toMatch(/^lesson=x{57}… was ignored/);
  });
});
