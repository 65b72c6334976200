// The presenter's keys, in one table: the legend shows it and the key handler reads it. Space, the
// right arrow, [ and ] always work (controls/useShortcuts); the others are on in presenter mode, where a
// presentation remote's "next" (Page Down) steps the lab to its next event.
import { pause, play, setSpeed, stepToNextEvent } from '../../app/commands';
import { useLab } from '../../app/store';
import { MAX_SPEED, MIN_SPEED } from '../../worker/clock';

export interface PresenterKey { keys: string[]; label: string; action?: () => unknown }

const faster = () => setSpeed(Math.min(MAX_SPEED, useLab.getState().clock.speed * 2));
const slower = () => setSpeed(Math.max(MIN_SPEED, useLab.getState().clock.speed / 2));

export const PRESENTER_KEYS: PresenterKey[] = [
  { keys: ['Space'], label: 'Play or pause' },
  { keys: ['P'], label: 'Play', action: () => play() },
  { keys: ['K'], label: 'Pause', action: () => pause() },
  { keys: ['→', 'Page Down', 'N'], label: 'Step to the next event', action: () => stepToNextEvent() },
  { keys: ['+'], label: 'Twice as fast', action: faster },
  { keys: ['−'], label: 'Half as fast', action: slower },
  { keys: ['[', ']'], label: 'Previous or next moment marked in the history' },
];

/** KeyboardEvent.key values for each entry's keys (the right arrow is handled by useShortcuts). */
const EVENT_KEYS: Record<string, string[]> = {
  P: ['p', 'P'], K: ['k', 'K'], 'Page Down': ['PageDown'], N: ['n', 'N'], '+': ['+', '='], '−': ['-', '_'],
};

export function presenterAction(key: string): (() => unknown) | undefined {
  return PRESENTER_KEYS.find((k) => k.action && k.keys.some((name) => EVENT_KEYS[name]?.includes(key)))?.action;
}
