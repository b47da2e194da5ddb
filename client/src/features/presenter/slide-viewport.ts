// Where a slide's camera goes: the part of the graph that was visible when the snapshot was saved,
// scaled to fill the presenter's screen and centred, so nothing shown then is cut off now.
import type { ViewDocument } from '@model/snapshot.js';

export interface SlideViewport {
  zoom: number;
  pan: { x: number; y: number };
}

export function slideViewport(
  doc: Pick<ViewDocument, 'zoom' | 'pan' | 'viewport'>,
  screen: { width: number; height: number },
): SlideViewport {
  if (screen.width <= 0 || screen.height <= 0) return { zoom: doc.zoom, pan: { ...doc.pan } };
  const scale = Math.min(screen.width / doc.viewport.width, screen.height / doc.viewport.height);
  const zoom = doc.zoom * scale;
  // The model point that was at the centre of the saved canvas goes to the centre of the screen.
  const centre = { x: (doc.viewport.width / 2 - doc.pan.x) / doc.zoom, y: (doc.viewport.height / 2 - doc.pan.y) / doc.zoom };
  return { zoom, pan: { x: screen.width / 2 - centre.x * zoom, y: screen.height / 2 - centre.y * zoom } };
}

/** Keys that step through the slides. */
export function slideStep(key: string, shift = false): -1 | 1 | 'first' | 'last' | null {
  if (key === 'ArrowRight' || key === 'PageDown' || (key === ' ' && !shift) || key === 'ArrowDown') return 1;
  if (key === 'ArrowLeft' || key === 'PageUp' || (key === ' ' && shift) || key === 'ArrowUp') return -1;
  if (key === 'Home') return 'first';
  if (key === 'End') return 'last';
  return null;
}
