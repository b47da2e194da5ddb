// The palette in styles.css, light and dark: every pair of text and background colour the CSS
// uses meets WCAG 2.x AA (4.5:1 for text, 3:1 for focus rings and borders that carry meaning).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = readFileSync(new URL('../../client/src/app/styles.css', import.meta.url), 'utf8');

function tokens(selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`no ${selector} block in styles.css`);
  const block = css.slice(start, css.indexOf('}', start));
  return Object.fromEntries([...block.matchAll(/(--[a-z0-9-]+):\s*(#[0-9a-f]{6});/g)].map((m) => [m[1], m[2]]));
}

/** Relative luminance, WCAG 2.x definition. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

// [foreground, background] as the CSS pairs them (grep the token names in styles.css).
const TEXT_PAIRS: Array<[string, string]> = [
  ['--text', '--bg'],
  ['--text', '--surface'],
  ['--text', '--surface-muted'],
  ['--text', '--surface-hover'],
  ['--text', '--accent-softer'],
  ['--text', '--info-soft'],
  ['--text', '--warn-border'],
  ['--text', '--canvas'],
  ['--text-secondary', '--surface'],
  ['--text-secondary', '--surface-muted'],
  ['--text-secondary', '--surface-hover'],
  ['--text-muted', '--surface'],
  ['--text-muted', '--surface-muted'],
  ['--text-muted', '--surface-hover'],
  ['--text-muted', '--canvas'],
  ['--accent-text', '--surface'],
  ['--accent-text', '--accent-soft'],
  ['--accent-strong-text', '--accent-soft'],
  ['--accent-strong-text', '--accent-softer'],
  ['--warn-text', '--warn-soft'],
  ['--warn-text', '--surface'],
  ['--danger-text', '--danger-soft'],
  ['--danger-text', '--danger-softer'],
  ['--danger-text', '--surface'],
  ['--ok-text', '--ok-soft'],
  ['--on-accent', '--accent'],
  ['--on-accent', '--danger'],
  ['--chrome-fg', '--chrome-bg'],
  ['--chrome-fg', '--chrome-surface'],
];
const NON_TEXT_PAIRS: Array<[string, string]> = [
  ['--accent', '--surface'],
  ['--accent', '--chrome-bg'],
  ['--accent-text', '--surface-muted'],
  ['--border-strong', '--surface'],
  ['--warn-strong', '--warn-soft'],
  // The time bar's bars drawn over its window.
  ['--bar-event', '--time-window'],
  ['--bar-event', '--surface-muted'],
  ['--bar-reported', '--time-window'],
  ['--bar-reported', '--surface-muted'],
];

describe.each([':root', ":root[data-theme='dark']"])('palette %s', (selector) => {
  const light = tokens(':root');
  // The dark block overrides colours only; sizes and spacing come from :root.
  const palette = { ...light, ...tokens(selector) };

  it('defines every colour the pairs name', () => {
    for (const [fg, bg] of [...TEXT_PAIRS, ...NON_TEXT_PAIRS]) {
      expect(palette[fg], fg).toMatch(/^#[0-9a-f]{6}$/);
      expect(palette[bg], bg).toMatch(/^#[0-9a-f]{6}$/);
    }
  });

  it.each(TEXT_PAIRS)('text %s on %s is at least 4.5:1', (fg, bg) => {
    expect(contrast(palette[fg]!, palette[bg]!)).toBeGreaterThanOrEqual(4.5);
  });

  it.each(NON_TEXT_PAIRS)('%s against %s is at least 3:1', (fg, bg) => {
    expect(contrast(palette[fg]!, palette[bg]!)).toBeGreaterThanOrEqual(3);
  });
});

describe('contrast', () => {
  it('follows the WCAG formula at its known points', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });
});
