import { describe, expect, it } from 'vitest';
import { finnishDate, startOfFinnishDay } from './read-dashboard';

describe('Finnish days', () => {
  it('a day starts at 00:00 in Helsinki: UTC+2 in winter, UTC+3 in summer', () => {
    expect(startOfFinnishDay('2026-01-15').toISOString()).toBe('2026-01-14T22:00:00.000Z');
    expect(startOfFinnishDay('2026-07-15').toISOString()).toBe('2026-07-14T21:00:00.000Z');
  });

  it('an evening in UTC is already the next day in Finland', () => {
    expect(finnishDate(new Date('2026-11-30T22:30:00Z'))).toBe('2026-12-01');
    expect(finnishDate(new Date('2026-11-30T21:59:00Z'))).toBe('2026-11-30');
  });
});
