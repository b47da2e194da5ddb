// The view in the URL, part by part: spaces around ids, and a URL without other parameters.
import { describe, expect, it } from 'vitest';
import { readUrlView, writeUrlView } from '../../client/src/shared/url-state.js';

describe('the view in the URL, part by part', () => {
  it('reads ids with the spaces around them trimmed', () => {
    expect(readUrlView('?nodes=%20state--russia%20,threat-actor--gru%20&pinned=%20state--russia')).toEqual({
      nodes: ['state--russia', 'threat-actor--gru'],
      hidden: [],
      pinned: ['state--russia'],
      layout: null,
    });
  });

  it('writes a URL of the view alone when there is no other parameter', () => {
    expect(writeUrlView({ nodes: ['state--russia'], hidden: [], pinned: [], layout: null })).toBe('?nodes=state--russia');
    expect(writeUrlView({ nodes: [], hidden: [], pinned: [], layout: 'grid' })).toBe('?layout=grid');
  });
});
