import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// What no engine file may import: the page's libraries and rooms (imports run ui -> app -> worker -> engine).
const engineOutside = { group: ['react', 'react-dom', 'zustand', '@xyflow/*', 'recharts', '**/ui/**', '**/app/**', '**/worker/**'], message: 'The engine runs in a worker and in Node: no page code.' };

/** The import rule of one engine layer: the page is out, and so are the layers above it. */
function engineLayer(layer, above, message) {
  return {
    files: [`src/engine/${layer}/**/*.ts`],
    ignores: ['src/engine/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [engineOutside, { regex: above.source, message }] }] },
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
      'no-restricted-imports': ['error', { patterns: [engineOutside] }],
    },
  },
  // The engine's layers import one way: core <- model <- features <- lab (src/engine/CONTEXT.md).
  // Type-only imports count too. Tests drive the whole lab, so they are exempt.
  engineLayer('core', /^\.\.\//, 'core imports nothing else of the engine (only zod and its own files).'),
  engineLayer('model', /^(\.\.\/)+(features|lab|testing)(\/|$)/, 'model imports only core and model.'),
  engineLayer('features', /^(\.\.\/)+(lab|testing)(\/|$)/, 'features see the lab through features/context.ts (LabContext), never lab/ (the Lab class, the dispatcher, the handler table).'),
);
