// Light or dark (for presenting on a dark stage): the choice is remembered in this browser; with
// none, the system's preference decides. The theme is a data attribute on <html>, read by the CSS
// tokens in styles.css.
import { useEffect, useState } from 'react';

export type Theme = 'light' | 'dark';
const STORAGE_KEY = 'threat-network-explorer.theme';

function storedTheme(): Theme | null {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'light' || v === 'dark' ? v : null;
  } catch {
    return null; // storage blocked (private mode, sandboxed frame): fall back to the system
  }
}

export function initialTheme(): Theme {
  return storedTheme() ?? (window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
}

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}

export function useTheme(): [Theme, (theme: Theme) => void] {
  const [theme, setTheme] = useState<Theme>(initialTheme);
  useEffect(() => applyTheme(theme), [theme]);
  return [
    theme,
    (next) => {
      try {
        localStorage.setItem(STORAGE_KEY, next);
      } catch {
        // not remembered, still applied
      }
      setTheme(next);
    },
  ];
}
