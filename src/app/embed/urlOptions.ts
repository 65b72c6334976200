// The page's URL options (docs/embedding.md): how a slide deck or a link sets the lab up. Parsing is
// pure and never fails: a bad value becomes a problem sentence for the banner and is otherwise ignored.
import { z } from 'zod';
import { MAX_SPEED, MIN_SPEED } from '../../worker/clock';
import { MAX_SEED } from '../../worker/session';

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
  /** autoplay= as given (absent: undefined, and a lesson in an embed plays: see startsPlaying). */
  autoplay?: boolean;
  seed?: number;
  /** The one origin allowed to drive the lab with postMessage. */
  parentOrigin?: string;
  /** opener=1: the page that opened this one in a popup may script it too (from parentOrigin only). */
  opener?: true;
  /** Launched from a course package: report progress to the learning platform (docs/lms.md). */
  lms?: LmsKind;
  /** One sentence per value that was ignored. */
  problems: string[];
}

/** An origin as browsers write it: scheme, host and port only, no path, no trailing dot on the host. */
export function normalOrigin(text: string): string | null {
  try {
    const u = new URL(text);
    // https://a.com. is another origin than https://a.com to the browser: the lab would answer no one.
    if (u.origin === 'null' || u.hostname.endsWith('.') || text.replace(/\/$/, '') !== u.origin) return null;
    return u.origin;
  } catch {
    return null;
  }
}

const WHOLE = /^(0|[1-9]\d*)$/;
/** A plain decimal: no sign, no padding, no exponent, no 0x. */
const DECIMAL = /^(0|[1-9]\d*)(\.\d+)?$/;
const SPEED_HELP = `the speed is a plain decimal number of simulated seconds per real second, from ${MIN_SPEED} to ${MAX_SPEED}`;
const SEED_HELP = `a seed is a whole number from 0 to ${MAX_SEED}, written plainly`;

const flag = (name: string) => z.enum(['1', 'true', '', '0', 'false'], { error: `use ${name}=1 or leave it out` }).transform((v) => v !== '0' && v !== 'false');

/**
 * Each parameter's schema, on its text: what it accepts and, as its message, the sentence the banner
 * shows when the value was ignored (the field named, as lab definitions and commands name theirs).
 */
const optionSchemas = {
  embed: flag('embed'),
  presenter: flag('presenter'),
  autoplay: flag('autoplay'),
  opener: flag('opener'),
  lesson: z.string().regex(/^[a-z0-9][a-z0-9-]*$/i, 'a lesson id is letters, digits and dashes'),
  vm: z.string().regex(/^[A-Za-z0-9][\w.-]*$/, 'give a VM id from the lab, such as exch01'),
  theme: z.enum(['light', 'dark'], { error: 'use theme=light or theme=dark' }),
  speed: z.string().regex(DECIMAL, SPEED_HELP).transform(Number).pipe(z.number().min(MIN_SPEED, SPEED_HELP).max(MAX_SPEED, SPEED_HELP)),
  seed: z.string().regex(WHOLE, SEED_HELP).transform(Number).pipe(z.number().max(MAX_SEED, SEED_HELP)),
  parentOrigin: z.string().transform((text, ctx) => normalOrigin(text) ?? (ctx.addIssue({
    code: 'custom',
    message: 'give the embedding page\'s origin as the browser writes it, such as https://slides.example.com (no path, no trailing dot), so the lab answers no one',
  }), z.NEVER)),
  lms: z.enum(LMS_KINDS, { error: 'a course package launches the lab with lms=scorm12 or lms=cmi5' }),
} satisfies Record<string, z.ZodType<unknown, string>>;

type OptionName = keyof typeof optionSchemas;

/** A value echoed in the banner: a short prefix of a long one. */
const shown = (v: string) => (v.length > 60 ? `${v.slice(0, 57)}…` : v);

export function parseUrlOptions(search: string): UrlOptions {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  /** The parameter's value if given and valid; a sentence for the banner otherwise. Repeats are named. */
  function read<K extends OptionName>(name: K): z.output<(typeof optionSchemas)[K]> | undefined {
    const all = params.getAll(name);
    if (all.length === 0) return undefined;
    if (all.length > 1) problems.push(`${name}= was given ${all.length} times: the first (${name}=${shown(all[0])}) was used and the others ignored.`);
    const r = optionSchemas[name].safeParse(all[0]);
    if (r.success) return r.data as z.output<(typeof optionSchemas)[K]>;
    problems.push(`${name}=${shown(all[0])} was ignored: ${r.error.issues[0].message}.`);
    return undefined;
  }
  const options: UrlOptions = {
    embed: read('embed') ?? false,
    presenter: read('presenter') ?? false,
    problems,
  };
  const autoplay = read('autoplay');
  if (autoplay !== undefined) options.autoplay = autoplay;
  const set = <K extends OptionName & keyof UrlOptions>(name: K) => {
    const v = read(name);
    if (v !== undefined) (options as unknown as Record<string, unknown>)[name] = v;
  };
  set('lesson');
  set('vm');
  readPanels(params, options);
  set('theme');
  set('speed');
  set('seed');
  set('parentOrigin');
  set('lms');
  if (read('opener')) {
    if (options.parentOrigin) options.opener = true;
    else problems.push('opener=1 was ignored: it lets the page that opened the lab script it, from the origin given as parentOrigin=, and there is none.');
  }
  for (const name of new Set(params.keys())) {
    const meant = nearMiss(name);
    if (meant) problems.push(`${name}= was ignored: did you mean ${meant}=?`);
  }
  return options;
}

/** panels= is a list: each unknown panel is named, and repeats of the parameter too. */
function readPanels(params: URLSearchParams, options: UrlOptions): void {
  const all = params.getAll('panels');
  if (all.length === 0) return;
  const problems = options.problems;
  if (all.length > 1) problems.push(`panels= was given ${all.length} times: the first (panels=${shown(all[0])}) was used and the others ignored.`);
  const chosen: Panel[] = [];
  for (const raw of all[0].split(',')) {
    const p = raw.trim().toLowerCase();
    if (!p) continue;
    if ((PANELS as readonly string[]).includes(p)) { if (!chosen.includes(p as Panel)) chosen.push(p as Panel); }
    else problems.push(`The panel "${shown(raw.trim())}" was ignored: the panels are ${PANELS.join(', ')}.`);
  }
  if (chosen.length) options.panels = chosen;
  else problems.push('panels= named no known panel, so the default panels are shown.');
}

const OPTION_NAMES = ['embed', 'presenter', 'autoplay', 'lesson', 'vm', 'panels', 'theme', 'speed', 'seed', 'parentOrigin', 'opener', 'lms'];

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

/**
 * Whether the clock starts when the page opens: as autoplay= says, else for a lesson in an embed (a
 * snapshot taken on a slide should finish by itself), once the lesson has opened.
 */
export function startsPlaying(o: Pick<UrlOptions, 'autoplay' | 'embed'>, lessonOpened: boolean): boolean {
  return o.autoplay ?? (o.embed && lessonOpened);
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
  // Written only when it differs from what the embed does without it.
  if (choice.autoplay !== undefined && choice.autoplay !== startsPlaying({ embed: true }, choice.lesson !== undefined)) p.set('autoplay', choice.autoplay ? '1' : '0');
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
