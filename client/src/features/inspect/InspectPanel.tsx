// The side panel for the selected node or edge: every property, a node's note, its summary with
// the sources named for it, and for an edge its evidence: its event dates and the date it was
// first reported, each source with publisher, date, link, the quote or summary and the
// confidence, with a citation to copy; for an expanded node with more neighbours than loaded, "+N more" to load
// the next page; for a group node its members, each to put on the canvas alone. Source URLs become links only when they are http(s): they come from
// the data, and a javascript: or data: link would run in this page.
import { useQueries, useQuery } from '@tanstack/react-query';
import { useState, useSyncExternalStore } from 'react';
import type { GraphEdge, SourceRef } from '@model/api.js';
import { graphQueries } from '../../shared/query-options.js';
import { remaining, type Expansion, type GraphStore } from '../../shared/graph-store.js';
import { groupOf } from '../../shared/groups.js';
import { labelStyle } from '@model/label-styles.js';
import { SNAPSHOT_LIMITS } from '@model/snapshot.js';
import { isWebUrl } from '@model/url.js';
import { ErrorText } from '../../shared/ui/ErrorText.js';
import { Spinner } from '../../shared/ui/Spinner.js';
import { citation } from './citation.js';

export function InspectPanel({
  store,
  onMore,
  readOnly = false,
}: {
  store: GraphStore;
  /** Loads the next page of an expanded node's neighbours (without it, no "+N more"). */ onMore?(id: string): void;
  /** A guest's view of a shared snapshot: notes are shown, not edited. */
  readOnly?: boolean;
}) {
  const state = useSyncExternalStore(store.subscribe, store.getState);
  const selected = state.selected;
  if (!selected) return <p className="muted">Select a node or a relationship to see its properties and evidence.</p>;
  const group = selected.kind === 'node' ? groupOf(state.nodes[selected.id]) : null;
  if (group) {
    const parentName = state.nodes[group.parent]?.name ?? group.parent;
    return (
      <article className="inspect" aria-label={`Details of ${state.nodes[group.id]?.name ?? group.id}`}>
        <h2>
          <span className="label-chip" style={{ background: labelStyle(group.label).color }}>
            Group
          </span>{' '}
          {state.nodes[group.id]?.name}
        </h2>
        <p className="muted">
          {group.count} {group.label} linked to {parentName} by {group.relType} ({group.direction === 'out' ? 'outgoing' : 'incoming'}).
          Pick one to put it on the canvas alone.
        </p>
        <ul className="group-members" aria-label="Group members">
          {group.members.map((m) => (
            <li key={m.id}>
              <button type="button" className="link-button" onClick={() => store.expandGroup(group.id, m.id)}>
                {m.name}
              </button>
            </li>
          ))}
        </ul>
        <MoreNeighbours
          name={parentName}
          expansion={onMore ? state.expansions[group.parent] : undefined}
          onMore={() => onMore?.(group.parent)}
        />
      </article>
    );
  }
  if (selected.kind === 'node') {
    return (
      <>
        {readOnly ? (
          state.notes[selected.id] && (
            <p className="note-editor" aria-label={`Note on ${state.nodes[selected.id]?.name ?? selected.id}`}>
              {state.notes[selected.id]}
            </p>
          )
        ) : (
          <NoteEditor
            key={selected.id}
            id={selected.id}
            name={state.nodes[selected.id]?.name ?? selected.id}
            note={state.notes[selected.id] ?? ''}
            onSave={(text) => store.setNote(selected.id, text)}
          />
        )}
        <NodeDetailsView
          id={selected.id}
          expansion={onMore ? state.expansions[selected.id] : undefined}
          onMore={() => onMore?.(selected.id)}
        />
      </>
    );
  }
  const edge = state.edges[selected.id];
  if (!edge) return null;
  return <EdgeDetailsView edge={edge} names={(id) => state.nodes[id]?.name ?? id} />;
}

/** The id of the note field, which the context menu's "Add note…" focuses. */
export const NOTE_FIELD_ID = 'node-note';

