// The one-way imports of src/ (ui -> app -> worker -> engine; lessons beside them; inside the engine
// core <- model <- features <- lab) are ESLint's to enforce: eslint.config.js, as each CONTEXT.md says.
// These cases lint a one-line file at a path in each room and check that a wrong-way import fails.
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

let eslint: ESLint;
beforeAll(async () => {
  eslint = new ESLint({ cwd: process.cwd() });
  await eslint.lintText('export {};\n', { filePath: 'src/app/warm.ts' }); // loads the parser and plugins once
}, 60_000);

/** The import-boundary messages ESLint gives `code` written at `filePath`. */
async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const used = 1;\n`, { filePath });
  return result.messages.filter((m) => /restricted-imports|import-type-side-effects/.test(m.ruleId ?? '') || m.fatal).map((m) => m.message);
}

const wrong: [string, string, string][] = [
  ['the engine importing the page', 'src/engine/core/clockWords.ts', "import { App } from '../../ui/App';"],
  ['the engine importing the page (a room index)', 'src/engine/lab/x.ts', "import * as ui from '../../ui';"],
  ['the engine importing the worker, type-only', 'src/engine/lab/x.ts', "import type { Session } from '../../worker/session';"],
  ['the engine importing the lessons', 'src/engine/features/vss/x.ts', "import { lessons } from '../../../lessons';"],
  ['a feature importing the dispatcher', 'src/engine/features/snapshot/x.ts', "import { Dispatcher } from '../../lab/dispatch';"],
  ['the model importing a feature', 'src/engine/model/disk/x.ts', "import { take } from '../../features/snapshot/take';"],
  ['core importing the model', 'src/engine/core/x.ts', "import { Vm } from '../model/vm';"],
  ['the worker importing the page', 'src/worker/x.ts', "import { useLab } from '../app/store';"],
  ['the worker importing a component, type-only', 'src/worker/x.ts', "import type { App } from '../ui/App';"],
  ['the worker importing the lessons outside labWorker.ts', 'src/worker/x.ts', "import { lessonLab } from '../lessons/resolve';"],
  ['the lessons importing the worker', 'src/lessons/checks/x.ts', "import { checkSession } from '../../worker/session';"],
  ['the app importing a component', 'src/app/embed/x.ts', "import { App } from '../../ui/App';"],
  ['the app running engine code', 'src/app/x.ts', "import { builtInLabs } from '../engine/lab/builtInLabs';"],
  ['the app re-exporting engine code', 'src/app/x.ts', "export { createLab } from '../engine';"],
  ['a component running engine code', 'src/ui/timeline/x.tsx', "import { HOLD_LIMIT_MS } from '../../engine/core/vssLimits';"],
  ['a component loading an engine module for an inline type (the module still loads)', 'src/ui/tree/x.tsx', "import { type VmView } from '../../engine/core/view';"],
  ['a component running worker code other than the clock limits', 'src/ui/controls/x.tsx', "import { applyPatch } from '../../worker/patch';"],
  ['the CLI importing the page', 'src/cli/x.ts', "import { useLab } from '../app/store';"],
];

const right: [string, string, string][] = [
  ['a component taking engine view types', 'src/ui/tree/x.tsx', "import type { VmView } from '../../engine/core/view';"],
  ['a component taking the clock limits', 'src/ui/controls/x.tsx', "import { MAX_SPEED } from '../../worker/clock';"],
  ['the app taking the engine\'s words for numbers', 'src/app/x.ts', "export { formatBytes } from '../engine/core/format';"],
  ['the app taking the worker\'s patches', 'src/app/x.ts', "import { applyPatch } from '../worker/patch';"],
  ['labWorker.ts plugging the lessons in', 'src/worker/labWorker.ts', "import { lessonLab } from '../lessons/resolve';"],
  ['a feature taking the model and core', 'src/engine/features/snapshot/x.ts', "import { Vm } from '../../model/vm';\nimport { refuse } from '../../core/result';"],
  ['a test driving the whole lab from a feature', 'src/engine/features/snapshot/x.test.ts', "import { createLab } from '../../lab/lab';"],
];

describe('import boundaries (eslint.config.js)', () => {
  it.each(wrong)('refuses %s', async (_name, filePath, code) => {
    const errors = await boundaryErrors(filePath, code);
    expect(errors.length, `${filePath}: ${code}`).toBeGreaterThan(0);
    for (const e of errors) expect(e).toMatch(/import is restricted from being used by a pattern|will only remove the inline type specifiers/);
  });

  it.each(right)('allows %s', async (_name, filePath, code) => {
    expect(await boundaryErrors(filePath, code)).toEqual([]);
  });
});
