// `repadmin /showrepl` in a domain controller's console: its DSA options and each inbound partner's
// last attempt, in repadmin's layout. A rolled-back DC shows DISABLE_INBOUND_REPL and
// DISABLE_OUTBOUND_REPL and its partners' attempts fail; a healthy one shows them successful.
import type { LabContext } from '../context';
import type { Vm } from '../../model/vm';
import { stableGuid } from '../../core/ids';
import { guestDate } from '../../model/guest/wallClock';
import { domainControllers, REPL_RESULT } from './replication';

const RESULT_TEXT: Record<number, string> = {
  [REPL_RESULT.rpcUnavailable]: 'The RPC server is unavailable.',
  [REPL_RESULT.sourceRejecting]: 'The source server is currently rejecting replication requests.',
  [REPL_RESULT.destinationRejecting]: 'The destination server is currently rejecting replication requests.',
};

const USAGE = 'Usage: repadmin /showrepl   (this domain controller\'s inbound replication partners and their last attempt)\n';
const NAMING_CONTEXTS = ['DC=lab,DC=local', 'CN=Configuration,DC=lab,DC=local', 'CN=Schema,CN=Configuration,DC=lab,DC=local'];

export function repadmin(lab: LabContext, vm: Vm, args: string[]): string | null {
  const d = vm.guest.directory;
  if (!d) return null;   // not a domain controller: cmd.exe does not know the command
  const verb = (args[0] ?? '').toLowerCase();
  if (verb !== '/showrepl' && verb !== '/showreps') return USAGE;
  const options = ['IS_GC', ...(d.dsaNotWritable ? ['DISABLE_INBOUND_REPL', 'DISABLE_OUTBOUND_REPL'] : [])];
  let out = `Repadmin: running command /showrepl against full DC localhost\nDefault-First-Site-Name\\${vm.name}\n`
    + `DSA Options: ${options.join(' ')}\nSite Options: (none)\n`
    + `DSA object GUID: ${stableGuid(lab.seed, vm.id, 'dsa').slice(1, -1)}\nDSA invocationID: ${d.invocationId}\n\n`
    + '==== INBOUND NEIGHBORS ======================================\n';
  const partners = domainControllers(lab).filter((p) => p !== vm);
  if (!partners.length) return `${out}\n(none: ${vm.name} is the only domain controller of the domain)\n`;
  for (const nc of NAMING_CONTEXTS) {
    out += `\n${nc}\n`;
    for (const p of partners) {
      const a = d.inbound.get(p.id);
      out += `    Default-First-Site-Name\\${p.name} via RPC\n        DSA object GUID: ${stableGuid(lab.seed, p.id, 'dsa').slice(1, -1)}\n`;
      if (!a) { out += '        (no attempt yet)\n'; continue; }
      const { date, time } = guestDate(a.time);
      out += a.result === REPL_RESULT.success
        ? `        Last attempt @ ${date} ${time} was successful.\n`
        : `        Last attempt @ ${date} ${time} failed, result ${a.result} (0x${a.result.toString(16)}):\n            ${RESULT_TEXT[a.result] ?? 'Replication error.'}\n`;
    }
  }
  return out;
}
