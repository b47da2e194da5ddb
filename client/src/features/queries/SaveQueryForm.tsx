// "Save new query": name, description, Cypher and a small editor of declared parameters. The
// server refuses a query that would write; its message is shown as is.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import type { QueryParameter, SavedQuery, SavedQueryInput } from '@model/api.js';
import { PARAM_TYPES } from '@model/query-parameters.js';
import type { Visibility } from '@model/sharing.js';
import { api } from '../../shared/api.js';
import { savedQueryQueries } from '../../shared/query-options.js';
import { ErrorText } from '../../shared/ui/ErrorText.js';
import { convertValue } from './param-values.js';

interface ParamRow {
  key: number;
  name: string;
  type: QueryParameter['type'];
  default: string;
}

let nextRowKey = 0;
const newRow = (): ParamRow => ({ key: nextRowKey++, name: '', type: 'string', default: '' });

/** The rows as declared parameters, or the problems, named like the server's fields. */
export function rowsToParameters(rows: Omit<ParamRow, 'key'>[]): { parameters: QueryParameter[]; errors: string[] } {
  const parameters: QueryParameter[] = [];
  const errors: string[] = [];
  rows.forEach((row, i) => {
    const name = row.name.trim();
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) errors.push(`parameters.${i}.name: must be a Cypher parameter name`);
    if (row.default.trim() === '') {
      parameters.push({ name, type: row.type });
      return;
    }
    const converted = convertValue(row.type, row.default);
    if (converted.ok) parameters.push({ name, type: row.type, default: converted.value });
    else errors.push(`parameters.${i}.default: ${converted.error}`);
  });
  return { parameters, errors };
}

function ParamRowEditor({
  row,
  index,
  onChange,
  onRemove,
}: {
  row: ParamRow;
  index: number;
  onChange: (row: ParamRow) => void;
  onRemove: () => void;
}) {
  const id = useId();
  return (
    <fieldset className="param-row">
      <legend>Parameter {index + 1}</legend>
      <div className="form-row">
        <label htmlFor={`${id}-name`}>Name</label>
        <input
          id={`${id}-name`}
          type="text"
          spellCheck={false}
          value={row.name}
          onChange={(e) => onChange({ ...row, name: e.currentTarget.value })}
        />
      </div>
      <div className="form-row">
        <label htmlFor={`${id}-type`}>Type</label>
        <select id={`${id}-type`} value={row.type} onChange={(e) => onChange({ ...row, type: e.currentTarget.value as ParamRow['type'] })}>
          {PARAM_TYPES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </div>
      <div className="form-row">
        <label htmlFor={`${id}-default`}>Default</label>
        <input
          id={`${id}-default`}
          type="text"
          placeholder={row.type === 'boolean' ? 'true or false' : row.type === 'string[]' ? 'a, b, c' : '(none: required)'}
          value={row.default}
          onChange={(e) => onChange({ ...row, default: e.currentTarget.value })}
        />
      </div>
      <button type="button" className="param-remove" aria-label={`Remove parameter ${index + 1}`} onClick={onRemove}>
        Remove
      </button>
    </fieldset>
  );
}

export function SaveQueryForm({ onSaved }: { onSaved?: (query: SavedQuery) => void }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [cypher, setCypher] = useState('');
  const [rows, setRows] = useState<ParamRow[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  const [visibility, setVisibility] = useState<Visibility>('private');

  const save = useMutation({
    mutationFn: (input: SavedQueryInput) => api.saveQuery(input),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: savedQueryQueries.all });
      setName('');
      setDescription('');
      setCypher('');
      setRows([]);
      setOpen(false);
      onSaved?.(saved);
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const { parameters, errors } = rowsToParameters(rows);
    if (!name.trim()) errors.unshift('name: must not be empty');
    if (!cypher.trim()) errors.push('cypher: must not be empty');
    setProblems(errors);
    if (errors.length === 0) save.mutate({ name, description, cypher, parameters, visibility });
  }

  return (
    <section className="save-query">
      <button type="button" className="save-query-toggle" aria-expanded={open} aria-controls={`${id}-form`} onClick={() => setOpen(!open)}>
        Save new query
      </button>
      {open && (
        <form id={`${id}-form`} className="save-query-form" aria-label="Save new query" onSubmit={submit} noValidate>
          <div className="form-row">
            <label htmlFor={`${id}-name`}>Name</label>
            <input id={`${id}-name`} type="text" required value={name} onChange={(e) => setName(e.currentTarget.value)} />
          </div>
          <div className="form-row">
            <label htmlFor={`${id}-description`}>Description</label>
            <textarea id={`${id}-description`} rows={2} value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
          </div>
          <div className="form-row">
            <label htmlFor={`${id}-visibility`}>Who sees it</label>
            <select id={`${id}-visibility`} value={visibility} onChange={(e) => setVisibility(e.currentTarget.value as Visibility)}>
              <option value="private">Private (only me)</option>
              <option value="team">Team (all signed-in users)</option>
              <option value="link">Anyone signed in with its id</option>
            </select>
          </div>
          <div className="form-row">
            <label htmlFor={`${id}-cypher`}>Cypher</label>
            <textarea
              id={`${id}-cypher`}
              className="cypher-textarea"
              rows={6}
              required
              spellCheck={false}
              placeholder="MATCH (a:Entity {id: $actor})-[r]-(b) RETURN a, r, b"
              value={cypher}
              onChange={(e) => setCypher(e.currentTarget.value)}
            />
          </div>
          <div className="param-editor">
            {rows.map((row, i) => (
              <ParamRowEditor
                key={row.key}
                row={row}
                index={i}
                onChange={(r) => setRows(rows.map((x) => (x.key === r.key ? r : x)))}
                onRemove={() => setRows(rows.filter((x) => x.key !== row.key))}
              />
            ))}
            <button type="button" className="param-add" onClick={() => setRows([...rows, newRow()])}>
              Add parameter
            </button>
          </div>
          {problems.length > 0 && (
            <ul className="error-text" role="alert">
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
          <ErrorText error={save.error} />
          <div className="form-actions">
            <button type="submit" disabled={save.isPending}>
              {save.isPending ? 'Saving…' : 'Save query'}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
