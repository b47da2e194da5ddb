// Copies a link to the clipboard; where the browser refuses (no permission, not a secure
// context), says which item to show a selectable field for instead.
import { useState } from 'react';

export function useCopy() {
  const [copied, setCopied] = useState<string | null>(null);
  const [fallback, setFallback] = useState<string | null>(null);
  async function copy(key: string, text: string) {
    try {
      await navigator.clipboard.writeText(text);
      setFallback(null);
      setCopied(key);
    } catch {
      setCopied(null);
      setFallback(key);
    }
  }
  return { copied, fallback, copy: (key: string, text: string) => void copy(key, text) };
}