/** A presenter's note on the node: shown on the canvas (✎), saved with snapshots and exports. */
function NoteEditor({ id, name, note, onSave }: { id: string; name: string; note: string; onSave(text: string): void }) {
  const [text, setText] = useState(note);
  // Undo or a loaded view can change the note under the editor: the text follows it (set while
  // rendering, React's way of adjusting state to a changed prop).
  const [shown, setShown] = useState(note);
  if (shown !== note) {
    setShown(note);
    setText(note);
  }
  const changed = text.trim() !== note;
  return (
    <form
      className="note-editor"
      aria-label={`Note on ${name}`}
      onSubmit={(e) => {
        e.preventDefault();
        onSave(text);
      }}
    >
      <label htmlFor={NOTE_FIELD_ID} className="note-label">
        Note <span className="muted">(shown on the canvas and in snapshots)</span>
      </label>
      <textarea
        id={NOTE_FIELD_ID}
        data-node={id}
        rows={2}
        maxLength={SNAPSHOT_LIMITS.noteMax}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder="Add a note for your audience…"
      />
      <div className="note-actions">
        <button type="submit" disabled={!changed}>
          Save note
        </button>
        {note && (
          <button type="button" onClick={() => onSave('')}>
            Remove note
          </button>
        )}
      </div>
    </form>
  );
}

function Properties({ properties, skip = [] }: { properties: Record<string, unknown>; skip?: string[] }) {
  const entries = Object.entries(properties).filter(([k]) => !skip.includes(k));
  return (
    <dl className="properties">
      {entries.map(([key, value]) => (
        <div key={key} className="property">
          <dt>{key}</dt>
          <dd>
            {Array.isArray(value)
              ? value.join(', ') || '—'
              : typeof value === 'object' && value !== null
                ? JSON.stringify(value)
                : String(value)}
          </dd>
        </div>
      ))}
    </dl>
  );
}

const SHOWN_URL_MAX = 200;

/**
 * A source's title, as a link that opens in a new tab when its URL is a web address; any other
 * URL is shown as text, marked, so the reader still sees what the data says.
 */
/** Marks a reference no public copy was found for (`verified: false` in the data): check it before citing. */
function Unverified({ verified }: { verified: unknown }) {
  if (verified !== false) return null;
  return (
    <span className="unverified" title="No public copy of this document was found to check it against: verify it before citing.">
      unverified
    </span>
  );
}

/** A node's sources, one line each: title (linked where it has a URL), unverified mark, publisher and date. */
function SourceList({ sources, className }: { sources: readonly SourceRef[]; className: string }) {
  return (
    <ul className={className}>
      {sources.map((s) => (
        <li key={s.id}>
          <SourceTitle title={s.title} url={s.url} /> <Unverified verified={s.verified} />
          <span className="muted">
            {s.publisher}, {s.published}
          </span>
        </li>
      ))}
    </ul>
  );
}

function SourceTitle({ title, url, strong = false }: { title: string; url: unknown; strong?: boolean }) {
  if (isWebUrl(url)) {
    return (
      <a href={url} target="_blank" rel="noopener noreferrer">
        {title}
      </a>
    );
  }
  const text = strong ? <strong>{title}</strong> : <>{title}</>;
  if (typeof url !== 'string' || url.trim() === '') return text;
  const shown = url.length > SHOWN_URL_MAX ? `${url.slice(0, SHOWN_URL_MAX)}…` : url;
  return (
    <>
      {text}{' '}
      <span className="not-a-link muted" title="Only http:// and https:// addresses open as links">
        {shown} (not a web link)
      </span>
    </>
  );
}

/** "Loaded 10 of 41 relationships · +31 more": the rest of an expanded node's neighbours, on demand. */
function MoreNeighbours({ name, expansion, onMore }: { name: string; expansion: Expansion | undefined; onMore(): void }) {
  const more = remaining(expansion);
  if (!expansion || more === 0) return null;
  const type = expansion.relType ? ` ${expansion.relType}` : '';
  return (
    <p className="more-neighbours" role="status">
      <span>
        Loaded {expansion.loaded} of {expansion.total}
        {type} relationships
      </span>
      <button type="button" className="more-button" onClick={onMore} aria-label={`Load more neighbours of ${name} (+${more} more${type})`}>
        +{more} more{type}
      </button>
    </p>
  );
}

