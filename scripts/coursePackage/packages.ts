// The two course packages from one build: every file of dist/ (relative paths only) plus the manifest.
// The cmi5 package's page may connect to the LRS (build/contentSecurityPolicy.ts says why and how).
import { zipSync, type Zippable } from 'fflate';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { LRS_CONNECT_SRC, withConnectSrc } from '../../build/contentSecurityPolicy';
import { cmi5CourseStructure } from './cmi5Course';
import type { Course } from './course';
import { scormManifest } from './scormManifest';

export type AppFiles = Map<string, Uint8Array>;

/** Every file under dir, by its relative path with forward slashes, sorted. */
export function readAppFiles(dir: string): AppFiles {
  const out: AppFiles = new Map();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.set(relative(dir, path).split(sep).join('/'), readFileSync(path));
    }
  };
  walk(dir);
  if (!out.has('index.html')) throw new Error(`${dir} has no index.html: build the lab first`);
  return out;
}

/** Same bytes for the same build: fixed entry times, sorted names. */
const ZIP_TIME = new Date('2026-01-01T00:00:00Z');

function zip(files: Map<string, Uint8Array>): Uint8Array {
  const tree: Zippable = {};
  for (const name of [...files.keys()].sort()) tree[name] = [files.get(name)!, { mtime: ZIP_TIME }];
  return zipSync(tree, { level: 9 });
}

const text = (s: string) => new TextEncoder().encode(s);

export interface PackageOptions { connectSrc?: string }

export function buildPackages(app: AppFiles, course: Course, options: PackageOptions = {}): { scorm12: Uint8Array; cmi5: Uint8Array } {
  for (const name of app.keys()) {
    if (name.startsWith('/') || name.split('/').includes('..')) throw new Error(`${name}: not a relative path inside the build`);
  }
  const names = [...app.keys()].sort();
  const scorm = new Map(app);
  scorm.set('imsmanifest.xml', text(scormManifest(course, names)));

  const cmi5 = new Map(app);
  const page = new TextDecoder().decode(app.get('index.html'));
  cmi5.set('index.html', text(withConnectSrc(page, options.connectSrc ?? LRS_CONNECT_SRC)));
  cmi5.set('cmi5.xml', text(cmi5CourseStructure(course)));
  return { scorm12: zip(scorm), cmi5: zip(cmi5) };
}
