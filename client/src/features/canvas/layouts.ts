// The layouts a person can choose, run so that the same graph always gets the same layout
// (seeded, in a fixed node order), separate pieces packed side by side; and where the nodes of an
// expansion go: on rings around the node they came from, clear of every node and label.
import type cytoscape from 'cytoscape';
import { packPieces, placeAround, type Item, type Point } from './placement.js';
import type { Box } from './viewport.js';

export const LAYOUTS = [
  { id: 'fcose', name: 'fCoSE (force-directed)' },
  { id: 'concentric', name: 'Concentric' },
  { id: 'breadthfirst', name: 'Breadth-first' },
  { id: 'grid', name: 'Grid' },
  { id: 'circle', name: 'Circle' },
] as const;
export type LayoutId = (typeof LAYOUTS)[number]['id'];

export function isLayoutId(value: string | null): value is LayoutId {
  return LAYOUTS.some((l) => l.id === value);
}

export function layoutOptions(id: LayoutId, elementCount: number): cytoscape.LayoutOptions {
  const animate = elementCount < 400;
  switch (id) {
    case 'fcose':
      return {
        name: 'fcose',
        quality: elementCount > 3000 ? 'draft' : 'default',
        // Spectral start from seeded random numbers (layoutPositions): the same graph, the same layout.
        randomize: true,
        animate,
        // Labels count as part of a node, so they do not run into each other.
        nodeDimensionsIncludeLabels: true,
        nodeRepulsion: 9000,
        idealEdgeLength: 90,
        padding: 30,
        // The canvas fits the result itself, with its zoom cap.
        fit: false,
      } as cytoscape.LayoutOptions;
    case 'concentric':
      return {
        name: 'concentric',
        animate,
        fit: false,
        padding: 30,
        minNodeSpacing: 20,
        concentric: (n: cytoscape.NodeSingular) => n.degree(false),
        levelWidth: () => 2,
      };
    case 'breadthfirst':
      return { name: 'breadthfirst', animate, fit: false, padding: 30, directed: true, spacingFactor: 1.1 };
    case 'grid':
      return { name: 'grid', animate, fit: false, padding: 30, avoidOverlap: true };
    case 'circle':
      return { name: 'circle', animate, fit: false, padding: 30, avoidOverlap: true };
  }
}

/** Rows of separate pieces are about this many times as wide as they are tall together. */
const PACK_ASPECT = 1.5;

/** The seed of every layout's random numbers. */
export const LAYOUT_SEED = 13;

/**
 * Runs `fn` with Math.random replaced by a seeded generator (mulberry32): fCoSE draws its spectral
 * start from Math.random and has no seed option. `fn` must be synchronous.
 */
export function withSeededRandom<T>(seed: number, fn: () => T): T {
  const original = Math.random;
  let a = seed >>> 0;
  Math.random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  try {
    return fn();
  } finally {
    Math.random = original;
  }
}

const byId = (a: cytoscape.SingularElementArgument, b: cytoscape.SingularElementArgument) =>
  a.id() < b.id() ? -1 : a.id() > b.id() ? 1 : 0;

/** A node's box (with its label) relative to its position. */
function relativeBox(n: cytoscape.NodeSingular): Box {
  const b = n.boundingBox({ includeLabels: true, includeOverlays: false });
  const p = n.position();
  return { x1: b.x1 - p.x, y1: b.y1 - p.y, x2: b.x2 - p.x, y2: b.y2 - p.y };
}

/**
 * The positions layout `id` gives the nodes of `eles`, computed at once and not applied (the
 * nodes are put back), so the canvas can animate to them. Nodes and edges go in in id order and
 * random numbers are seeded: the same graph gets the same positions, whatever order it came in.
 * After fCoSE, its separate pieces are packed in rows.
 */
