// The tabs under the tree and the timeline: each brings one of the VM's lower panels into view, so the
// console, the faults and the settings are one click away on a projector-sized screen. Every panel
// stays on the page (a landmark of its own); the tab of the panel in view is marked current.
import { useEffect, useRef, useState } from 'react';

export interface DeckPanel { id: string; label: string }

export function PanelNav({ panels }: { panels: DeckPanel[] }) {
  const [current, setCurrent] = useState<string | null>(null);
  const nav = useRef<HTMLElement>(null);
  const asked = useRef<string | null>(null);
  const askedAt = useRef(0);
  useEffect(() => {
    // The current tab: the last panel whose top has reached the tabs (none while the first screen shows).
    const scroller = nav.current?.closest('main');
    if (!scroller) return;
    let frame = 0;
    const update = () => {
      frame = 0;
      const line = (nav.current?.getBoundingClientRect().bottom ?? 0) + 40;
      // The panel last asked for stays current while it is in view (the last one cannot reach the top).
      const mine = asked.current ? document.getElementById(asked.current)?.getBoundingClientRect() : undefined;
      const scrolling = performance.now() - askedAt.current < 1500; // a smooth scroll on its way there
      if (mine && (scrolling || (mine.top < scroller.getBoundingClientRect().bottom - 40 && mine.bottom > line))) { setCurrent(asked.current); return; }
      asked.current = null;
      // Panels side by side share a top: the first wins.
      let found: string | null = null;
      let foundTop = -Infinity;
      for (const p of panels) {
        const top = document.getElementById(p.id)?.getBoundingClientRect().top;
        if (top === undefined || top > line) continue;
        const tie = Math.abs(top - foundTop) < 2;
        if (!tie && top > foundTop) { found = p.id; foundTop = top; }
      }
      setCurrent(found);
    };
    const onScroll = () => { if (!frame) frame = requestAnimationFrame(update); };
    scroller.addEventListener('scroll', onScroll, { passive: true });
    return () => { scroller.removeEventListener('scroll', onScroll); cancelAnimationFrame(frame); };
  }, [panels]);

  const show = (id: string, at: number) => {
    const el = document.getElementById(id);
    if (!el) return;
    asked.current = id;
    askedAt.current = at; // the click's time, on performance.now()'s clock
    setCurrent(id);
    el.scrollIntoView({ block: 'start', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  };

  return (
    <nav ref={nav} className="panel-nav" aria-label="VM panels">
      {panels.map((p) => (
        <button key={p.id} type="button" className="panel-tab" aria-controls={p.id}
          aria-current={current === p.id ? 'true' : undefined} onClick={(e) => show(p.id, e.timeStamp)}>
          {p.label}
        </button>
      ))}
    </nav>
  );
}
