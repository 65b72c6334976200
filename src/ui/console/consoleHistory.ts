// Command history for the guest console: up/down walk back and forth, as in cmd.exe.

export interface History { entries: string[]; cursor: number }

export const emptyHistory = (): History => ({ entries: [], cursor: 0 });

export function pushHistory(h: History, line: string): History {
  const entries = line.trim() && h.entries[h.entries.length - 1] !== line ? [...h.entries, line].slice(-100) : h.entries;
  return { entries, cursor: entries.length };
}

/** Move the cursor (-1 older, +1 newer); returns the line to show ('' past the newest). */
export function browse(h: History, dir: -1 | 1): { history: History; line: string } {
  const cursor = Math.max(0, Math.min(h.entries.length, h.cursor + dir));
  return { history: { ...h, cursor }, line: h.entries[cursor] ?? '' };
}

export const HELP_TEXT = [
  'Commands the lab understands in this guest:',
  '  vssadmin list writers          writers, their state and last error',
  '  vssadmin list providers        installed shadow copy providers',
  '  vssadmin list shadows          existing shadow copies',
  '  net stop <service>             stop a service (e.g. net stop vss)',
  '  net start <service>            start a service',
  '  sc config vss start= <disabled|demand|auto>',
  '  help                           this list;  cls  clears the screen',
  'Up and down arrows recall earlier commands.',
].join('\n');
