// Search with autocomplete: debounced, arrow keys and Enter pick a result, which the app adds to
// the canvas and centres.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { graphQueries } from '../../shared/query-options.js';
import { labelStyle } from '@model/label-styles.js';

const DEBOUNCE_MS = 200;

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return debounced;
}

export function SearchBox({
  onPick,
  placeholder = 'Search actors, gangs, tools, domains…',
  label = 'Search the graph',
  unavailable = null,
}: {
  onPick(id: string): void;
  placeholder?: string;
  label?: string;
  /** Why search cannot work yet (the graph is still loading): shown in the box, which is disabled. */
  unavailable?: string | null;
}) {
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  // The highlighted option, for the query it was chosen in: a new query starts at the first.
  const [chosen, setChosen] = useState({ query: '', index: 0 });
  const query = useDebounced(text.trim(), DEBOUNCE_MS);
  const listId = useId();
  const results = useQuery({ ...graphQueries.search(query, 10), enabled: query.length > 0 && !unavailable });
  const items = query.length > 0 ? (results.data?.results ?? []) : [];

  const active = chosen.query === query ? chosen.index : 0;
  const setActive = (next: number | ((index: number) => number)) =>
    setChosen({ query, index: typeof next === 'function' ? next(active) : next });

  function pick(index: number) {
    const item = items[index];
    if (!item) return;
    onPick(item.id);
    setText('');
    setOpen(false);
  }

  return (
    <div className="search-box">
      <input
        type="search"
        role="combobox"
        aria-label={label}
        aria-expanded={open && items.length > 0}
        aria-controls={listId}
        aria-activedescendant={open && items[active] ? `${listId}-${active}` : undefined}
        aria-autocomplete="list"
        placeholder={unavailable ?? placeholder}
        title={unavailable ?? undefined}
        disabled={Boolean(unavailable)}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, items.length - 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else if (e.key === 'Enter') pick(active);
          else if (e.key === 'Escape') setOpen(false);
          else return;
          e.preventDefault();
        }}
      />
      {open && query.length > 0 && !unavailable && (
        <ul id={listId} role="listbox" className="search-results" aria-label="Search results">
          {results.isPending && <li className="search-note">Searching…</li>}
          {results.isError && <li className="search-note error-text">{results.error.message}</li>}
          {results.isSuccess && items.length === 0 && <li className="search-note">No match for “{query}”.</li>}
          {items.map((item, i) => (
            <li
              key={item.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(i);
              }}
              onMouseEnter={() => setActive(i)}
            >
              <span className="label-chip" style={{ background: labelStyle(item.label).color }}>
                {item.label}
              </span>
              <strong>{item.name}</strong>
              {item.summary && <span className="search-summary">{item.summary}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
