// The state of the canvas: which nodes and edges are on it, hidden or pinned, their notes, what is
// selected, highlighted or marked, and the filters; with undo and redo of every change to what is
// shown. A small external store (subscribe / getState) that React reads through useSyncExternalStore.
import type { Graph, GraphEdge, GraphNode } from '@model/api.js';
import { DEFAULT_STYLE_BY, type StyleBy } from './style-by-data.js';
import { applyGroupSpecs, groupNeighbours, groupOf, intoGroups, release, type Content } from './groups.js';

export interface CanvasContent {
  nodes: Readonly<Record<string, GraphNode>>;
  edges: Readonly<Record<string, GraphEdge>>;
  hidden: readonly string[];
  pinned: readonly string[];
  /** Notes a presenter attached to nodes, by node id. */
  notes: Readonly<Record<string, string>>;
  /** How far each expanded node's neighbours are loaded, by node id (see Expansion). */
  expansions: Readonly<Record<string, Expansion>>;
}

/**
 * The pages of one node's neighbours on the canvas: `loaded` relationships of `total` under the
 * filters and type the pages were asked with (`scope`, as the expand feature writes it), so the
 * next page continues where the last one ended.
 */
export interface Expansion {
  loaded: number;
  total: number;
  /** The relationship type asked for, or null for all (that the filters show). */
  relType: string | null;
  scope: string;
}

/** How many of an expanded node's relationships are not loaded yet (0 when all are, or none asked). */
export function remaining(expansion: Expansion | undefined): number {
  return expansion ? Math.max(0, expansion.total - expansion.loaded) : 0;
}

export type Selection = { kind: 'node' | 'edge'; id: string } | null;

export interface Filters {
  hiddenLabels: readonly string[];
  hiddenTypes: readonly string[];
  minConfidence: number;
  /** ISO dates (YYYY-MM-DD) of the time window, or null for open. */
  dateFrom: string | null;
  dateTo: string | null;
  /** Filtered elements fade (stay visible, dimmed) or disappear. */
  mode: 'fade' | 'hide';
}

export const NO_FILTERS: Filters = { hiddenLabels: [], hiddenTypes: [], minConfidence: 0, dateFrom: null, dateTo: null, mode: 'fade' };

export interface ElementIds {
  nodes: readonly string[];
  edges: readonly string[];
}

export interface Viewport {
  zoom: number;
  pan: { x: number; y: number };
}

/** A saved view to put on the canvas as it was: content, positions and viewport, no layout. */
export interface LoadedView extends Viewport {
  nodes: GraphNode[];
  edges: GraphEdge[];
  positions: Readonly<Record<string, { x: number; y: number }>>;
  hidden: readonly string[];
  pinned: readonly string[];
  notes: Readonly<Record<string, string>>;
  filters: Filters;
  highlight: ElementIds;
  /** How nodes are sized and coloured (absent in views saved before it existed: the default). */
  styleBy?: StyleBy;
}

/** A request to the canvas to place every node and set the viewport exactly; `seq` tells requests apart. */
export interface RestoreRequest extends Viewport {
  seq: number;
  positions: Readonly<Record<string, { x: number; y: number }>>;
}

export interface CanvasState extends CanvasContent {
  selected: Selection;
  highlight: ElementIds;
  /** Elements marked as gone from the database since a snapshot was saved. */
  marked: ElementIds;
  filters: Filters;
  /** Size and colour by data (style-by-data.ts); like the filters, a way of looking, not undone. */
  styleBy: StyleBy;
  /** The last addition, so the canvas can place new nodes near their anchor and centre the focus. */
  lastAdded: { ids: readonly string[]; anchor: string | null; focus: string | null; seq: number } | null;
  /** The last loaded view, for the canvas to restore positions and viewport without a layout. */
  restore: RestoreRequest | null;
}

const EMPTY: CanvasState = {
  nodes: {},
  edges: {},
  hidden: [],
  pinned: [],
  notes: {},
  expansions: {},
  selected: null,
  highlight: { nodes: [], edges: [] },
  marked: { nodes: [], edges: [] },
  filters: NO_FILTERS,
  styleBy: DEFAULT_STYLE_BY,
  lastAdded: null,
  restore: null,
};

const HISTORY_LIMIT = 100;

export class GraphStore {
  private state: CanvasState = EMPTY;
  private past: CanvasContent[] = [];
  private future: CanvasContent[] = [];
  private listeners = new Set<() => void>();
  private seq = 0;

