// The Cypher editor of the console: @neo4j-cypher/react-codemirror (CodeMirror 6 with Cypher
// highlighting and completion), loaded on demand because its parser is large; a plain textarea
// stands in while it loads. Ctrl/Cmd+Enter runs the query from either.
import { lazy, Suspense, type KeyboardEvent as ReactKeyboardEvent } from 'react';
// Colours of the editor's syntax classes (cm-keyword, cm-string, ...), shipped by the package.
import '@neo4j-cypher/codemirror/css/cypher-codemirror.css';

const CypherEditor = lazy(async () => ({ default: (await import('@neo4j-cypher/react-codemirror')).CypherEditor }));

export interface CypherInputProps {
  value: string;
  onChange: (value: string) => void;
  onRun: () => void;
  /** Accessible name of the editing area. */
  label: string;
  /** Id of the text that explains the shortcut. */
  describedBy?: string;
}

export function isRunShortcut(e: { key: string; ctrlKey: boolean; metaKey: boolean }): boolean {
  return e.key === 'Enter' && (e.ctrlKey || e.metaKey);
}

export function CypherInput({ value, onChange, onRun, label, describedBy }: CypherInputProps) {
  // Capture phase, so the shortcut wins over CodeMirror's own Mod-Enter (insert blank line):
  // CodeMirror ignores an event whose default was prevented. A React handler on the wrapper, bound
  // afresh at every render, so it always runs the latest onRun.
  function keyDownCapture(e: ReactKeyboardEvent) {
    if (!isRunShortcut(e)) return;
    e.preventDefault();
    onRun();
  }

  const fallback = (
    <textarea
      className="cypher-textarea"
      aria-label={label}
      aria-describedby={describedBy}
      spellCheck={false}
      rows={6}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );

  return (
    <div className="cypher-input" onKeyDownCapture={keyDownCapture}>
      <Suspense fallback={fallback}>
        <CypherEditor
          className="cypher-editor"
          value={value}
          onValueChanged={(v: string) => onChange(v)}
          theme="light"
          autofocus={false}
          // Tab moves focus on, rather than indenting, so the editor is no keyboard trap.
          tabKey={false}
          lineWrapping
          placeholder="MATCH (a:State)-[r:SPONSORS]->(b) RETURN a, r, b LIMIT 25"
          onEditorCreated={(editor) => {
            // The editing area is CodeMirror's contenteditable; it has no name of its own.
            const content = editor.codemirror.contentDOM;
            content.setAttribute('aria-label', label);
            if (describedBy) content.setAttribute('aria-describedby', describedBy);
          }}
        />
      </Suspense>
    </div>
  );
}
