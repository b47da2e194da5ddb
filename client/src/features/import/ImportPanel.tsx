// The Import action: choose a STIX 2.1 bundle file, upload it for a dry run, read the report in a
// dialog, then confirm (one write transaction) or cancel (the upload is deleted). A confirmed
// import changes the graph: the cached meta and search answers are dropped.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { ImportReportBody, StixImportResult } from '@model/stix-import.js';
import { api } from '../../shared/api.js';
import { graphQueries } from '../../shared/query-options.js';
import { ErrorText } from '../../shared/ui/ErrorText.js';
import { Panel } from '../../shared/ui/Panel.js';
import { ImportReportDialog } from './ImportReportDialog.js';
import './import.css';

interface Pending {
  importId: string;
  fileName: string;
  report: ImportReportBody;
}

export function ImportPanel() {
  const queryClient = useQueryClient();
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [done, setDone] = useState<{ fileName: string; result: StixImportResult } | null>(null);

  const upload = useMutation({
    mutationFn: (f: File) => api.importStix(f),
    onSuccess: (answer, f) => {
      setDone(null);
      setPending({ importId: answer.importId, fileName: f.name, report: answer.report });
    },
  });
  const confirm = useMutation({
    mutationFn: (p: Pending) => api.confirmImport(p.importId),
    onSuccess: async (result, p) => {
      setPending(null);
      setDone({ fileName: p.fileName, result });
      // New entities and relationships: counts, labels and search results are stale.
      await queryClient.invalidateQueries({ queryKey: graphQueries.all });
    },
  });
  const cancel = useMutation({
    mutationFn: (p: Pending) => api.cancelImport(p.importId),
    // Cancelled or already gone (expired): either way there is nothing left to confirm.
    onSettled: () => setPending(null),
  });

  return (
    <Panel title="Import STIX 2.1">
      <p className="muted">
        Upload a STIX 2.1 bundle (JSON). You see what it would change before anything is written: new entities, matches with existing ones,
        conflicts, and what is skipped.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (file) upload.mutate(file);
        }}
      >
        <label htmlFor={fileId}>Bundle file</label>
        <input
          id={fileId}
          type="file"
          accept=".json,application/json"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            upload.reset();
          }}
        />
        <div className="button-row">
          <button type="submit" disabled={!file || upload.isPending}>
            {upload.isPending ? 'Checking…' : 'Upload and check'}
          </button>
        </div>
      </form>
      <ErrorText error={upload.error} />
      {done && (
        <p className="export-done" role="status">
          Imported {done.fileName}: {done.result.written.created} entities and sources created, {done.result.written.linked} matched,{' '}
          {done.result.written.updated} updated, {done.result.written.relationships} relationships written,{' '}
          {done.result.written.unchanged.relationships} already held in that version or a newer one (
          {done.result.relationshipsPerSecond.toLocaleString('en')} relationships/s).
        </p>
      )}
      {pending && (
        <ImportReportDialog
          fileName={pending.fileName}
          report={pending.report}
          busy={confirm.isPending || cancel.isPending}
          error={confirm.error}
          onConfirm={() => confirm.mutate(pending)}
          onCancel={() => {
            confirm.reset();
            cancel.mutate(pending);
          }}
        />
      )}
    </Panel>
  );
}
