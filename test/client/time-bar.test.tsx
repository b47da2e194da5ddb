// @vitest-environment happy-dom
// The time bar (client/src/features/timebar): its histogram counts what the store holds, the
// brush and the arrow keys set the store's time window, and play moves it month by month.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GraphEdge } from '@model/api.js';
import { monthSteps, timeHistogram, windowIndexes } from '../../client/src/features/timebar/histogram.js';
import { PLAY_STEP_MS, TimeBar } from '../../client/src/features/timebar/TimeBar.js';
import { GraphStore } from '../../client/src/shared/graph-store.js';
import { visibility } from '../../client/src/shared/visibility.js';
import { edge, node } from './dated-edges.js';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const EDGES = [
  edge('e1', { firstSeen: '2023-01' }),
  edge('e2', { firstSeen: '2023-01-20', lastSeen: '2023-04' }),
  edge('e3', { firstSeen: '2023', reportedAt: '2024-02-01' }), // event date wins: all of 2023, starts in January
  edge('e4', { reportedAt: '2023-06-15' }),
  edge('e5', { reportedAt: '2024-02-01' }),
  edge('e6', {}), // no date at all
];

function storeWith(edges: GraphEdge[]): GraphStore {
  const store = new GraphStore();
  store.addGraph({ nodes: [node('a'), node('b')], edges });
  return store;
}

describe('timeHistogram', () => {
  it('spans the earliest start to the latest end and counts each edge once, in its first month, by the date that places it', () => {
    const h = timeHistogram(EDGES);
    expect(h.months).toEqual(monthSteps('2023-01', '2024-02'));
    expect(h.months).toHaveLength(14);
    const at = (m: string) => h.months.indexOf(m);
    expect(h.event[at('2023-01')]).toBe(3);
    expect(h.reported[at('2023-06')]).toBe(1);
    expect(h.reported[at('2024-02')]).toBe(1);
    expect(h.event.reduce((a, b) => a + b, 0) + h.reported.reduce((a, b) => a + b, 0)).toBe(5);
    expect(h.undated).toBe(1);
  });

  it('gives no months when nothing is dated', () => {
    expect(timeHistogram([edge('x', {})])).toEqual({ months: [], event: [], reported: [], undated: 1 });
  });

  it('reads a window back as month indexes, whole span when unset, clamped outside it', () => {
    const months = monthSteps('2023-01', '2024-02');
    expect(windowIndexes(months, null, null)).toEqual([0, 13]);
    expect(windowIndexes(months, '2023-03-01', '2023-05-31')).toEqual([2, 4]);
    expect(windowIndexes(months, '2020-01-01', '2030-12-31')).toEqual([0, 13]);
  });
});

describe('<TimeBar>', () => {
  function renderBar(store: GraphStore) {
    render(<TimeBar store={store} />);
    const plot = screen.getByRole('slider', { name: 'Time window' });
    // happy-dom lays nothing out: 14 months over 1,400 px, 100 px per month.
    plot.getBoundingClientRect = () => ({
      left: 0,
      top: 0,
      width: 1400,
      height: 60,
      right: 1400,
      bottom: 60,
      x: 0,
      y: 0,
      toJSON: () => ({}),
    });
    return plot;
  }

  it('draws the counts of the store, month by month', () => {
    const store = storeWith(EDGES);
    renderBar(store);
    const h = timeHistogram(Object.values(store.getState().edges));
    const groups = [...document.querySelectorAll('.time-bar-plot g[data-month]')];
    expect(groups.map((g) => g.getAttribute('data-month'))).toEqual(h.months);
    expect(groups.map((g) => Number(g.getAttribute('data-event')))).toEqual(h.event);
    expect(groups.map((g) => Number(g.getAttribute('data-reported')))).toEqual(h.reported);
    expect(screen.getByText(/1 undated, not shown/)).toBeTruthy();
  });

  it('sets the time window by brushing, which the canvas filters then apply', () => {
    const store = storeWith(EDGES);
    const plot = renderBar(store);
    // From the middle of March 2023 to the middle of May 2023.
    fireEvent.pointerDown(plot, { clientX: 250, pointerId: 1 });
    fireEvent.pointerMove(plot, { clientX: 450, pointerId: 1 });
    fireEvent.pointerUp(plot, { clientX: 450, pointerId: 1 });
    expect(store.getState().filters).toMatchObject({ dateFrom: '2023-03-01', dateTo: '2023-05-31' });
    // Only e2 (January to April 2023) and e3 (all of 2023) overlap it.
    const v = visibility(store.getState());
    expect([...v.filteredEdges].sort()).toEqual(['e1', 'e4', 'e5', 'e6']);
    expect(screen.getByText('2023-03 to 2023-05')).toBeTruthy();
    expect(document.querySelectorAll('g.inside')).toHaveLength(3);
  });

  it('moves the window with the arrow keys, and its end with Shift', () => {
    const store = storeWith(EDGES);
    const plot = renderBar(store);
    act(() => store.setFilters({ dateFrom: '2023-03-01', dateTo: '2023-05-31' }));
    fireEvent.keyDown(plot, { key: 'ArrowRight' });
    expect(store.getState().filters).toMatchObject({ dateFrom: '2023-04-01', dateTo: '2023-06-31' });
    fireEvent.keyDown(plot, { key: 'ArrowLeft', shiftKey: true });
    expect(store.getState().filters).toMatchObject({ dateFrom: '2023-04-01', dateTo: '2023-05-31' });
    fireEvent.click(screen.getByRole('button', { name: 'All dates' }));
    expect(store.getState().filters).toMatchObject({ dateFrom: null, dateTo: null });
  });

  it('plays the window forward one month per step and stops at the end', () => {
    vi.useFakeTimers();
    const store = storeWith(EDGES);
    renderBar(store);
    act(() => store.setFilters({ dateFrom: '2023-10-01', dateTo: '2023-12-31' }));
    fireEvent.click(screen.getByRole('button', { name: 'Play' }));
    act(() => void vi.advanceTimersByTime(PLAY_STEP_MS));
    expect(store.getState().filters).toMatchObject({ dateFrom: '2023-11-01', dateTo: '2024-01-31' });
    act(() => void vi.advanceTimersByTime(PLAY_STEP_MS));
    // The window reached the last month: its end is open again, and playback stops.
    expect(store.getState().filters).toMatchObject({ dateFrom: '2023-12-01', dateTo: null });
    act(() => void vi.advanceTimersByTime(PLAY_STEP_MS * 3));
    expect(store.getState().filters).toMatchObject({ dateFrom: '2023-12-01', dateTo: null });
    expect(screen.getByRole('button', { name: 'Play' })).toBeTruthy();
  });

  it('says so when nothing on the canvas has a date', () => {
    render(<TimeBar store={storeWith([edge('x', {})])} />);
    expect(screen.getByRole('region', { name: 'Time bar' }).textContent).toContain('no relationship on the canvas has a date yet');
  });
});
