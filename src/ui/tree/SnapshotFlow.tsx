// The snapshot tree drawn with @xyflow/react (loaded lazily: it is the heaviest part of this panel).
// Selection lives in the app store so the toolbar, the timeline and the Snapshot Manager agree.
import { useDeferredValue, useEffect, useMemo } from 'react';
import { Background, Controls, ReactFlow, ReactFlowProvider, useReactFlow, type Edge, type NodeChange } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { VmView } from '../../engine/core/view';
import { selectSnapshot, useLab } from '../../app/store';
import { useThrottled } from '../common/useThrottled';
import { HERE_ID, layoutTree } from './layout';
import { changesSince, leafFiles, snapshotAriaLabel } from './nodes';
import { HereNode, SnapshotNode, type HereFlowNode, type SnapshotFlowNode } from './SnapshotNode';

const nodeTypes = { snapshot: SnapshotNode, here: HereNode };

export default function SnapshotFlow({ vm }: { vm: VmView }) {
  // Delta sizes change with every state post while time runs: the tree follows twice a second, in a
  // deferred render, so it never holds up a frame.
  const deferred = useDeferredValue(useThrottled(vm, 500));
  return (
    <ReactFlowProvider>
      <Flow vm={deferred} />
    </ReactFlowProvider>
  );
}

function Flow({ vm }: { vm: VmView }) {
  const selected = useLab((s) => s.selectedSnapshot);
  const { nodes, edges } = useMemo(() => build(vm, selected), [vm, selected]);
  const { fitView } = useReactFlow();
  const shape = nodes.map((n) => n.id).join(',');
  useEffect(() => {
    const t = setTimeout(() => void fitView({ padding: 0.15, maxZoom: 1, duration: 0 }), 0);
    return () => clearTimeout(t);
  }, [shape, fitView]);

  const onNodesChange = (changes: NodeChange[]) => {
    for (const c of changes) {
      if (c.type !== 'select' || c.id === HERE_ID) continue;
      if (c.selected) selectSnapshot(c.id);
      else if (useLab.getState().selectedSnapshot === c.id) selectSnapshot(null);
    }
  };

  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      onNodesChange={onNodesChange}
      nodesDraggable={false}
      nodesConnectable={false}
      edgesFocusable={false}
      elementsSelectable
      fitView
      fitViewOptions={{ padding: 0.15, maxZoom: 1 }}
      minZoom={0.2}
      maxZoom={1.5}
      proOptions={{ hideAttribution: true }}
      ariaLabelConfig={{ 'node.a11yDescription.default': 'Press Enter or Space to select this snapshot.' }}
    >
      <Background gap={16} size={1} />
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}

function build(vm: VmView, selected: string | null) {
  const placed = layoutTree(vm.snapshots, vm.currentSnapshot);
  const byId = new Map(vm.snapshots.map((s) => [s.id, s]));
  const nodes: (SnapshotFlowNode | HereFlowNode)[] = placed.map((p) => {
    if (p.here) {
      return {
        id: p.id, type: 'here' as const, position: { x: p.x, y: p.y }, selectable: false, focusable: false,
        data: { files: leafFiles(vm), vmName: vm.name },
      };
    }
    const s = byId.get(p.id)!;
    return {
      id: s.id, type: 'snapshot' as const, position: { x: p.x, y: p.y }, selected: s.id === selected,
      ariaLabel: snapshotAriaLabel(s, s.id === vm.currentSnapshot), ariaRole: 'button' as const,
      data: { snapshot: s, files: changesSince(s) },
    };
  });
  const edges: Edge[] = placed.filter((p) => p.parent !== null).map((p) => ({
    id: `${p.parent}->${p.id}`, source: p.parent!, target: p.id, type: 'smoothstep',
    className: p.here ? 'edge-here' : undefined, focusable: false,
  }));
  return { nodes, edges };
}
