// A solution step in the words of the vSphere Client, for the replay's running commentary.
import type { Command } from '../../engine/core/commands';
import { formatDuration } from '../../app/format';

export function describeCommand(c: Command): string {
  switch (c.type) {
    case 'snapshot.take': return `Take Snapshot "${c.name}" of ${c.vm}${c.memory ? ' with memory' : ''}${c.quiesce ? ', quiesced' : ''}`;
    case 'snapshot.revert': return `Revert ${c.vm} to snapshot ${c.snapshot}`;
    case 'snapshot.delete': return `Delete snapshot ${c.snapshot} of ${c.vm}`;
    case 'snapshot.deleteAll': return `Delete All snapshots of ${c.vm}`;
    case 'vm.consolidate': return `Consolidate ${c.vm}`;
    case 'clock.advance': return `Let ${formatDuration(c.ms)} pass`;
    case 'guest.exec': return `In ${c.vm}'s console: ${c.command}`;
    case 'guest.write': return `${c.vm} writes ${Math.round(c.length / 1024 / 1024)} MB to ${c.disk}`;
    case 'fault.inject': return `Inject a ${c.fault.kind} fault into ${c.vm}`;
    case 'fault.clear': return `Clear faults on ${c.vm}`;
    case 'vm.answer': return `Answer ${c.answer === 'retry' ? 'Retry' : 'Abort'} on ${c.vm}`;
    default: return c.type;
  }
}
