// The Lucene query built from what a person types: no syntax gets through, typos within reason.
import { describe, expect, it } from 'vitest';
import { luceneQuery } from '../server/graph/lucene.js';

describe('luceneQuery', () => {
  it('matches each word exactly, as a prefix and within one edit, all words required', () => {
    expect(luceneQuery('Seashel Blizard')).toBe('(seashel^4 OR seashel*^2 OR seashel~1) AND (blizard^4 OR blizard*^2 OR blizard~1)');
  });

  it('allows two edits only in long words, and none in short words or words with digits', () => {
    expect(luceneQuery('disinformation')).toBe('(disinformation^4 OR disinformation*^2 OR disinformation~2)');
    expect(luceneQuery('gru')).toBe('(gru^4 OR gru*^2)');
    expect(luceneQuery('APT44 2024')).toBe('(apt44^4 OR apt44*^2) AND (2024^4 OR 2024*^2)');
  });

  it('lets no Lucene syntax through', () => {
    expect(luceneQuery('name:(x OR y*) AND "z"~2 \\')).toBe(
      '(name^4 OR name*^2 OR name~1) AND (x^4 OR x*^2) AND (or^4 OR or*^2) AND (y^4 OR y*^2) AND (and^4 OR and*^2) AND (z^4 OR z*^2) AND (2^4 OR 2*^2)',
    );
    expect(luceneQuery('*:* ~~~')).toBeNull();
  });

  it('keeps dots inside a word (domains, versions) and drops them at its ends', () => {
    expect(luceneQuery('..fancybear.net..')).toBe('(fancybear.net^4 OR fancybear.net*^2 OR fancybear.net~2)');
    expect(luceneQuery('.gru. ...')).toBe('(gru^4 OR gru*^2)');
  });

  it('counts eight letters as short enough for one edit, nine as long enough for two', () => {
    expect(luceneQuery('sandworm')).toBe('(sandworm^4 OR sandworm*^2 OR sandworm~1)');
    expect(luceneQuery('sandworms')).toBe('(sandworms^4 OR sandworms*^2 OR sandworms~2)');
    expect(luceneQuery('fsb')).toBe('(fsb^4 OR fsb*^2)');
    expect(luceneQuery('unit')).toBe('(unit^4 OR unit*^2 OR unit~1)');
  });

  it('uses the first twelve words only', () => {
    const words = 'one two six ten may war gru fsb svr apt lab cat dog'.split(' ');
    expect(words).toHaveLength(13);
    const query = luceneQuery(words.join(' '))!;
    expect(query.split(' AND ')).toHaveLength(12);
    expect(query).toContain('(cat^4 OR cat*^2)');
    expect(query).not.toContain('dog');
  });
});
