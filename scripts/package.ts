// npm run package: build the lab once, then write packages/snaplab-scorm12.zip and
// packages/snaplab-cmi5.zip (docs/lms.md). `--connect-src <sources>` narrows which LRS the cmi5
// package may reach (default: its own origin and any HTTPS origin); `--skip-build` packages dist/ as is.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { snaplabCourse } from './coursePackage/course';
import { buildPackages, readAppFiles } from './coursePackage/packages';

const root = process.cwd();
const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

if (!args.includes('--skip-build')) await build({ root, logLevel: 'warn' });
const course = snaplabCourse();
const packages = buildPackages(readAppFiles(join(root, 'dist')), course, { connectSrc: option('--connect-src') });
const out = join(root, 'packages');
mkdirSync(out, { recursive: true });
for (const [name, bytes] of [['snaplab-scorm12.zip', packages.scorm12], ['snaplab-cmi5.zip', packages.cmi5]] as const) {
  writeFileSync(join(out, name), bytes);
  console.log(`packages/${name}: ${course.lessons.length} lessons, ${(bytes.length / 1024).toFixed(0)} KB`);
}
