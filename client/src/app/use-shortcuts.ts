// Keyboard: undo / redo, fit, focus search, delete the selected node.
import { useEffect } from 'react';
import type { GraphStore } from '../shared/graph-store.js';

export function useShortcuts(store: GraphStore, fit: () => void) {
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      // Presenter mode and the export dialog take the keys while open.
      if (document.querySelector('[role="dialog"][aria-modal="true"]')) return;
      const typing =
        e.target instanceof HTMLElement && e.target.closest('input, textarea, select, [contenteditable="true"], .cm-editor') !== null;
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key.toLowerCase() === 'z' && !typing) {
        e.preventDefault();
        if (e.shiftKey) store.redo();
        else store.undo();
      } else if (mod && e.key.toLowerCase() === 'y' && !typing) {
        e.preventDefault();
        store.redo();
      } else if (e.key === '/' && !typing) {
        e.preventDefault();
        document.querySelector<HTMLInputElement>('.topbar .search-box input')?.focus();
      } else if (!typing && (e.key === 'Delete' || e.key === 'Backspace') && store.getState().selected?.kind === 'node') {
        store.removeNodes([store.getState().selected!.id]);
      } else if (!typing && e.key === 'f') {
        fit();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, fit]);
}
