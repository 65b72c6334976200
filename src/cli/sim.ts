// `npm run --silent sim -- <file.json | ->`: run a script headlessly and print one JSON document.
// Exit 2 with one line on stderr when the file is unreadable, not JSON, or breaks the schema.
import { readFileSync } from 'node:fs';
import { runScript, ScriptError } from './script';
import { lessonHooks, lessonList } from './lessons';

function fail(message: string): never {
  // Exactly one line (docs/cli.md), even when the message quotes a multi-line file or name.
  process.stderr.write(`sim: ${message.replace(/\s*[\r\n]+\s*/g, ' ').trim()}\n`);
  process.exit(2);
}

function main(argv: string[]): void {
  const args = argv.filter((a) => a !== '--');
  if (args[0] === '--lessons') {
    process.stdout.write(`${JSON.stringify(lessonList(), null, 2)}\n`);
    return;
  }
  if (args.length !== 1 || args[0] === '--help' || args[0] === '-h') {
    fail('usage: npm run --silent sim -- <script.json | -> (or --lessons)');
  }
  const source = args[0];
  let text: string;
  try {
    text = source === '-' ? readFileSync(0, 'utf8') : readFileSync(source, 'utf8');
  } catch (e) {
    fail(`cannot read ${source === '-' ? 'standard input' : source}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let json: unknown;
  try {
    // A UTF-8 byte-order mark (Notepad writes one) is not part of the JSON: accept the file.
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    fail(`${source === '-' ? 'standard input' : source} is not JSON: ${(e as Error).message}`);
  }
  try {
    const out = runScript(json, lessonHooks);
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } catch (e) {
    if (e instanceof ScriptError) fail(e.message);
    throw e;
  }
}

main(process.argv.slice(2));
