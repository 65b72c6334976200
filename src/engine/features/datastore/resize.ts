// datastore.resize: a datastore grows (or shrinks, never below what it holds and running tasks have
// reserved), as when an admin extends the LUN and the VMFS volume.
import type { LabContext } from '../context';
import type { CommandOf } from '../../core/commands';
import { refuse, quote, type CommandResult } from '../../core/result';
import { GiB } from '../../core/schema';
import { formatBytes } from '../../core/format';
import { MAX_DATASTORE_BYTES, MIN_DATASTORE_BYTES } from '../../model/limits';

export function resizeCommand(lab: LabContext, cmd: CommandOf<'datastore.resize'>): CommandResult {
  const ds = lab.datastore(cmd.datastore);
  if (!ds) return refuse('DATASTORE_NOT_FOUND', `There is no datastore ${quote(cmd.datastore)}. Datastores: ${lab.datastores.map((d) => d.id).join(', ')}.`);
  const bytes = cmd.capacityBytes ?? Math.round(cmd.capacityGB! * GiB);
  const field = cmd.capacityBytes !== undefined ? 'capacityBytes' : 'capacityGB';
  if (bytes > MAX_DATASTORE_BYTES) return refuse('INVALID_COMMAND', `datastore.resize: field "${field}": expected at most 64 TB, the largest datastore vSphere mounts; got ${formatBytes(bytes)}.`);
  if (bytes < MIN_DATASTORE_BYTES) return refuse('INVALID_COMMAND', `datastore.resize: field "${field}": expected at least 1 GB; got ${formatBytes(bytes)}.`);
  // Running tasks keep the space they reserved when they started (a snapshot's memory, a swap file).
  const reserved = ds.reservedBytes;
  if (bytes < ds.usedBytes + reserved) {
    const held = reserved > 0 ? ` and running tasks have reserved ${formatBytes(reserved)} more` : '';
    return refuse('DATASTORE_TOO_SMALL', `${ds.id} holds ${formatBytes(ds.usedBytes)}${held}; it cannot shrink to ${formatBytes(bytes)}.`);
  }
  const was = ds.capacityBytes;
  ds.capacityBytes = bytes;
  lab.log(null, 'vCenter', 'datastore.resized', `Datastore ${ds.id} ${bytes >= was ? 'grew' : 'shrank'} from ${formatBytes(was)} to ${formatBytes(bytes)}.`);
  return { ok: true };
}
