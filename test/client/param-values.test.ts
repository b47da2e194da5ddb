// The saved-query form's values to run params: the same types the server checks
// (server/queries/parameters.ts), errors naming the parameter, and defaults for empty values.
import { describe, expect, it } from 'vitest';
import { convertValue, defaultFormValues, formValuesToParams } from '../../client/src/features/queries/param-values.js';
import type { QueryParameter } from '@model/api.js';

const one = (type: QueryParameter['type'], value: string | boolean, extra: Partial<QueryParameter> = {}) =>
  formValuesToParams([{ name: 'p', type, ...extra }], { p: value });

describe('formValuesToParams', () => {
  it('converts every declared type', () => {
    const parameters: QueryParameter[] = [
      { name: 'text', type: 'string' },
      { name: 'count', type: 'integer' },
      { name: 'ratio', type: 'float' },
      { name: 'flag', type: 'boolean' },
      { name: 'actor', type: 'id' },
      { name: 'kind', type: 'label' },
      { name: 'rel', type: 'relType' },
      { name: 'since', type: 'date' },
      { name: 'names', type: 'string[]' },
    ];
    const { params, errors } = formValuesToParams(parameters, {
      text: ' Sandworm ',
      count: '42',
      ratio: '0.75',
      flag: true,
      actor: 'state--russia',
      kind: 'ProxyGang',
      rel: 'SPONSORS',
      since: '2024-06',
      names: ' GRU , FSB,,SVR ',
    });
    expect(errors).toEqual({});
    expect(params).toEqual({
      text: 'Sandworm',
      count: 42,
      ratio: 0.75,
      flag: true,
      actor: 'state--russia',
      kind: 'ProxyGang',
      rel: 'SPONSORS',
      since: '2024-06',
      names: ['GRU', 'FSB', 'SVR'],
    });
  });

  it('keeps integers integers and takes negative numbers and exponents where they fit', () => {
    expect(one('integer', '-3').params).toEqual({ p: -3 });
    expect(one('float', '1e3').params).toEqual({ p: 1000 });
    expect(one('float', '-.5').params).toEqual({ p: -0.5 });
    expect(one('float', '7').params).toEqual({ p: 7 });
    expect(one('boolean', false).params).toEqual({ p: false });
    expect(one('boolean', 'true').params).toEqual({ p: true });
  });

  it('accepts dates at year, month and day precision', () => {
    for (const d of ['2024', '2024-06', '2024-06-15']) expect(one('date', d)).toEqual({ params: { p: d }, errors: {} });
  });

  it.each([
    ['integer', '1.5', 'must be an integer'],
    ['integer', 'high', 'must be an integer'],
    ['integer', '99999999999999999999', 'must be an integer'],
    ['float', 'abc', 'must be a number'],
    ['float', '0x10', 'must be a number'],
    ['boolean', 'yes', 'must be true or false'],
    ['id', 'Russia', 'must be an entity id'],
    ['id', 'state-russia', 'must be an entity id'],
    ['label', 'Gang', 'must be one of State'],
    ['relType', 'LIKES', 'must be a relationship type'],
    ['date', 'June', 'must be a date'],
    ['date', '2024-13', 'must be a date'],
    ['date', '2024-06-32', 'must be a date'],
  ] as const)('refuses %s %j, naming the parameter', (type, value, message) => {
    const { params, errors } = formValuesToParams([{ name: 'minConfidence', type }], { minConfidence: value });
    expect(params).toEqual({});
    expect(Object.keys(errors)).toEqual(['minConfidence']);
    expect(errors.minConfidence).toMatch(/^minConfidence: /);
    expect(errors.minConfidence).toContain(message);
  });

  it('takes the default for an empty optional value, and requires a value without one', () => {
    const parameters: QueryParameter[] = [
      { name: 'actor', type: 'id', default: 'state--russia' },
      { name: 'minConfidence', type: 'integer', default: 0 },
      { name: 'names', type: 'string[]', default: ['GRU'] },
      { name: 'until', type: 'date', default: null },
      { name: 'source', type: 'id' },
    ];
    const { params, errors } = formValuesToParams(parameters, { actor: '  ', minConfidence: '', names: ' , ', until: '' });
    expect(params).toEqual({ actor: 'state--russia', minConfidence: 0, names: ['GRU'], until: null });
    expect(errors).toEqual({ source: 'source: is required' });
  });

  it('reports every bad parameter at once', () => {
    const { errors } = formValuesToParams(
      [
        { name: 'a', type: 'integer' },
        { name: 'b', type: 'id' },
      ],
      { a: 'x', b: 'y' },
    );
    expect(Object.keys(errors).sort()).toEqual(['a', 'b']);
  });
});

describe('defaultFormValues', () => {
  it('shows each declared default as the form holds it', () => {
    expect(
      defaultFormValues([
        { name: 'actor', type: 'id', default: 'state--russia' },
        { name: 'minConfidence', type: 'integer', default: 0 },
        { name: 'ratio', type: 'float', default: 0.5 },
        { name: 'flag', type: 'boolean', default: true },
        { name: 'off', type: 'boolean' },
        { name: 'names', type: 'string[]', default: ['GRU', 'FSB'] },
        { name: 'kind', type: 'label', default: 'State' },
        { name: 'free', type: 'string' },
        { name: 'until', type: 'date', default: null },
      ]),
    ).toEqual({
      actor: 'state--russia',
      minConfidence: '0',
      ratio: '0.5',
      flag: true,
      off: false,
      names: 'GRU, FSB',
      kind: 'State',
      free: '',
      until: '',
    });
  });

  it('round-trips: the defaults, unchanged, convert back to the declared defaults', () => {
    const parameters: QueryParameter[] = [
      { name: 'from', type: 'date', default: '2024-01' },
      { name: 'limit', type: 'integer', default: 200 },
      { name: 'names', type: 'string[]', default: ['a', 'b'] },
      { name: 'flag', type: 'boolean', default: false },
    ];
    expect(formValuesToParams(parameters, defaultFormValues(parameters))).toEqual({
      params: { from: '2024-01', limit: 200, names: ['a', 'b'], flag: false },
      errors: {},
    });
  });
});

describe('convertValue', () => {
  it('reads a declared default the same way, for the parameters editor', () => {
    expect(convertValue('integer', '10')).toEqual({ ok: true, value: 10 });
    expect(convertValue('string[]', 'a,b')).toEqual({ ok: true, value: ['a', 'b'] });
    expect(convertValue('relType', 'USES')).toEqual({ ok: true, value: 'USES' });
    expect(convertValue('integer', '1.5')).toEqual({ ok: false, error: 'must be an integer' });
  });
});
