// A full-width notice: errors that block the work (API or Neo4j down) with a retry button.
import type { ReactNode } from 'react';

export function Banner({ kind = 'error', children, onRetry }: { kind?: 'error' | 'info'; children: ReactNode; onRetry?: () => void }) {
  return (
    <div className={`banner banner-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      <span>{children}</span>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}
