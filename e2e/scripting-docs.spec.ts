// docs/scripting.md's examples, run as written: every ```js block runs on a fresh lab page, and where
// the doc states a result (<!-- result: ... --> after the block) the answer must match it.
import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';

const doc = readFileSync(new URL('../docs/scripting.md', import.meta.url), 'utf8');
const examples = [...doc.matchAll(/^## (.+)\n[\s\S]*?```js\n([\s\S]*?)```\n(?:<!-- result: (.*) -->)?/gm)]
  .map(([, title, code, result]) => ({ title, code, result: result === undefined ? undefined : JSON.parse(result) as unknown }));

test('docs/scripting.md has examples with stated results', () => {
  expect(examples.length).toBeGreaterThanOrEqual(6);
  expect(examples.filter((e) => e.result !== undefined).length).toBe(examples.length);
});

for (const example of examples) {
  test(`docs/scripting.md: ${example.title}`, async ({ page }) => {
    await page.goto('./');
    const answer = await page.evaluate(`(async () => {\n${example.code}\n})()`);
    expect(answer).toEqual(example.result);
  });
}
