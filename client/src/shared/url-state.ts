// The view in the URL, so a reload or a shared link shows the same nodes:
//   ?nodes=<id>,<id>&hidden=<id>&pinned=<id>&layout=fcose&groups=<parent>:<Label>:<TYPE>:<out|in>
// Ids never contain commas (they are `<kind>--<slug>`). `nodes` lists the members of groups too;
// `groups` (optional, so older links read alike) says which neighbours to group again.
export interface UrlView {
  nodes: string[];
  hidden: string[];
  pinned: string[];
  layout: string | null;
  groups?: string[];
}

const list = (value: string | null) =>
  value
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];

export function readUrlView(search: string): UrlView {
  const params = new URLSearchParams(search);
  return {
    nodes: list(params.get('nodes')),
    hidden: list(params.get('hidden')),
    pinned: list(params.get('pinned')),
    // Only when the link has groups, so a view without reads as it always did.
    ...(params.get('groups') ? { groups: list(params.get('groups')) } : {}),
    layout: params.get('layout'),
  };
}

export function writeUrlView(view: UrlView, search = ''): string {
  const params = new URLSearchParams(search);
  for (const key of ['nodes', 'hidden', 'pinned', 'groups'] as const) {
    const values = view[key] ?? [];
    if (values.length > 0) params.set(key, values.join(','));
    else params.delete(key);
  }
  if (view.layout) params.set('layout', view.layout);
  else params.delete('layout');
  const text = params.toString().replace(/%2C/g, ',').replace(/%3A/g, ':');
  return text ? `?${text}` : '';
}
