// The graph's endpoints: search, node details, expand, subgraph, paths and meta. Thin: the
// contract validates the input, the data-access modules beside this one run the Cypher.
import { ENDPOINTS } from '@model/contract.js';
import { endpointRouter, type FeatureContext } from '../http/endpoint.js';
import { expandNodes } from './expand.js';
import { graphMeta } from './meta.js';
import { nodeDetails } from './nodes.js';
import { findPaths } from './paths.js';
import { searchGraph } from './search.js';
import { subgraphAmong } from './subgraph.js';

export function graphRoutes({ db, limits, ...options }: FeatureContext) {
  const { router, on } = endpointRouter(options);
  on(ENDPOINTS.meta, () => graphMeta(db, limits));
  on(ENDPOINTS.search, ({ query }) => searchGraph(db, query, limits));
  on(ENDPOINTS.node, ({ params }) => nodeDetails(db, params.id, limits));
  on(ENDPOINTS.expand, ({ body }) => expandNodes(db, body, limits));
  on(ENDPOINTS.subgraph, ({ body }) => subgraphAmong(db, body.ids, limits));
  on(ENDPOINTS.paths, ({ body }) => findPaths(db, body, limits));
  return router;
}
