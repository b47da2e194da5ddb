// The dry-run report of an uploaded STIX bundle, before anything is written: what it holds, what
// would be created, what matches an entity already in the graph (and through which name or
// alias), the conflicts, and what is skipped and why. Confirm imports it; Cancel deletes the upload.
import { useEffect, useEffectEvent, useId, useRef, type ReactNode } from 'react';
import type { ImportReportBody } from '@model/stix-import.js';
import { ErrorText } from '../../shared/ui/ErrorText.js';

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** A table of counts, largest first; nothing when empty. */
function Counts({ counts, label }: { counts: Record<string, number>; label: string }) {
  const rows = Object.entries(counts).sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  if (rows.length === 0) return null;
  return (
    <table aria-label={label}>
      <tbody>
        {rows.map(([key, n]) => (
          <tr key={key}>
            <td>{key}</td>
            <td className="count">{n.toLocaleString('en')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title}>
      <h3>{title}</h3>
      {children}
    </section>
  );
}

export interface ImportReportDialogProps {
  fileName: string;
  report: ImportReportBody;
  busy: boolean;
  error: unknown;
  onConfirm(): void;
  onCancel(): void;
}

export function ImportReportDialog({ fileName, report: r, busy, error, onConfirm, onCancel }: ImportReportDialogProps) {
  const headingId = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const open = r.conflicts.filter((c) => !c.decided);
  const skipped = r.skipped;
  const revokedOrDeprecated = sum(skipped.revoked) + sum(skipped.deprecated);
  const relationshipsSkipped = sum(skipped.endNotImported) + sum(skipped.disallowedEnds) + skipped.endInOpenConflict + skipped.selfLoops;

  // Escape cancels, as the Cancel button; focus starts on Confirm (or Cancel when it cannot be confirmed).
  const cancel = useEffectEvent(onCancel);
  useEffect(() => {
    dialog.current?.querySelector<HTMLButtonElement>('button[data-default]')?.focus({ preventScroll: true });
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        cancel();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="dialog-backdrop">
      <div ref={dialog} className="dialog import-report" role="dialog" aria-modal="true" aria-labelledby={headingId}>
        <header className="dialog-header">
          <h2 id={headingId}>Import STIX bundle: dry run</h2>
        </header>
        <p>
          <strong>{r.bundle.name}</strong>
          {r.bundle.version ? ` ${r.bundle.version}` : ''} <span className="muted">({fileName})</span>
          <br />
          <span className="muted">
            {r.bundle.id} · publisher: {r.bundle.publisher ?? 'not stated'} · licence: {r.bundle.licence ?? 'no marking definition'}
          </span>
        </p>
        <div className="import-summary" aria-label="Summary">
          <span>
            Objects read: <strong data-testid="import-objects">{r.objects.toLocaleString('en')}</strong>
          </span>
          <span>
            New entities: <strong data-testid="import-new">{r.totals.newEntities.toLocaleString('en')}</strong>
          </span>
          <span>
            Matches: <strong data-testid="import-matches">{r.totals.matches.toLocaleString('en')}</strong>
          </span>
          <span>
            Relationships: <strong>{sum(r.relationshipsPerType).toLocaleString('en')}</strong>
          </span>
          <span>
            Sources: {r.sources.new} new, {r.sources.existing} known
          </span>
          <span>
            Conflicts: <strong className={open.length > 0 ? 'conflict-open' : undefined}>{r.conflicts.length}</strong>
            {open.length > 0 ? ` (${open.length} open)` : ''}
          </span>
        </div>

        {open.length > 0 && (
          <p className="conflict-open" role="alert">
            {open.length} conflict{open.length === 1 ? '' : 's'} open: nothing can be imported until each is decided (the CLI's --map file:
            STIX id → our id or "new").
          </p>
        )}
        {r.conflicts.length > 0 && (
          <Section title="Conflicts">
            <ul>
              {r.conflicts.map((c) => (
                <li key={c.objects.map((o) => o.stixId).join(',') + c.entities.map((e) => e.id).join(',')}>
                  <strong>{c.decided ? 'decided' : 'OPEN'}</strong>: {c.objects.map((o) => o.name).join(', ')}{' '}
                  {c.kind === 'object-matches-several' ? 'matches' : 'all match'} {c.entities.map((e) => `${e.name} (${e.id})`).join(', ')}
                </li>
              ))}
            </ul>
          </Section>
        )}
        <Section title="Mapped entities per label">
          <Counts counts={r.mappedPerLabel} label="Mapped entities per label" />
        </Section>
        <Section title="Relationships per type">
          <Counts counts={r.relationshipsPerType} label="Relationships per type" />
          {r.folded > 0 && <p className="muted">{r.folded} STIX relationships folded into one with the same ends and type.</p>}
        </Section>
        <Section title={`Matches with existing entities (${r.totals.matches})`}>
          {r.matches.length === 0 ? (
            <p className="muted">None.</p>
          ) : (
            <ul aria-label="Matches">
              {r.matches.map((m) => (
                <li key={m.stixId}>
                  {m.objectName} → <strong>{m.entityName}</strong> <span className="muted">({m.entityId})</span> through {m.via}
                </li>
              ))}
              {r.totals.matches > r.matches.length && <li className="muted">… and {r.totals.matches - r.matches.length} more</li>}
            </ul>
          )}
        </Section>
        <Section title={`New entities (${r.totals.newEntities})`}>
          <ul aria-label="New entities">
            {r.newEntities.map((e) => (
              <li key={e.stixId}>
                {e.id} <span className="muted">({e.label})</span>
              </li>
            ))}
            {r.totals.newEntities > r.newEntities.length && (
              <li className="muted">… and {r.totals.newEntities - r.newEntities.length} more</li>
            )}
          </ul>
        </Section>
        <Section title={`Skipped: no mapping (${sum(skipped.unmapped)})`}>
          <Counts counts={skipped.unmapped} label="Skipped, no mapping" />
        </Section>
        <Section title={`Skipped: revoked or deprecated (${revokedOrDeprecated})`}>
          <Counts counts={Object.fromEntries(Object.entries(skipped.revoked).map(([k, v]) => [`${k} (revoked)`, v]))} label="Revoked" />
          <Counts
            counts={Object.fromEntries(Object.entries(skipped.deprecated).map(([k, v]) => [`${k} (deprecated)`, v]))}
            label="Deprecated"
          />
        </Section>
        {relationshipsSkipped > 0 && (
          <Section title={`Relationships skipped (${relationshipsSkipped})`}>
            <Counts
              counts={{
                ...Object.fromEntries(Object.entries(skipped.endNotImported).map(([k, v]) => [`${k}: an end not imported`, v])),
                ...Object.fromEntries(Object.entries(skipped.disallowedEnds).map(([k, v]) => [`${k}: ends not allowed`, v])),
                ...(skipped.endInOpenConflict > 0 ? { 'an end in an open conflict': skipped.endInOpenConflict } : {}),
                ...(skipped.selfLoops > 0 ? { 'both ends one entity': skipped.selfLoops } : {}),
              }}
              label="Relationships skipped"
            />
          </Section>
        )}
        {r.mapErrors.length > 0 && (
          <Section title="Map errors">
            <ul>
              {r.mapErrors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          </Section>
        )}
        <p className="muted">
          Dry run: {Math.round(r.timing.totalMs)} ms, {r.timing.objectsPerSecond.toLocaleString('en')} objects/s. Nothing is written until
          you confirm; the import is one transaction (all or nothing).
        </p>
        <ErrorText error={error} />
        <div className="button-row">
          <button type="button" onClick={onConfirm} disabled={busy || open.length > 0} data-default={open.length === 0 ? '' : undefined}>
            {busy ? 'Importing…' : 'Confirm import'}
          </button>
          <button type="button" onClick={onCancel} disabled={busy} data-default={open.length > 0 ? '' : undefined}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}
