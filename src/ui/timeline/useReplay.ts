// "Replay at 0.1x": a playhead that moves through a finished quiesce at a tenth of its real pace, so the
// order of freeze, snapshot and thaw can be watched. Page animation only: the lab's clock is untouched.
import { useEffect, useState } from 'react';
import type { Episode } from './episodes';

export const REPLAY_RATE = 0.1;

export function useReplay(episode: Episode | null): { playhead: number | null; start(): void; stop(): void } {
  const [run, setRun] = useState<{ id: string; startedAt: number } | null>(null);
  const [playhead, setPlayhead] = useState<number | null>(null);
  const active = run !== null && episode !== null && run.id === episode.id;

  useEffect(() => {
    if (!active || !episode || episode.end === null) return;
    let frame = 0;
    const tick = (t: number) => {
      const at = episode.start + (t - run.startedAt) * REPLAY_RATE;
      if (at >= episode.end!) { setPlayhead(null); setRun(null); return; }
      setPlayhead(at);
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [active, episode, run]);

  return {
    playhead: active ? playhead ?? episode!.start : null,
    start: () => { if (episode) { setPlayhead(episode.start); setRun({ id: episode.id, startedAt: performance.now() }); } },
    stop: () => { setRun(null); setPlayhead(null); },
  };
}
