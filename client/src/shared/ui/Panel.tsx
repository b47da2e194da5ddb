// A titled, collapsible section of the side bars.
import { useId, useState, type ReactNode } from 'react';

export function Panel({
  title,
  children,
  defaultOpen = true,
  actions,
}: {
  title: string;
  children: ReactNode;
  defaultOpen?: boolean;
  actions?: ReactNode;
}) {
  const [open, setOpen] = useState(defaultOpen);
  const bodyId = useId();
  return (
    <section className="panel" aria-label={title}>
      <header className="panel-header">
        <button type="button" className="panel-toggle" aria-expanded={open} aria-controls={bodyId} onClick={() => setOpen(!open)}>
          <span aria-hidden="true">{open ? '▾' : '▸'}</span> {title}
        </button>
        {actions}
      </header>
      {open && (
        <div id={bodyId} className="panel-body">
          {children}
        </div>
      )}
    </section>
  );
}
