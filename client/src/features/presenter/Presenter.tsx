// Presenter mode: snapshots shown one after another like slides, full screen, with only the
// canvas, the title and the caption. A read-only Cytoscape of its own draws each snapshot from
// its saved elements and style, so the explorer's canvas behind is left as it was.
import { useQueries } from '@tanstack/react-query';
import cytoscape from 'cytoscape';
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import type { ViewDocument } from '@model/snapshot.js';
import { snapshotQueries } from '../../shared/query-options.js';
import { ErrorText } from '../../shared/ui/ErrorText.js';
import { slideStep, slideViewport } from './slide-viewport.js';

/** Used only for a document saved without a style (e.g. made by another tool). */
const PLAIN_STYLE: cytoscape.StylesheetJson = [
  { selector: 'node', style: { label: 'data(name)', 'font-size': 10, 'text-valign': 'bottom', 'background-color': '#9ca3af' } },
  {
    selector: 'edge',
    style: { 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'line-color': '#9ca3af', 'target-arrow-color': '#9ca3af' },
  },
];

export function Presenter({ ids, onExit }: { ids: readonly string[]; onExit(): void }) {
  const [index, setIndex] = useState(0);
  const [picked, setPicked] = useState<string | null>(null);
  const slides = useQueries({ queries: ids.map((id) => ({ ...snapshotQueries.one(id), staleTime: 60_000 })) });
  const slide = slides[index];
  const doc = slide?.data?.document ?? null;
  const root = useRef<HTMLDivElement>(null);
  const stage = useRef<HTMLDivElement>(null);
  const cyRef = useRef<cytoscape.Core | null>(null);
  // The latest onExit, for the listeners the effects below set up once.
  const exit = useEffectEvent(onExit);

  // Full screen where the browser allows it (else the fixed overlay fills the window); leaving
  // full screen (the browser's own Escape) leaves presenter mode too.
  useEffect(() => {
    const element = root.current!;
    element.focus();
    let entered = false;
    if (document.fullscreenEnabled && typeof element.requestFullscreen === 'function') {
      element.requestFullscreen().then(
        () => {
          entered = true;
        },
        () => {},
      );
    }
    const onFullscreenChange = () => {
      if (entered && !document.fullscreenElement) exit();
    };
    document.addEventListener('fullscreenchange', onFullscreenChange);
    return () => {
      document.removeEventListener('fullscreenchange', onFullscreenChange);
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
    };
  }, []);

  // Keys go to the presentation only, not to the explorer underneath.
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.key === 'Escape') {
        exit();
      } else {
        const step = slideStep(e.key, e.shiftKey);
        if (step === null) return;
        setPicked(null);
        setIndex((i) => (step === 'first' ? 0 : step === 'last' ? ids.length - 1 : Math.min(ids.length - 1, Math.max(0, i + step))));
      }
      e.preventDefault();
      e.stopPropagation();
    }
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [ids.length]);

  useEffect(() => {
    const cy = cytoscape({
      container: stage.current,
      autoungrabify: true,
      autounselectify: true,
      boxSelectionEnabled: false,
      userZoomingEnabled: false,
      userPanningEnabled: false,
    });
    cyRef.current = cy;
    cy.on('tap', 'node', (e) => setPicked(e.target.id()));
    cy.on('tap', (e) => {
      if (e.target === cy) setPicked(null);
    });
    return () => {
      cy.destroy();
      cyRef.current = null;
    };
  }, []);

  // Draw the slide, and keep it framed when the screen changes size (entering full screen).
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || !doc) return;
    drawSlide(cy, doc);
    const frame = () => {
      cy.resize();
      cy.viewport(slideViewport(doc, { width: cy.width(), height: cy.height() }));
    };
    frame();
    const observer = new ResizeObserver(frame);
    observer.observe(stage.current!);
    return () => observer.disconnect();
  }, [doc]);

  const notes = doc ? Object.entries(doc.notes) : [];
  const nameOf = (id: string) => doc?.elements.nodes.find((n) => n.data.id === id)?.data.name ?? id;
  const position = `Slide ${index + 1} of ${ids.length}`;
  return (
    <div ref={root} className="presenter" role="dialog" aria-modal="true" aria-label="Presentation" tabIndex={-1} data-testid="presenter">
      <div
        ref={stage}
        className="presenter-stage"
        data-testid="presenter-canvas"
        aria-label={doc ? `Graph: ${doc.title}` : 'Graph'}
        role="img"
      />
      {slide?.isPending && (
        <p className="presenter-message" role="status">
          Loading slide {index + 1}…
        </p>
      )}
      {slide?.isError && (
        <div className="presenter-message">
          <ErrorText error={slide.error} />
        </div>
      )}
      {picked && doc && (
        <div className="presenter-picked" role="status">
          <strong>{nameOf(picked)}</strong>
          {doc.notes[picked] && <p>{doc.notes[picked]}</p>}
        </div>
      )}
      <footer className="presenter-caption">
        <h2 className="presenter-title">{doc?.title || (slide?.isPending ? '' : 'Untitled')}</h2>
        {doc?.caption && <p className="presenter-text">{doc.caption}</p>}
        {notes.length > 0 && (
          <ul className="presenter-notes" aria-label="Notes">
            {notes.map(([id, text]) => (
              <li key={id}>
                <strong>{nameOf(id)}</strong>: {text}
              </li>
            ))}
          </ul>
        )}
        <p className="presenter-position" aria-live="polite">
          {position}
          <span className="presenter-hint"> · ← → to move · Esc to leave</span>
        </p>
      </footer>
    </div>
  );
}

function drawSlide(cy: cytoscape.Core, doc: ViewDocument): void {
  cy.batch(() => {
    cy.elements().remove();
    cy.style(doc.style.length > 0 ? doc.style : PLAIN_STYLE);
    cy.add([
      ...doc.elements.nodes.map((n) => ({
        group: 'nodes' as const,
        data: n.data,
        position: { x: n.position.x, y: n.position.y },
        classes: n.classes,
      })),
      ...doc.elements.edges.map((e) => ({ group: 'edges' as const, data: e.data, classes: e.classes })),
    ]);
  });
}
