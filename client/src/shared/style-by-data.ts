// Style by data: node size by degree on the canvas or by a numeric property, node colour by label
// (the legend's, the default) or by a property (categories or a numeric ramp), and the legend that
// explains what is shown. Pure: the canvas applies the result, the legend draws it.
import type { GraphEdge, GraphNode } from '@model/api.js';
import { NODE_SIZE } from '@model/label-styles.js';

export type SizeBy = { kind: 'uniform' } | { kind: 'degree' } | { kind: 'property'; key: string };
export type ColorBy = { kind: 'label' } | { kind: 'property'; key: string };
export interface StyleBy {
  size: SizeBy;
  color: ColorBy;
}
export const DEFAULT_STYLE_BY: StyleBy = { size: { kind: 'uniform' }, color: { kind: 'label' } };

/** Node sizes when sized by data: the smallest value gets MIN, the largest MAX (area follows value). */
export const SIZE_RANGE = { min: Math.round(NODE_SIZE * 0.75), max: NODE_SIZE * 3 } as const;
/**
 * Colours for categories: Okabe and Ito's colour-blind-safe set without black (which would vanish
 * on the dark theme's canvas). Categories beyond these share OTHER_COLOR.
 */
export const CATEGORY_COLORS = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7'] as const;
export const OTHER_COLOR = '#8c8c8c';
/** A node without the property: pale, so that the ones with a value stand out. */
export const MISSING_COLOR = '#e5e7eb';
/** Low to high for a numeric colour: a light-to-dark blue ramp (monotonic in lightness). */
export const RAMP = ['#deebf7', '#9ecae1', '#4292c6', '#08519c', '#08306b'] as const;

/** Properties that describe or identify a node rather than classify it: never offered. */
const NOT_CATEGORIES = new Set(['id', 'name', 'aliases', 'summary', 'summarySources', 'url', 'title', 'stixId', 'externalId']);
const CATEGORY_TEXT_MAX = 60;
const CATEGORIES_MAX = 40;

export interface PropertyChoices {
  /** Keys with a finite number on at least one node. */
  numeric: string[];
  /** Keys with short text values that at least two nodes share (a value that groups). */
  categorical: string[];
}

export function propertyChoices(nodes: Iterable<GraphNode>): PropertyChoices {
  const numeric = new Set<string>();
  const texts = new Map<string, Map<string, number>>();
  const rejected = new Set<string>();
  for (const n of nodes) {
    for (const [key, value] of Object.entries(n.properties)) {
      if (typeof value === 'number' && Number.isFinite(value)) numeric.add(key);
      else if (typeof value === 'string' && !NOT_CATEGORIES.has(key) && !key.startsWith('stix') && value.length <= CATEGORY_TEXT_MAX) {
        const counts = texts.get(key) ?? new Map<string, number>();
        counts.set(value, (counts.get(value) ?? 0) + 1);
        texts.set(key, counts);
      } else if (typeof value === 'string') rejected.add(key);
    }
  }
  const categorical = [...texts]
    .filter(([key, counts]) => !rejected.has(key) && counts.size <= CATEGORIES_MAX && [...counts.values()].some((c) => c >= 2))
    .map(([key]) => key);
  return { numeric: [...numeric].sort(), categorical: categorical.sort() };
}

export interface NodeLook {
  size?: number;
  color?: string;
}

export interface Legend {
  size: { title: string; min: { value: number; px: number }; max: { value: number; px: number }; without: number } | null;
  color:
    | { kind: 'categories'; title: string; entries: Array<{ value: string; color: string; count: number }>; without: number }
    | { kind: 'ramp'; title: string; min: number; max: number; colors: readonly string[]; without: number }
    | null;
}

export interface StyledByData {
  nodes: Record<string, NodeLook>;
  legend: Legend;
}

/** Degree of each node counting only the relationships between nodes in `nodes`. */
export function canvasDegrees(nodes: Iterable<GraphNode>, edges: Iterable<GraphEdge>): Map<string, number> {
  const degree = new Map<string, number>();
  for (const n of nodes) degree.set(n.id, 0);
  for (const e of edges) {
    if (!degree.has(e.from) || !degree.has(e.to)) continue;
    degree.set(e.from, degree.get(e.from)! + 1);
    if (e.to !== e.from) degree.set(e.to, degree.get(e.to)! + 1);
  }
  return degree;
}

