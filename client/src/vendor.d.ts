// Cytoscape extensions without type declarations of their own.
declare module 'cytoscape-fcose' {
  const fcose: cytoscape.Ext;
  export default fcose;
}

// Stylesheets imported for their side effect; Vite bundles them.
declare module '*.css';

declare module 'cytoscape-svg' {
  const svg: cytoscape.Ext;
  export default svg;
}

// cy.svg(), added to every Cytoscape instance by cytoscape-svg.
declare namespace cytoscape {
  interface Core {
    svg(options?: { full?: boolean; scale?: number; bg?: string }): string;
  }
}
