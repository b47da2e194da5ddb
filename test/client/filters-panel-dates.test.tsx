// @vitest-environment happy-dom
// The Filters panel's time window (client/src/features/filters/FiltersPanel.tsx) over edges that
// have only a reported date: the panel says they are placed by it (the time bar draws them).
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { GraphEdge } from '@model/api.js';
import { FiltersPanel } from '../../client/src/features/filters/FiltersPanel.js';
import { GraphStore } from '../../client/src/shared/graph-store.js';
import { edge, node } from './dated-edges.js';

afterEach(cleanup);

function panel(edges: GraphEdge[]) {
  const store = new GraphStore();
  store.addGraph({ nodes: [node('a'), node('b')], edges });
  render(<FiltersPanel store={store} />);
  return screen.getByRole('group', { name: 'Time window' });
}

describe('the time window', () => {
  it('says how many edges without an event date are placed by their reported date', () => {
    const window = panel([
      edge('e1', { reportedAt: '2023-01-15' }),
      edge('e2', { reportedAt: '2024-06-02' }),
      edge('e3', { firstSeen: '2022-03' }),
    ]);
    expect(window.textContent).toContain('placed at the date its earliest source was published (reported date)');
    expect(window.querySelector('.reported-date-note')?.textContent).toBe(
      '2 of 3 relationships on the canvas have no event date and are placed by reported date.',
    );
  });

  it('names both kinds of date when no edge has either', () => {
    const window = panel([edge('e1', {})]);
    expect(window.textContent).toBe('Time windowNo relationship on the canvas has a date yet (neither an event date nor a reported date).');
  });
});
