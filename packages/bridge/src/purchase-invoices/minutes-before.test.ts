import { describe, expect, it } from 'vitest';
import { minutesBefore } from './run-purchase-invoice-import';

describe('minutesBefore', () => {
  it("keeps Procountor's zone-less stamp zone-less, with or without milliseconds", () => {
    expect(minutesBefore('2026-03-01T00:05:00', 10)).toBe('2026-02-28T23:55:00');
    expect(minutesBefore('2026-03-01T12:00:00.250', 10)).toBe('2026-03-01T11:50:00.250');
  });
  it('keeps a zoned stamp as an ISO instant', () => {
    expect(minutesBefore('2026-03-01T12:00:00.000Z', 10)).toBe('2026-03-01T11:50:00.000Z');
    expect(minutesBefore('2026-03-01T12:00:00+02:00', 10)).toBe('2026-03-01T09:50:00.000Z');
  });
  it('leaves anything unreadable as it is', () => {
    expect(minutesBefore('yesterday', 10)).toBe('yesterday');
  });
});
