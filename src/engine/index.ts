// The engine's public API: everything the worker, the CLI, tests and benchmarks use.
import { Lab, type LabOptions } from './lab/lab';

export { Lab } from './lab/lab';
export type { LabOptions } from './lab/lab';
export { LabDefinitionError, labDefinitionSchema, parseLabDefinition, HOST_VERSIONS } from './lab/schema';
export type { LabDefinition, LabDefinitionInput } from './lab/schema';
export { commandSchemas, COMMAND_TYPES, faultSchema } from './lab/commands';
export type { Command, CommandType } from './lab/commands';
export { builtInLabs, defaultLabDefinition, workshopLab, datacenterLab } from './lab/builtInLabs';
export type * from './lab/view';

/** Build a lab from a definition (contract section 1); throws LabDefinitionError naming the field. */
export function createLab(definition: unknown, options?: LabOptions): Lab {
  return new Lab(definition, options);
}
