// An inline error under a form or a result: the API's own message, which names the field.
import { ApiError } from '../api.js';

export function ErrorText({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof ApiError || error instanceof Error ? error.message : String(error);
  return (
    <p className="error-text" role="alert">
      {message}
    </p>
  );
}