function numberOf(n: GraphNode, key: string): number | null {
  const v = n.properties[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Area proportional to the value between the smallest and largest: radius by square root. */
function sizeFor(value: number, lo: number, hi: number): number {
  if (hi === lo) return NODE_SIZE;
  const t = Math.sqrt((value - lo) / (hi - lo));
  return Math.round(SIZE_RANGE.min + t * (SIZE_RANGE.max - SIZE_RANGE.min));
}

function rampColor(value: number, lo: number, hi: number): string {
  const t = hi === lo ? 1 : (value - lo) / (hi - lo);
  return RAMP[Math.min(RAMP.length - 1, Math.floor(t * RAMP.length))]!;
}

export function styleByData(nodeList: readonly GraphNode[], edges: Iterable<GraphEdge>, by: StyleBy): StyledByData {
  const looks: Record<string, NodeLook> = {};
  const look = (id: string) => (looks[id] ??= {});
  const legend: Legend = { size: null, color: null };

  if (by.size.kind !== 'uniform') {
    const sizeBy = by.size;
    const values = new Map<string, number>();
    if (sizeBy.kind === 'degree') for (const [id, d] of canvasDegrees(nodeList, edges)) values.set(id, d);
    else
      for (const n of nodeList) {
        const v = numberOf(n, sizeBy.key);
        if (v !== null) values.set(n.id, v);
      }
    if (values.size > 0) {
      const lo = Math.min(...values.values());
      const hi = Math.max(...values.values());
      for (const [id, v] of values) look(id).size = sizeFor(v, lo, hi);
      legend.size = {
        title: sizeBy.kind === 'degree' ? 'Size: relationships on the canvas' : `Size: ${sizeBy.key}`,
        min: { value: lo, px: sizeFor(lo, lo, hi) },
        max: { value: hi, px: sizeFor(hi, lo, hi) },
        without: nodeList.length - values.size,
      };
    }
  }

  if (by.color.kind === 'property') {
    const key = by.color.key;
    const numbers = new Map<string, number>();
    const texts = new Map<string, string>();
    for (const n of nodeList) {
      const v = n.properties[key];
      if (typeof v === 'number' && Number.isFinite(v)) numbers.set(n.id, v);
      else if (typeof v === 'string' && v !== '') texts.set(n.id, v);
    }
    const without = nodeList.filter((n) => !numbers.has(n.id) && !texts.has(n.id));
    for (const n of without) look(n.id).color = MISSING_COLOR;
    if (numbers.size > 0 && texts.size === 0) {
      const lo = Math.min(...numbers.values());
      const hi = Math.max(...numbers.values());
      for (const [id, v] of numbers) look(id).color = rampColor(v, lo, hi);
      legend.color = { kind: 'ramp', title: `Colour: ${key}`, min: lo, max: hi, colors: RAMP, without: without.length };
    } else {
      // Mixed or text: categories, the most frequent first (ties by name, so the colours are stable).
      for (const [id, v] of numbers) texts.set(id, String(v));
      const counts = new Map<string, number>();
      for (const v of texts.values()) counts.set(v, (counts.get(v) ?? 0) + 1);
      const ordered = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      const colorOf = new Map<string, string>(ordered.slice(0, CATEGORY_COLORS.length).map(([v], i) => [v, CATEGORY_COLORS[i]!]));
      for (const [id, v] of texts) look(id).color = colorOf.get(v) ?? OTHER_COLOR;
      const entries = ordered.slice(0, CATEGORY_COLORS.length).map(([value, count]) => ({ value, color: colorOf.get(value)!, count }));
      const others = ordered.slice(CATEGORY_COLORS.length);
      if (others.length > 0)
        entries.push({ value: `${others.length} other values`, color: OTHER_COLOR, count: others.reduce((s, [, c]) => s + c, 0) });
      legend.color = { kind: 'categories', title: `Colour: ${key}`, entries, without: without.length };
    }
  }
  return { nodes: looks, legend };
}

// ---- the choice as text, for the URL and saved views: "uniform" | "degree" | "property:<key>" ----

export function encodeStyleBy(by: StyleBy): { size: string; color: string } {
  return {
    size: by.size.kind === 'property' ? `property:${by.size.key}` : by.size.kind,
    color: by.color.kind === 'property' ? `property:${by.color.key}` : 'label',
  };
}

const KEY = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** The choice from its text; anything unknown falls back to the default rather than failing a view. */
export function decodeStyleBy(text: { size?: string | null; color?: string | null }): StyleBy {
  const prop = (s: string | null | undefined) => (s?.startsWith('property:') && KEY.test(s.slice(9)) ? s.slice(9) : null);
  const sizeKey = prop(text.size);
  const colorKey = prop(text.color);
  return {
    size: text.size === 'degree' ? { kind: 'degree' } : sizeKey ? { kind: 'property', key: sizeKey } : { kind: 'uniform' },
    color: colorKey ? { kind: 'property', key: colorKey } : { kind: 'label' },
  };
}
