// Style by data, as pure functions: which properties are offered, sizes by degree and by a
// numeric property, colours by categories and by a ramp, the legend, and the choice as text.
import { describe, expect, it } from 'vitest';
import type { GraphEdge, GraphNode } from '@model/api.js';
import { NODE_SIZE } from '@model/label-styles.js';
import {
  CATEGORY_COLORS,
  DEFAULT_STYLE_BY,
  MISSING_COLOR,
  OTHER_COLOR,
  RAMP,
  SIZE_RANGE,
  canvasDegrees,
  decodeStyleBy,
  encodeStyleBy,
  propertyChoices,
  styleByData,
} from '../../client/src/shared/style-by-data.js';

const node = (id: string, properties: Record<string, unknown> = {}): GraphNode => ({ id, label: 'ThreatActor', name: id, properties });
const edge = (from: string, to: string): GraphEdge => ({
  id: `${from}>${to}`,
  type: 'USES',
  from,
  to,
  evidence: { sources: ['s'] },
  properties: {},
});

describe('propertyChoices', () => {
  it('offers numbers, and short text values that group nodes, never names, summaries or ids', () => {
    const nodes = [
      node('a', { country: 'Russia', domainsSeized: 32, summary: 'x', actorType: 'unit', stixId: 'intrusion-set--1' }),
      node('b', { country: 'Russia', summary: 'y', actorType: 'agency' }),
      node('c', { country: 'Iran', role: 'a long description '.repeat(5) }),
    ];
    expect(propertyChoices(nodes)).toEqual({ numeric: ['domainsSeized'], categorical: ['country'] });
  });
});

describe('styleByData', () => {
  const nodes = [node('hub'), node('a'), node('b'), node('c'), node('lone')];
  const edges = [edge('hub', 'a'), edge('hub', 'b'), edge('hub', 'c'), edge('a', 'b'), edge('hub', 'outside')];

  it('counts degree among the canvas nodes only', () => {
    expect(Object.fromEntries(canvasDegrees(nodes, edges))).toEqual({ hub: 3, a: 2, b: 2, c: 1, lone: 0 });
  });

  it('leaves the default look alone', () => {
    expect(styleByData(nodes, edges, DEFAULT_STYLE_BY)).toEqual({ nodes: {}, legend: { size: null, color: null } });
  });

  it('sizes by degree from the smallest to the largest, area following the value', () => {
    const { nodes: looks, legend } = styleByData(nodes, edges, { ...DEFAULT_STYLE_BY, size: { kind: 'degree' } });
    expect(looks.hub!.size).toBe(SIZE_RANGE.max);
    expect(looks.lone!.size).toBe(SIZE_RANGE.min);
    expect(looks.a!.size).toBeGreaterThan(looks.c!.size!);
    expect(legend.size).toEqual({
      title: 'Size: relationships on the canvas',
      min: { value: 0, px: SIZE_RANGE.min },
      max: { value: 3, px: SIZE_RANGE.max },
      without: 0,
    });
  });

  it('sizes by a numeric property, keeping nodes without it at normal size, and one value at normal size', () => {
    const withValues = [node('x', { n: 10 }), node('y', { n: 40 }), node('z')];
    const { nodes: looks, legend } = styleByData(withValues, [], { ...DEFAULT_STYLE_BY, size: { kind: 'property', key: 'n' } });
    expect(looks.x!.size).toBe(SIZE_RANGE.min);
    expect(looks.y!.size).toBe(SIZE_RANGE.max);
    expect(looks.z).toBeUndefined();
    expect(legend.size?.without).toBe(1);
    const one = styleByData([node('x', { n: 3 })], [], { ...DEFAULT_STYLE_BY, size: { kind: 'property', key: 'n' } });
    expect(one.nodes.x!.size).toBe(NODE_SIZE);
  });

  it('colours categories by frequency, pales nodes without a value, and folds the rest into "other"', () => {
    const countries = ['Russia', 'Russia', 'Russia', 'Iran', 'Iran', 'China', 'A', 'B', 'C', 'D', 'E', 'F'];
    const many = [...countries.map((c, i) => node(`n${i}`, { country: c })), node('none')];
    const { nodes: looks, legend } = styleByData(many, [], { ...DEFAULT_STYLE_BY, color: { kind: 'property', key: 'country' } });
    expect(looks.n0!.color).toBe(CATEGORY_COLORS[0]);
    expect(looks.n3!.color).toBe(CATEGORY_COLORS[1]);
    expect(looks.none!.color).toBe(MISSING_COLOR);
    expect(looks.n11!.color).toBe(OTHER_COLOR); // 'F' is the 9th value
    expect(legend.color).toMatchObject({ kind: 'categories', title: 'Colour: country', without: 1 });
    if (legend.color?.kind !== 'categories') throw new Error('categories expected');
    expect(legend.color.entries.slice(0, 3)).toEqual([
      { value: 'Russia', color: CATEGORY_COLORS[0], count: 3 },
      { value: 'Iran', color: CATEGORY_COLORS[1], count: 2 },
      { value: 'A', color: CATEGORY_COLORS[2], count: 1 },
    ]);
    expect(legend.color.entries.at(-1)).toEqual({ value: '2 other values', color: OTHER_COLOR, count: 2 });
    // Every node with a value is counted once in the legend.
    expect(legend.color.entries.reduce((s, e) => s + e.count, 0)).toBe(countries.length);
  });

  it('colours numbers on a ramp from low to high', () => {
    const nums = [node('lo', { c: 10 }), node('mid', { c: 50 }), node('hi', { c: 90 })];
    const { nodes: looks, legend } = styleByData(nums, [], { ...DEFAULT_STYLE_BY, color: { kind: 'property', key: 'c' } });
    expect(looks.lo!.color).toBe(RAMP[0]);
    expect(looks.hi!.color).toBe(RAMP.at(-1));
    expect(looks.mid!.color).toBe(RAMP[2]);
    expect(legend.color).toMatchObject({ kind: 'ramp', min: 10, max: 90 });
  });
});

describe('the choice as text', () => {
  it('round-trips and falls back to the default for anything unknown', () => {
    const by = { size: { kind: 'property', key: 'domainsSeized' }, color: { kind: 'property', key: 'country' } } as const;
    expect(decodeStyleBy(encodeStyleBy(by))).toEqual(by);
    expect(decodeStyleBy(encodeStyleBy({ size: { kind: 'degree' }, color: { kind: 'label' } }))).toEqual({
      size: { kind: 'degree' },
      color: { kind: 'label' },
    });
    expect(decodeStyleBy({ size: 'property:__proto__.x', color: 'bogus' })).toEqual(DEFAULT_STYLE_BY);
    expect(decodeStyleBy({})).toEqual(DEFAULT_STYLE_BY);
  });
});
