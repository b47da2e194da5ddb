// Turns the text and checkboxes of a saved query's form into the params the API takes, checked
// client-side with the same schemas as the server (model/query-parameters.ts), so that a typo is caught next
// to its field before a round trip, and integers go out as integers (the server refuses 1.5).
import type { QueryParameter } from '@model/api.js';
import { PARAM_TYPE_WORDS, PARAM_VALUE_SCHEMAS } from '@model/query-parameters.js';

export type FormValue = string | boolean;
export type FormValues = Record<string, FormValue>;
type ParamType = QueryParameter['type'];

const INTEGER = /^[+-]?\d+$/;
// Decimal or exponent notation only: Number() would also take "0x10", "" and " ".
const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export type Converted = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * One non-empty form value to its typed value. Exported for the parameters editor, which reads
 * a declared default the same way.
 */
export function convertValue(type: ParamType, raw: FormValue): Converted {
  if (type === 'boolean') {
    if (typeof raw === 'boolean') return { ok: true, value: raw };
    const text = raw.trim().toLowerCase();
    if (text === 'true' || text === 'false') return { ok: true, value: text === 'true' };
    return { ok: false, error: `must be ${PARAM_TYPE_WORDS.boolean}` };
  }
  const text = String(raw).trim();
  // Text to the JSON value the API takes, then the same check the server makes.
  const value =
    type === 'integer'
      ? INTEGER.test(text)
        ? Number(text)
        : NaN
      : type === 'float'
        ? FLOAT.test(text)
          ? Number(text)
          : NaN
        : type === 'string[]'
          ? splitList(text)
          : text;
  return PARAM_VALUE_SCHEMAS[type].safeParse(value).success
    ? { ok: true, value }
    : { ok: false, error: `must be ${PARAM_TYPE_WORDS[type]}` };
}

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function isEmpty(type: ParamType, raw: FormValue | undefined): boolean {
  if (raw === undefined) return true;
  if (typeof raw === 'boolean') return false;
  return type === 'string[]' ? splitList(raw).length === 0 : raw.trim() === '';
}

/** A declared default as the form shows it. */
export function defaultFormValue(param: QueryParameter): FormValue {
  const d = param.default;
  if (param.type === 'boolean') return d === true;
  if (d === undefined || d === null) return '';
  if (Array.isArray(d)) return d.map(String).join(', ');
  return typeof d === 'object' ? JSON.stringify(d) : String(d);
}

export function defaultFormValues(parameters: QueryParameter[]): FormValues {
  return Object.fromEntries(parameters.map((p) => [p.name, defaultFormValue(p)]));
}

/**
 * The form's values as the run request's params, or an error per parameter (keyed by its name,
 * and naming it). An empty value takes the declared default; with no default it is required.
 */
export function formValuesToParams(
  parameters: QueryParameter[],
  values: Record<string, string | boolean>,
): { params: Record<string, unknown>; errors: Record<string, string> } {
  const params: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const p of parameters) {
    const raw = values[p.name];
    if (isEmpty(p.type, raw)) {
      if (p.default !== undefined) params[p.name] = p.default;
      else errors[p.name] = `${p.name}: is required`;
      continue;
    }
    const converted = convertValue(p.type, raw as FormValue);
    if (converted.ok) params[p.name] = converted.value;
    else errors[p.name] = `${p.name}: ${converted.error}`;
  }
  return { params, errors };
}
