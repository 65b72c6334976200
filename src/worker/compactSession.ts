// Imported logs made small: a session's clock.advance entries become the gaps between its commands.
// Worker-side (it asks the engine's command schema which advances the engine would accept).
import { commandSchemas } from '../engine/index';
import type { Session, SessionCommand } from './session';

/**
 * The same session without its `clock.advance` entries: each becomes the gap before the next command
 * (or the session's end), at exactly the times a replay would reach, so the replay is identical and an
 * imported log of 60,000 advances is saved as a few commands. An advance the engine would refuse
 * changes nothing and simply goes. Sessions with branches or a position are SnapLab's own (which never
 * records advances) and are left as they are.
 */
export function compactSession<S extends Session>(s: S): S {
  if (s.branches !== undefined || s.position !== undefined) return s;
  if (!s.commands.some((c) => c.command.type === 'clock.advance')) return s;
  const commands: SessionCommand[] = [];
  let now = 0;
  for (const c of s.commands) {
    // The replay's own arithmetic: advance(at - now) from now, then the advance's ms from there.
    if (c.at > now) now = now + (c.at - now);
    if (c.command.type === 'clock.advance') {
      const { type: _type, ...fields } = c.command;
      const ok = commandSchemas['clock.advance'].safeParse(fields);
      if (ok.success && ok.data.ms > 0) now = now + ok.data.ms;
      continue;
    }
    commands.push(c.at === now ? c : { at: now, command: c.command });
  }
  return { ...s, commands, time: Math.max(s.time, now) };
}
