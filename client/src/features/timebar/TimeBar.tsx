// The time bar under the canvas: a histogram of the relationships on the canvas by month (event
// dates, or the reported date where there are none, drawn apart), a brush that sets the time
// window the filters apply (fade or hide, as the Filters panel says), arrow keys to move it, and
// play / pause that moves the window forward month by month.
import { useEffect, useRef, useState, useSyncExternalStore, type KeyboardEvent, type PointerEvent } from 'react';
import { endOfPartialDate, startOfPartialDate } from '@model/partial-date.js';
import type { GraphStore } from '../../shared/graph-store.js';
import { timeHistogram, windowIndexes } from './histogram.js';

/** How long each month of playback shows. */
export const PLAY_STEP_MS = 700;
/** The window playback starts with when none is set: a year, or the whole span if shorter. */
const PLAY_WINDOW_MONTHS = 12;

export function TimeBar({ store }: { store: GraphStore }) {
  const state = useSyncExternalStore(store.subscribe, store.getState);
  const { months, event, reported, undated } = timeHistogram(Object.values(state.edges));
  const { dateFrom, dateTo } = state.filters;
  const last = months.length - 1;
  const [from, to] = windowIndexes(months, dateFrom, dateTo);
  const windowSet = Boolean(dateFrom || dateTo);
  const [drag, setDrag] = useState<{ anchor: number; at: number } | null>(null);
  const [playing, setPlaying] = useState(false);
  const plot = useRef<HTMLDivElement>(null);

  const setWindow = (a: number, b: number) => {
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    store.setFilters({
      dateFrom: lo <= 0 ? null : startOfPartialDate(months[lo]!),
      dateTo: hi >= last ? null : endOfPartialDate(months[hi]!),
    });
  };

  // Playback: each step moves the window one month on, keeping its width; it stops at the end.
  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      const s = store.getState();
      const h = timeHistogram(Object.values(s.edges));
      const end = h.months.length - 1;
      const [a, b] = windowIndexes(h.months, s.filters.dateFrom, s.filters.dateTo);
      if (b >= end) {
        setPlaying(false);
        return;
      }
      store.setFilters({
        dateFrom: startOfPartialDate(h.months[a + 1]!),
        dateTo: b + 1 >= end ? null : endOfPartialDate(h.months[b + 1]!),
      });
    }, PLAY_STEP_MS);
    return () => clearInterval(timer);
  }, [playing, store]);

  if (months.length < 2) {
    return (
      <section className="time-bar empty" aria-label="Time bar">
        <p className="muted">
          {months.length === 0
            ? 'Time bar: no relationship on the canvas has a date yet (neither an event date nor a reported date).'
            : `Time bar: every dated relationship on the canvas falls in ${months[0]}.`}
        </p>
      </section>
    );
  }

  const play = () => {
    if (playing) return setPlaying(false);
    // From the start when the window is already at the end, or unset: a year-wide window.
    if (!windowSet || to >= last) setWindow(0, Math.min(last - 1, (windowSet ? to - from : PLAY_WINDOW_MONTHS - 1) || 0));
    setPlaying(true);
  };

  const monthAt = (clientX: number): number => {
    const box = plot.current!.getBoundingClientRect();
    const i = Math.floor(((clientX - box.left) / box.width) * months.length);
    return Math.max(0, Math.min(last, i));
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    const i = monthAt(e.clientX);
    setPlaying(false);
    setDrag({ anchor: i, at: i });
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (drag) setDrag({ ...drag, at: monthAt(e.clientX) });
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag) return;
    setWindow(drag.anchor, monthAt(e.clientX));
    setDrag(null);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    e.preventDefault();
    // Shift moves the end only; otherwise the whole window moves.
    if (e.shiftKey) setWindow(from, Math.max(from, Math.min(last, to + step)));
    else if (from + step >= 0 && to + step <= last) setWindow(from + step, to + step);
  };

  const [shownFrom, shownTo] = drag ? [Math.min(drag.anchor, drag.at), Math.max(drag.anchor, drag.at)] : [from, to];
  const peak = Math.max(1, ...months.map((_, i) => event[i]! + reported[i]!));
  const byReported = reported.reduce((a, b) => a + b, 0);
  const windowText = shownFrom === shownTo ? months[shownFrom]! : `${months[shownFrom]} to ${months[shownTo]}`;
  // A tick per January; the first month too when the first January is far enough not to collide.
  const firstJanuary = months.findIndex((m) => m.endsWith('-01'));
  const years = months
    .map((m, i) => ({ m, i }))
    .filter(({ m, i }) => m.endsWith('-01') || (i === 0 && (firstJanuary < 0 || firstJanuary > 6)));
  const yearStep = Math.max(1, Math.ceil(years.length / 12));

  return (
    <section className="time-bar" aria-label="Time bar">
      <div className="time-bar-controls">
        <button type="button" onClick={play} aria-pressed={playing} title="Move the window forward month by month">
          {playing ? 'Pause' : 'Play'}
        </button>
        <span className="time-bar-window" aria-live="polite">
          {windowSet || drag ? windowText : `All dates (${months[0]} to ${months[last]})`}
        </span>
        <button type="button" onClick={() => (setPlaying(false), setWindow(0, last))} disabled={!windowSet}>
          All dates
        </button>
        <span className="time-bar-key muted" title="Bars: relationships by the month they start">
          <span className="swatch event" />
          event date
          <span className="swatch reported" />
          reported date{byReported > 0 ? ` (${byReported})` : ''}
          {undated > 0 ? `; ${undated} undated, not shown` : ''}
        </span>
      </div>
      <div
        ref={plot}
        className="time-bar-plot"
        role="slider"
        tabIndex={0}
        aria-label="Time window"
        aria-valuemin={0}
        aria-valuemax={last}
        aria-valuenow={shownFrom}
        aria-valuetext={windowText}
        title="Drag to pick a time window; arrow keys move it, Shift+arrows change its end"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onKeyDown={onKeyDown}
      >
        <svg viewBox={`0 0 ${months.length} 100`} preserveAspectRatio="none" aria-hidden="true">
          <rect className="time-bar-window-rect" x={shownFrom} y={0} width={shownTo - shownFrom + 1} height={100} />
          {months.map((m, i) => {
            const inside = i >= shownFrom && i <= shownTo;
            const e = (event[i]! / peak) * 96;
            const r = (reported[i]! / peak) * 96;
            return (
              <g key={m} className={inside ? 'inside' : 'outside'} data-month={m} data-event={event[i]} data-reported={reported[i]}>
                {e > 0 && <rect className="bar event" x={i + 0.1} y={100 - e} width={0.8} height={e} />}
                {r > 0 && <rect className="bar reported" x={i + 0.1} y={100 - e - r} width={0.8} height={r} />}
              </g>
            );
          })}
        </svg>
        <div className="time-bar-ticks" aria-hidden="true">
          {years
            .filter((_, k) => k % yearStep === 0)
            .map(({ m, i }) => (
              <span key={m} style={{ left: `${(i / months.length) * 100}%` }}>
                {m.slice(0, 4)}
              </span>
            ))}
        </div>
      </div>
    </section>
  );
}
