import { describe, expect, it } from 'vitest';
import {
  AUTO_LINK_MIN_SCORE,
  autoLinkCandidate,
  type PartnerForSuggestion,
  suggestPartnerMatches,
} from './suggest-partner-matches';

const partners: PartnerForSuggestion[] = [
  { id: 1, name: 'Kahvila Aurinko Oy', businessId: '1234567-8', customerNumber: '100' },
  { id: 2, name: 'Oy Hartwall Ab', businessId: '0109862-8' },
  { id: 3, name: 'Åbo Skärgård Ab' },
  { id: 4, name: 'Rakennus-Virtanen Ky', customerNumber: '400' },
  { id: 5, name: 'Virtanen Rakennus Oy' },
  { id: 6, name: 'Kauppa Aaltonen Oy' },
  { id: 7, name: 'Møller & Søn A/S' },
  { id: 8, name: 'Nordic Solutions Ltd' },
  { id: 9, name: 'Nordic Solutions AB' },
  { id: 10, name: 'Tmi Matti Meikäläinen' },
  { id: 11, name: 'Kesko Oyj' },
  { id: 12, name: 'Keskon Kauppa Oy' },
];

const ids = (name: string, extra: { businessId?: string; customerNumber?: string } = {}) =>
  suggestPartnerMatches({ name, ...extra }, partners).map((suggestion) => suggestion.procountorId);

describe('suggestPartnerMatches', () => {
  it('puts the business ID match first, whatever the name', () => {
    const [first] = suggestPartnerMatches({ name: 'Aurinko', businessId: 'FI12345678' }, partners);
    expect(first).toMatchObject({ procountorId: 1, score: 1, reason: 'business_id' });
  });

  it('ranks a customer number match above any name match', () => {
    const suggestions = suggestPartnerMatches({ name: 'Virtanen Rakennus', customerNumber: '400' }, partners);
    expect(suggestions[0]).toMatchObject({ procountorId: 4, reason: 'customer_number' });
    expect(suggestions[1]).toMatchObject({ procountorId: 5, reason: 'name' });
  });

  it('never suggests by number or name a partner whose business ID differs', () => {
    expect(ids('Kahvila Aurinko Oy', { businessId: '7654321-0', customerNumber: '100' })).not.toContain(1);
  });

  it.each([
    ['HARTWALL', 2],
    ['hartwall oy', 2],
    ['Abo Skargard', 3],
    ['ÅBO SKÄRGÅRD AB', 3],
    ['Moller and Son', 7],
    ['Matti Meikalainen', 10],
    ['Kesko', 11],
    ['Rakennus Virtanen', 4],
  ])('finds "%s" by its normalised name', (name, id) => {
    expect(ids(name)[0]).toBe(id);
  });

  it('ranks a typo above a different company sharing a word', () => {
    expect(ids('Kahvila Auringo')[0]).toBe(1);
    expect(ids('Kahvila Auringo')).not.toContain(6);
  });

  it('suggests nothing for an unrelated name', () => {
    expect(ids('Täysin Muu Yritys')).toEqual([]);
  });

  it('scores names that differ only in legal form high enough to auto-link', () => {
    const suggestions = suggestPartnerMatches({ name: 'HARTWALL' }, partners);
    expect(autoLinkCandidate(suggestions)?.procountorId).toBe(2);
  });

  it('does not auto-link when two partners are equally close ("Nordic Solutions" Ltd and AB)', () => {
    const suggestions = suggestPartnerMatches({ name: 'Nordic Solutions' }, partners);
    expect(
      suggestions
        .slice(0, 2)
        .map((suggestion) => suggestion.procountorId)
        .sort(),
    ).toEqual([8, 9]);
    expect(autoLinkCandidate(suggestions)).toBeUndefined();
  });

  it('does not auto-link a typo: it is below the threshold', () => {
    const suggestions = suggestPartnerMatches({ name: 'Kahvila Auringo' }, partners);
    expect(suggestions[0]?.score).toBeLessThan(AUTO_LINK_MIN_SCORE);
    expect(autoLinkCandidate(suggestions)).toBeUndefined();
  });

  it('does not take "Keskon Kauppa" for "Kesko" automatically', () => {
    const suggestions = suggestPartnerMatches({ name: 'Kesko Oyj' }, partners);
    expect(suggestions[0]?.procountorId).toBe(11);
    expect(suggestions.find((suggestion) => suggestion.procountorId === 12)?.score ?? 0).toBeLessThan(
      AUTO_LINK_MIN_SCORE,
    );
  });
});
