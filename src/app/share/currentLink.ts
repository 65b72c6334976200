// The share link for the lab as it is now: the worker's session, encoded into this page's address.
import { labClient } from '../connection';
import { withoutLaunchParams } from '../lms/launchUrl';
import { shareUrl } from './shareLink';

export interface CurrentLink { url: string; commands: number; name: string }

export async function currentShareLink(pageUrl: string = location.href): Promise<CurrentLink> {
  const session = await (await labClient()).request({ kind: 'session' });
  const definition = session.definition as { name?: unknown };
  return {
    // From a course package's lesson: the lab is shared, never the learner's launch parameters.
    url: await shareUrl(withoutLaunchParams(pageUrl), session),
    commands: session.commands.length,
    name: typeof definition.name === 'string' ? definition.name : 'lab',
  };
}
