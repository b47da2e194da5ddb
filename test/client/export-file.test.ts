// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, exportFileName } from '@model/snapshot.js';
import { FORMAT_CHOICES, imageOptions } from '../../client/src/features/export/export-file.js';

describe('export files', () => {
  it('names the file after the title, safely, with the format extension', () => {
    expect(exportFileName('Who works with the GRU?', 'png')).toBe('who-works-with-the-gru.png');
    expect(exportFileName('Sécurité / Élections 2024', 'csv')).toBe('securite-elections-2024.zip');
    expect(exportFileName('   ', 'graphml')).toBe('threat-network-view.graphml');
    expect(exportFileName('../../etc/passwd', 'html')).toBe('etc-passwd.html');
    expect(exportFileName('x'.repeat(300), 'svg')).toBe(`${'x'.repeat(80)}.svg`);
  });

  it('maps the options to Cytoscape: white is a bg colour, transparent none; "all" is full', () => {
    expect(imageOptions({ scale: 2, background: 'white', area: 'all' })).toEqual({ scale: 2, full: true, bg: '#ffffff' });
    expect(imageOptions({ scale: 4, background: 'transparent', area: 'visible' })).toEqual({ scale: 4, full: false });
  });

  it('offers every export format of the contract', () => {
    expect(FORMAT_CHOICES.map((c) => c.format).sort()).toEqual([...EXPORT_FORMATS].sort());
  });
});
