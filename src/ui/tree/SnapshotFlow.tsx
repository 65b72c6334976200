// The snapshot tree drawn with @xyflow/react (loaded lazily: it is the heaviest part of this panel).
// Selection lives in the app store so the toolbar, the timeline and the Snapshot Manager agree.
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { Background, Controls, ReactFlow, ReactFlowProvider, useReactFlow, useStore, type Edge, type NodeChange } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { VmView } from '../../engine/core/view';
import { usePresenterScale } from '../presenter/usePresenterScale';
import { selectSnapshot, useLab } from '../../app/store';
import { useThrottled } from '../common/useThrottled';
import { HERE_ID, NODE_W, layoutTree } from './layout';
import { StableNodes } from './stableNodes';
import { focusCentre } from './focus';
import { changesSince, leafFiles, snapshotAriaLabel } from './nodes';
import { HereNode, SnapshotNode, type HereFlowNode, type SnapshotFlowNode } from './SnapshotNode';

/** The smallest zoom the tree fits to: card text stays at 9 px or more; a larger tree scrolls. */
const MIN_READABLE_ZOOM = 0.8;
/** Presenter mode: cards at least 1.15x, up to 1.4x, for a projector's back row. */
const PRESENTER_ZOOM = { min: 1.15, max: 1.4 };
const NORMAL_ZOOM = { min: MIN_READABLE_ZOOM, max: 1 };
/** Fit View (the button) fits every card, however small that makes them. */
const FIT_ALL = { padding: 0.06, minZoom: 0.05, maxZoom: 1 };

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
  // Cards keep their object (or at least their measured size) across rebuilds, so React Flow never hides them.
  const [keeper] = useState(() => new StableNodes<SnapshotFlowNode | HereFlowNode>());
  const { nodes, edges } = useMemo(() => {
    const built = build(vm, selected);
    return { nodes: keeper.settle(built.nodes), edges: built.edges };
  }, [vm, selected, keeper]);
  const { fitView, getZoom, setCenter, getInternalNode } = useReactFlow();
  // Presenter mode zooms in, less so in a small window (in step with the type).
  const share = usePresenterScale();
  const zoom = useMemo(() => (share ? { min: Math.max(NORMAL_ZOOM.min, PRESENTER_ZOOM.min * share), max: Math.max(NORMAL_ZOOM.max, PRESENTER_ZOOM.max * share) } : NORMAL_ZOOM), [share]);
  const viewW = useStore((s) => s.width);
  const viewH = useStore((s) => s.height);
  // Re-fit whenever a card is added, removed or moves (a taller card pushes a level down), and when the
  // drawing is resized. Below the readable zoom the tree scrolls instead, showing the newest snapshot
  // (with "You are here" when both fit).
  const shape = nodes.map((n) => `${n.id}@${n.position.x},${n.position.y}`).join(',');
  const newest = vm.snapshots.reduce<string | null>((id, s) => (id === null || s.createdAt >= byTime(vm, id) ? s.id : id), null);
  useEffect(() => {
    if (!viewW || !viewH) return;
    const t = setTimeout(() => {
      void fitView({ padding: 0.12, maxZoom: zoom.max, minZoom: zoom.min, duration: 0 }).then(() => {
        if (getZoom() > zoom.min + 0.001) return;
        const card = (id: string | null) => {
          const n = id === null ? undefined : getInternalNode(id);
          return n && { ...n.internals.positionAbsolute, width: n.measured.width ?? NODE_W, height: n.measured.height ?? 120 };
        };
        const focus = card(newest) ?? card(HERE_ID);
        if (!focus) return;
        const c = focusCentre(focus, newest === null ? undefined : card(HERE_ID), { width: viewW, height: viewH }, zoom.min);
        void setCenter(c.x, c.y, { zoom: zoom.min, duration: 0 });
      });
    }, 0);
    return () => clearTimeout(t);
  }, [shape, fitView, getZoom, setCenter, getInternalNode, newest, zoom, viewW, viewH]);

  // The mouse wheel scrolls the page; once the drawing has focus (a click or Tab), it pans the tree.
  const [focused, setFocused] = useState(false);

  const onNodesChange = (changes: NodeChange[]) => {
    keeper.measured(changes);
    for (const c of changes) {
      if (c.type !== 'select' || c.id === HERE_ID) continue;
      if (c.selected) selectSnapshot(c.id);
      else if (useLab.getState().selectedSnapshot === c.id) selectSnapshot(null);
    }
  };

  return (
    <div className="flow-focus" tabIndex={0} role="group" aria-label="Snapshot tree drawing"
      onFocus={() => setFocused(true)}
      onBlur={(e) => { if (!e.currentTarget.contains(e.relatedTarget)) setFocused(false); }}>
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
      fitViewOptions={{ padding: 0.12, maxZoom: zoom.max, minZoom: zoom.min }}
      minZoom={FIT_ALL.minZoom}
      maxZoom={1.5}
      panOnScroll={focused}
      zoomOnScroll={false}
      preventScrolling={focused}
      proOptions={{ hideAttribution: true }}
      ariaLabelConfig={{ 'node.a11yDescription.default': 'Press Enter or Space to select this snapshot.' }}
    >
      <Background gap={16} size={1} />
      <Controls showInteractive={false} fitViewOptions={FIT_ALL} />
    </ReactFlow>
    </div>
  );
}

const byTime = (vm: VmView, id: string) => vm.snapshots.find((s) => s.id === id)?.createdAt ?? -Infinity;

function build(vm: VmView, selected: string | null) {
  const byIdEarly = new Map(vm.snapshots.map((s) => [s.id, s]));
  // Card heights as the cards draw them (see SnapshotNode): header, badges, then two lines per file.
  const heightOf = (id: string) => (id === HERE_ID ? 52 + vm.disks.length * 32 : 84 + (byIdEarly.get(id)?.deltas.length ?? 0) * 32);
  const placed = layoutTree(vm.snapshots, vm.currentSnapshot, heightOf);
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
