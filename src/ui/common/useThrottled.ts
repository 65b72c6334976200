// A value that follows its source at most once per interval while the lab's clock runs, and at once
// when it is paused. Heavy drawings (the tree, the charts, the file list) use it so that a lab at days
// per minute does not redraw them on every state post.
import { useEffect, useRef, useState } from 'react';
import { useLab } from '../../app/store';

export function useThrottled<T>(value: T, intervalMs: number): T {
  const playing = useLab((s) => s.clock.playing);
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    if (Object.is(value, shown)) return;
    const wait = playing ? last.current + intervalMs - performance.now() : 0;
    const t = setTimeout(() => { last.current = performance.now(); setShown(value); }, Math.max(0, wait));
    return () => clearTimeout(t);
  }, [value, shown, playing, intervalMs]);
  return playing ? shown : value;
}
