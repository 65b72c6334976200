// What a cmi5 LMS checks in the statements an AU sends (cmi5 sections 9.3 and 9.6), as problems in
// words: every statement about the AU's activity, for the launch's actor and registration, with the
// cmi5 category and the session id; per session initialized first and terminated last, once each;
// completed at most once per registration, with completion and duration; passed and failed with
// success and a score; moveon on completed, passed and failed; unique ids; timestamps.
export const CMI5_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
export const MOVEON_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/moveon';
export const SESSION_ID_EXT = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
const DEFINED = ['initialized', 'completed', 'passed', 'failed', 'terminated'];

export interface Cmi5Statement {
  id: string;
  timestamp: string;
  actor: unknown;
  verb: { id: string; display: Record<string, string> };
  object: { id: string };
  context: { registration?: string; extensions?: Record<string, unknown>; contextActivities?: { category?: { id: string }[]; grouping?: { id: string }[] } };
  result?: { completion?: boolean; success?: boolean; duration?: string; score?: { scaled?: number } };
}

export interface LaunchFacts { actor: unknown; registration: string; activityId: string }

const verbOf = (s: Cmi5Statement) => s.verb.id.replace('http://adlnet.gov/expapi/verbs/', '');

/** One statement on its own. */
export function statementProblems(s: Cmi5Statement, launch: LaunchFacts): string[] {
  const p: string[] = [];
  const verb = verbOf(s);
  const where = `${verb} ${s.id}`;
  if (!DEFINED.includes(verb)) p.push(`${where}: not a cmi5 defined verb`);
  if (JSON.stringify(s.actor) !== JSON.stringify(launch.actor)) p.push(`${where}: actor is not the launch's actor`);
  if (s.object?.id !== launch.activityId) p.push(`${where}: object is not the AU's activity`);
  if (s.context?.registration !== launch.registration) p.push(`${where}: registration is not the launch's`);
  const categories = (s.context?.contextActivities?.category ?? []).map((c) => c.id);
  if (!categories.includes(CMI5_CATEGORY)) p.push(`${where}: no cmi5 category`);
  if (typeof s.context?.extensions?.[SESSION_ID_EXT] !== 'string') p.push(`${where}: no session id extension`);
  const judged = verb === 'completed' || verb === 'passed' || verb === 'failed';
  if (judged !== categories.includes(MOVEON_CATEGORY)) p.push(`${where}: moveon category ${judged ? 'missing' : 'where it does not belong'}`);
  if (verb === 'completed' && (s.result?.completion !== true || !s.result.duration)) p.push(`${where}: completed needs result.completion true and a duration`);
  if ((verb === 'passed' || verb === 'failed') && (s.result?.success !== (verb === 'passed') || typeof s.result?.score?.scaled !== 'number')) p.push(`${where}: ${verb} needs result.success and a scaled score`);
  if (verb === 'terminated' && !s.result?.duration) p.push(`${where}: terminated needs a duration`);
  if (!s.timestamp || Number.isNaN(Date.parse(s.timestamp))) p.push(`${where}: no timestamp`);
  return p;
}

/** The statements an LRS holds for one registration, in the order it stored them. */
export function sequenceProblems(statements: Cmi5Statement[]): string[] {
  const p: string[] = [];
  const ids = new Set<string>();
  for (const s of statements) {
    if (ids.has(s.id)) p.push(`statement ${s.id} stored twice`);
    ids.add(s.id);
  }
  if (statements.filter((s) => verbOf(s) === 'completed').length > 1) p.push('completed more than once in the registration');
  if (statements.filter((s) => verbOf(s) === 'passed').length > 1) p.push('passed more than once in the registration');
  const sessions = new Map<string, Cmi5Statement[]>();
  for (const s of statements) {
    const id = String(s.context?.extensions?.[SESSION_ID_EXT]);
    sessions.set(id, [...(sessions.get(id) ?? []), s]);
  }
  for (const [session, list] of sessions) {
    const verbs = list.map(verbOf);
    if (verbs[0] !== 'initialized') p.push(`session ${session}: ${verbs[0]} before initialized`);
    if (verbs.filter((v) => v === 'initialized').length > 1) p.push(`session ${session}: initialized twice`);
    const end = verbs.indexOf('terminated');
    if (end >= 0 && end !== verbs.length - 1) p.push(`session ${session}: ${verbs.slice(end + 1).join(', ')} after terminated`);
    if (verbs.filter((v) => v === 'terminated').length > 1) p.push(`session ${session}: terminated twice`);
    const times = list.map((s) => Date.parse(s.timestamp));
    if (times.some((t, i) => i > 0 && t < times[i - 1])) p.push(`session ${session}: timestamps out of order`);
  }
  return p;
}
