// The tree's node cards. They only display the snapshot's own fields.
import { memo } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { consistencyLabel, formatSimTime } from '../../app/format';
import { sizesText, type FileLine, type HereNodeData, type SnapshotNodeData } from './nodes';

export type SnapshotFlowNode = Node<SnapshotNodeData, 'snapshot'>;
export type HereFlowNode = Node<HereNodeData, 'here'>;

export const SnapshotNode = memo(function SnapshotNode({ data, selected }: NodeProps<SnapshotFlowNode>) {
  const s = data.snapshot;
  return (
    <div className={`snap-node ${selected ? 'selected' : ''}`}>
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <div className="snap-name"><span className="ico ico-snap" aria-hidden="true" />{s.name}</div>
      <div className="snap-time">{formatSimTime(s.createdAt, false)}</div>
      <div className="badges">
        {s.memory && <span className="badge badge-mem">Memory</span>}
        {s.quiesced && <span className="badge badge-q">Quiesced</span>}
        <span className={`badge badge-c-${s.consistency}`}>{consistencyLabel(s.consistency)}</span>
      </div>
      {data.files.length > 0 && <div className="snap-caption">Writes since</div>}
      {data.files.map((f) => <FileLines key={`${f.disk}${f.file}`} f={f} />)}
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
});

export const HereNode = memo(function HereNode({ data }: NodeProps<HereFlowNode>) {
  return (
    <div className="snap-node here">
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <div className="snap-name"><span className="here-pin" aria-hidden="true">▼</span>You are here</div>
      <div className="snap-time">{data.vmName} writes to</div>
      {data.files.map((f) => <FileLines key={f.disk} f={f} />)}
    </div>
  );
});

/** A file on two lines: its name, then data held and file size (the words Snapshot Manager and Disk chain use). */
function FileLines({ f }: { f: FileLine }) {
  return (
    <div className="snap-file" title={`${f.disk}: ${f.file}`}>
      <div className="snap-file-name">{f.file}</div>
      <div className="snap-file-size">{sizesText(f)}</div>
    </div>
  );
}
