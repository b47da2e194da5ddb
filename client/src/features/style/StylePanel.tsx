// Style by data: size nodes by their relationships on the canvas or by a numeric property, colour
// them by label (the legend above) or by a property, and a legend that says what size and colour
// mean now. The choices offered are the properties the canvas's nodes carry.
import { useSyncExternalStore } from 'react';
import type { GraphStore } from '../../shared/graph-store.js';
import { isGroupNode } from '../../shared/groups.js';
import { MISSING_COLOR, decodeStyleBy, encodeStyleBy, propertyChoices, styleByData, type Legend } from '../../shared/style-by-data.js';

/** Largest circle drawn in the size legend, whatever the node size (keeps the panel's rhythm). */
const LEGEND_CIRCLE_MAX = 44;

export function StylePanel({ store }: { store: GraphStore }) {
  const state = useSyncExternalStore(store.subscribe, store.getState);
  const nodes = Object.values(state.nodes).filter((n) => !isGroupNode(n));
  const choices = propertyChoices(nodes);
  const chosen = encodeStyleBy(state.styleBy);
  const { legend } = styleByData(nodes, Object.values(state.edges), state.styleBy);
  // A chosen property the canvas no longer has stays listed, so the select shows what is applied.
  const withChosen = (keys: string[], value: string) =>
    value.startsWith('property:') && !keys.includes(value.slice(9)) ? [...keys, value.slice(9)] : keys;
  const sizeKeys = withChosen(choices.numeric, chosen.size);
  const colorKeys = withChosen([...new Set([...choices.categorical, ...choices.numeric])].sort(), chosen.color);
  const set = (next: Partial<typeof chosen>) => store.setStyleBy(decodeStyleBy({ ...chosen, ...next }));

  return (
    <fieldset className="style-panel">
      <legend>Style by data</legend>
      <label className="field-row">
        Size
        <select value={chosen.size} onChange={(e) => set({ size: e.target.value })}>
          <option value="uniform">the same for all</option>
          <option value="degree">relationships on the canvas</option>
          {sizeKeys.map((k) => (
            <option key={k} value={`property:${k}`}>
              {k}
            </option>
          ))}
        </select>
      </label>
      <label className="field-row">
        Colour
        <select value={chosen.color} onChange={(e) => set({ color: e.target.value })}>
          <option value="label">label (as the legend above)</option>
          {colorKeys.map((k) => (
            <option key={k} value={`property:${k}`}>
              {k}
            </option>
          ))}
        </select>
      </label>
      <LegendView legend={legend} />
    </fieldset>
  );
}

/** The ramp's colours as equal hard-edged steps, as the nodes get them. */
function steps(colors: readonly string[]): string {
  const at = (i: number) => `${((i * 100) / colors.length).toFixed(1)}%`;
  return `linear-gradient(to right, ${colors.map((c, i) => `${c} ${at(i)} ${at(i + 1)}`).join(', ')})`;
}

function LegendView({ legend }: { legend: Legend }) {
  const { size, color } = legend;
  if (!size && !color) return null;
  const circle = (px: number) => Math.min(LEGEND_CIRCLE_MAX, px);
  return (
    <div className="style-legend" aria-label="What size and colour show">
      {size && (
        <div>
          <p className="style-legend-title">{size.title}</p>
          <p className="style-legend-sizes">
            <span className="style-circle" style={{ width: circle(size.min.px), height: circle(size.min.px) }} aria-hidden="true" />
            {size.min.value}
            <span className="muted"> to </span>
            <span className="style-circle" style={{ width: circle(size.max.px), height: circle(size.max.px) }} aria-hidden="true" />
            {size.max.value}
          </p>
          {size.without > 0 && <p className="muted">{size.without} without a value: normal size.</p>}
        </div>
      )}
      {color?.kind === 'categories' && (
        <div>
          <p className="style-legend-title">{color.title}</p>
          <ul className="style-legend-list">
            {color.entries.map((e) => (
              <li key={e.value}>
                <span className="legend-swatch" style={{ background: e.color }} aria-hidden="true" />
                {e.value} <span className="muted">({e.count})</span>
              </li>
            ))}
            {color.without > 0 && (
              <li>
                <span className="legend-swatch" style={{ background: MISSING_COLOR }} aria-hidden="true" />
                <span className="muted">no value ({color.without})</span>
              </li>
            )}
          </ul>
        </div>
      )}
      {color?.kind === 'ramp' && (
        <div>
          <p className="style-legend-title">{color.title}</p>
          <p className="style-legend-ramp">
            {color.min}
            <span className="style-ramp" style={{ background: steps(color.colors) }} aria-hidden="true" />
            {color.max}
          </p>
          {color.without > 0 && <p className="muted">{color.without} without a value: pale.</p>}
        </div>
      )}
    </div>
  );
}
