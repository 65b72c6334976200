// Checks on a domain controller after its disks went back in time: USN rollback, or a new invocation ID.
import { z } from 'zod';
import { defineCheck, vmId } from './define';
import { findVm, isResult, met, unmet } from './context';

export const directory = defineCheck('directory', {
  vm: vmId,
  usnRollback: z.boolean().optional().describe('the DC has found itself in USN rollback (event 2095)'),
  invocationReset: z.boolean().optional().describe('the DC has taken a new invocation ID at least once'),
}, (state, p) => {
  const vm = findVm(state, p.vm);
  if (isResult(vm)) return vm;
  const ad = vm.apps.ad;
  if (!ad) return unmet(`${vm.name} is not a domain controller.`);
  if (p.usnRollback === true && !ad.usnRollback) {
    return unmet(`${vm.name} replicates normally: no partner holds more of its changes than it has (it is at change number ${ad.highestUsn}).`);
  }
  if (p.usnRollback === false && ad.usnRollback) return unmet(`${vm.name} is in USN rollback: Netlogon is paused and it no longer replicates.`);
  if (p.invocationReset === true && ad.invocationIdResets === 0) {
    return unmet(`${vm.name} still has the invocation ID it started with${ad.vmGenerationId ? '' : ', and it cannot see a VM-Generation ID on this host'}.`);
  }
  if (p.invocationReset === false && ad.invocationIdResets > 0) return unmet(`${vm.name} has taken a new invocation ID.`);
  return met;
});
