// The height an element has before the bottom of the region body it scrolls in: from its top (where
// it sits in the body's content, whatever the body's scroll) to the body's bottom padding. The VSS
// timeline's chart draws its lanes lower to fit it, so a short window shows every writer's row without
// scrolling. Infinity outside a region body.
import { useEffect, useState, type RefObject } from 'react';

export function useRoom(ref: RefObject<HTMLElement | null>): number {
  const [room, setRoom] = useState(Infinity);
  useEffect(() => {
    const el = ref.current;
    const body = el?.closest<HTMLElement>('.region-body');
    if (!el || !body) return;
    const measure = () => {
      const top = el.getBoundingClientRect().top - body.getBoundingClientRect().top + body.scrollTop;
      const padding = parseFloat(getComputedStyle(body).paddingBottom) || 0;
      setRoom(Math.max(0, Math.floor(body.clientHeight - padding - top)));
    };
    // The body's size and what sits above the element in it (the quiesce's result line) move its room.
    const ro = new ResizeObserver(measure);
    ro.observe(body);
    for (const sibling of body.querySelectorAll<HTMLElement>(':scope > *')) if (!sibling.contains(el)) ro.observe(sibling);
    measure();
    return () => ro.disconnect();
  }, [ref]);
  return room;
}
