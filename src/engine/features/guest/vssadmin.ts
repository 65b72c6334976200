// `vssadmin list writers | providers | shadows` in the exact layout of Windows Server 2003/2008
// (vss.md rules 21-22): the tool's header, three-space indents, a blank line after each entry.
import type { LabContext } from '../context';
import type { Vm } from '../../model/vm';
import { findService, startService } from './services';
import { activeWriters } from '../vss/guestModel';
import { writerStateText, writerErrorText } from '../vss/writerText';
import { SOFTWARE_PROVIDER, VMWARE_PROVIDER } from '../vss/shadows';
import { guestDate } from '../../model/guest/wallClock';

export const VSSADMIN_HEADER = 'vssadmin 1.1 - Volume Shadow Copy Service administrative command-line tool\n(C) Copyright 2001-2005 Microsoft Corp.\n';
export const SERVICE_DISABLED = 'The service cannot be started, either because it is disabled or because it has no enabled devices associated with it.';

const SUPPORTED = '---- Commands Supported ----\n\n'
  + 'List Providers        - List registered volume shadow copy providers\n'
  + 'List Shadows          - List existing volume shadow copies\n'
  + 'List Writers          - List subscribed volume shadow copy writers\n';

export function vssadmin(lab: LabContext, vm: Vm, args: string[]): string {
  const sub = args.map((a) => a.toLowerCase()).join(' ');
  if (!sub) return `${VSSADMIN_HEADER}\n${SUPPORTED}`;
  const what = sub === 'list writers' ? 'writers' : sub === 'list providers' ? 'providers' : sub === 'list shadows' ? 'shadows' : null;
  if (!what) return `${VSSADMIN_HEADER}\nError: Invalid command.\n\n${SUPPORTED}`;
  // vssadmin talks to the VSS service and starts it on demand, unless it is Disabled.
  const vss = findService(vm, 'VSS');
  if (!vss || !startService(lab, vm, vss)) return `${VSSADMIN_HEADER}\nError: ${SERVICE_DISABLED}\n`;
  if (what === 'writers') return `${VSSADMIN_HEADER}\n${listWriters(vm)}`;
  if (what === 'providers') return `${VSSADMIN_HEADER}\n${listProviders(vm)}`;
  return `${VSSADMIN_HEADER}\n${listShadows(vm)}`;
}

function listWriters(vm: Vm): string {
  // vssadmin's message MSG_INFO_WAITING_RESPONSES is two lines, the first with a trailing space.
  let out = 'Waiting for responses. \nThese may be delayed if a shadow copy is being prepared.\n\n';
  for (const w of activeWriters(vm)) {
    out += `Writer name: '${w.name}'\n   Writer Id: ${w.id}\n   Writer Instance Id: ${w.instanceId}\n`
      + `   State: [${w.state}] ${writerStateText(w.state)}\n   Last error: ${writerErrorText(w.lastError)}\n\n`;
  }
  return out;
}

function listProviders(vm: Vm): string {
  // The VMware provider shows only while VMware Tools quiesces (rule 22, SEED).
  const providers = vm.guest.vmwareProvider ? [SOFTWARE_PROVIDER, VMWARE_PROVIDER] : [SOFTWARE_PROVIDER];
  return providers.map((p) => `Provider name: '${p.name}'\n   Provider type: ${p.type}\n   Provider Id: ${p.id}\n   Version: ${p.version}\n\n`).join('');
}

function listShadows(vm: Vm): string {
  const shadows = vm.guest.shadows;
  if (!shadows.length) return 'No items found that satisfy the query.\n';
  const sets = [...new Set(shadows.map((s) => s.setId))];
  let out = '';
  for (const setId of sets) {
    const members = shadows.filter((s) => s.setId === setId);
    const { date, time } = guestDate(members[0].createdAt);
    out += `Contents of shadow copy set ID: ${setId}\n   Contained ${members.length} shadow copies at creation time: ${date} ${time}\n`;
    for (const s of members) {
      out += `      Shadow Copy ID: ${s.id}\n         Original Volume: (${s.volume.letter})\\\\?\\Volume${s.volume.guid}\\\n`
        + `         Shadow Copy Volume: \\\\?\\GLOBALROOT\\Device\\HarddiskVolumeShadowCopy${s.index}\n`
        + `         Originating Machine: ${vm.name}\n         Service Machine: ${vm.name}\n`
        + `         Provider: '${s.provider}'\n         Type: ${s.type}\n         Attributes: Auto release, Differential\n\n`;
    }
  }
  return out;
}
