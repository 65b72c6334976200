// Writes the generated tables of docs/host-versions.md from the engine's HOST_CHANGES.
import { readFileSync, writeFileSync } from 'node:fs';
import { hostVersionsMarkdown } from '../src/engine/core/hostVersionsDoc';

const path = 'docs/host-versions.md';
const page = readFileSync(path, 'utf8');
const next = page.replace(/(<!-- generated: start -->\n)[\s\S]*(<!-- generated: end -->)/, `$1${hostVersionsMarkdown()}$2`);
writeFileSync(path, next);
