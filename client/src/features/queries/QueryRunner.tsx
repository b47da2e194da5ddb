// The chosen query: a form generated from its declared parameters, Run, and the rows it returned.
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { CypherResult, SavedQuery } from '@model/api.js';
import { api, ApiError } from '../../shared/api.js';
import { ErrorText } from '../../shared/ui/ErrorText.js';
import { ResultTable } from '../../shared/ui/ResultTable.js';
import { Spinner } from '../../shared/ui/Spinner.js';
import { ParamField } from './ParamField.js';
import { defaultFormValues, formValuesToParams, type FormValue, type FormValues } from './param-values.js';

export function QueryRunner({ query, onResult }: { query: SavedQuery; onResult: (result: CypherResult, title: string) => void }) {
  const [values, setValues] = useState<FormValues>(() => defaultFormValues(query.parameters));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const run = useMutation({
    mutationFn: (params: Record<string, unknown>) => api.runQuery(query.id, params),
    onSuccess: (result) => onResult(result, query.name),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const converted = formValuesToParams(query.parameters, values);
    setErrors(converted.errors);
    if (Object.keys(converted.errors).length === 0) run.mutate(converted.params);
  }

  function change(name: string, value: FormValue) {
    setValues((v) => ({ ...v, [name]: value }));
    setErrors(({ [name]: _fixed, ...rest }) => rest);
  }

  // The API names the field it refused (params.minConfidence): mark that control too.
  const refused =
    run.error instanceof ApiError && run.error.field?.startsWith('params.') ? run.error.field.slice('params.'.length) : undefined;
  const result = run.isSuccess ? run.data : undefined;

  return (
    <section className="query-runner" aria-label={`Run ${query.name}`}>
      <h3>{query.name}</h3>
      <form className="query-form" onSubmit={submit} noValidate>
        {query.parameters.length === 0 && <p className="form-hint">This query takes no parameters.</p>}
        {query.parameters.map((p) => (
          <ParamField
            key={p.name}
            param={p}
            value={values[p.name] ?? ''}
            error={errors[p.name]}
            invalid={refused === p.name}
            onChange={(v) => change(p.name, v)}
          />
        ))}
        <div className="form-actions">
          <button type="submit" disabled={run.isPending}>
            Run
          </button>
          {run.isPending && <Spinner label="Running…" />}
        </div>
      </form>
      <ErrorText error={run.error} />
      {result && (
        <div className="query-result">
          <p className="result-meta" role="status">
            {result.rows.length} {result.rows.length === 1 ? 'row' : 'rows'} in {result.elapsedMs} ms
            {result.truncated && `, truncated at ${result.rowCap} rows`}
          </p>
          {result.rows.length > 0 && <ResultTable result={result} />}
        </div>
      )}
    </section>
  );
}
