// One control of a saved query's form, chosen by the parameter's declared type.
import { useId } from 'react';
import type { QueryParameter } from '@model/api.js';
import { NODE_LABELS, REL_TYPES } from '@model/graph-model.js';
import type { FormValue } from './param-values.js';

const PLACEHOLDERS: Partial<Record<QueryParameter['type'], string>> = {
  id: 'state--russia',
  date: 'YYYY-MM-DD',
  'string[]': 'first, second, third',
};

export function ParamField({
  param,
  value,
  error,
  invalid = false,
  onChange,
}: {
  param: QueryParameter;
  value: FormValue;
  error?: string | undefined;
  /** The server named this field in its error. */
  invalid?: boolean;
  onChange: (value: FormValue) => void;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [param.description ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  const common = { id, name: param.name, 'aria-invalid': Boolean(error) || invalid, 'aria-describedby': describedBy };
  const text = typeof value === 'string' ? value : String(value);

  let control;
  switch (param.type) {
    case 'boolean':
      control = <input {...common} type="checkbox" checked={value === true} onChange={(e) => onChange(e.currentTarget.checked)} />;
      break;
    case 'label':
    case 'relType': {
      const options = param.type === 'label' ? NODE_LABELS : REL_TYPES;
      control = (
        <select {...common} value={text} onChange={(e) => onChange(e.currentTarget.value)}>
          {/* Empty means "the default", or nothing chosen yet when there is none. */}
          {(param.default === undefined || !(options as readonly string[]).includes(text)) && <option value="">(choose)</option>}
          {options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      );
      break;
    }
    case 'integer':
    case 'float':
      control = (
        <input
          {...common}
          type="number"
          step={param.type === 'integer' ? 1 : 'any'}
          inputMode={param.type === 'integer' ? 'numeric' : 'decimal'}
          value={text}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
      break;
    default:
      control = (
        <input
          {...common}
          type="text"
          spellCheck={param.type === 'string'}
          placeholder={PLACEHOLDERS[param.type]}
          value={text}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
  }

  return (
    <div className={`form-row param-${param.type === 'string[]' ? 'list' : param.type}`}>
      <label htmlFor={id}>
        {param.name} <span className="param-type">({param.type === 'string[]' ? 'comma-separated' : param.type})</span>
      </label>
      {control}
      {param.description && (
        <small id={hintId} className="form-hint">
          {param.description}
        </small>
      )}
      {error && (
        <p id={errorId} className="error-text">
          {error}
        </p>
      )}
    </div>
  );
}
