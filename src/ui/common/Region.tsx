// A main region of the page: a landmark with its accessible name (docs/api.md, "What a person sees"), a header with optional
// tools, and its own error boundary.
import { Suspense, useId, type ReactNode } from 'react';
import { ErrorBoundary } from './ErrorBoundary';

interface Props {
  name: string;
  title?: ReactNode;
  tools?: ReactNode;
  className?: string;
  /** An element id, so the page's panel nav can bring the region into view. */
  id?: string;
  /** The body scrolls on its own: it takes a tab stop so keyboard users can scroll it (axe
   *  scrollable-region-focusable), named by the heading. */
  scrolls?: boolean;
  children: ReactNode;
}

export function Region({ name, title, tools, className, id, scrolls, children }: Props) {
  const headingId = useId();
  return (
    <section aria-label={name} id={id} className={`region ${className ?? ''}`}>
      <header className="region-head">
        <h2 id={headingId}>{title ?? name}</h2>
        {tools && <div className="region-tools">{tools}</div>}
      </header>
      <div className="region-body" {...(scrolls ? { tabIndex: 0, role: 'group', 'aria-labelledby': headingId } : {})}>
        <ErrorBoundary name={name}>
          <Suspense fallback={<p className="muted loading">Loading {name}…</p>}>{children}</Suspense>
        </ErrorBoundary>
      </div>
    </section>
  );
}
