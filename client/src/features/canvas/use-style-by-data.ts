// Applies the store's style-by-data choice to the canvas: each node's size and colour as data
// fields (styleSize, styleColor) that the stylesheet maps, so a saved view's style draws them in
// exports too. Only nodes whose look changes are touched; the default look touches nothing.
import type cytoscape from 'cytoscape';
import { useEffect, useRef, type RefObject } from 'react';
import type { CanvasState } from '../../shared/graph-store.js';
import { isGroupNode } from '../../shared/groups.js';
import { styleByData, type NodeLook } from '../../shared/style-by-data.js';

const SIZE = 'styleSize';
interface Restylable {
  updateStyle(): void;
}
const COLOR = 'styleColor';

export function useStyleByData(cyRef: RefObject<cytoscape.Core | null>, state: Pick<CanvasState, 'nodes' | 'edges' | 'styleBy'>): void {
  const applied = useRef(new Map<string, NodeLook>());
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    const isDefault = state.styleBy.size.kind === 'uniform' && state.styleBy.color.kind === 'label';
    if (isDefault && applied.current.size === 0) return;
    const nodes = Object.values(state.nodes).filter((n) => !isGroupNode(n));
    const looks = isDefault ? {} : styleByData(nodes, Object.values(state.edges), state.styleBy).nodes;
    const next = new Map<string, NodeLook>();
    cy.batch(() => {
      for (const id of new Set([...applied.current.keys(), ...Object.keys(looks)])) {
        const look = looks[id];
        const before = applied.current.get(id);
        if (look) next.set(id, look);
        if (before?.size === look?.size && before?.color === look?.color) continue;
        const el = cy.getElementById(id);
        if (el.empty()) continue;
        if (look?.size !== undefined) el.data(SIZE, look.size);
        else el.removeData(SIZE);
        if (look?.color !== undefined) el.data(COLOR, look.color);
        else el.removeData(COLOR);
        // Cytoscape restyles on data(), not on removeData(): a node going back to its label's look needs telling.
        if (look?.size === undefined || look?.color === undefined) (el as unknown as Restylable).updateStyle(); // in Cytoscape, not in its types
      }
    });
    applied.current = next;
  }, [cyRef, state.nodes, state.edges, state.styleBy]);
}
