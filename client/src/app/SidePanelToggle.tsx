// A tab on the canvas' edge that collapses a side panel to give the canvas the room, and brings it back.
import type { Side } from './use-side-panels.js';

export function SidePanelToggle({
  side,
  label,
  collapsed,
  onToggle,
}: {
  side: Side;
  label: string;
  collapsed: boolean;
  onToggle: (side: Side) => void;
}) {
  // Points the way the panel will move: a collapsed left panel opens rightwards.
  const arrow = (side === 'left') === collapsed ? '›' : '‹';
  return (
    <button
      type="button"
      className={`side-panel-toggle ${side}`}
      aria-expanded={!collapsed}
      aria-label={`${collapsed ? 'Show' : 'Hide'} the ${label} panel`}
      title={`${collapsed ? 'Show' : 'Hide'} ${label}`}
      onClick={() => onToggle(side)}
    >
      <span aria-hidden="true">{arrow}</span>
    </button>
  );
}
