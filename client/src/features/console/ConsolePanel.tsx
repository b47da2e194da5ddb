// The read-only Cypher console: an editor, optional JSON parameters and Run (or Ctrl/Cmd+Enter).
// The server refuses anything that would write and says why; that message is shown as is.
import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import type { CypherResult } from '@model/api.js';
import { api } from '../../shared/api.js';
import { ErrorText } from '../../shared/ui/ErrorText.js';
import { ResultTable } from '../../shared/ui/ResultTable.js';
import { Spinner } from '../../shared/ui/Spinner.js';
import { consoleTitle, parseJsonParams } from './console-params.js';
import { CypherInput } from './CypherInput.js';

export function ConsolePanel({ onResult }: { onResult: (result: CypherResult, title: string) => void }) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [paramsText, setParamsText] = useState('');
  const [paramsError, setParamsError] = useState<string | null>(null);

  const run = useMutation({
    mutationFn: ({ query, params }: { query: string; params: Record<string, unknown> }) => api.cypher(query, params),
    onSuccess: (result, { query }) => onResult(result, consoleTitle(query)),
  });

  function start() {
    if (run.isPending || query.trim() === '') return;
    const parsed = parseJsonParams(paramsText);
    setParamsError(parsed.ok ? null : parsed.error);
    if (parsed.ok) run.mutate({ query, params: parsed.params });
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    start();
  }

  const result = run.isSuccess ? run.data : undefined;
  return (
    <div className="console-panel">
      <form className="console-form" onSubmit={submit} aria-label="Cypher console">
        <div className="form-row">
          {/* The editor is a contenteditable, which a <label> cannot point at; it is named by aria-label. */}
          <span className="form-label">Cypher (read-only)</span>
          <CypherInput value={query} onChange={setQuery} onRun={start} label="Cypher query (read-only)" describedBy={`${id}-hint`} />
          <small id={`${id}-hint`} className="form-hint">
            Ctrl+Enter or Cmd+Enter runs the query. Tab leaves the editor.
          </small>
        </div>
        <div className="form-row">
          <label htmlFor={`${id}-params`}>Parameters (JSON, optional)</label>
          <textarea
            id={`${id}-params`}
            className="console-params"
            rows={2}
            spellCheck={false}
            placeholder='{"actor": "state--russia"}'
            aria-invalid={paramsError !== null}
            value={paramsText}
            onChange={(e) => {
              setParamsText(e.currentTarget.value);
              setParamsError(null);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                start();
              }
            }}
          />
        </div>
        <div className="form-actions">
          <button type="submit" disabled={run.isPending || query.trim() === ''}>
            Run
          </button>
          {run.isPending && <Spinner label="Running…" />}
        </div>
      </form>
      <ErrorText error={paramsError ?? run.error} />
      {result && (
        <div className="console-result">
          <p className="result-meta" role="status">
            {result.rows.length} {result.rows.length === 1 ? 'row' : 'rows'}, {result.nodes.length} nodes, {result.edges.length}{' '}
            relationships in {result.elapsedMs} ms
            {result.truncated && <strong className="result-truncated">; truncated at {result.rowCap} rows</strong>}
          </p>
          {result.rows.length > 0 && <ResultTable result={result} />}
        </div>
      )}
    </div>
  );
}
