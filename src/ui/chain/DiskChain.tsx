// The "Disk chain" region: each disk's files from the base to the file the VM writes now, each drawn
// as a strip of the disk's address space where the slices the file holds data in are filled (the
// engine's chain[].occupancy). A read walks from the leaf down until a file holds its grain: the more
// files, the more lookups (read amplification, from the engine).
import { memo, type CSSProperties } from 'react';
import type { DiskView, VmView } from '../../engine/core/view';
import { formatBytes } from '../../app/format';
import { useSelectedVm } from '../../app/store';
import { Region } from '../common/Region';
import { useThrottled } from '../common/useThrottled';
import { chainRows, type ChainRow } from './chainRows';
import './chain.css';

export function DiskChain({ id }: { id?: string }) {
  const live = useSelectedVm();
  // Occupancy changes with every write while time runs: twice a second is enough to watch it fill.
  const vm = useThrottled(live, 500);
  return (
    <Region name="Disk chain" id={id} title={vm ? `Disk chain · ${vm.name}` : 'Disk chain'} className="disk-chain"
      tools={<ChainLegend />}>
      {!vm ? <p className="muted">Select a virtual machine in the inventory.</p> : (
        <div className="chain-disks">
          {vm.disks.map((d) => <DiskChainView key={d.id} vm={vm} disk={d} />)}
        </div>
      )}
    </Region>
  );
}

function ChainLegend() {
  return (
    <p className="chain-legend muted small" aria-hidden="true">
      <span className="swatch swatch-base" /> base disk
      <span className="swatch swatch-delta" /> delta
      <span className="swatch swatch-empty" /> no data
    </p>
  );
}

const DiskChainView = memo(function DiskChainView({ vm, disk }: { vm: VmView; disk: DiskView }) {
  const rows = chainRows(vm, disk);
  const depth = disk.chainDepth;
  return (
    <section className="chain-disk" aria-label={`${disk.label} (${disk.id}) chain`}>
      <h3>
        {disk.label} <span className="muted">· {disk.id} · {formatBytes(disk.capacityBytes)}{disk.mode !== 'dependent' ? ` · ${disk.mode}` : ''}</span>
      </h3>
      <p className="chain-reads small">
        {depth === 0
          ? 'No snapshot: every read and write goes to the base disk.'
          : <>A read starts at the file “You are here” writes to and walks down until a file holds its grain: <strong>{disk.readAmplification.toFixed(2)} files</strong> read per I/O on average, {depth} {depth === 1 ? 'delta' : 'deltas'} deep.</>}
      </p>
      <ol className="chain-files">
        {rows.map((r) => <ChainFile key={r.file} row={r} capacity={disk.capacityBytes} />)}
      </ol>
    </section>
  );
});

function ChainFile({ row, capacity }: { row: ChainRow; capacity: number }) {
  const held = row.occupancy.filter((f) => f > 0).length;
  const label = `${row.file}: ${row.what}${row.leaf ? ', You are here' : ''}. ${formatBytes(row.dataBytes)} data, ${formatBytes(row.sizeBytes)} file; data in ${held} of ${row.occupancy.length} slices of the disk's ${formatBytes(capacity)}.`;
  return (
    <li className={`chain-file chain-${row.role} ${row.leaf ? 'chain-leaf' : ''}`}>
      <div className="chain-name">
        <span className="chain-file-name">{row.file}</span>
        <span className="muted small">{row.what}{row.leaf && <strong className="chain-here"> · You are here</strong>}</span>
      </div>
      <div className="chain-strip" role="img" aria-label={label}>
        {row.occupancy.map((f, i) => <span key={i} style={f > 0 ? { '--f': f } as CSSProperties : undefined} className={f > 0 ? 'held' : ''} />)}
      </div>
      <div className="chain-sizes small">
        <span><strong>{formatBytes(row.dataBytes)}</strong> data</span>
        <span>{formatBytes(row.sizeBytes)} file</span>
      </div>
    </li>
  );
}
