// Vite plugin: builds src/offline/serviceWorker.ts to sw.js beside index.html and writes into it the
// list of every file of the build (relative to sw.js, so it works under any sub-path) and a version
// that changes whenever any of those files changes. The same version is the build id: index.html
// carries it (<meta name="snaplab-build">) and version.json holds it, never cached, so an open page
// can ask the server whether a newer deploy is there (src/app/offline/newVersion.ts).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';

const SW_FILE = 'sw.js';
export const VERSION_FILE = 'version.json';
export const BUILD_META = 'snaplab-build';

function filesUnder(dir: string): string[] {
  let out: string[] = [];
  let names: string[];
  try { names = readdirSync(dir); } catch { return out; }
  for (const name of names) {
    const path = join(dir, name);
    out = statSync(path).isDirectory() ? out.concat(filesUnder(path)) : out.concat(path);
  }
  return out;
}

export function offlineCache(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'snaplab-offline-cache',
    apply: 'build',
    enforce: 'post',
    configResolved(c) { config = c; },
    buildStart() {
      this.emitFile({ type: 'chunk', id: 'src/offline/serviceWorker.ts', fileName: SW_FILE });
    },
    generateBundle(_options, bundle) {
      const hash = createHash('sha256');
      const files = new Set<string>(['./', 'index.html']);
      for (const [name, item] of Object.entries(bundle)) {
        if (name === SW_FILE || name.endsWith('.map')) continue;
        files.add(name);
        hash.update(name).update(item.type === 'chunk' ? item.code : item.source);
      }
      const publicDir = config.publicDir;
      for (const path of publicDir ? filesUnder(publicDir) : []) {
        const name = relative(publicDir, path).split(sep).join('/');
        files.add(name);
        hash.update(name).update(readFileSync(path));
      }
      const sw = bundle[SW_FILE];
      if (!sw || sw.type !== 'chunk') throw new Error(`offlineCache: ${SW_FILE} was not built`);
      const list = [...files].sort();
      const version = hash.digest('hex').slice(0, 12);
      const before = sw.code;
      sw.code = sw.code
        .replace(/(["'`])__SNAPLAB_PRECACHE__\1/, JSON.stringify(JSON.stringify(list)))
        .replace(/__SNAPLAB_VERSION__/, version);
      if (sw.code === before || sw.code.includes('__SNAPLAB_')) throw new Error('offlineCache: the placeholders in the service worker were not found');
      const index = bundle['index.html'];
      if (!index || index.type !== 'asset' || typeof index.source !== 'string') throw new Error('offlineCache: index.html was not built');
      const html = index.source.replace(/(<meta charset="[^"]*" \/>)/i, `$1\n    <meta name="${BUILD_META}" content="${version}" />`);
      if (html === index.source) throw new Error('offlineCache: index.html has no <meta charset> to follow');
      index.source = html;
      this.emitFile({ type: 'asset', fileName: VERSION_FILE, source: `${JSON.stringify({ build: version })}\n` });
    },
  };
}
