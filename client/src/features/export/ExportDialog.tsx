// The export dialog: the current view as PNG, SVG, JSON, GraphML, CSV (zip) or HTML, with the
// title and caption it carries; and the import of a JSON export back onto the canvas.
import type cytoscape from 'cytoscape';
import { useEffect, useEffectEvent, useId, useRef, useState } from 'react';
import { SNAPSHOT_LIMITS, exportFileName, type ExportFormat, type ExportOptions, type ViewDocument } from '@model/snapshot.js';
import { readViewDocument } from '../../shared/view-document.js';
import { ErrorText } from '../../shared/ui/ErrorText.js';
import { FORMAT_CHOICES, IMAGE_FORMATS, download, makeExportFile } from './export-file.js';

const BACKGROUNDS: Array<[ExportOptions['background'], string]> = [
  ['white', 'White'],
  ['transparent', 'Transparent'],
];
const AREAS: Array<[ExportOptions['area'], string]> = [
  ['all', 'Whole graph'],
  ['visible', 'Visible part'],
];

/** A labelled row of radio buttons for one option. */
function ChoiceRow<T extends string>({
  label,
  name,
  value,
  choices,
  onChange,
}: {
  label: string;
  name: string;
  value: T;
  choices: Array<[T, string]>;
  onChange(value: T): void;
}) {
  return (
    <div role="radiogroup" aria-label={label} className="choice-row">
      <span>{label}:</span>
      {choices.map(([choice, text]) => (
        <label key={choice} className="choice">
          <input type="radio" name={name} value={choice} checked={value === choice} onChange={() => onChange(choice)} />
          {text}
        </label>
      ))}
    </div>
  );
}

export interface ExportDialogProps {
  cy(): cytoscape.Core | null | undefined;
  /** The view on the canvas as a document with this title and caption; throws if it cannot be. */
  capture(meta: { title: string; caption: string }): ViewDocument;
  defaultTitle: string;
  defaultCaption: string;
  canvasEmpty: boolean;
  /** A view read from a JSON file, to put on the canvas. */
  onImport(document: ViewDocument): void;
  onClose(): void;
}

export function ExportDialog({ cy, capture, defaultTitle, defaultCaption, canvasEmpty, onImport, onClose }: ExportDialogProps) {
  const [title, setTitle] = useState(defaultTitle);
  const [caption, setCaption] = useState(defaultCaption);
  const [format, setFormat] = useState<ExportFormat>('png');
  const [options, setOptions] = useState<ExportOptions>({ scale: 1, background: 'white', area: 'all' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [importError, setImportError] = useState<unknown>(null);
  const dialog = useRef<HTMLDivElement>(null);
  const headingId = useId();
  const ids = { title: useId(), caption: useId(), scale: useId(), file: useId() };
  const image = IMAGE_FORMATS.includes(format);

  // Focus moves into the dialog, and back to what opened it on close. Escape closes it from
  // anywhere: a button disabled while busy drops the focus to the page.
  const close = useEffectEvent(onClose);
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    dialog.current?.querySelector<HTMLInputElement>('input')?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      close();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      opener?.focus();
    };
  }, []);

  async function exportNow() {
    const instance = cy();
    if (!instance) return;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const document = capture({ title, caption });
      const name = exportFileName(title, format);
      download(await makeExportFile(format, instance, document, options), name);
      setDone(name);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function importFile(file: File | undefined) {
    if (!file) return;
    setImportError(null);
    try {
      if (file.size > SNAPSHOT_LIMITS.bodyBytesMax)
        throw new Error(`The file is larger than ${SNAPSHOT_LIMITS.bodyBytesMax / 1024 / 1024} MB.`);
      onImport(readViewDocument(await file.text()));
      onClose();
    } catch (err) {
      setImportError(err);
    }
  }

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={dialog} className="dialog export-dialog" role="dialog" aria-modal="true" aria-labelledby={headingId}>
        <header className="dialog-header">
          <h2 id={headingId}>Export the view</h2>
          <button type="button" onClick={onClose} aria-label="Close the export dialog">
            ×
          </button>
        </header>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void exportNow();
          }}
        >
          <div className="form-row">
            <label htmlFor={ids.title}>Title (names the file; shown in HTML)</label>
            <input id={ids.title} value={title} maxLength={SNAPSHOT_LIMITS.titleMax} onChange={(e) => setTitle(e.target.value)} />
          </div>
          <div className="form-row">
            <label htmlFor={ids.caption}>Caption</label>
            <textarea
              id={ids.caption}
              rows={2}
              value={caption}
              maxLength={SNAPSHOT_LIMITS.captionMax}
              onChange={(e) => setCaption(e.target.value)}
            />
          </div>
          <fieldset>
            <legend>Format</legend>
            {FORMAT_CHOICES.map((choice) => (
              <label key={choice.format} className="choice">
                <input
                  type="radio"
                  name="export-format"
                  value={choice.format}
                  checked={format === choice.format}
                  onChange={() => setFormat(choice.format)}
                />
                {choice.name} <span className="muted">{choice.description}</span>
              </label>
            ))}
          </fieldset>
          {image && (
            <fieldset>
              <legend>Image</legend>
              {format === 'png' && (
                <div className="form-row inline">
                  <label htmlFor={ids.scale}>Scale</label>
                  <select id={ids.scale} value={options.scale} onChange={(e) => setOptions({ ...options, scale: Number(e.target.value) })}>
                    {[1, 2, 3, 4].map((s) => (
                      <option key={s} value={s}>
                        {s}×
                      </option>
                    ))}
                  </select>
                </div>
              )}
              <ChoiceRow
                label="Background"
                name="export-background"
                value={options.background}
                choices={BACKGROUNDS}
                onChange={(background) => setOptions({ ...options, background })}
              />
              <ChoiceRow
                label="Area"
                name="export-area"
                value={options.area}
                choices={AREAS}
                onChange={(area) => setOptions({ ...options, area })}
              />
            </fieldset>
          )}
          <div className="button-row">
            <button type="submit" disabled={busy || canvasEmpty}>
              {busy ? 'Preparing…' : `Download ${exportFileName(title, format)}`}
            </button>
          </div>
          {canvasEmpty && <p className="muted">The canvas is empty: nothing to export.</p>}
          <ErrorText error={error} />
          {done && (
            <p role="status" className="export-done">
              Downloaded {done}.
            </p>
          )}
        </form>
        <section className="import" aria-label="Import a view">
          <h3 className="section-heading">Import</h3>
          <label htmlFor={ids.file}>Open a JSON view exported from the explorer</label>
          <input
            id={ids.file}
            type="file"
            accept=".json,application/json"
            onChange={(e) => {
              const file = e.target.files?.[0];
              // Cleared so that choosing the same file again (after fixing it) reads it again.
              e.target.value = '';
              void importFile(file);
            }}
          />
          <ErrorText error={importError} />
        </section>
      </div>
    </div>
  );
}
