import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { buildImportGraph, importCycles } from './importGraph';

const graphOf = (files: Record<string, string>) => buildImportGraph(new Map(Object.entries(files)));

function sourceFiles(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile() || !/\.tsx?$/.test(e.name)) continue;
    const full = path.join(e.parentPath, e.name);
    out.set(path.relative(process.cwd(), full).split(path.sep).join('/'), fs.readFileSync(full, 'utf8'));
  }
  return out;
}

describe('import graph', () => {
  it('finds a runtime cycle and names its path', () => {
    const g = graphOf({
      'a.ts': "import { b } from './b';",
      'b.ts': "export { c } from './sub/c';",
      'sub/c.ts': "const a = () => import('../a');",
    });
    expect(importCycles(g)).toEqual([['a.ts', 'b.ts', 'sub/c.ts', 'a.ts']]);
  });

  it('leaves type-only imports and exports out, but counts an inline `type` import (its module still loads)', () => {
    expect(importCycles(graphOf({ 'a.ts': "import type { B } from './b';", 'b.ts': "import { a } from './a';" }))).toEqual([]);
    expect(importCycles(graphOf({ 'a.ts': "export type { B } from './b';", 'b.ts': "import { a } from './a';" }))).toEqual([]);
    expect(importCycles(graphOf({ 'a.ts': "import { type B } from './b';", 'b.ts': "import { a } from './a';" }))).toHaveLength(1);
  });

  it('src/ has no runtime import cycle', () => {
    const cycles = importCycles(buildImportGraph(sourceFiles('src')));
    expect(cycles.map((c) => c.join(' -> '))).toEqual([]);
  });
});
