// The repository stands alone: code, tests and docs name what a reader can open (a docs page, a rule
// number, the source in full), never a document or tracker outside it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOTS = ['src', 'e2e', 'docs', 'scripts', 'README.md'];
const SELF = path.join('src', 'tooling', 'repoWords.test.ts');

/** Words that point outside the repository, and what to write instead. */
const OUTSIDE: [RegExp, string][] = [
  [/\bcontract(?:'s)? sections?\b|\bthe contract\b/i, 'name the docs page (docs/api.md and the pages it links)'],
  [/\bissues? #?\d+\b/i, 'say what the code does, or name a docs page or rule'],
  [/\bseed talk\b/i, 'name the source in full: VMware Partner Exchange 2010, session TECHBC0320'],
  [/\.\.\/shared\b/, 'the repository holds its own documents'],
  [/\b(?:it|test|describe)\((['"`])\d+\.\d+: /, 'a test title says what it checks, not a tracker number'],
];

function files(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  if (fs.statSync(root).isFile()) return [root];
  return fs.readdirSync(root, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|js|mjs|md|json|html|css)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

/** Each line of `text` that points outside, as "line: the words (what to write instead)". */
export function outsideReferences(text: string): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    for (const [re, instead] of OUTSIDE) if (re.test(line)) out.push(`${i + 1}: ${line.trim().slice(0, 120)} (${instead})`);
  });
  return out;
}

describe('the repository speaks for itself', () => {
  it('finds each kind of outside reference', () => {
    // The samples are built from pieces so this file itself names no such reference.
    expect(outsideReferences(`// as contract ${'section'} 3 says`)).toHaveLength(1);
    expect(outsideReferences("it('16.3: keeps the time', () => {")).toHaveLength(1);
    expect(outsideReferences(`// ${'Issue'} 11: bulk writes`)).toHaveLength(1);
    expect(outsideReferences(`'the ${'seed'} talk (TECHBC0320) says'`)).toHaveLength(1);
    expect(outsideReferences('// VMware Partner Exchange 2010, session TECHBC0320; rule 14; docs/api.md')).toEqual([]);
  });

  it('no file in src, e2e, docs, scripts or the README names a contract section, an issue or the talk by a nickname', () => {
    const found: string[] = [];
    for (const f of ROOTS.flatMap(files)) {
      if (f === SELF) continue;
      for (const hit of outsideReferences(fs.readFileSync(f, 'utf8'))) found.push(`${f}:${hit}`);
    }
    expect(found).toEqual([]);
  });
});
