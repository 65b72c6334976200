// Whether a command only reads the lab: a guest console line that changes nothing (the console says
// which forms change it: features/guest/console.ts). Time travel answers such a command in the lab's
// past from a copy of the lab, so looking at the past never starts a branch. Anything else, an unknown
// VM included, may change the lab.
import { consoleLineChanges } from '../features/guest/console';
import type { Lab } from './lab';

export function readsOnly(lab: Lab, command: unknown): boolean {
  const c = (typeof command === 'object' && command !== null ? command : {}) as Record<string, unknown>;
  if (c.type !== 'guest.exec' || typeof c.command !== 'string') return false;
  const vm = lab.vm(String(c.vm));
  return vm !== undefined && !consoleLineChanges(vm, c.command);
}
