// Turns what a person typed into a Lucene query that tolerates prefixes and typos: each word
// matches exactly (boosted), as a prefix ("sandw" finds Sandworm) or within an edit distance.
// Words are split on everything but letters, digits, '_' and '.', so no Lucene syntax gets through.
export function luceneQuery(text: string): string | null {
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}_.]+/u)
    .map((w) => w.replace(/^\.+|\.+$/g, ''))
    .filter((w) => w.length > 0)
    .slice(0, 12);
  if (words.length === 0) return null;
  return words
    .map((w) => {
      const forms = [`${w}^4`, `${w}*^2`];
      const distance = typoDistance(w);
      if (distance > 0) forms.push(`${w}~${distance}`);
      return `(${forms.join(' OR ')})`;
    })
    .join(' AND ');
}

/**
 * How many edits a word may be off. None for short words (too many matches) and for words with
 * digits: "APT44" must not find APT42, nor "2024" find 2023. One edit up to eight letters, two
 * beyond: a distance of two costs the index far more terms to visit.
 */
function typoDistance(word: string): number {
  if (word.length < 4 || /\p{N}/u.test(word)) return 0;
  return word.length <= 8 ? 1 : 2;
}