export function computeLayout(cy: cytoscape.Core, eles: cytoscape.Collection, id: LayoutId): Record<string, Point> {
  const nodes = eles.nodes().sort(byId) as unknown as cytoscape.NodeCollection;
  const before = new Map(nodes.map((n) => [n.id(), { ...n.position() }] as const));
  const boxes = new Map(nodes.map((n) => [n.id(), relativeBox(n)] as const));
  const ordered = nodes.union(eles.edges().sort(byId));
  const options = { ...layoutOptions(id, eles.length), animate: false, fit: false } as cytoscape.LayoutOptions;
  // The same start too: fCoSE reads the positions it starts from (where to put the result, at least).
  const ring = Math.max(50, nodes.length * 8);
  cy.batch(() =>
    nodes.forEach((n, i) => {
      const angle = (2 * Math.PI * i) / nodes.length;
      n.position({ x: ring * Math.cos(angle), y: ring * Math.sin(angle) });
    }),
  );
  withSeededRandom(LAYOUT_SEED, () => ordered.layout(options).run());
  const positions: Record<string, Point> = {};
  nodes.forEach((n) => {
    positions[n.id()] = { ...n.position() };
  });
  if (id === 'fcose') {
    const pieces = ordered.components().map((c) => {
      const ids = c.nodes().map((n) => n.id());
      const box = { x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity };
      for (const nid of ids) {
        const p = positions[nid]!;
        const b = boxes.get(nid)!;
        box.x1 = Math.min(box.x1, p.x + b.x1);
        box.y1 = Math.min(box.y1, p.y + b.y1);
        box.x2 = Math.max(box.x2, p.x + b.x2);
        box.y2 = Math.max(box.y2, p.y + b.y2);
      }
      return { ids, box };
    });
    // A fixed shape, not the canvas's: the same graph gets the same layout on any screen.
    packPieces(pieces, { aspect: PACK_ASPECT }).forEach((move, i) => {
      for (const nid of pieces[i]!.ids) positions[nid] = { x: positions[nid]!.x + move.dx, y: positions[nid]!.y + move.dy };
    });
  }
  cy.batch(() => nodes.forEach((n) => void n.position(before.get(n.id())!)));
  return positions;
}

/**
 * Where the nodes `added` go: on rings around `centre` (the node they were expanded from, or the
 * one they link to most), each in the free spot nearest it, clear of the boxes (labels included)
 * of every other node shown, first in the direction away from the centre's other neighbours.
 * In order of label, then name: nodes of a kind sit together.
 */
export function placeAddedNodes(
  cy: cytoscape.Core,
  added: cytoscape.NodeCollection,
  centreNode: cytoscape.NodeSingular | null,
): Record<string, Point> {
  const others = cy.nodes(':visible').difference(added);
  const obstacles = others.map((n) => n.boundingBox({ includeLabels: true, includeOverlays: false }));
  const items: Item[] = (added as unknown as cytoscape.Collection)
    .sort(
      (a, b) =>
        String(a.data('label')).localeCompare(String(b.data('label'))) ||
        String(a.data('name')).localeCompare(String(b.data('name'))) ||
        byId(a, b),
    )
    .map((n) => ({ id: n.id(), box: relativeBox(n as cytoscape.NodeSingular) }));
  let centre: Point;
  let away: Point | null = null;
  if (centreNode) {
    centre = { ...centreNode.position() };
    const known = centreNode.neighborhood().nodes().difference(added);
    away = mean(known.nonempty() ? known : others);
  } else {
    const b = others.boundingBox({ includeLabels: false });
    centre = others.nonempty() ? { x: (b.x1 + b.x2) / 2, y: (b.y1 + b.y2) / 2 } : { x: 0, y: 0 };
  }
  const direction =
    away && Math.hypot(centre.x - away.x, centre.y - away.y) > 1 ? Math.atan2(centre.y - away.y, centre.x - away.x) : -Math.PI / 2;
  return placeAround(centre, items, obstacles, away ? { direction, spread: Math.PI / 3 } : { direction });
}

function mean(nodes: cytoscape.NodeCollection): Point | null {
  if (nodes.empty()) return null;
  let x = 0;
  let y = 0;
  nodes.forEach((n) => {
    x += n.position().x;
    y += n.position().y;
  });
  return { x: x / nodes.length, y: y / nodes.length };
}
