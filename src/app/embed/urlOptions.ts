// The page's URL options (contract section 6): how a slide deck or a link sets the lab up. Parsing is
// pure and never fails: a bad value becomes a problem sentence for the banner and is otherwise ignored.
import { MAX_SPEED, MIN_SPEED } from '../../worker/clock';

export const PANELS = ['inventory', 'tree', 'timeline', 'datastore', 'tasks', 'console', 'lesson'] as const;
export type Panel = (typeof PANELS)[number];
export type Theme = 'light' | 'dark';
export const LMS_KINDS = ['scorm12', 'cmi5'] as const;
export type LmsKind = (typeof LMS_KINDS)[number];

export interface UrlOptions {
  embed: boolean;
  /** Larger type and the key legend, for a projector. */
  presenter: boolean;
  lesson?: string;
  /** The VM the panels show first (a lab VM id). */
  vm?: string;
  /** The panels an embed shows, in the order given; undefined means the embed's default. */
  panels?: Panel[];
  theme?: Theme;
  speed?: number;
  autoplay: boolean;
  seed?: number;
  /** The one origin allowed to drive the lab with postMessage. */
  parentOrigin?: string;
  /** Launched from a course package: report progress to the learning platform (docs/lms.md). */
  lms?: LmsKind;
  /** One sentence per value that was ignored. */
  problems: string[];
}

const FLAG_VALUES = ['1', 'true', ''];
const OFF_VALUES = ['0', 'false'];

function flag(params: URLSearchParams, name: string, problems: string[]): boolean {
  const v = params.get(name);
  if (v === null || OFF_VALUES.includes(v)) return false;
  if (FLAG_VALUES.includes(v)) return true;
  problems.push(`${name}=${v} was ignored: use ${name}=1 or leave it out.`);
  return false;
}

/** An origin as browsers write it: scheme, host and port only, no path. */
export function normalOrigin(text: string): string | null {
  try {
    const u = new URL(text);
    if (u.origin === 'null' || text.replace(/\/$/, '') !== u.origin) return null;
    return u.origin;
  } catch {
    return null;
  }
}

export function parseUrlOptions(search: string): UrlOptions {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  const options: UrlOptions = {
    embed: flag(params, 'embed', problems),
    presenter: flag(params, 'presenter', problems),
    autoplay: flag(params, 'autoplay', problems),
    problems,
  };

  const lesson = params.get('lesson');
  if (lesson !== null) {
    if (/^[a-z0-9][a-z0-9-]*$/i.test(lesson)) options.lesson = lesson;
    else problems.push(`lesson=${lesson} was ignored: a lesson id is letters, digits and dashes.`);
  }

  const vm = params.get('vm');
  if (vm !== null) {
    if (/^[A-Za-z0-9][\w.-]*$/.test(vm)) options.vm = vm;
    else problems.push(`vm=${vm} was ignored: give a VM id from the lab, such as exch01.`);
  }

  const panels = params.get('panels');
  if (panels !== null) {
    const chosen: Panel[] = [];
    for (const raw of panels.split(',')) {
      const p = raw.trim().toLowerCase();
      if (!p) continue;
      if ((PANELS as readonly string[]).includes(p)) { if (!chosen.includes(p as Panel)) chosen.push(p as Panel); }
      else problems.push(`The panel "${raw.trim()}" was ignored: the panels are ${PANELS.join(', ')}.`);
    }
    if (chosen.length) options.panels = chosen;
    else problems.push('panels= named no known panel, so the default panels are shown.');
  }

  const theme = params.get('theme');
  if (theme !== null) {
    if (theme === 'light' || theme === 'dark') options.theme = theme;
    else problems.push(`theme=${theme} was ignored: use theme=light or theme=dark.`);
  }

  const speed = params.get('speed');
  if (speed !== null) {
    const n = Number(speed);
    if (speed.trim() !== '' && Number.isFinite(n) && n >= MIN_SPEED && n <= MAX_SPEED) options.speed = n;
    else problems.push(`speed=${speed} was ignored: the speed is simulated seconds per real second, from ${MIN_SPEED} to ${MAX_SPEED}.`);
  }

  const seed = params.get('seed');
  if (seed !== null) {
    const n = Number(seed);
    if (/^\d+$/.test(seed) && Number.isSafeInteger(n)) options.seed = n;
    else problems.push(`seed=${seed} was ignored: a seed is a whole number, 0 or more.`);
  }

  const parentOrigin = params.get('parentOrigin');
  if (parentOrigin !== null) {
    const origin = normalOrigin(parentOrigin);
    if (origin) options.parentOrigin = origin;
    else problems.push(`parentOrigin=${parentOrigin} was ignored: give the embedding page's origin, such as https://slides.example.com (no path), so the lab answers no one.`);
  }
  const lms = params.get('lms');
  if (lms !== null) {
    if ((LMS_KINDS as readonly string[]).includes(lms)) options.lms = lms as LmsKind;
    else problems.push(`lms=${lms} was ignored: a course package launches the lab with lms=scorm12 or lms=cmi5.`);
  }
  for (const name of new Set(params.keys())) {
    const meant = nearMiss(name);
    if (meant) problems.push(`${name}= was ignored: did you mean ${meant}=?`);
  }
  return options;
}

const OPTION_NAMES = ['embed', 'presenter', 'autoplay', 'lesson', 'vm', 'panels', 'theme', 'speed', 'seed', 'parentOrigin', 'lms'];

/** A parameter that is one of ours in the wrong case or number (parentorigin, panel); others are left alone. */
function nearMiss(name: string): string | undefined {
  if (OPTION_NAMES.includes(name)) return undefined;
  const plain = (s: string) => s.toLowerCase().replace(/s$/, '');
  return OPTION_NAMES.find((known) => plain(known) === plain(name));
}

/** What the Embed dialog and share links write: only the options that differ from the plain lab. */
export interface EmbedChoice {
  panels: Panel[];
  lesson?: string;
  vm?: string;
  theme?: Theme;
  speed?: number;
  autoplay?: boolean;
  seed?: number;
  parentOrigin?: string;
  presenter?: boolean;
}

/** The lab's address with these options, keeping `base`'s path so it works under any sub-path. */
export function embedUrl(base: string, choice: EmbedChoice): string {
  const u = new URL(base);
  u.search = '';
  u.hash = '';
  const p = u.searchParams;
  p.set('embed', '1');
  if (choice.panels.length) p.set('panels', choice.panels.join(','));
  if (choice.lesson) p.set('lesson', choice.lesson);
  if (choice.vm) p.set('vm', choice.vm);
  if (choice.theme) p.set('theme', choice.theme);
  if (choice.speed !== undefined) p.set('speed', String(choice.speed));
  if (choice.autoplay) p.set('autoplay', '1');
  if (choice.seed !== undefined) p.set('seed', String(choice.seed));
  if (choice.parentOrigin) p.set('parentOrigin', choice.parentOrigin);
  if (choice.presenter) p.set('presenter', '1');
  // Commas read better than %2C in a slide's source.
  return u.toString().replace(/%2C/g, ',');
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The <iframe> a trainer pastes into a slide. */
export function iframeSnippet(url: string, title: string, height = 520): string {
  return `<iframe src="${escapeAttr(url)}" title="${escapeAttr(title)}" width="100%" height="${height}" style="border:0" loading="lazy"></iframe>`;
}
