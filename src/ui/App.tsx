// The page: a vSphere Client-like frame around the lab's regions.
import { useLmsStatus } from '../app/lms/lmsStatus';
import { useLab } from '../app/store';
import { CrashBanner } from './common/CrashBanner';
import { ErrorBoundary } from './common/ErrorBoundary';
import { NewVersion } from './common/NewVersion';
import { Notices } from './common/Notices';
import { SaveProblem } from './common/SaveProblem';
import { LabPicker } from './controls/LabPicker';
import { SessionMenu } from './controls/SessionMenu';
import { TimeControls } from './controls/TimeControls';
import { PastSign } from './controls/PastSign';
import { BranchConfirm } from './controls/BranchConfirm';
import { useShortcuts } from './controls/useShortcuts';
import { GuestConsole } from './console/GuestConsole';
import { DiskChain } from './chain/DiskChain';
import { DatastorePanel } from './datastore/DatastorePanel';
import { PanelNav, type DeckPanel } from './deck/PanelNav';
import { EventsPanel } from './events/EventsPanel';
import { DeliveryMenu } from './embed/DeliveryMenu';
import { OptionsBanner } from './embed/OptionsBanner';
import { BreakSomething } from './faults/BreakSomething';
import { BackupJobs } from './backup/BackupJobs';
import { Inventory } from './inventory/Inventory';
import { FoldingLesson } from './lesson/FoldingLesson';
import { LmsBanner } from './lms/LmsBanner';
import { VmSettings } from './settings/VmSettings';
import { QuestionDialog } from './tasks/QuestionDialog';
import { RecentTasks } from './tasks/RecentTasks';
import { VssTimeline } from './timeline/VssTimeline';
import { SnapshotTree } from './tree/SnapshotTree';
import { VmHeader } from './vm/VmHeader';
import { VmAlarms } from './vm/VmAlarms';
import { KeyLegend } from './presenter/KeyLegend';

// The VM's panels below the tree and the timeline, in the order the tabs list them.
const DECK: DeckPanel[] = [
  { id: 'panel-chain', label: 'Disk chain' },
  { id: 'panel-events', label: 'Events' },
  { id: 'panel-console', label: 'Guest console' },
  { id: 'panel-faults', label: 'Break something' },
  { id: 'panel-settings', label: 'VM settings' },
  { id: 'panel-datastore', label: 'Datastore' },
];
// The Backup jobs region is there only when the lab has jobs (docs/api.md, "What a person sees").
const BACKUP_PANEL: DeckPanel = { id: 'panel-backup', label: 'Backup jobs' };
// Before Datastore, so its tab brings the jobs themselves to the top (the last panel cannot scroll there).
const DECK_WITH_BACKUP = [...DECK.slice(0, -1), BACKUP_PANEL, ...DECK.slice(-1)];

// Each panel sits in its own error boundary, outside the panel (a Region's own boundary cannot catch
// what fails in the component that renders it): a panel that fails says so and the rest keeps working.
export function App() {
  useShortcuts();
  const status = useLab((s) => s.status);
  const hasJobs = useLab((s) => s.state.backupJobs.length > 0);
  // A course package's lab is the one its platform keeps: until that is read, no lab is shown.
  const lmsWaiting = useLmsStatus((s) => s.state === 'connecting' || s.state === 'stopped');
  return (
    <div className="app">
      <header className="topbar">
        <div className="brand"><span className="logo" aria-hidden="true" />SnapLab<LabPicker /></div>
        <TimeControls />
        <SessionMenu />
        <DeliveryMenu />
      </header>
      <PastSign />
      <CrashBanner />
      <NewVersion />
      <SaveProblem />
      <OptionsBanner />
      <LmsBanner />
      {status === 'starting' && <p className="starting" role="status">Starting the lab…</p>}
      <div className="workspace" hidden={lmsWaiting}>
        <ErrorBoundary name="Inventory"><Inventory /></ErrorBoundary>
        <main className="main" aria-label="Virtual machine">
          {/* The first screen: the VM, its tree and its timeline, sized to the window. */}
          <div className="first-screen">
            <ErrorBoundary name="VM summary"><VmHeader /><VmAlarms /></ErrorBoundary>
            <div className="grid-2">
              <ErrorBoundary name="Snapshot tree"><SnapshotTree /></ErrorBoundary>
              <ErrorBoundary name="VSS timeline"><VssTimeline /></ErrorBoundary>
            </div>
          </div>
          <PanelNav panels={hasJobs ? DECK_WITH_BACKUP : DECK} />
          <ErrorBoundary name="Disk chain"><DiskChain id="panel-chain" /></ErrorBoundary>
          <ErrorBoundary name="Events"><EventsPanel id="panel-events" /></ErrorBoundary>
          <div className="grid-3">
            <ErrorBoundary name="Guest console"><GuestConsole id="panel-console" /></ErrorBoundary>
            <ErrorBoundary name="Break something"><BreakSomething id="panel-faults" /></ErrorBoundary>
            <ErrorBoundary name="VM settings"><VmSettings id="panel-settings" /></ErrorBoundary>
          </div>
          <ErrorBoundary name="Backup jobs"><BackupJobs id="panel-backup" /></ErrorBoundary>
          <ErrorBoundary name="Datastore"><DatastorePanel id="panel-datastore" /></ErrorBoundary>
        </main>
        <FoldingLesson />
      </div>
      {/* Recent Tasks and, in presenter mode, the keys: a strip of their own below the panels. */}
      <div className="bottom-strip">
        <ErrorBoundary name="Recent Tasks"><RecentTasks /></ErrorBoundary>
        <KeyLegend />
      </div>
      <QuestionDialog />
      <BranchConfirm />
      <Notices />
    </div>
  );
}
