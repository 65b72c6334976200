// The page: a vSphere Client-like frame around the lab's regions.
import { useLab } from '../app/store';
import { CrashBanner } from './common/CrashBanner';
import { ErrorBoundary } from './common/ErrorBoundary';
import { Notices } from './common/Notices';
import { SessionMenu } from './controls/SessionMenu';
import { TimeControls } from './controls/TimeControls';
import { useShortcuts } from './controls/useShortcuts';
import { GuestConsole } from './console/GuestConsole';
import { DatastorePanel } from './datastore/DatastorePanel';
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

export function App() {
  useShortcuts();
  const status = useLab((s) => s.status);
  const labName = useLab((s) => s.state.name);
  return (
    <div className="app">
      <header className="topbar">
        <div className="brand"><span className="logo" aria-hidden="true" />SnapLab<span className="lab-name">{labName}</span></div>
        <TimeControls />
        <SessionMenu />
        <DeliveryMenu />
      </header>
      <CrashBanner />
      <OptionsBanner />
      <LmsBanner />
      {status === 'starting' && <p className="starting" role="status">Starting the lab…</p>}
      <div className="workspace">
        <Inventory />
        <main className="main" aria-label="Virtual machine">
          <ErrorBoundary name="VM summary"><VmHeader /></ErrorBoundary>
          <div className="grid-2">
            <SnapshotTree />
            <VssTimeline />
          </div>
          <DatastorePanel />
          <div className="grid-3">
            <GuestConsole />
            <BreakSomething />
            <VmSettings />
          </div>
        </main>
        <LessonSlot />
      </div>
      <RecentTasks />
      <QuestionDialog />
      <Notices />
    </div>
  );
}
