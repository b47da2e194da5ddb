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
      if (w.length >= 4) forms.push(`${w}~${w.length >= 7 ? 2 : 1}`);
      return `(${forms.join(' OR ')})`;
    })
    .join(' AND ');
}
