// The page's mirror of the lab: read-only for components. Only the app layer (the connection to the
// worker and the command functions) writes to it. Patches keep unchanged objects, so a selector such
// as `s => s.state.vms.find(v => v.id === id)` returns the same object until that VM changes.
import { create } from 'zustand';
import type { StateView } from '../engine/core/view';
import { emptyState } from '../worker/patch';
import type { ChartsPatch, ClockView, UsagePoint } from '../worker/protocol';
import { applyChartsPatch, chartPoints } from '../worker/chartPosts';
import type { HistoryView } from '../worker/branchTree';
import type { Autosave } from './persistence/autosave';

/** The page's connection to the lab worker (connection.ts): the store is given the page's one. */
export interface LabConnection {
  readonly autosave: Autosave;
  whenStarted(): Promise<void>;
}

export type ConnectionStatus = 'starting' | 'ready' | 'crashed';

export interface Notice { id: number; kind: 'error' | 'info'; text: string }

export interface LabStore {
  status: ConnectionStatus;
  failure: string | null;
  state: StateView;
  /** The lesson the worker's session came from (built-in lessons only; null for other labs). */
  lessonId: string | null;
  version: number;
  /** Simulated time of the newest post: the clock shows it at the worker's rate even while the
   *  panels' state is committed less often. */
  liveTime: number;
  clock: ClockView;
  selectedVm: string | null;
  selectedSnapshot: string | null;
  notices: Notice[];
  /** The lab's history for the scrubber and branch switcher (null until the worker sends it). */
  history: HistoryView | null;
  /**
   * The Datastore charts' data, as the worker sends it: the lab's usage history on the current branch
   * (the engine's samples), and the points the charts draw: the samples before the moment shown, then
   * the lab's usage at that moment.
   */
  charts: { samples: UsagePoint[]; points: UsagePoint[] };
  /** The page's connection to the worker (null until the page makes it). */
  connection: LabConnection | null;
}

export const initialClock: ClockView = { playing: false, speed: 1, actualSpeed: 0 };

export const useLab = create<LabStore>()(() => ({
  status: 'starting',
  failure: null,
  state: emptyState(),
  lessonId: null,
  version: 0,
  liveTime: 0,
  clock: initialClock,
  selectedVm: null,
  selectedSnapshot: null,
  notices: [],
  history: null,
  charts: { samples: [], points: [] },
  connection: null,
}));

/** Show a state (patches already applied) and the session's lesson to the panels. */
export function commitState(state: StateView, version: number, clock: ClockView, lessonId: string | null): void {
  useLab.setState((s) => {
    const vm = state.vms.find((v) => v.id === s.selectedVm) ?? state.vms.find((v) => v.power === 'poweredOn') ?? state.vms[0];
    const selectedVm = vm ? vm.id : null;
    const selectedSnapshot = vm && vm.snapshots.some((x) => x.id === s.selectedSnapshot) ? s.selectedSnapshot : null;
    return { state, lessonId, version, liveTime: state.time, clock: sameClock(s.clock, clock) ? s.clock : clock, selectedVm, selectedSnapshot };
  });
}

/** The clock between commits: time and play state only. */
export function receiveLiveTime(time: number, clock: ClockView): void {
  useLab.setState((s) => ({ liveTime: time, clock: sameClock(s.clock, clock) ? s.clock : clock }));
}

export function receiveHistory(history: HistoryView): void {
  useLab.setState({ history });
}

export function receiveCharts(patch: ChartsPatch): void {
  useLab.setState((s) => {
    const samples = applyChartsPatch(s.charts.samples, patch);
    return { charts: { samples, points: chartPoints(samples, patch.now) } };
  });
}

/** A new lab (a full state patch): its charts start empty until the worker sends its samples. */
export function clearCharts(): void {
  useLab.setState({ charts: { samples: [], points: [] } });
}

export function receiveClock(clock: ClockView): void {
  if (!sameClock(useLab.getState().clock, clock)) useLab.setState({ clock });
}

const sameClock = (a: ClockView, b: ClockView) =>
  a.playing === b.playing && a.speed === b.speed && a.pausedBecause === b.pausedBecause && Math.abs(a.actualSpeed - b.actualSpeed) < a.speed * 0.05;

export function selectVm(id: string): void {
  useLab.setState((s) => (s.selectedVm === id ? s : { selectedVm: id, selectedSnapshot: null }));
}

export function selectSnapshot(id: string | null): void {
  useLab.setState({ selectedSnapshot: id });
}

export function setStatus(status: ConnectionStatus, failure: string | null = null): void {
  useLab.setState({ status, failure });
}

let noticeId = 0;
export function notify(kind: Notice['kind'], text: string): void {
  const notice = { id: ++noticeId, kind, text };
  useLab.setState((s) => ({ notices: [...s.notices.slice(-3), notice] }));
}

export function dismissNotice(id: number): void {
  useLab.setState((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
}

// Narrow selectors: a panel re-renders only when its slice changes.
export const useSelectedVmId = () => useLab((s) => s.selectedVm);
export const useVm = (id: string | null) => useLab((s) => (id === null ? undefined : s.state.vms.find((v) => v.id === id)));
export const useSelectedVm = () => useLab((s) => s.state.vms.find((v) => v.id === s.selectedVm));
