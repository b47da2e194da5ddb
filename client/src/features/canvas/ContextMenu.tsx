// Right-click menu on a node: expand by relationship type with counts, the next page of an
// expanded node ("+N more"), group its neighbours, hide, pin, remove, select
// neighbours, find a path from here, add or edit its note. On a group: expand it, its parent's
// next page (which joins the group), hide, remove. Keyboard: arrows move, Enter picks, Escape closes.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { graphQueries } from '../../shared/query-options.js';
import { ErrorText } from '../../shared/ui/ErrorText.js';

export interface NodeMenuActions {
  expand(id: string, relType?: string): void;
  /** The next page of the node's neighbours. */
  more(id: string): void;
  hide(id: string): void;
  togglePin(id: string): void;
  remove(id: string): void;
  selectNeighbours(id: string): void;
  findPathFrom(id: string): void;
  editNote(id: string): void;
  /** Collapses the node's neighbours that share a label and type into groups. */
  group(id: string): void;
  /** Puts a group's members back around its parent. */
  expandGroup(id: string): void;
}

export interface ContextMenuProps {
  id: string;
  x: number;
  y: number;
  pinned: boolean;
  noted: boolean;
  /** Relationships of the node not loaded yet by its expand, and their type (null: all), if any. */
  more: { count: number; relType: string | null } | null;
  /** For a group node: its name, and its parent (whose next page "+N more" loads into it). */
  group?: { name: string; parent: string } | null;
  actions: NodeMenuActions;
  onClose(): void;
}

export function ContextMenu({ id, x, y, pinned, noted, more, group = null, actions, onClose }: ContextMenuProps) {
  // A group is not in the database: nothing to ask about it.
  const details = useQuery({ ...graphQueries.node(id), enabled: group === null });
  const menu = useRef<HTMLDivElement>(null);
  const [at, setAt] = useState({ left: x, top: y });

  // A node near the bottom or right edge would open the menu off screen: keep it inside the window.
  useLayoutEffect(() => {
    const box = menu.current?.getBoundingClientRect();
    if (!box) return;
    const margin = 4;
    setAt({
      left: Math.max(margin, Math.min(x, window.innerWidth - box.width - margin)),
      top: Math.max(margin, Math.min(y, window.innerHeight - box.height - margin)),
    });
  }, [x, y, details.data]);

  useEffect(() => {
    menu.current?.querySelector<HTMLButtonElement>('button')?.focus();
    const close = (e: MouseEvent) => {
      if (!menu.current?.contains(e.target as Node)) onClose();
    };
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [onClose]);

  const pick = (action: () => void) => () => {
    action();
    onClose();
  };

  // The items a node's menu and a group's menu share: the next page of the hub, hide, remove.
  const loadMore = (hub: string) =>
    more &&
    more.count > 0 && (
      <button type="button" role="menuitem" className="more-item" onClick={pick(() => actions.more(hub))}>
        Load more{' '}
        <span className="more-badge">
          +{more.count} more{more.relType ? ` ${more.relType}` : ''}
        </span>
      </button>
    );
  const hideAndRemove = (
    <>
      <button type="button" role="menuitem" onClick={pick(() => actions.hide(id))}>
        Hide
      </button>
      <button type="button" role="menuitem" onClick={pick(() => actions.remove(id))}>
        Remove
      </button>
    </>
  );

  // Degree per type, both directions together, without the derived REPORTED_IN.
  const byType = new Map<string, number>();
  for (const d of details.data?.degrees ?? []) byType.set(d.type, (byType.get(d.type) ?? 0) + d.count);

  function onKeyDown(e: React.KeyboardEvent) {
    const buttons = [...(menu.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'Escape') onClose();
    else if (e.key === 'ArrowDown') buttons[(at + 1) % buttons.length]?.focus();
    else if (e.key === 'ArrowUp') buttons[(at - 1 + buttons.length) % buttons.length]?.focus();
    else return;
    e.preventDefault();
  }

  if (group) {
    return (
      <div ref={menu} className="context-menu" role="menu" aria-label={`Actions for ${group.name}`} style={at} onKeyDown={onKeyDown}>
        <div className="context-menu-title">{group.name}</div>
        <button type="button" role="menuitem" onClick={pick(() => actions.expandGroup(id))}>
          Expand group
        </button>
        {loadMore(group.parent)}
        <hr />
        {hideAndRemove}
      </div>
    );
  }

  return (
    <div
      ref={menu}
      className="context-menu"
      role="menu"
      aria-label={`Actions for ${details.data?.node.name ?? id}`}
      style={at}
      onKeyDown={onKeyDown}
    >
      <div className="context-menu-title">{details.data?.node.name ?? id}</div>
      <button type="button" role="menuitem" onClick={pick(() => actions.expand(id))}>
        Expand all
      </button>
      {loadMore(id)}
      {details.isPending && <div className="context-menu-note">Loading relationship counts…</div>}
      <ErrorText error={details.error} />
      {[...byType.entries()]
        .filter(([type]) => type !== 'REPORTED_IN')
        .sort((a, b) => b[1] - a[1])
        .map(([type, count]) => (
          <button key={type} type="button" role="menuitem" onClick={pick(() => actions.expand(id, type))}>
            {type} ({count})
          </button>
        ))}
      {byType.has('REPORTED_IN') && (
        <button type="button" role="menuitem" onClick={pick(() => actions.expand(id, 'REPORTED_IN'))}>
          Sources ({byType.get('REPORTED_IN')})
        </button>
      )}
      <hr />
      <button type="button" role="menuitem" onClick={pick(() => actions.group(id))}>
        Group neighbours
      </button>
      <button type="button" role="menuitem" onClick={pick(() => actions.selectNeighbours(id))}>
        Select neighbours
      </button>
      <button type="button" role="menuitem" onClick={pick(() => actions.findPathFrom(id))}>
        Find path to…
      </button>
      <button type="button" role="menuitem" onClick={pick(() => actions.editNote(id))}>
        {noted ? 'Edit note…' : 'Add note…'}
      </button>
      <button type="button" role="menuitem" onClick={pick(() => actions.togglePin(id))}>
        {pinned ? 'Unpin' : 'Pin'}
      </button>
      {hideAndRemove}
    </div>
  );
}
