// @vitest-environment happy-dom
// The start-up panel (client/src/app/StartupPanel.tsx): the phase in words, the seed's percent
// rounded down on an accessible progress bar, an indeterminate bar before the seed, and the
// server's message.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Health } from '@model/api.js';
import { StartupPanel, seedPercent, startupView } from '../../client/src/app/StartupPanel.js';

afterEach(cleanup);

const health = (extra: Partial<Health>): Health => ({ status: 'starting', phase: 'seeding', neo4j: { reachable: true }, ...extra });

describe('startupView', () => {
  it('names each phase; the seed with its percent, rounded down', () => {
    expect(startupView({ phase: 'neo4j' })).toEqual({ title: 'Starting Neo4j…', percent: null });
    expect(startupView({ phase: 'schema' })).toEqual({ title: 'Preparing the database…', percent: null });
    expect(startupView({ phase: 'seeding', progress: { done: 2, total: 5 } })).toEqual({ title: 'Loading the graph… 40%', percent: 40 });
    expect(startupView({ phase: 'seeding', progress: { done: 2, total: 3 } }).title).toBe('Loading the graph… 66%');
    expect(startupView({ phase: 'seeding' })).toEqual({ title: 'Loading the graph…', percent: null });
  });

  it('shows 100% only when every record is in, and survives odd totals', () => {
    expect(seedPercent({ done: 999, total: 1000 })).toBe(99);
    expect(seedPercent({ done: 1000, total: 1000 })).toBe(100);
    expect(seedPercent({ done: 0, total: 0 })).toBeNull();
    expect(seedPercent({ done: 7, total: 5 })).toBe(100);
  });
});

describe('StartupPanel', () => {
  it('draws the seed progress as a progress bar with the server message under it', () => {
    render(
      <StartupPanel
        health={health({ progress: { done: 2, total: 5 }, message: 'The explorer is starting: loading the graph (40%, 2 of 5 records).' })}
        waiting="The view in your link appears as soon as the graph is loaded."
      />,
    );
    const panel = screen.getByRole('region', { name: 'The explorer is starting' });
    expect(screen.getByRole('heading').textContent).toBe('Loading the graph… 40%');
    const bar = screen.getByRole('progressbar', { name: 'Start-up progress' });
    expect(bar.getAttribute('aria-valuenow')).toBe('40');
    expect(bar.getAttribute('aria-valuemin')).toBe('0');
    expect(bar.getAttribute('aria-valuemax')).toBe('100');
    expect(bar.getAttribute('aria-valuetext')).toBe('40%, 2 of 5 records');
    expect(panel.textContent).toContain('The explorer is starting: loading the graph (40%, 2 of 5 records).');
    expect(panel.textContent).toContain('The view in your link appears');
  });

  it('has an indeterminate bar while Neo4j starts', () => {
    render(<StartupPanel health={health({ phase: 'neo4j', message: 'The explorer is starting: waiting for Neo4j.' })} />);
    expect(screen.getByRole('heading').textContent).toBe('Starting Neo4j…');
    const bar = screen.getByRole('progressbar');
    expect(bar.hasAttribute('aria-valuenow')).toBe(false);
    expect(bar.className).toContain('indeterminate');
  });
});
