// The engine's public API: everything the worker, the CLI, tests and benchmarks use.
import { Lab, type LabOptions } from './lab/lab';

export { Lab } from './lab/lab';
export type { LabOptions } from './lab/lab';
export { LabDefinitionError, labDefinitionSchema, parseLabDefinition, HOST_VERSIONS } from './core/schema';
export type { LabDefinition, LabDefinitionInput } from './core/schema';
export { commandSchemas, COMMAND_TYPES, faultSchema } from './core/commands';
export type { Command, CommandType } from './core/commands';
export { builtInLabs, defaultLabDefinition, workshopLab, datacenterLab } from './lab/builtInLabs';
export type * from './core/view';

/** Build a lab from a definition (docs/lab-definition.md); throws LabDefinitionError naming the field. */
export function createLab(definition: unknown, options?: LabOptions): Lab {
  return new Lab(definition, options);
}
