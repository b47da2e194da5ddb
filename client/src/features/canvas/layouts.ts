// The layouts a person can choose, and the incremental one used when nodes are added: fCoSE with
// the nodes already on the canvas held in place, so new ones settle near what they came from.
import type cytoscape from 'cytoscape';

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
        randomize: true,
        animate,
        nodeRepulsion: 9000,
        idealEdgeLength: 90,
        padding: 30,
      } as cytoscape.LayoutOptions;
    case 'concentric':
      return {
        name: 'concentric',
        animate,
        padding: 30,
        minNodeSpacing: 20,
        concentric: (n: cytoscape.NodeSingular) => n.degree(false),
        levelWidth: () => 2,
      };
    case 'breadthfirst':
      return { name: 'breadthfirst', animate, padding: 30, directed: true, spacingFactor: 1.1 };
    case 'grid':
      return { name: 'grid', animate, padding: 30, avoidOverlap: true };
    case 'circle':
      return { name: 'circle', animate, padding: 30, avoidOverlap: true };
  }
}

/** How far around the new nodes the canvas's other nodes take part (held fixed) in their layout. */
const NEIGHBOURHOOD_MARGIN = 250;

/**
 * Lays out only around the new nodes: the new ones move, their neighbours and the nodes near them
 * stay where they are (so the new ones settle clear of them), and nothing else is looked at: an
 * expansion on a canvas of thousands costs what one on a small canvas does.
 */
export function incrementalLayout(
  cy: cytoscape.Core,
  added: cytoscape.NodeCollection,
): { eles: cytoscape.Collection; options: cytoscape.LayoutOptions } {
  const local = added.union(added.neighborhood().nodes());
  const box = local.boundingBox({ includeLabels: false });
  const near = cy.nodes().filter((n) => {
    const p = n.position();
    return (
      p.x >= box.x1 - NEIGHBOURHOOD_MARGIN &&
      p.x <= box.x2 + NEIGHBOURHOOD_MARGIN &&
      p.y >= box.y1 - NEIGHBOURHOOD_MARGIN &&
      p.y <= box.y2 + NEIGHBOURHOOD_MARGIN
    );
  });
  const nodes = local.union(near);
  const fixed = nodes.difference(added);
  return {
    eles: nodes.union(nodes.edgesWith(nodes)),
    options: {
      name: 'fcose',
      randomize: false,
      animate: cy.elements().length < 400,
      animationDuration: 400,
      quality: 'default',
      nodeRepulsion: 9000,
      idealEdgeLength: 90,
      fit: false,
      fixedNodeConstraint: fixed.map((n: cytoscape.NodeSingular) => ({ nodeId: n.id(), position: { ...n.position() } })),
    } as cytoscape.LayoutOptions,
  };
}
