// The behaviour rules stay written down and tested: every rule number has its entry in docs/rules, at
// least one unit test carries that number in its name, and each test file an entry names exists and
// holds a test of that rule. A rule that loses its page or its test fails here, not silently.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..');

/** Each rule page, how many rules it has, and how a test names one of its rules ("rule 7", "vss rule 7"). */
const PAGES = [
  { page: 'docs/rules/vmware-snapshots.md', rules: 28, named: /(?<!vss )(?<!vss\.md )(?<!backup )(?<!restore )\brules? (\d+)(?:-(\d+))?/g },
  { page: 'docs/rules/vss.md', rules: 23, named: /\bvss(?:\.md)? rules? (\d+)(?:-(\d+))?/g },
  { page: 'docs/rules/backup-jobs.md', rules: 24, named: /\bbackup rules? (\d+)(?:-(\d+))?/g },
  { page: 'docs/rules/restores.md', rules: 7, named: /\brestore rules? (\d+)(?:-(\d+))?/g },
];

function testFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory()) return testFiles(path);
    return /\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

/** The names of a file's tests: the first string given to it(...) or test(...), each.each and .skip included. */
function testNames(source: string): string[] {
  const call = /\b(?:it|test)(?:\.\w+)*\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g;
  return [...source.matchAll(call)].map((m) => m[2]);
}

/** The rule numbers a test name carries for one page ("rule 7-9" carries 7, 8 and 9). */
function numbersIn(name: string, named: RegExp): number[] {
  return [...name.matchAll(named)].flatMap((m) => {
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  });
}

/** The page's entries: rule number -> its text, from one "### Rule N." heading to the next heading. */
function entries(page: string): Map<number, string> {
  const text = readFileSync(join(root, page), 'utf8');
  const out = new Map<number, string>();
  for (const part of text.split(/^### /m).slice(1)) {
    const m = /^Rule (\d+)\. /.exec(part);
    if (m) out.set(Number(m[1]), part.split(/^#{1,3} /m)[0]);
  }
  return out;
}

const tests = testFiles('src').map((file) => ({ file, names: testNames(readFileSync(join(root, file), 'utf8')) }));

describe.each(PAGES)('$page', ({ page, rules, named }) => {
  const byRule = entries(page);
  const numbers = Array.from({ length: rules }, (_, i) => i + 1);
  const testedIn = (n: number) => tests.filter((t) => t.names.some((name) => numbersIn(name, named).includes(n))).map((t) => t.file);

  it(`has one entry for each of rules 1-${rules}, and no other`, () => {
    expect([...byRule.keys()].sort((a, b) => a - b)).toEqual(numbers);
  });

  it('has, for every rule, a unit test with the rule number in its name', () => {
    const untested = numbers.filter((n) => testedIn(n).length === 0);
    expect(untested, `rules of ${page} without a test naming them`).toEqual([]);
  });

  it('gives every rule a source and test files that exist and test that rule', () => {
    for (const n of numbers) {
      const entry = byRule.get(n) ?? '';
      expect(entry, `${page} rule ${n} names its source`).toMatch(/\*\*Source:\*\* \S/);
      const tested = entry.split('**Tested by:**')[1] ?? '';
      const cited = [...tested.matchAll(/`(src\/[^`]+\.test\.tsx?)`/g)].map((m) => m[1]);
      expect(cited.length, `${page} rule ${n} names the test file that checks it`).toBeGreaterThan(0);
      for (const file of cited) {
        expect(existsSync(join(root, file)), `${page} rule ${n} names ${file}, which does not exist (moved? update the page)`).toBe(true);
        expect(testedIn(n), `${page} rule ${n}: ${file} has no test named with rule ${n}`).toContain(file);
      }
    }
  });
});
