// The one rule for partial dates (model/partial-date.ts) that the seed, the API and the canvas
// filters share: a partial date means every day it covers.
import { describe, expect, it } from 'vitest';
import { endOfPartialDate, overlapsWindow, partialDate, partialDateSpan, startOfPartialDate } from '@model/partial-date.js';

describe('partial dates', () => {
  it('accept a year, a month or a day, and nothing else', () => {
    for (const ok of ['2024', '2024-06', '2024-06-30', '1999-12-31']) expect(partialDate.safeParse(ok).success, ok).toBe(true);
    for (const bad of ['24', '2024-6', '2024-13', '2024-06-32', '2024-00', '2024-06-00', '2024/06', '2024-06-30T00:00', ' 2024']) {
      expect(partialDate.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('start on the first day and end after the last day they can mean', () => {
    expect([startOfPartialDate('2024'), endOfPartialDate('2024')]).toEqual(['2024-01-01', '2024-12-31']);
    expect([startOfPartialDate('2024-02'), endOfPartialDate('2024-02')]).toEqual(['2024-02-01', '2024-02-31']);
    expect([startOfPartialDate('2024-02-10'), endOfPartialDate('2024-02-10')]).toEqual(['2024-02-10', '2024-02-10']);
    // A month's end compares after each of its days, and before the next month.
    expect('2024-02-29' <= endOfPartialDate('2024-02') && endOfPartialDate('2024-02') < '2024-03-01').toBe(true);
  });

  it('span from the first date to the last, either standing for a missing one', () => {
    expect(partialDateSpan('2023', '2024-06')).toEqual(['2023-01-01', '2024-06-31']);
    expect(partialDateSpan('2024-06', undefined)).toEqual(['2024-06-01', '2024-06-31']);
    expect(partialDateSpan(undefined, '2024')).toEqual(['2024-01-01', '2024-12-31']);
    expect(partialDateSpan(undefined, undefined)).toBeNull();
  });

  it('overlap a window when any day of the span is in it, bounds included', () => {
    const june = partialDateSpan('2024-06', undefined)!;
    expect(overlapsWindow(june, '2024-06-30', null)).toBe(true);
    expect(overlapsWindow(june, '2024-07', null)).toBe(false);
    expect(overlapsWindow(june, null, '2024-06-01')).toBe(true);
    expect(overlapsWindow(june, null, '2024-05')).toBe(false);
    expect(overlapsWindow(june, '2024', '2024')).toBe(true);
    expect(overlapsWindow(june, '2023', '2023-12-31')).toBe(false);
    expect(overlapsWindow(june, null, null)).toBe(true);
  });
});
