// Cytoscape extensions without type declarations of their own.
declare module 'cytoscape-fcose' {
  const fcose: cytoscape.Ext;
  export default fcose;
}

// Stylesheets imported for their side effect; Vite bundles them.
declare module '*.css';
