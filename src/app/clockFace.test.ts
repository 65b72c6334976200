import { describe, expect, it } from 'vitest';
import { createLab, defaultLabDefinition } from '../engine/index';
import { MAX_SPEED, MIN_SPEED } from '../worker/clock';
import { achievedSpeed, formatClock, formatRate, formatSpeed, pausedText, SPEED_STOPS, speedLabel, stopOf, timeCue, waitingOnTime } from './clockFace';

const clock = (over: Partial<{ playing: boolean; speed: number; actualSpeed: number; pausedBecause: string }> = {}) =>
  ({ playing: false, speed: 1, actualSpeed: 0, ...over });

describe('the clock face', () => {
  it('writes simulated time as the lab does, the day always ("day N, hh:mm:ss")', () => {
    expect(formatClock(0)).toBe('day 1, 00:00:00');
    expect(formatClock(90_061_999)).toBe('day 2, 01:01:01');
    expect(formatClock(365 * 86_400_000 + 86_399_000)).toBe('day 366, 23:59:59');
  });

  it('has stops from the slowest to the fastest speed, each faster than the last, and finds the nearest', () => {
    expect(SPEED_STOPS[0]).toBe(MIN_SPEED);
    expect(SPEED_STOPS.at(-1)).toBe(MAX_SPEED);
    for (let i = 1; i < SPEED_STOPS.length; i++) {
      const ratio = SPEED_STOPS[i] / SPEED_STOPS[i - 1];
      expect(ratio).toBeGreaterThanOrEqual(2);
      expect(ratio).toBeLessThanOrEqual(3);
    }
    SPEED_STOPS.forEach((s, i) => expect(stopOf(s)).toBe(i));
    expect(SPEED_STOPS[stopOf(250)]).toBe(300); // a speed from the address, between two stops
    expect(SPEED_STOPS[stopOf(13_000)]).toBe(14_400);
    expect(stopOf(0.001)).toBe(0);
  });

  it('writes speeds with their meaning and thousands grouped', () => {
    expect(formatRate(14_400)).toBe('14,400×');
    expect(formatRate(0.5)).toBe('0.5×');
    expect(formatSpeed(14_400)).toBe('14,400× (10 days per minute)');
    expect(formatSpeed(60)).toBe('60× (1 h per minute)');
    expect(formatSpeed(1)).toBe('1× (real time)');
    expect(formatSpeed(0.1)).toBe('0.1× (slow motion)');
    expect(formatSpeed(30)).toBe('30× (30 s per second)');
    expect(speedLabel(14_400)).toBe('14,400× · 10 days/min');
    expect(speedLabel(600)).toBe('600× · 10 h/min');
    expect(speedLabel(1)).toBe('1× real time');
  });

  it('says the speed achieved while playing, and whether it falls short of the one asked for', () => {
    expect(achievedSpeed(clock({ playing: true, speed: 14_400, actualSpeed: 4_912.4 }))).toEqual({ text: 'running at 4,912×', behind: true });
    expect(achievedSpeed(clock({ playing: true, speed: 14_400, actualSpeed: 14_100 }))).toEqual({ text: 'running at 14,100×', behind: false });
    expect(achievedSpeed(clock({ playing: true, speed: 14_400, actualSpeed: 0 }))).toBeNull(); // not measured yet
    expect(achievedSpeed(clock({ playing: false, speed: 14_400, actualSpeed: 100 }))).toBeNull();
  });

  it('says it is paused, and why when the lab paused itself', () => {
    expect(pausedText(clock())).toBe('Paused');
    expect(pausedText(clock({ pausedBecause: 'SQL01 asks a question' }))).toBe('Paused: SQL01 asks a question');
    expect(pausedText(clock({ playing: true }))).toBeNull();
  });

  it('cues Play or Step while a paused lab has something waiting for time, and not for a VM that asks a question', () => {
    const lab = createLab(defaultLabDefinition);
    expect(waitingOnTime(lab.state())).toBeNull();
    lab.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 'q', quiesce: true });
    lab.advance(500);
    const state = lab.state();
    expect(waitingOnTime(state)).toBe('Quiescing EXCH01…');
    expect(timeCue(clock(), state)).toBe('Quiescing EXCH01… press Play or Step');
    expect(timeCue(clock({ playing: true }), state)).toBeNull();
    lab.advance(10 * 60_000);
    expect(waitingOnTime(lab.state())).toBeNull();

    const task = { id: 't', name: 'Create virtual machine snapshot', vm: 'sql01', target: 'SQL01', state: 'running' as const, progress: 40, queuedAt: 0, startedAt: 0, completedAt: null, error: null };
    const vms = lab.state().vms;
    expect(waitingOnTime({ vms, tasks: [task] })).toBe('Create virtual machine snapshot (SQL01) at 40 %…');
    const asking = vms.map((v) => (v.id === 'sql01' ? { ...v, question: { id: 'q1', text: 'There is no more space', choices: ['Retry', 'Abort'] } } : v));
    expect(waitingOnTime({ vms: asking, tasks: [task] })).toBeNull();
  });
});