  getState = (): CanvasState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  /**
   * Adds nodes and edges (edges whose ends are not on the canvas are kept out). With `expansion`,
   * records how far that node's neighbours are now loaded, in the same undoable step. Nodes a
   * group holds stay in it. With `group` (an expansion of `anchor`), new neighbours of one label
   * and type above that many become a group (groups.ts), and those of a group the anchor has join it.
   */
  addGraph(
    input: Graph,
    options: { anchor?: string; focus?: string; expansion?: { id: string; value: Expansion }; group?: number } = {},
  ): string[] {
    const graph = intoGroups(this.state, input);
    let nodes: Record<string, GraphNode> = { ...this.state.nodes };
    const added: string[] = [];
    let refreshed = 0;
    for (const node of graph.nodes) {
      if (!nodes[node.id]) added.push(node.id);
      else if (groupOf(node) && nodes[node.id] !== node) refreshed++;
      nodes[node.id] = node;
    }
    let edges: Record<string, GraphEdge> = { ...this.state.edges };
    let newEdges = 0;
    for (const edge of graph.edges) {
      if (!nodes[edge.from] || !nodes[edge.to]) continue;
      if (!edges[edge.id]) newEdges++;
      edges[edge.id] = edge;
    }
    if (options.anchor && options.group !== undefined && added.length > 0) {
      const grouped = groupNeighbours({ nodes, edges }, options.anchor, {
        minSize: options.group + 1,
        candidates: new Set(added),
        exclude: new Set([...this.state.pinned, ...this.state.hidden]),
      });
      nodes = { ...grouped.nodes };
      edges = { ...grouped.edges };
      const kept = added.filter((id) => nodes[id]);
      const groups = Object.keys(nodes).filter((id) => !this.state.nodes[id] && !kept.includes(id));
      added.length = 0;
      added.push(...kept, ...groups);
    }
    const revealed = new Set(graph.nodes.map((n) => n.id));
    const hidden = this.state.hidden.filter((id) => !revealed.has(id));
    const expansions = options.expansion
      ? { ...this.state.expansions, [options.expansion.id]: options.expansion.value }
      : this.state.expansions;
    if (added.length === 0 && newEdges === 0 && refreshed === 0 && hidden.length === this.state.hidden.length) {
      // Nothing new to show: the pager still moves on (no undo step for it alone).
      if (options.focus || expansions !== this.state.expansions) {
        this.set({ expansions, ...(options.focus ? { lastAdded: { ids: [], anchor: null, focus: options.focus, seq: ++this.seq } } : {}) });
      }
      return [];
    }
    this.change(
      { nodes, edges, hidden, expansions },
      {
        lastAdded: { ids: added, anchor: options.anchor ?? null, focus: options.focus ?? null, seq: ++this.seq },
      },
    );
    return added;
  }

  /**
   * Groups the neighbours of `parent` that share a label and relationship type (two or more),
   * pinned and hidden ones left out. One undoable step; false when there was nothing to group.
   */
  groupNeighbours(parent: string): boolean {
    const next = groupNeighbours(this.state, parent, { minSize: 2, exclude: new Set([...this.state.pinned, ...this.state.hidden]) });
    return this.replaceContent(next, parent, []);
  }

  /** Puts a group's members back around its parent (or only `memberId`, the group keeping the rest). */
  expandGroup(id: string, memberId?: string): string[] {
    const group = groupOf(this.state.nodes[id]);
    if (!group) return [];
    const { content, released } = release(this.state, id, memberId ? new Set([memberId]) : undefined);
    this.replaceContent(content, group.parent, released, memberId);
    return released;
  }

  /** Groups a loaded link's neighbours again as its `groups=` said (see groups.ts groupSpec). */
  applyGroups(specs: readonly string[]): void {
    if (specs.length === 0) return;
    this.replaceContent(applyGroupSpecs(this.state, specs), null, []);
  }

  private replaceContent(next: Content, anchor: string | null, released: string[], focus?: string): boolean {
    if (next.nodes === this.state.nodes && next.edges === this.state.edges) return false;
    const nodes = next.nodes as Record<string, GraphNode>;
    const known = (id: string) => Boolean(nodes[id]);
    const addedIds = [...released, ...Object.keys(nodes).filter((id) => !this.state.nodes[id] && !released.includes(id))];
    const selected =
      this.state.selected && !nodes[this.state.selected.id] && !next.edges[this.state.selected.id] ? null : this.state.selected;
    this.change(
      {
        nodes,
        edges: next.edges,
        hidden: this.state.hidden.filter(known),
        pinned: this.state.pinned.filter(known),
      },
      {
        selected: focus ? { kind: 'node', id: focus } : selected,
        lastAdded: { ids: addedIds, anchor, focus: focus ?? null, seq: ++this.seq },
      },
    );
    return true;
  }

