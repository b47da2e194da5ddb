import { describe, expect, it } from 'vitest';
import { move, presentable } from '../../client/src/features/presenter/PresenterPanel.js';
import { slideStep, slideViewport } from '../../client/src/features/presenter/slide-viewport.js';

describe('presenter slides', () => {
  it('frames what was visible: the saved centre at the screen centre, scaled to fit', () => {
    const doc = { zoom: 2, pan: { x: 100, y: 50 }, viewport: { width: 800, height: 600 } };
    // Same size: the saved camera exactly.
    expect(slideViewport(doc, { width: 800, height: 600 })).toEqual({ zoom: 2, pan: { x: 100, y: 50 } });
    const wide = slideViewport(doc, { width: 1600, height: 900 });
    expect(wide.zoom).toBe(3);
    const centre = { x: (400 - 100) / 2, y: (300 - 50) / 2 };
    expect(centre.x * wide.zoom + wide.pan.x).toBeCloseTo(800);
    expect(centre.y * wide.zoom + wide.pan.y).toBeCloseTo(450);
    // The saved box's corners stay on screen.
    const corner = { x: (0 - 100) / 2, y: (0 - 50) / 2 };
    expect(corner.y * wide.zoom + wide.pan.y).toBeCloseTo(0);
    expect(corner.x * wide.zoom + wide.pan.x).toBeGreaterThanOrEqual(0);
    expect(slideViewport(doc, { width: 0, height: 0 })).toEqual({ zoom: 2, pan: { x: 100, y: 50 } });
  });

  it('steps with arrows, Page Up/Down and Space; Home and End jump', () => {
    expect(['ArrowRight', 'PageDown', ' ', 'ArrowDown'].map((k) => slideStep(k))).toEqual([1, 1, 1, 1]);
    expect(['ArrowLeft', 'PageUp', 'ArrowUp'].map((k) => slideStep(k))).toEqual([-1, -1, -1]);
    expect(slideStep(' ', true)).toBe(-1);
    expect(slideStep('Home')).toBe('first');
    expect(slideStep('End')).toBe('last');
    expect(slideStep('a')).toBeNull();
  });

  it('orders the chosen slides and drops deleted snapshots', () => {
    expect(move(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(move(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(move(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
    expect(presentable(['c', 'a', 'gone'], ['a', 'b', 'c'])).toEqual(['c', 'a']);
  });
});
