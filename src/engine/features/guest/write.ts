// The guest's write path: a write lands in the disk's writable leaf, allocating the grains it touches
// (rule 10). When the leaf must grow and the datastore is full, the VM pauses on vSphere's question
// (rule 15) and the write waits; while I/O is held (stun, VSS flush-and-hold) writes wait too.
import type { LabContext } from '../context';
import type { Vm } from '../../model/vm';
import { VirtualDisk } from '../../model/disk/virtualDisk';
import type { CommandOf } from '../../core/commands';
import type { CommandResult } from '../../core/view';
import { refuse, quote } from '../../core/result';
import { writeBudgetRefusal } from './memoryBudget';

export function ioHalted(lab: LabContext, vm: Vm): boolean {
  return vm.ioHeld || lab.now < vm.stunnedUntil;
}

/** The checks a guest I/O command shares: the disk exists, the range fits, the guest runs. */
function guestIoRefusal(lab: LabContext, cmd: CommandOf<'guest.write' | 'guest.unmap'>): CommandResult | VirtualDisk {
  const vm = lab.vm(cmd.vm)!;
  const disk = vm.disk(cmd.disk);
  if (!disk) return refuse('DISK_NOT_FOUND', `${vm.name} has no disk ${quote(cmd.disk)}. Disks: ${vm.disks.map((d) => d.id).join(', ')}.`);
  if (cmd.offset + cmd.length > disk.capacityBytes) {
    return refuse('WRITE_OUT_OF_RANGE', `${cmd.type === 'guest.unmap' ? 'An unmap' : 'A write'} of ${cmd.length} bytes at offset ${cmd.offset} ends past the end of ${disk.id} (${disk.capacityBytes} bytes).`);
  }
  if (vm.power !== 'poweredOn') return refuse('VM_NOT_RUNNING', `${vm.name} is ${vm.power === 'suspended' ? 'suspended' : 'powered off'}: its guest cannot write.`);
  if (vm.question) return refuse('VM_PAUSED', `${vm.name} is paused on a question ("${vm.question.text.slice(0, 60)}..."): answer it with vm.answer first.`);
  return disk;
}

export function guestWriteCommand(lab: LabContext, cmd: CommandOf<'guest.write'>): CommandResult {
  const vm = lab.vm(cmd.vm)!;
  const disk = guestIoRefusal(lab, cmd);
  if (!(disk instanceof VirtualDisk)) return disk;
  const budget = writeBudgetRefusal(lab, vm);
  if (budget) return budget;
  if (ioHalted(lab, vm)) vm.held.push({ disk, offset: cmd.offset, length: cmd.length });
  else applyWrite(lab, vm, disk, cmd.offset, cmd.length);
  return { ok: true };
}

/** guest.unmap: whole grains inside the range are released from the leaf (SEsparse only, rule 8). */
export function guestUnmapCommand(lab: LabContext, cmd: CommandOf<'guest.unmap'>): CommandResult {
  const vm = lab.vm(cmd.vm)!;
  const disk = guestIoRefusal(lab, cmd);
  if (!(disk instanceof VirtualDisk)) return disk;
  const leaf = disk.leaf;
  const gb = leaf.grainBytes;
  const released = leaf.unmap(Math.ceil(cmd.offset / gb), Math.floor((cmd.offset + cmd.length) / gb));
  lab.log(vm, 'guest', 'guest.unmap', released
    ? `${vm.name} unmapped ${released * gb} bytes on ${disk.id}: the SEsparse delta shrank.`
    : `${vm.name} unmapped blocks on ${disk.id}; ${leaf.format === 'seSparse' ? 'nothing was allocated there' : `a ${leaf.format} file does not shrink`}.`);
  return { ok: true };
}

const BURST_PIECE_BYTES = 1024 * 1024;

/** Write into the leaf; false when the VM paused on the out-of-space question instead. */
export function applyWrite(lab: LabContext, vm: Vm, disk: VirtualDisk, offset: number, length: number): boolean {
  const leaf = disk.leaf;
  const gb = leaf.grainBytes;
  const first = Math.floor(offset / gb);
  const end = Math.ceil((offset + length) / gb);
  if (leaf.tryWrite(first, end)) {
    // Changed Block Tracking sees every write that lands (a null check when CBT is off).
    if (disk.ctk !== null) disk.ctk.mark(offset, length);
    return true;
  }
  return writeThatGrows(lab, vm, disk, offset, length, first, end);
}

/** The slow path, kept out of applyWrite so that the fast one stays small enough to inline. */
function writeThatGrows(lab: LabContext, vm: Vm, disk: VirtualDisk, offset: number, length: number, first: number, end: number): boolean {
  const leaf = disk.leaf;
  const growth = leaf.growthFor(first, end);
  if (growth > 0 && growth > vm.datastore.freeBytes) {
    // A burst larger than the room left lands piece by piece, in order, until the file can grow no
    // more: the VM pauses with the datastore full, not with gigabytes still free.
    if (length > BURST_PIECE_BYTES) {
      for (let at = offset; at < offset + length; at += BURST_PIECE_BYTES) {
        const piece = Math.min(BURST_PIECE_BYTES, offset + length - at);
        if (!applyWrite(lab, vm, disk, at, piece)) {
          if (at + piece < offset + length) vm.pending.push({ disk, offset: at + piece, length: offset + length - at - piece });
          return false;
        }
      }
      return true;
    }
    vm.pending.push({ disk, offset, length });
    askOutOfSpace(lab, vm, disk, growth);
    return false;
  }
  leaf.write(first, end);
  if (disk.ctk !== null) disk.ctk.mark(offset, length);
  return true;
}

function askOutOfSpace(lab: LabContext, vm: Vm, disk: VirtualDisk, needBytes: number): void {
  if (vm.question) return;
  const leaf = disk.leaf;
  const file = leaf.path.slice(leaf.path.lastIndexOf('/') + 1);
  const text = leaf.isDelta
    ? `There is no more space for the redo log of ${file}. You may be able to continue this session by freeing disk space on the relevant partition, and clicking Retry. Otherwise, click Abort to terminate this session.`
    : `There is no more space for virtual disk ${file}. You may be able to continue this session by freeing disk space on the relevant partition, and clicking Retry. Otherwise, click Abort to terminate this session.`;
  vm.question = { id: `question-${vm.id}-${lab.now}`, text, choices: ['Retry', 'Abort'], file: leaf.path, needBytes };
  lab.log(vm, 'host', 'vm.question', `${vm.name} is paused: ${text}`);
}

/** Apply writes that waited for a stun or a VSS hold to end. */
export function releaseHeld(lab: LabContext, vm: Vm): void {
  if (ioHalted(lab, vm) || vm.question) return;
  const held = vm.held;
  vm.held = [];
  for (let i = 0; i < held.length; i++) {
    const w = held[i];
    if (!applyWrite(lab, vm, w.disk, w.offset, w.length)) {
      // The rest wait behind the question, in order.
      vm.pending.push(...held.slice(i + 1));
      return;
    }
  }
}
