// The runtime import graph of src/, read from the source text with TypeScript's parser (no type
// check, so it is fast). Type-only imports and exports are left out: they vanish at build time. An
// `import { type A } from` keeps its module load under verbatimModuleSyntax, so it counts.
import ts from 'typescript';
import path from 'node:path';

export type ImportGraph = Map<string, string[]>;

/** Relative specifiers a file loads at run time (static imports, re-exports and import()). */
export function runtimeImports(fileName: string, text: string): string[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly) out.push((node.moduleSpecifier as ts.StringLiteral).text);
    else if (ts.isExportDeclaration(node) && node.moduleSpecifier && !node.isTypeOnly) out.push((node.moduleSpecifier as ts.StringLiteral).text);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && ts.isStringLiteral(node.arguments[0])) out.push(node.arguments[0].text);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out.filter((s) => s.startsWith('.'));
}

/** The graph over `files` (path -> source text): each file's edges to the files it loads. */
export function buildImportGraph(files: Map<string, string>): ImportGraph {
  const resolve = (from: string, spec: string): string | undefined => {
    const base = path.posix.join(path.posix.dirname(from), spec);
    return [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`].find((c) => files.has(c));
  };
  const graph: ImportGraph = new Map();
  for (const [file, text] of files) {
    graph.set(file, runtimeImports(file, text).map((s) => resolve(file, s)).filter((f): f is string => f !== undefined));
  }
  return graph;
}

/** Every strongly connected group of two or more files (or a file that loads itself), as a cycle path. */
export function importCycles(graph: ImportGraph): string[][] {
  // Tarjan's algorithm, iterative so a deep graph cannot overflow the stack.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const groups: string[][] = [];
  let next = 0;
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work: [string, number][] = [[root, 0]];
    while (work.length) {
      const frame = work[work.length - 1];
      const [v, i] = frame;
      if (i === 0) { index.set(v, next); low.set(v, next); next++; stack.push(v); onStack.add(v); }
      const edges = graph.get(v) ?? [];
      if (i < edges.length) {
        frame[1]++;
        const w = edges[i];
        if (!index.has(w)) work.push([w, 0]);
        else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) { const p = work[work.length - 1][0]; low.set(p, Math.min(low.get(p)!, low.get(v)!)); }
      if (low.get(v) === index.get(v)) {
        const group: string[] = [];
        let w: string;
        do { w = stack.pop()!; onStack.delete(w); group.push(w); } while (w !== v);
        if (group.length > 1 || edges.includes(v)) groups.push(cyclePath(graph, new Set(group)));
      }
    }
  }
  return groups;
}

/** One concrete loop through a group, for a message a person can follow: a -> b -> ... -> a. */
function cyclePath(graph: ImportGraph, group: Set<string>): string[] {
  const start = [...group].sort()[0];
  const prev = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const v = queue.shift()!;
    for (const w of graph.get(v) ?? []) {
      if (!group.has(w)) continue;
      if (w === start) {
        const loop = [start];
        for (let x = v; x !== start; x = prev.get(x)!) loop.splice(1, 0, x);
        return [...loop, start];
      }
      if (!prev.has(w)) { prev.set(w, v); queue.push(w); }
    }
  }
  return [start, start];
}
