// Types for the part of @neo4j-cypher/react-codemirror the console uses. The package ships its
// own .d.ts, but its package.json "exports" has no "types" condition, so TypeScript with
// "moduleResolution": "Bundler" cannot find it (TS7016). Props follow its src/CypherEditor.d.ts.
declare module '@neo4j-cypher/react-codemirror' {
  import type { ComponentType, CSSProperties } from 'react';

  /** The editor API passed to onEditorCreated (subset). `codemirror` is the CodeMirror 6 EditorView. */
  export interface CypherEditorApi {
    codemirror: { contentDOM: HTMLElement; dom: HTMLElement };
    focus(): void;
    setValue(value?: string, parseOnSetValue?: boolean): void;
  }

  export interface CypherEditorProps {
    autocomplete?: boolean;
    autofocus?: boolean;
    bracketMatching?: boolean;
    closeBrackets?: boolean;
    cypherLanguage?: boolean;
    history?: boolean;
    lineNumbers?: boolean;
    lineWrapping?: boolean;
    lint?: boolean;
    placeholder?: string;
    readOnly?: boolean;
    search?: boolean;
    tabKey?: boolean;
    theme?: 'light' | 'dark' | 'auto';
    value?: string;
    className?: string;
    focusedClassName?: string;
    style?: CSSProperties;
    onEditorCreated?: (editor: CypherEditorApi) => void;
    onValueChanged?: (value: string, changes: unknown) => void;
    onFocusChanged?: (focused: boolean) => void;
    onKeyDown?: (event: KeyboardEvent) => void;
  }

  export const CypherEditor: ComponentType<CypherEditorProps>;
}
