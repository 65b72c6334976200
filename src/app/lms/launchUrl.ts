// A course package's launch address carries the platform's parameters: lms, and for cmi5 the LRS
// endpoint, the one-time fetch URL, the learner (actor) and the registration. A share link made from
// such a page must not pass those on: it is the lab that is shared, not the learner's launch.
export const LAUNCH_PARAMS = ['lms', 'endpoint', 'fetch', 'actor', 'registration', 'activityId'];

export function withoutLaunchParams(pageUrl: string): string {
  const u = new URL(pageUrl);
  if (!LAUNCH_PARAMS.some((p) => u.searchParams.has(p))) return pageUrl;
  for (const p of LAUNCH_PARAMS) u.searchParams.delete(p);
  return u.toString();
}
