// The console's optional JSON parameters field, checked before the query goes out.

export type ParsedParams = { ok: true; params: Record<string, unknown> } | { ok: false; error: string };

export function parseJsonParams(text: string): ParsedParams {
  if (text.trim() === '') return { ok: true, params: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: `Parameters: not valid JSON (${err instanceof Error ? err.message : String(err)}).` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: 'Parameters: must be a JSON object, such as {"actor": "state--russia"}.' };
  }
  return { ok: true, params: value as Record<string, unknown> };
}

/** A short title for the result: the query's first line, cut. */
export function consoleTitle(query: string): string {
  const line = query.trim().split('\n')[0]?.trim() ?? '';
  return `Console: ${line.length > 60 ? `${line.slice(0, 59)}…` : line}`;
}
