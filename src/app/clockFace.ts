// What the clock shows a person: the simulated time, the speed asked for and the speed achieved, why
// it is paused and what waits for time to pass. Display only: every fact comes from the worker's
// clock or the engine's state view.
import type { StateView } from '../engine/core/view';
import { formatLabTime } from './format';
import type { ClockView } from '../worker/protocol';

/** Simulated time as the lab writes it, with the day always ("day 1, 00:00:12"), so the clock keeps one shape. */
export function formatClock(ms: number): string {
  const t = formatLabTime(ms, 'seconds');
  return t.startsWith('day ') ? t : `day 1, ${t}`;
}

/**
 * The speed control's stops, from slow motion (the VSS hold at a hundredth of real time) to ten days a
 * minute: each about twice to three times the last, so equal steps of the slider are equal ratios.
 */
export const SPEED_STOPS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200, 14_400] as const;

/** The stop nearest a speed on a log scale (a speed from the address or the presenter keys may lie between). */
export function stopOf(speed: number): number {
  let best = 0;
  for (let i = 1; i < SPEED_STOPS.length; i++) {
    if (Math.abs(Math.log(SPEED_STOPS[i] / speed)) < Math.abs(Math.log(SPEED_STOPS[best] / speed))) best = i;
  }
  return best;
}

/** A speed as a multiple: "14,400×", "0.5×". */
export function formatRate(speed: number): string {
  if (speed >= 100) return `${Math.round(speed).toLocaleString('en-US')}×`;
  if (speed >= 10) return `${speed.toFixed(1).replace(/\.0$/, '')}×`;
  return `${speed.toFixed(2).replace(/\.?0+$/, '')}×`;
}

/** The speed with what it means: "14,400× (10 days per minute)", "1× (real time)". */
export function formatSpeed(speed: number): string {
  const rate = formatRate(speed);
  if (speed < 0.999) return `${rate} (slow motion)`;
  if (speed < 1.001) return `${rate} (real time)`;
  if (speed < 60) return `${rate} (${rate.slice(0, -1)} s per second)`;
  const perMinute = speed / 60; // simulated minutes per real second = hours per real minute
  if (perMinute < 24) return `${rate} (${trim(perMinute)} h per minute)`;
  return `${rate} (${trim(perMinute / 24)} days per minute)`;
}

/** The speed in a few words, for under the slider: "14,400× · 10 days/min", "1× real time". */
export function speedLabel(speed: number): string {
  const rate = formatRate(speed);
  if (speed < 0.999) return `${rate} slow motion`;
  if (speed < 1.001) return `${rate} real time`;
  if (speed < 60) return rate;
  const perMinute = speed / 60;
  return perMinute < 24 ? `${rate} · ${trim(perMinute)} h/min` : `${rate} · ${trim(perMinute / 24)} days/min`;
}

const trim = (n: number) => (n >= 10 ? String(Math.round(n)) : n.toFixed(1).replace(/\.0$/, ''));

/**
 * The speed achieved while playing ("running at 4,912×"), and whether it falls short of the speed asked
 * for (by more than 30%: the engine cannot keep up on this machine). Null while paused or not measured.
 */
export function achievedSpeed(clock: ClockView): { text: string; behind: boolean } | null {
  if (!clock.playing || clock.actualSpeed <= 0) return null;
  const actual = clock.actualSpeed >= 100 ? Math.round(clock.actualSpeed) : clock.actualSpeed;
  return { text: `running at ${formatRate(actual)}`, behind: clock.actualSpeed < clock.speed * 0.7 };
}

/** "Paused", with the reason when the lab paused itself ("Paused: SQL01 asks a question"). */
export function pausedText(clock: ClockView): string | null {
  if (clock.playing) return null;
  return clock.pausedBecause ? `Paused: ${clock.pausedBecause}` : 'Paused';
}

/**
 * What waits for simulated time to pass, in a few words ("Quiescing EXCH01…"), or null. A VM that asks
 * a question waits for the learner, not for time, so its tasks are left out.
 */
export function waitingOnTime(state: Pick<StateView, 'vms' | 'tasks'>): string | null {
  const asking = new Set(state.vms.filter((v) => v.question).map((v) => v.id));
  const quiescing = state.vms.find((v) => v.quiesce?.result === 'running' && !asking.has(v.id));
  if (quiescing) return `Quiescing ${quiescing.name}…`;
  const task = state.tasks.find((t) => t.state === 'running' && !(t.vm && asking.has(t.vm)))
    ?? state.tasks.find((t) => t.state === 'queued' && !(t.vm && asking.has(t.vm)));
  if (!task) return null;
  return task.state === 'running' ? `${task.name} (${task.target}) at ${task.progress} %…` : `${task.name} (${task.target}) is queued…`;
}

/** The cue beside a paused clock while something waits for time: "Quiescing EXCH01… press Play or Step". */
export function timeCue(clock: ClockView, state: Pick<StateView, 'vms' | 'tasks'>): string | null {
  if (clock.playing) return null;
  const waiting = waitingOnTime(state);
  return waiting ? `${waiting} press Play or Step` : null;
}
