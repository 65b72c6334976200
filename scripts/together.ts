// Runs several npm scripts at once and fails when any of them fails: `npm test` checks types and lint
// side by side, since each is single-threaded and together they are a minute of a 2-core machine's
// time. Each script's output is printed whole when it ends, so the logs never interleave.
import { spawn } from 'node:child_process';

function run(script: string): Promise<{ script: string; code: number; output: string; seconds: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script], { shell: process.platform === 'win32' });
    let output = '';
    child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
    child.on('error', (e) => { output += `${e.message}\n`; });
    child.on('close', (code) => resolve({ script, code: code ?? 1, output, seconds: (performance.now() - started) / 1000 }));
  });
}

const scripts = process.argv.slice(2);
if (scripts.length === 0) {
  console.error('usage: tsx scripts/together.ts <npm script> [<npm script>...]');
  process.exit(2);
}
const results = await Promise.all(scripts.map((s) => {
  return run(s).then((r) => {
    process.stdout.write(`\n> ${r.script}: ${r.code === 0 ? 'passed' : `failed (exit ${r.code})`} in ${r.seconds.toFixed(1)} s\n${r.output}`);
    return r;
  });
}));
process.exit(results.some((r) => r.code !== 0) ? 1 : 0);
