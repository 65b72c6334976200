// The page speaks the learner's words: its visible text (every text node on screen) names no engine
// identifiers (snapshot-3, task-12, a VM's id where the page should show its name), no command names or
// event kinds (snapshot.take, clock.advance, vm.configure), no engine fields in camelCase (the word
// list lessons are held to, src/lessons/learnerWords.ts), and no "undefined", "NaN" or "[object Object]".
// Every walkthrough step checks it (walkthrough.ts); a test may call it at any moment.
import type { Page } from '@playwright/test';
import { expect } from '../fixtures';
import { engineWords } from '../../src/lessons/learnerWords';

/** VMware's own words in camelCase, which a learner meets in the real products: the product names, and
 *  the tools.conf [vmbackup] keys and the backupScripts.d folder as VM settings and the guest show them. */
const PRODUCT_WORDS = new Set(['vCenter', 'vSphere', 'vMotion', 'vSAN', 'iSCSI', 'ctkEnabled',
  'disableAppQuiescing', 'enableSyncDriver', 'enableVSS', 'execScripts', 'forceQuiesce', 'backupScripts']);

const NEVER: [string, RegExp][] = [
  ['a snapshot id', /\bsnap(?:shot)?-\d+\b/g],
  ['a task id', /\btask-\d+\b/g],
  ['a VM id', /\bvm-[a-z0-9]+\b/g],
  ['a command name in camelCase', /\b[a-z]+(?:[A-Z][a-z0-9]*)+\b/g],
  ['"undefined"', /\bundefined\b/g],
  ['"NaN"', /\bNaN\b/g],
  ['"[object Object]"', /\[object Object\]/g],
];

const around = (text: string, at: number, length: number) =>
  text.slice(Math.max(0, at - 40), at + length + 40).replace(/\s+/g, ' ');

/** What the page shows that a learner should not read, each with the text around it; [] when none. */
export async function foreignWords(page: Page): Promise<string[]> {
  const { text, ids } = await page.evaluate(async () => {
    // A VM's id shown where its name belongs (exch01 for EXCH01); a page without the lab (a slide
    // around an embed) has none.
    const state = 'lab' in window ? await window.lab.state() : null;
    // The visible text, node by node: document.body.innerText runs inline pieces together (a chart
    // legend's "Base disks" "Capacity" reads "disksCapacity"). A <select>'s options count when it shows.
    const parts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent?.trim() || el.closest('script, style, noscript, template')) continue;
      if ((el.closest('select') ?? el).checkVisibility({ visibilityProperty: true })) parts.push(n.textContent.trim());
    }
    return { text: parts.join('\n'), ids: state ? state.vms.filter((v) => v.id !== v.name).map((v) => v.id) : [] };
  });
  const found: string[] = [];
  for (const [what, pattern] of NEVER) {
    for (const m of text.matchAll(pattern)) {
      if (what.includes('camelCase') && PRODUCT_WORDS.has(m[0])) continue;
      found.push(`${what} "${m[0]}" in "${around(text, m.index, m[0].length)}"`);
    }
  }
  for (const id of ids) {
    for (const m of text.matchAll(new RegExp(`(?<![\\w.\\-/])${id}(?![\\w\\-])`, 'g'))) found.push(`the VM id "${id}" in "${around(text, m.index, id.length)}"`);
  }
  const engine = engineWords(text);
  if (engine) found.push(`the engine word "${engine}" in "${around(text, text.indexOf(engine), engine.length)}"`);
  return found;
}

/** Fails, listing each, when the page's visible text holds engine words. */
export async function expectLearnerText(page: Page): Promise<void> {
  expect(await foreignWords(page), 'engine words on the page').toEqual([]);
}
