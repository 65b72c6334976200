// The "Disk chain" region: each disk's files from the base to the file the VM writes now, each drawn
// to scale as a strip of the disk's address space: every slice gets a bar as wide as the share of it
// the file holds data in (the engine's chain[].occupancy), and a bar too thin to see is drawn wider
// and said to be magnified. A read walks from the leaf down until a file holds its grain: the more
// files, the more lookups (read amplification, from the engine).
import { memo, useEffect, useId, useRef, useState } from 'react';
import type { DiskView, VmView } from '../../engine/core/view';
import { formatBytes } from '../../app/format';
import { useSelectedVm } from '../../app/store';
import { diskName } from '../common/diskName';
import { Region } from '../common/Region';
import { useThrottled } from '../common/useThrottled';
import { chainRows, type ChainRow } from './chainRows';
import { MIN_BAR_PX, magnifiedNote, stripBars } from './slices';
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
      <span className="swatch swatch-sliver" /> sliver, magnified
    </p>
  );
}

const DiskChainView = memo(function DiskChainView({ vm, disk }: { vm: VmView; disk: DiskView }) {
  const rows = chainRows(vm, disk);
  const depth = disk.chainDepth;
  return (
    <section className="chain-disk" aria-label={`${disk.label} (${disk.id}) chain`}>
      <h3>
        {diskName(disk)} <span className="muted">· {formatBytes(disk.capacityBytes)}{disk.mode !== 'dependent' ? ` · ${disk.mode}` : ''}</span>
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

/** The strip's inner width in CSS pixels, kept current as the window changes. */
function useStripWidth() {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width] as const;
}

/** The file's share of the disk, in words a person reads at a glance: "25 %", "0.4 %", "under 0.1 %". */
function shareOfDisk(dataBytes: number, capacity: number): string {
  const pct = capacity > 0 ? (dataBytes / capacity) * 100 : 0;
  if (pct === 0) return '0 %';
  if (pct < 0.1) return 'under 0.1 %';
  return `${pct < 10 ? Number(pct.toFixed(1)) : Math.round(pct)} %`;
}

function ChainFile({ row, capacity }: { row: ChainRow; capacity: number }) {
  const [strip, width] = useStripWidth();
  const noteId = useId();
  const { bars, magnified } = stripBars(row.occupancy, width);
  const note = magnifiedNote(magnified);
  const share = shareOfDisk(row.dataBytes, capacity);
  const label = `${row.file}: ${row.what}${row.leaf ? ', You are here' : ''}. ${formatBytes(row.dataBytes)} data, ${formatBytes(row.sizeBytes)} file; data in ${bars.length} of ${row.occupancy.length} slices of the disk's ${formatBytes(capacity)}, ${share} of the disk.`;
  return (
    <li className={`chain-file chain-${row.role} ${row.leaf ? 'chain-leaf' : ''}`}>
      <div className="chain-name">
        <span className="chain-file-name">{row.file}</span>
        <span className="muted small">{row.what}{row.leaf && <strong className="chain-here"> · You are here</strong>}</span>
      </div>
      <div className="chain-drawing">
        <div ref={strip} className="chain-strip" role="img" aria-label={label} aria-describedby={note ? noteId : undefined}>
          {bars.map((b) => (
            <i key={b.index} className={b.magnified ? 'sliver' : undefined}
              style={{ left: `${(b.index * 100) / row.occupancy.length}%`, width: b.magnified ? `${MIN_BAR_PX}px` : `${(b.fraction * 100) / row.occupancy.length}%` }} />
          ))}
        </div>
        <p className="chain-scale muted small">
          {share} of the disk{note && <> · <span id={noteId} className="chain-magnified">{note}</span></>}
        </p>
      </div>
      <div className="chain-sizes small">
        <span><strong>{formatBytes(row.dataBytes)}</strong> data</span>
        <span>{formatBytes(row.sizeBytes)} file</span>
      </div>
    </li>
  );
}
