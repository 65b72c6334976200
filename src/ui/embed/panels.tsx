// The regions an embed can show, by the panel names of docs/embedding.md.
import type { ComponentType } from 'react';
import type { Panel } from '../../app/embed/urlOptions';
import { GuestConsole } from '../console/GuestConsole';
import { DatastorePanel } from '../datastore/DatastorePanel';
import { Inventory } from '../inventory/Inventory';
import { LessonSlot } from '../lesson/LessonSlot';
import { RecentTasks } from '../tasks/RecentTasks';
import { VssTimeline } from '../timeline/VssTimeline';
import { SnapshotTree } from '../tree/SnapshotTree';

export const PANEL_REGIONS: Record<Panel, { component: ComponentType; label: string }> = {
  inventory: { component: Inventory, label: 'Inventory' },
  tree: { component: SnapshotTree, label: 'Snapshot tree' },
  timeline: { component: VssTimeline, label: 'VSS timeline' },
  datastore: { component: DatastorePanel, label: 'Datastore' },
  tasks: { component: RecentTasks, label: 'Recent Tasks' },
  console: { component: GuestConsole, label: 'Guest console' },
  lesson: { component: LessonSlot, label: 'Lesson' },
};

/** What an embed shows when its URL names no panels. */
export const DEFAULT_EMBED_PANELS: Panel[] = ['tree', 'timeline', 'datastore', 'tasks'];