function NodeDetailsView({ id, expansion, onMore }: { id: string; expansion: Expansion | undefined; onMore(): void }) {
  const details = useQuery(graphQueries.node(id));
  if (details.isPending) return <Spinner />;
  if (details.isError) return <ErrorText error={details.error} />;
  const { node, degrees, sources, summarySources } = details.data;
  const summary = typeof node.properties.summary === 'string' ? node.properties.summary : null;
  return (
    <article className="inspect" aria-label={`Details of ${node.name}`}>
      <h2>
        <span className="label-chip" style={{ background: labelStyle(node.label).color }}>
          {node.label}
        </span>{' '}
        {node.name}
      </h2>
      {summary !== null && (
        <section className="node-summary" aria-label="Summary">
          <p className="summary">{summary}</p>
          {node.label !== 'Source' && (
            <>
              <h3>Sources for this summary ({summarySources.length})</h3>
              {summarySources.length === 0 ? (
                <p className="muted">No source is named for this summary.</p>
              ) : (
                <SourceList sources={summarySources} className="sources summary-sources" />
              )}
            </>
          )}
        </section>
      )}
      <Properties properties={node.properties} skip={['name', 'summary', 'summarySources']} />
      <h3>Relationships</h3>
      <MoreNeighbours name={node.name} expansion={expansion} onMore={onMore} />
      <ul className="degrees">
        {degrees.map((d) => (
          <li key={`${d.type}-${d.direction}`}>
            {d.direction === 'out' ? '→' : '←'} {d.type}: {d.count}
          </li>
        ))}
      </ul>
      <h3>Sources that mention it ({sources.length})</h3>
      <SourceList sources={sources} className="sources" />
    </article>
  );
}

/** When the relationship happened, as its sources state: "2019 → 2024-05", "first seen 2019", or none. */
function eventDates(evidence: Pick<GraphEdge['evidence'], 'firstSeen' | 'lastSeen'>): string {
  const { firstSeen, lastSeen } = evidence;
  if (firstSeen && lastSeen) return firstSeen === lastSeen ? firstSeen : `${firstSeen} → ${lastSeen}`;
  if (firstSeen) return `first seen ${firstSeen}`;
  if (lastSeen) return `last seen ${lastSeen}`;
  return 'no event date';
}

function EdgeDetailsView({ edge, names }: { edge: GraphEdge; names(id: string): string }) {
  const sources = useQueries({ queries: edge.evidence.sources.map((id) => graphQueries.node(id)) });
  const [copied, setCopied] = useState<string | null>(null);
  const { evidence } = edge;

  async function copy(id: string, text: string) {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(id);
    } catch {
      setCopied(null);
      window.prompt('Copy the citation:', text);
    }
  }

  return (
    <article className="inspect" aria-label={`Evidence for ${edge.type}`}>
      <h2>
        {names(edge.from)} <span className="rel-type">{edge.type}</span> {names(edge.to)}
      </h2>
      <dl className="properties">
        <div className="property">
          <dt>confidence</dt>
          <dd>{evidence.confidence ?? 'unknown'} / 100</dd>
        </div>
        <div className="property">
          <dt>event dates</dt>
          <dd>{eventDates(evidence)}</dd>
        </div>
        <div className="property">
          <dt>reported</dt>
          <dd>
            {evidence.reportedAt ?? 'unknown'}{' '}
            <span className="muted">(earliest publication date of its sources, not when it happened)</span>
          </dd>
        </div>
      </dl>
      {evidence.quote && <blockquote className="quote">“{evidence.quote}”</blockquote>}
      {evidence.summary && <p className="summary">{evidence.summary}</p>}
      <h3>
        Evidence ({evidence.sources.length} source{evidence.sources.length === 1 ? '' : 's'})
      </h3>
      <ul className="sources evidence-sources">
        {sources.map((q, i) => {
          const id = evidence.sources[i]!;
          if (q.isPending) return <li key={id}>{id}…</li>;
          if (q.isError)
            return (
              <li key={id}>
                <ErrorText error={q.error} />
              </li>
            );
          const p = q.data.node.properties as {
            title?: string;
            publisher?: string;
            published?: string;
            url?: unknown;
            sourceType?: string;
            verified?: unknown;
          };
          // The citation carries only a URL a reader can follow.
          const source = {
            title: p.title ?? q.data.node.name,
            publisher: p.publisher,
            published: p.published,
            ...(isWebUrl(p.url) ? { url: p.url } : {}),
          };
          return (
            <li key={id} className="evidence-source">
              <div>
                <SourceTitle title={source.title} url={p.url} strong /> <Unverified verified={p.verified} />
              </div>
              <div className="muted">
                {source.publisher} · {source.published} · {p.sourceType}
              </div>
              <button type="button" onClick={() => void copy(id, citation(source, evidence.quote))}>
                {copied === id ? 'Copied' : 'Copy citation'}
              </button>
            </li>
          );
        })}
      </ul>
    </article>
  );
}
