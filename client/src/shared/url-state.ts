// The view in the URL, so a reload or a shared link shows the same nodes:
//   ?nodes=<id>,<id>&hidden=<id>&pinned=<id>&layout=fcose
// Ids never contain commas (they are `<kind>--<slug>`).
export interface UrlView {
  nodes: string[];
  hidden: string[];
  pinned: string[];
  layout: string | null;
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
    layout: params.get('layout'),
  };
}

export function writeUrlView(view: UrlView, search = ''): string {
  const params = new URLSearchParams(search);
  for (const key of ['nodes', 'hidden', 'pinned'] as const) {
    if (view[key].length > 0) params.set(key, view[key].join(','));
    else params.delete(key);
  }
  if (view.layout) params.set('layout', view.layout);
  else params.delete('layout');
  const text = params.toString().replace(/%2C/g, ',');
  return text ? `?${text}` : '';
}
