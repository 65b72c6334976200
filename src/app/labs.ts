// The built-in labs the page offers in its lab picker: the engine's own list, by id, with what each holds.
import { builtInLabs } from '../engine/lab/builtInLabs';

export interface LabChoice { id: string; name: string; hosts: number; vms: number }

export const labChoices: LabChoice[] = Object.entries(builtInLabs).map(([id, def]) => ({
  id, name: def.name ?? id, hosts: def.hosts?.length ?? 0, vms: def.vms?.length ?? 0,
}));