  /** Takes nodes off the canvas, with their edges (and the groups of a node taken off). */
  removeNodes(ids: readonly string[]): void {
    const gone = new Set(ids.filter((id) => this.state.nodes[id]));
    for (const node of Object.values(this.state.nodes)) {
      const g = groupOf(node);
      if (g && gone.has(g.parent)) gone.add(node.id);
    }
    if (gone.size === 0) return;
    const nodes = Object.fromEntries(Object.entries(this.state.nodes).filter(([id]) => !gone.has(id)));
    const edges = Object.fromEntries(Object.entries(this.state.edges).filter(([, e]) => !gone.has(e.from) && !gone.has(e.to)));
    const selected =
      this.state.selected && (gone.has(this.state.selected.id) || (!nodes[this.state.selected.id] && !edges[this.state.selected.id]))
        ? null
        : this.state.selected;
    this.change(
      {
        nodes,
        edges,
        hidden: this.state.hidden.filter((id) => !gone.has(id)),
        pinned: this.state.pinned.filter((id) => !gone.has(id)),
        notes: Object.fromEntries(Object.entries(this.state.notes).filter(([id]) => !gone.has(id))),
        expansions: Object.fromEntries(Object.entries(this.state.expansions).filter(([id]) => !gone.has(id))),
      },
      { selected },
    );
  }

  hideNodes(ids: readonly string[]): void {
    const add = ids.filter((id) => this.state.nodes[id] && !this.state.hidden.includes(id));
    if (add.length === 0) return;
    this.change({ hidden: [...this.state.hidden, ...add] }, { selected: null });
  }

  showAll(): void {
    if (this.state.hidden.length === 0) return;
    this.change({ hidden: [] });
  }

  togglePin(id: string): void {
    if (!this.state.nodes[id]) return;
    const pinned = this.state.pinned.includes(id) ? this.state.pinned.filter((p) => p !== id) : [...this.state.pinned, id];
    this.change({ pinned });
  }

  /** Sets a node's note; an empty (or blank) text removes it. */
  setNote(id: string, text: string): void {
    if (!this.state.nodes[id]) return;
    const note = text.trim();
    if ((this.state.notes[id] ?? '') === note) return;
    const notes = { ...this.state.notes };
    if (note) notes[id] = note;
    else delete notes[id];
    this.change({ notes });
  }

  clear(): void {
    if (Object.keys(this.state.nodes).length === 0) return;
    this.change(
      { nodes: {}, edges: {}, hidden: [], pinned: [], notes: {}, expansions: {} },
      { selected: null, highlight: { nodes: [], edges: [] }, marked: { nodes: [], edges: [] } },
    );
  }

  /**
   * Replaces the canvas with a saved view (one undoable step): its elements, hidden, pinned and
   * notes, its filters and highlight; and asks the canvas to put every node where it was and
   * restore zoom and pan, without running a layout.
   */
  loadView(view: LoadedView): void {
    const nodes = Object.fromEntries(view.nodes.map((n) => [n.id, n]));
    const edges = Object.fromEntries(view.edges.filter((e) => nodes[e.from] && nodes[e.to]).map((e) => [e.id, e]));
    const known = (id: string) => Boolean(nodes[id]);
    this.change(
      {
        nodes,
        edges,
        hidden: view.hidden.filter(known),
        pinned: view.pinned.filter(known),
        notes: Object.fromEntries(Object.entries(view.notes).filter(([id, text]) => known(id) && text.trim() !== '')),
        // A saved view keeps what is on the canvas, not how it was paged.
        expansions: {},
      },
      {
        selected: null,
        filters: { ...view.filters },
        styleBy: view.styleBy ?? DEFAULT_STYLE_BY,
        highlight: { nodes: [...view.highlight.nodes], edges: [...view.highlight.edges] },
        marked: { nodes: [], edges: [] },
        restore: { seq: ++this.seq, positions: view.positions, zoom: view.zoom, pan: { ...view.pan } },
      },
    );
  }

  select(selected: Selection): void {
    this.set({ selected });
  }

  setHighlight(highlight: ElementIds): void {
    this.set({ highlight });
  }

  /** Marks elements (e.g. gone from the database since a snapshot); an empty list clears the marks. */
  setMarked(marked: ElementIds): void {
    this.set({ marked });
  }

  setFilters(filters: Partial<Filters>): void {
    this.set({ filters: { ...this.state.filters, ...filters } });
  }

  setStyleBy(styleBy: StyleBy): void {
    this.set({ styleBy });
  }

  undo(): void {
    const previous = this.past.pop();
    if (!previous) return;
    this.future.push(this.content());
    this.set({ ...previous, selected: null, lastAdded: null, restore: null });
  }

  redo(): void {
    const next = this.future.pop();
    if (!next) return;
    this.past.push(this.content());
    this.set({ ...next, selected: null, lastAdded: null, restore: null });
  }

  private content(): CanvasContent {
    const { nodes, edges, hidden, pinned, notes, expansions } = this.state;
    return { nodes, edges, hidden, pinned, notes, expansions };
  }

  /** A change to what is shown: recorded for undo, and it drops the redo branch. */
  private change(content: Partial<CanvasContent>, rest: Partial<CanvasState> = {}): void {
    this.past.push(this.content());
    if (this.past.length > HISTORY_LIMIT) this.past.shift();
    this.future = [];
    this.set({ lastAdded: null, restore: null, ...content, ...rest });
  }

  private set(partial: Partial<CanvasState>): void {
    this.state = { ...this.state, ...partial };
    for (const listener of this.listeners) listener();
  }
}
