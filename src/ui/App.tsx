// The page: a vSphere Client-like frame around the lab's regions.
import { useLab } from '../app/store';
import { CrashBanner } from './common/CrashBanner';
import { ErrorBoundary } from './common/ErrorBoundary';
import { Notices } from './common/Notices';
import { SaveProblem } from './common/SaveProblem';
import { LabPicker } from './controls/LabPicker';
import { SessionMenu } from './controls/SessionMenu';
import { TimeControls } from './controls/TimeControls';
import { useShortcuts } from './controls/useShortcuts';
import { GuestConsole } from './console/GuestConsole';
import { DiskChain } from './chain/DiskChain';
import { DatastorePanel } from './datastore/DatastorePanel';
import { PanelNav, type DeckPanel } from './deck/PanelNav';
import { EventsPanel } from './events/EventsPanel';
import { DeliveryMenu } from './embed/DeliveryMenu';
import { OptionsBanner } from './embed/OptionsBanner';
import { BreakSomething } from './faults/BreakSomething';
import { Inventory } from './inventory/Inventory';
import { LessonSlot } from './lesson/LessonSlot';
import { LmsBanner } from './lms/LmsBanner';
import { VmSettings } from './settings/VmSettings';
import { QuestionDialog } from './tasks/QuestionDialog';
import { RecentTasks } from './tasks/RecentTasks';
import { VssTimeline } from './timeline/VssTimeline';
import { SnapshotTree } from './tree/SnapshotTree';
import { VmHeader } from './vm/VmHeader';

// The VM's panels below the tree and the timeline, in the order the tabs list them.
const DECK: DeckPanel[] = [
  { id: 'panel-chain', label: 'Disk chain' },
  { id: 'panel-events', label: 'Events' },
  { id: 'panel-console', label: 'Guest console' },
  { id: 'panel-faults', label: 'Break something' },
  { id: 'panel-settings', label: 'VM settings' },
  { id: 'panel-datastore', label: 'Datastore' },
];

export function App() {
  useShortcuts();
  const status = useLab((s) => s.status);
  return (
    <div className="app">
      <header className="topbar">
        <div className="brand"><span className="logo" aria-hidden="true" />SnapLab<LabPicker /></div>
        <TimeControls />
        <SessionMenu />
        <DeliveryMenu />
      </header>
      <CrashBanner />
      <SaveProblem />
      <OptionsBanner />
      <LmsBanner />
      {status === 'starting' && <p className="starting" role="status">Starting the lab…</p>}
      <div className="workspace">
        <Inventory />
        <main className="main" aria-label="Virtual machine">
          {/* The first screen: the VM, its tree and its timeline, sized to the window. */}
          <div className="first-screen">
            <ErrorBoundary name="VM summary"><VmHeader /></ErrorBoundary>
            <div className="grid-2">
              <SnapshotTree />
              <VssTimeline />
            </div>
          </div>
          <PanelNav panels={DECK} />
          <DiskChain id="panel-chain" />
          <EventsPanel id="panel-events" />
          <div className="grid-3">
            <GuestConsole id="panel-console" />
            <BreakSomething id="panel-faults" />
            <VmSettings id="panel-settings" />
          </div>
          <DatastorePanel id="panel-datastore" />
        </main>
        <LessonSlot />
      </div>
      <RecentTasks />
      <QuestionDialog />
      <Notices />
    </div>
  );
}
