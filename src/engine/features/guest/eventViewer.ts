// The guest's event log as text: `eventvwr [application|system|directory] [count]` on every Windows
// guest and `wevtutil qe Application|System|"Directory Service"` on Windows 2008 and later. Newest
// first, as Event Viewer lists. A domain controller also has the Directory Service log.
import type { Vm } from '../../model/vm';
import type { GuestEvent } from '../../model/guest/guestState';
import { guestDate } from '../../model/guest/wallClock';

const DEFAULT_COUNT = 30;

export function eventvwr(vm: Vm, args: string[]): string {
  const which = (args[0] ?? '').toLowerCase();
  const dc = vm.guest.directory !== null;
  const named: Record<string, GuestEvent['log']> = { system: 'System', application: 'Application', directory: 'Directory Service', ds: 'Directory Service' };
  const all: GuestEvent['log'][] = dc ? ['Application', 'System', 'Directory Service'] : ['Application', 'System'];
  const logs: GuestEvent['log'][] = named[which] ? [named[which]] : all;
  if (which && !named[which] && !/^\d+$/.test(which)) {
    return `Usage: eventvwr [application|system${dc ? '|directory' : ''}] [count]\n`;
  }
  const countArg = args.find((a) => /^\d+$/.test(a));
  const count = countArg ? Math.max(1, Number(countArg)) : DEFAULT_COUNT;
  return logs.map((log) => listing(vm, log, count)).join('\n');
}

function listing(vm: Vm, log: GuestEvent['log'], count: number): string {
  const entries = vm.guest.eventLog.filter((e) => e.log === log).slice(-count).reverse();
  let out = `${log} log of ${vm.name} (newest first, ${entries.length} shown)\n\n`;
  if (!entries.length) return `${out}   (no events)\n`;
  out += `${'Type'.padEnd(12)}${'Date'.padEnd(11)}${'Time'.padEnd(12)}${'Source'.padEnd(28)}Event ID\n`;
  for (const e of entries) {
    const { date, time } = guestDate(e.time);
    out += `${e.level.padEnd(12)}${date.padEnd(11)}${time.padEnd(12)}${e.source.padEnd(28)}${e.id}\n`;
    out += `${e.message.split('\n').map((l) => `   ${l}`).join('\n')}\n\n`;
  }
  return out;
}

/** `wevtutil qe <log> [/c:N] [/f:text]`: the same entries in wevtutil's text layout. */
export function wevtutil(vm: Vm, args: string[]): string {
  const verb = (args[0] ?? '').toLowerCase();
  // "Directory Service" arrives as two words; its quotes are optional.
  const rest = args.slice(1).filter((a) => !a.startsWith('/'));
  const log = rest.join(' ').replace(/"/g, '').toLowerCase();
  const names: Record<string, GuestEvent['log']> = { application: 'Application', system: 'System', 'directory service': 'Directory Service' };
  if ((verb !== 'qe' && verb !== 'query-events') || !names[log]) {
    return 'Usage: wevtutil qe <Application|System|"Directory Service"> [/c:<count>] [/rd:true] [/f:text]\n';
  }
  const c = args.find((a) => /^\/c:\d+$/i.test(a));
  const count = c ? Math.max(1, Number(c.slice(3))) : DEFAULT_COUNT;
  const name = names[log];
  const entries = vm.guest.eventLog.filter((e) => e.log === name).slice(-count).reverse();
  return entries.map((e, i) => {
    const { date, time } = guestDate(e.time);
    return `Event[${i}]:\n  Log Name: ${name}\n  Source: ${e.source}\n  Date: ${date} ${time}\n  Event ID: ${e.id}\n  Level: ${e.level}\n  Computer: ${vm.name}\n  Description:\n${e.message.split('\n').map((l) => `  ${l}`).join('\n')}\n`;
  }).join('\n') || 'No events.\n';
}
