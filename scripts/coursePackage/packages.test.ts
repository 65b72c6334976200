import { unzipSync } from 'fflate';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lessons } from '../../src/lessons';
import { snaplabCourse } from './course';
import { buildPackages, readAppFiles } from './packages';

/** A small stand-in for dist/: the page with its CSP, a nested asset, a public file. */
function fakeBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'snaplab-dist-'));
  mkdirSync(join(dir, 'assets'));
  mkdirSync(join(dir, 'examples'));
  writeFileSync(join(dir, 'index.html'), `<meta charset="UTF-8" />\n<meta http-equiv="Content-Security-Policy" content="default-src 'self'; connect-src 'self'; object-src 'none'" />`);
  writeFileSync(join(dir, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(dir, 'examples', 'slides & notes.html'), '<p>deck</p>');
  writeFileSync(join(dir, 'sw.js'), '');
  return dir;
}

const attrs = (xml: string, tag: string, attr: string) =>
  [...xml.matchAll(new RegExp(`<${tag}\\b[^>]*\\b${attr}="([^"]*)"`, 'g'))].map((m) => m[1].replace(/&amp;/g, '&'));
const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
const pathOf = (href: string) => decodeURIComponent(href.split('?')[0]);

function expectRelative(href: string) {
  expect(href).not.toMatch(/^[a-z][a-z0-9+.-]*:/i); // no scheme
  expect(href.startsWith('/')).toBe(false);
  expect(href.split(/[/?]/)).not.toContain('..');
}

describe('course packages', () => {
  const app = readAppFiles(fakeBuild());
  const course = snaplabCourse();
  const { scorm12, cmi5 } = buildPackages(app, course);

  it('SCORM 1.2: the zip holds exactly the files imsmanifest.xml names, and the manifest', () => {
    const files = unzipSync(scorm12);
    const manifest = new TextDecoder().decode(files['imsmanifest.xml']);
    const named = attrs(manifest, 'file', 'href').map(unescape);
    for (const href of named) expectRelative(href);
    expect(new Set(Object.keys(files))).toEqual(new Set([...named, 'imsmanifest.xml']));
    expect([...app.keys()].every((f) => named.includes(f))).toBe(true);
    expect(manifest).toMatch(/<schemaversion>1\.2<\/schemaversion>/);
  });

  it('SCORM 1.2: one item and one SCO per lesson, whose identifier has the lesson id and whose href opens it', () => {
    const manifest = new TextDecoder().decode(unzipSync(scorm12)['imsmanifest.xml']);
    const scos = [...manifest.matchAll(/<resource identifier="([^"]+)" type="webcontent" adlcp:scormtype="sco" href="([^"]+)"/g)];
    expect(scos).toHaveLength(lessons.length);
    expect(attrs(manifest, 'item', 'identifierref')).toEqual(scos.map((m) => m[1]));
    lessons.forEach((l, i) => {
      const [, id, rawHref] = scos[i];
      const href = unescape(rawHref);
      expect(id).toContain(l.id);
      expectRelative(href);
      expect(pathOf(href)).toBe('index.html');
      expect(new URLSearchParams(href.split('?')[1]).get('lesson')).toBe(l.id);
      expect(new URLSearchParams(href.split('?')[1]).get('lms')).toBe('scorm12');
      expect(manifest).toContain(`<title>${l.title.replace(/&/g, '&amp;')}</title>`);
    });
  });

  it('cmi5: one AU per lesson with a relative URL into the zip; nothing else beside the app and cmi5.xml', () => {
    const files = unzipSync(cmi5);
    const structure = new TextDecoder().decode(files['cmi5.xml']);
    const urls = [...structure.matchAll(/<url>([^<]+)<\/url>/g)].map((m) => unescape(m[1]));
    expect(urls).toHaveLength(lessons.length);
    lessons.forEach((l, i) => {
      expectRelative(urls[i]);
      expect(files[pathOf(urls[i])]).toBeDefined();
      expect(new URLSearchParams(urls[i].split('?')[1]).get('lesson')).toBe(l.id);
    });
    expect(attrs(structure, 'au', 'id').every((id, i) => id.endsWith(lessons[i].id))).toBe(true);
    expect(structure.match(/<description>/g)).toHaveLength(lessons.length + 1);
    expect(new Set(Object.keys(files))).toEqual(new Set([...app.keys(), 'cmi5.xml']));
  });

  it('cmi5: its page may reach an HTTPS LRS; the SCORM page keeps connect-src to its own origin', () => {
    const page = (zip: Uint8Array) => new TextDecoder().decode(unzipSync(zip)['index.html']);
    expect(page(cmi5)).toContain("connect-src 'self' https:;");
    expect(page(scorm12)).toContain("connect-src 'self';");
    const narrowed = buildPackages(app, course, { connectSrc: "'self' https://lrs.example.com" });
    expect(page(narrowed.cmi5)).toContain("connect-src 'self' https://lrs.example.com;");
    expect(() => buildPackages(app, course, { connectSrc: "https:; script-src *" })).toThrow(/not a list of CSP sources/);
  });

  it('refuses a build without index.html', () => {
    const empty = mkdtempSync(join(tmpdir(), 'snaplab-empty-'));
    expect(() => readAppFiles(empty)).toThrow(/no index.html/);
  });
});
