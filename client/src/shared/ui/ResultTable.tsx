// The rows of a Cypher result as a scrollable table. Nodes show by name and relationships by
// type, so a row reads like the sentence it stands for; everything else as short JSON.
import type { CypherResult } from '@model/api.js';

/** Rendering thousands of rows freezes the page; the graph holds the full result anyway. */
export const RESULT_TABLE_MAX_ROWS = 200;
const MAX_CELL_CHARS = 120;

type Row = CypherResult['rows'][number];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isNode(v: unknown): v is { id: string; label: string; name: string } {
  return isRecord(v) && typeof v.id === 'string' && typeof v.label === 'string' && typeof v.name === 'string' && isRecord(v.properties);
}

function isEdge(v: unknown): v is { id: string; type: string; from: string; to: string } {
  return isRecord(v) && typeof v.type === 'string' && typeof v.from === 'string' && typeof v.to === 'string' && isRecord(v.evidence);
}

/** Nodes and relationships nested in lists and maps, shortened the same way. */
function compact(v: unknown): unknown {
  if (isNode(v)) return v.name;
  if (isEdge(v)) return v.type;
  if (Array.isArray(v)) return v.map(compact);
  if (isRecord(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, compact(x)]));
  return v;
}

function shorten(text: string): string {
  return text.length > MAX_CELL_CHARS ? `${text.slice(0, MAX_CELL_CHARS - 1)}…` : text;
}

export function Cell({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="cell-null">null</span>;
  if (isNode(value)) {
    return (
      <span className="cell-node" title={`${value.label} ${value.id}`}>
        {value.name}
      </span>
    );
  }
  if (isEdge(value)) {
    return (
      <code className="cell-edge" title={`${value.from} ${value.type} ${value.to}`}>
        {value.type}
      </code>
    );
  }
  if (typeof value === 'object') {
    const json = JSON.stringify(compact(value));
    return (
      <code className="cell-json" title={json.length > MAX_CELL_CHARS ? json : undefined}>
        {shorten(json)}
      </code>
    );
  }
  return <>{String(value)}</>;
}

export function ResultTable({ result }: { result: Pick<CypherResult, 'columns' | 'rows'> }) {
  const { columns, rows } = result;
  const shown: Row[] = rows.slice(0, RESULT_TABLE_MAX_ROWS);
  return (
    <div className="result-table">
      {/* Focusable so keyboard users can scroll a wide or long table. */}
      <div className="result-table-scroll" role="region" aria-label="Result rows" tabIndex={0}>
        <table>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((row, i) => (
              <tr key={i}>
                {columns.map((c) => (
                  <td key={c}>
                    <Cell value={row[c]} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > RESULT_TABLE_MAX_ROWS && (
        <p className="result-table-note">
          Showing the first {RESULT_TABLE_MAX_ROWS} of {rows.length} rows.
        </p>
      )}
    </div>
  );
}
