// A citation a journalist can paste: publisher, title, date, link, and the quote it supports.
export interface CitableSource {
  title: string;
  publisher?: string;
  published?: string;
  url?: string;
}

export function citation(source: CitableSource, quote?: string): string {
  const parts = [source.publisher, `“${source.title}”`, source.published].filter(Boolean).join(', ');
  const link = source.url ? ` ${source.url}` : '';
  const quoted = quote ? ` Quote: “${quote}”` : '';
  return `${parts}.${link}${quoted}`;
}
