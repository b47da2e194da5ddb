// An inline error under a form or a result: the API's own message, which names the field, and for
// a refused query the reason in a few words, so a researcher sees at once what to change.
import type { QueryRefusalReason } from '@model/api.js';
import { ApiError } from '../api.js';

const REFUSAL_LABELS: Record<QueryRefusalReason, string> = {
  EMPTY_QUERY: 'Empty query',
  MULTIPLE_STATEMENTS: 'More than one statement',
  NOT_READ_ONLY: 'Would write',
  SCHEMA_COMMAND: 'Schema or admin command',
  FORBIDDEN_OPERATOR: 'Forbidden operation',
  PRIVATE_DATA: 'Private data',
  PROCEDURE_NOT_ALLOWED: 'Procedure not allowed',
  INVALID_CYPHER: 'Invalid Cypher',
};

export function ErrorText({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof ApiError || error instanceof Error ? error.message : String(error);
  const reason = error instanceof ApiError ? error.reason : undefined;
  return (
    <p className="error-text" role="alert">
      {reason && (
        <strong className="error-reason" data-reason={reason}>
          {REFUSAL_LABELS[reason]}:{' '}
        </strong>
      )}
      {message}
    </p>
  );
}
