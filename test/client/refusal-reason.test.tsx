// @vitest-environment happy-dom
// A refused query's reason (400 QUERY_REJECTED with `reason`) travels from the API's answer into
// ApiError (client/src/shared/api.ts) and is shown, in a few words, ahead of the message by the
// inline error every form uses (client/src/shared/ui/ErrorText.tsx).
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api } from '../../client/src/shared/api.js';
import { ErrorText } from '../../client/src/shared/ui/ErrorText.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function answering(status: number, body: unknown) {
  vi.stubGlobal('fetch', async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
}

async function failureOf(call: Promise<unknown>): Promise<ApiError> {
  const err = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
}

describe('a refused query', () => {
  it('carries the reason from the answer and shows it ahead of the message', async () => {
    const message = 'The console is read-only: procedure db.info is not allowed; allowed: db.labels.';
    answering(400, { error: { code: 'QUERY_REJECTED', message, field: 'query', reason: 'PROCEDURE_NOT_ALLOWED' } });
    const err = await failureOf(api.cypher('CALL db.info()', {}));
    expect(err).toMatchObject({ status: 400, code: 'QUERY_REJECTED', field: 'query', reason: 'PROCEDURE_NOT_ALLOWED', message });

    render(<ErrorText error={err} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe(`Procedure not allowed: ${message}`);
    expect(alert.querySelector('[data-reason]')?.getAttribute('data-reason')).toBe('PROCEDURE_NOT_ALLOWED');
  });

  it('names every reason the server gives in words of its own', async () => {
    const seen = new Set<string>();
    for (const reason of [
      'EMPTY_QUERY',
      'MULTIPLE_STATEMENTS',
      'NOT_READ_ONLY',
      'SCHEMA_COMMAND',
      'FORBIDDEN_OPERATOR',
      'PROCEDURE_NOT_ALLOWED',
      'INVALID_CYPHER',
    ] as const) {
      render(<ErrorText error={new ApiError(400, 'QUERY_REJECTED', 'Refused.', 'query', { reason })} />);
      const label = screen.getByRole('alert').querySelector('[data-reason]')?.textContent ?? '';
      expect(label, reason).toMatch(/^[A-Z][a-z].*: $/);
      seen.add(label);
      cleanup();
    }
    expect(seen.size).toBe(7);
  });

  it('shows other errors as their message alone', async () => {
    answering(400, { error: { code: 'BAD_REQUEST', message: 'q is required.', field: 'q' } });
    const err = await failureOf(api.search(''));
    expect(err.reason).toBeUndefined();
    render(<ErrorText error={err} />);
    expect(screen.getByRole('alert').textContent).toBe('q is required.');
    expect(screen.getByRole('alert').querySelector('[data-reason]')).toBeNull();
  });
});
