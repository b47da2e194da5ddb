// Which side panels are collapsed to a rail, remembered in this browser. The canvas takes the room;
// Cytoscape measures its container again on a window resize event, which a toggle sends.
import { useEffect, useState } from 'react';

export type Side = 'left' | 'right';
export type Collapsed = Record<Side, boolean>;
const STORAGE_KEY = 'threat-network-explorer.collapsed-panels';

function stored(): Collapsed {
  try {
    const v = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<Collapsed> | null;
    return { left: v?.left === true, right: v?.right === true };
  } catch {
    return { left: false, right: false };
  }
}

export function useSidePanels(): [Collapsed, (side: Side) => void] {
  const [collapsed, setCollapsed] = useState<Collapsed>(stored);
  useEffect(() => {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(collapsed));
    } catch {
      // not remembered, still applied
    }
    window.dispatchEvent(new Event('resize'));
  }, [collapsed]);
  return [collapsed, (side) => setCollapsed((c) => ({ ...c, [side]: !c[side] }))];
}
