import { describe, expect, it } from 'vitest';
import { companyNameSimilarity, normalizeCompanyName } from './normalize-company-name';

describe('normalizeCompanyName', () => {
  it.each([
    ['Kesko Oyj', 'kesko'],
    ['KESKO OYJ.', 'kesko'],
    ['Oy Hartwall Ab', 'hartwall'],
    ['Åbo Skärgård Ab', 'abo skargard'],
    ['Møller & Søn A/S', 'moller and son'],
    ['Firma  Ltd.', 'firma'],
    ['Tmi Matti Meikäläinen', 'matti meikalainen'],
    ['Ky', 'ky'],
  ])('%s → %s', (name, expected) => {
    expect(normalizeCompanyName(name)).toBe(expected);
  });
});

describe('companyNameSimilarity', () => {
  it('is 1 for names that differ only in legal form, case and punctuation', () => {
    expect(companyNameSimilarity('Rakennus-Virtanen Oy', 'RAKENNUS VIRTANEN')).toBe(1);
  });

  it('ranks a typo above a different company', () => {
    const typo = companyNameSimilarity('Kahvila Aurinko Oy', 'Kahvila Auringo');
    const other = companyNameSimilarity('Kahvila Aurinko Oy', 'Kauppa Aaltonen Oy');
    expect(typo).toBeGreaterThan(0.7);
    expect(other).toBeLessThan(0.5);
    expect(typo).toBeGreaterThan(other);
  });
});
