// The built-in labs `load(id)` accepts, as the page's lab picker offers them: by id, with what each holds.
import { builtInLabs } from '../engine/lab/builtInLabs';

export interface LabChoice { id: string; name: string; hosts: number; vms: number }

export const labChoices: LabChoice[] = Object.entries(builtInLabs).map(([id, def]) => ({
  id, name: def.name ?? id, hosts: def.hosts?.length ?? 0, vms: def.vms?.length ?? 0,
}));
