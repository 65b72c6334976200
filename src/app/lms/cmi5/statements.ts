// cmi5 "defined" statements (cmi5 section 9): the AU's activity as object, the platform's context
// template with the registration, the cmi5 category (and moveOn for completion or success), a UUID id
// and a timestamp. The template's values are kept as they are: the AU may add, never overwrite.
import type { Agent, Cmi5Launch } from './launch';

export const VERBS = {
  initialized: 'http://adlnet.gov/expapi/verbs/initialized',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  passed: 'http://adlnet.gov/expapi/verbs/passed',
  failed: 'http://adlnet.gov/expapi/verbs/failed',
  terminated: 'http://adlnet.gov/expapi/verbs/terminated',
} as const;
export type Verb = keyof typeof VERBS;

export const CATEGORY_CMI5 = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
export const CATEGORY_MOVEON = 'https://w3id.org/xapi/cmi5/context/categories/moveon';
export const EXT_SESSION_ID = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
export const EXT_MASTERY_SCORE = 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore';

interface Activity { id: string; objectType?: 'Activity' }
export interface Context {
  registration?: string;
  contextActivities?: { parent?: Activity[]; grouping?: Activity[]; category?: Activity[]; other?: Activity[] };
  extensions?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface LaunchData {
  contextTemplate: Context;
  launchMode: 'Normal' | 'Browse' | 'Review';
  moveOn?: string;
  masteryScore?: number;
  returnURL?: string;
}

export interface Result {
  completion?: boolean;
  success?: boolean;
  score?: { scaled: number; raw: number; min: number; max: number };
  duration?: string;
}

export interface Statement {
  id: string;
  timestamp: string;
  actor: Agent;
  verb: { id: string; display: Record<string, string> };
  object: { objectType: 'Activity'; id: string };
  context: Context;
  result?: Result;
}

/** ISO 8601 duration in seconds, e.g. PT75.2S. */
export function isoDuration(ms: number): string {
  return `PT${Math.round(Math.max(0, ms) / 100) / 10}S`;
}

/** A v4 UUID from the platform's random source (crypto.randomUUID needs a secure context). */
export function uuid(random: (bytes: Uint8Array<ArrayBuffer>) => void = (b) => { crypto.getRandomValues(b); }): string {
  const b = new Uint8Array(16);
  random(b);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function cmi5Statement(launch: Cmi5Launch, data: LaunchData, verb: Verb, at: Date, id: string, result?: Result): Statement {
  const template: Context = structuredClone(data.contextTemplate ?? {});
  const activities = template.contextActivities ?? {};
  const category = [...(activities.category ?? [])];
  const add = (cat: string) => { if (!category.some((c) => c.id === cat)) category.push({ id: cat }); };
  add(CATEGORY_CMI5);
  if (result && (result.completion !== undefined || result.success !== undefined)) add(CATEGORY_MOVEON);
  const extensions = { ...(template.extensions ?? {}) };
  if ((verb === 'passed' || verb === 'failed') && data.masteryScore !== undefined && !(EXT_MASTERY_SCORE in extensions)) extensions[EXT_MASTERY_SCORE] = data.masteryScore;
  const context: Context = {
    ...template,
    registration: template.registration ?? launch.registration,
    contextActivities: { ...activities, category },
    extensions,
  };
  const statement: Statement = {
    id,
    timestamp: at.toISOString(),
    actor: launch.actor,
    verb: { id: VERBS[verb], display: { 'en-US': verb } },
    object: { objectType: 'Activity', id: launch.activityId },
    context,
  };
  if (result) statement.result = result;
  return statement;
}
