// HTML export: one self-contained page that shows the view with the network off. Cytoscape, the
// viewer script and the view document are inlined; a CSP meta forbids every request, so the file
// cannot load anything even if a value in it tried to.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ViewDocument } from '@model/snapshot.js';
import { fallbackStyle } from './html-style.js';
import { shownElements } from './view.js';

export const HTML_CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";

let scripts: { cytoscape: string; viewer: string } | undefined;

/** Read once: the minified Cytoscape the client uses, and the viewer beside this file. */
function inlineScripts() {
  scripts ??= {
    cytoscape: readFileSync(createRequire(import.meta.url).resolve('cytoscape/dist/cytoscape.min.js'), 'utf8'),
    viewer: readFileSync(new URL('./html-viewer.js', import.meta.url), 'utf8'),
  };
  return scripts;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Inside <script>, "</script" or "<!--" would end or confuse the element: JSON escapes every "<". */
function jsonScript(id: string, value: unknown): string {
  return `<script type="application/json" id="${id}">${JSON.stringify(value).replace(/</g, '\\u003c')}</script>`;
}

/** The same for code: a "</script" or "<!--" in it (none in today's Cytoscape or viewer) is written so it ends nothing. */
export function codeScript(code: string): string {
  return `<script>${code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--')}</script>`;
}

const STYLE = `
*{box-sizing:border-box}html,body{margin:0;height:100%;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#111827;background:#fff}
body{display:flex;flex-direction:column}
header{padding:10px 16px;border-bottom:1px solid #e5e7eb;display:flex;gap:16px;align-items:baseline;flex-wrap:wrap}
header h1{font-size:18px;margin:0}header .caption{margin:0;color:#374151;flex:1 1 320px;white-space:pre-wrap}
header .meta{margin:0;color:#6b7280;font-size:12px}header button{font:inherit;font-size:12px;padding:2px 8px}
main{flex:1;display:flex;min-height:0}#cy{flex:1;min-width:0;position:relative}
#panel{width:340px;max-width:45%;overflow:auto;border-left:1px solid #e5e7eb;padding:12px 16px}
#panel h2{font-size:16px;margin:0 0 2px}#panel h3{font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:#6b7280;margin:16px 0 6px}
#panel h4{font-size:13px;margin:10px 0 4px}#panel .kind{margin:0;color:#6b7280;font-size:12px;word-break:break-all}
#panel dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 10px;margin:0}#panel dt{color:#6b7280}#panel dd{margin:0;word-break:break-word}
#panel blockquote{margin:8px 0;padding:4px 10px;border-left:3px solid #d1d5db;color:#374151;font-style:italic}
#panel .note{white-space:pre-wrap;background:#fef3c7;padding:6px 8px;border-radius:4px}
#panel .sources{padding-left:18px;margin:0}#panel .sources .url{display:block;color:#6b7280;font-size:12px;word-break:break-all}
#panel .hint{color:#6b7280}
`;

export function toHtml(doc: ViewDocument, exportedAt: Date = new Date()): string {
  const { cytoscape, viewer } = inlineScripts();
  const title = doc.title || 'Threat-network view';
  const shown = shownElements(doc);
  const meta = `${shown.nodes.length} nodes, ${shown.edges.length} relationships · exported ${exportedAt.toISOString().slice(0, 10)}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${HTML_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Threat-network explorer">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
${doc.caption ? `<p class="caption">${escapeHtml(doc.caption)}</p>` : ''}
<p class="meta">${escapeHtml(meta)}</p>
<button type="button" id="reset">Saved view</button><button type="button" id="fit">Fit all</button>
</header>
<main>
<div id="cy" role="img" aria-label="${escapeHtml(`Graph: ${title}`)}"></div>
<aside id="panel" aria-live="polite"><p class="hint">Click a node or a relationship to see its properties, its evidence and notes. Drag to pan, scroll to zoom.</p></aside>
</main>
${jsonScript('view-document', doc)}
${jsonScript('view-fallback-style', fallbackStyle())}
${codeScript(cytoscape)}
${codeScript(viewer)}
</body>
</html>
`;
}
