// A tab bar of icon tabs on one row: a short caption under each icon, the full name as the
// accessible name (the caption is part of it, so speech input finds it), arrow keys between tabs.
import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabSpec<T extends string> {
  id: T;
  /** Accessible name, e.g. "Saved queries". */
  name: string;
  /** What the tab shows under its icon, a word of `name`, e.g. "Queries". */
  caption: string;
  icon: ReactNode;
}

export function TabBar<T extends string>({
  label,
  tabs,
  selected,
  onSelect,
}: {
  label: string;
  tabs: ReadonlyArray<TabSpec<T>>;
  selected: T;
  onSelect: (id: T) => void;
}) {
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    e.preventDefault();
    const at = tabs.findIndex((t) => t.id === selected);
    const next = (at + step + tabs.length) % tabs.length;
    onSelect(tabs[next]!.id);
    buttons.current[next]?.focus();
  };
  return (
    <div role="tablist" aria-label={label} className="tab-bar" onKeyDown={onKeyDown}>
      {tabs.map((t, i) => (
        <button
          key={t.id}
          ref={(el) => void (buttons.current[i] = el)}
          type="button"
          role="tab"
          aria-label={t.name}
          aria-selected={selected === t.id}
          aria-controls={`tab-${t.id}`}
          id={`tab-button-${t.id}`}
          tabIndex={selected === t.id ? 0 : -1}
          title={t.name}
          onClick={() => onSelect(t.id)}
        >
          <span className="tab-icon" aria-hidden="true">
            {t.icon}
          </span>
          <span className="tab-caption">{t.caption}</span>
        </button>
      ))}
    </div>
  );
}

/** A 24-unit stroke icon from one SVG path. */
export function StrokeIcon({ d }: { d: string }) {
  return (
    <svg
      viewBox="0 0 24 24"
      width="18"
      height="18"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={d} />
    </svg>
  );
}
