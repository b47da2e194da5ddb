import { describe, expect, it } from 'vitest';
import { readUrlView, writeUrlView } from '../../client/src/shared/url-state.js';

describe('the view in the URL', () => {
  it('round-trips nodes, hidden, pinned and layout, keeping other parameters', () => {
    const view = {
      nodes: ['state--russia', 'threat-actor--gru'],
      hidden: ['threat-actor--gru'],
      pinned: ['state--russia'],
      layout: 'circle',
    };
    const search = writeUrlView(view, '?lang=en');
    expect(search).toBe('?lang=en&nodes=state--russia,threat-actor--gru&hidden=threat-actor--gru&pinned=state--russia&layout=circle');
    expect(readUrlView(search)).toEqual(view);
  });

  it('drops empty parts and reads a missing view as empty', () => {
    expect(writeUrlView({ nodes: [], hidden: [], pinned: [], layout: null }, '?nodes=a&layout=grid')).toBe('');
    expect(readUrlView('')).toEqual({ nodes: [], hidden: [], pinned: [], layout: null });
    expect(readUrlView('?nodes=a,,b,')).toMatchObject({ nodes: ['a', 'b'] });
  });
});
