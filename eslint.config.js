import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** A relative import of a room of src/ (ui, app, worker, lessons, engine, ...), from any depth. */
const room = (names) => `^(\\.\\.?/)*(\\.\\./)+(${names})(/|$)`;
const engineRooms = { regex: room('ui|app|worker|lessons|cli|bench|tooling'), message: 'The engine imports nothing of src/ outside itself: the worker, the page, the lessons and the CLI import it.' };

// What no engine file may import: the page's libraries and rooms (imports run ui -> app -> worker -> engine).
const engineOutside = { group: ['react', 'react-dom', 'zustand', '@xyflow/*', 'recharts'], message: 'The engine runs in a worker and in Node: no page code.' };

/** The import rule of one engine layer: the page is out, and so are the layers above it. */
function engineLayer(layer, above, message) {
  return {
    files: [`src/engine/${layer}/**/*.ts`],
    ignores: ['src/engine/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [engineOutside, engineRooms, { regex: above.source, message }] }] },
  };
}

/**
 * The import rule of a room of src/ outside the engine (each room's CONTEXT.md says the same): rooms
 * it never imports, type-only or not, and rooms it may import only as types. Tests are exempt, as in
 * the engine: they drive the whole lab.
 */
function roomRule(dir, { never, typesOnly, also = [] }) {
  const patterns = [];
  if (never) patterns.push({ regex: room(never), message: `src/${dir} never imports ${never.split('|').map((n) => `src/${n}`).join(', ')} (imports run ui -> app -> worker -> engine; see src/${dir}/CONTEXT.md).` });
  if (typesOnly) patterns.push({ regex: typesOnly.regex, allowTypeImports: true, message: typesOnly.message });
  return {
    files: [`src/${dir}/**/*.{ts,tsx}`],
    ignores: [`src/${dir}/**/*.test.{ts,tsx}`, ...also],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
  };
}

export default tseslint.config(
  { ignores: ['dist', 'packages', 'node_modules', 'test-results', 'playwright-report', 'walkthrough-shots'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // `import { type A } from` still loads its module (verbatimModuleSyntax): write `import type`, so a
      // type-only import across a boundary really is one.
      '@typescript-eslint/no-import-type-side-effects': 'error',
    },
  },
  {
    // No HTML strings into the DOM: lesson and lab text is always shown as text (docs/security.md).
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': ['error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Render text, or parsed nodes as elements (see src/ui/lesson/Markdown.tsx).' },
        { selector: 'MemberExpression[property.name=/^(innerHTML|outerHTML)$/]', message: 'Use textContent or elements; never HTML strings.' },
        { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'Use elements; never HTML strings.' }],
    },
  },
  {
    // The engine is deterministic: simulated time and seeded random numbers only.
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', 'setTimeout', 'setInterval', 'performance', 'window', 'document'],
      'no-restricted-properties': ['error',
        { object: 'Math', property: 'random', message: 'Use the lab\'s seeded Rng.' },
        { object: 'Date', property: 'now', message: 'Use the lab clock.' }],
      'no-restricted-imports': ['error', { patterns: [engineOutside, engineRooms] }],
    },
  },
  // The engine's layers import one way: core <- model <- features <- lab (src/engine/CONTEXT.md).
  // Type-only imports count too. Tests drive the whole lab, so they are exempt.
  engineLayer('core', /^\.\.\//, 'core imports nothing else of the engine (only zod and its own files).'),
  engineLayer('model', /^(\.\.\/)+(features|lab|testing)(\/|$)/, 'model imports only core and model.'),
  engineLayer('features', /^(\.\.\/)+(lab|testing)(\/|$)/, 'features see the lab through features/context.ts (LabContext), never lab/ (the Lab class, the dispatcher, the handler table).'),
  // The rooms above the engine import one way: ui -> app -> worker -> engine, and lessons beside them.
  // The engine runs in the worker: the page (ui, app) takes its view types only, except core/format.ts,
  // the engine's words for numbers (sizes, durations, times as the lab clock shows them), which
  // app/format.ts hands to the page so that messages, lessons and the page write them one way.
  roomRule('ui', {
    typesOnly: { regex: `${room('engine')}|${room('worker')}(?!clock$)`, message: 'src/ui takes engine and worker types with `import type` only (the engine runs in the worker); values come from the state view through src/app, the clock limits from worker/clock.' },
  }),
  roomRule('app', {
    never: 'ui',
    typesOnly: { regex: `${room('engine')}(?!core/format$)`, message: 'src/app takes engine types with `import type` only (the engine runs in the worker); sizes and times come through app/format.ts.' },
  }),
  roomRule('worker', { never: 'app|ui', typesOnly: { regex: room('lessons'), message: 'src/worker loads the lessons only in labWorker.ts (lessons/resolve), where it plugs their resolver in.' } }),
  { files: ['src/worker/labWorker.ts'], rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ regex: room('app|ui'), message: 'src/worker never imports src/app or src/ui.' }] }] } },
  roomRule('lessons', { never: 'app|ui|worker' }),
  roomRule('cli', { never: 'app|ui' }),
  roomRule('bench', { never: 'app|ui' }),
);
