// The two ends of a path search: set from the canvas ("Find path to…", the name known) or picked in
// a search box (the name looked up: a quiet action, its error on the shared error line).
import { useState } from 'react';
import { api } from '../../shared/api.js';
import { useAction } from '../../shared/actions.js';
import type { PathEnd } from './PathsPanel.js';

export type PathEnds = { from: PathEnd | null; to: PathEnd | null };

export function usePathEnds() {
  const [ends, setEnds] = useState<PathEnds>({ from: null, to: null });
  const set = (end: 'from' | 'to', value: PathEnd) => setEnds((current) => ({ ...current, [end]: value }));
  const pick = useAction('path-end', {
    quiet: true,
    mutationFn: async ({ end, id }: { end: 'from' | 'to'; id: string }) => set(end, { id, name: (await api.node(id)).node.name }),
  });
  return { ...ends, set, pick: (end: 'from' | 'to', id: string) => pick.mutate({ end, id }) };
}
