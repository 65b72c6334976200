// Whether an element is on screen. Heavy drawings (the charts) stop following the lab while they are
// scrolled away, and catch up when they come back.
import { useEffect, useRef, useState } from 'react';

export function useInView<T extends Element>(margin = '100px') {
  const ref = useRef<T>(null);
  const [inView, setInView] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') { setInView(true); return; }
    const io = new IntersectionObserver(([entry]) => setInView(entry.isIntersecting), { rootMargin: margin });
    io.observe(el);
    return () => io.disconnect();
  }, [margin]);
  return [ref, inView] as const;
}
