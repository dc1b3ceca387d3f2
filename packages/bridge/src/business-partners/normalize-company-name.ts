// Normalises company names for matching (name-based suggestions, as Trackifi makes): legal forms, case, spacing,
// punctuation and Nordic letters.

/** Legal-form words dropped wherever they stand ("Oy Yritys Ab", "Yritys Oy", "Firma Ltd."). */
const LEGAL_FORMS = new Set([
  'oy',
  'oyj',
  'ab',
  'abp',
  'ky',
  'ay',
  'tmi',
  'osk',
  'ry',
  'ltd',
  'limited',
  'plc',
  'llc',
  'inc',
  'corp',
  'co',
  'gmbh',
  'ag',
  'as',
  'asa',
  'aps',
  'ou',
  'sa',
  'bv',
  'nv',
  'srl',
  'spa',
  'oyab',
  'kommandiittiyhtio',
  'osakeyhtio',
]);

/** Letters NFD does not decompose, and the Nordic ones whose decomposed form would differ between sources. */
const LETTER_FOLDS: Record<string, string> = { æ: 'ae', ø: 'o', ß: 'ss', đ: 'd', ł: 'l', þ: 'th' };

/** "Kesko Oyj" and "KESKO OYJ." → "kesko"; "Åbo Skärgård Ab" → "abo skargard". */
export function normalizeCompanyName(name: string): string {
  const folded = name
    .toLowerCase()
    .replace(/[æøßđłþ]/g, (letter) => LETTER_FOLDS[letter] ?? letter)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  // "a/s" and "o.y." become "a s" and "o y": join single letters first so they read as legal forms.
  const words = folded
    .replace(/\b([a-z]) (?=[a-z]\b)/g, '$1')
    .split(' ')
    .filter(Boolean);
  const kept = words.filter((word) => !LEGAL_FORMS.has(word));
  return (kept.length > 0 ? kept : words).join(' ');
}

function bigrams(text: string): string[] {
  const padded = ` ${text} `;
  const grams: string[] = [];
  for (let index = 0; index < padded.length - 1; index += 1) grams.push(padded.slice(index, index + 2));
  return grams;
}

/** Sørensen–Dice similarity of the character bigrams of two already normalised texts, 0..1. */
export function bigramSimilarity(a: string, b: string): number {
  if (!a || !b) return 0;
  if (a === b) return 1;
  const counts = new Map<string, number>();
  const aGrams = bigrams(a);
  for (const gram of aGrams) counts.set(gram, (counts.get(gram) ?? 0) + 1);
  let shared = 0;
  const bGrams = bigrams(b);
  for (const gram of bGrams) {
    const count = counts.get(gram) ?? 0;
    if (count > 0) {
      shared += 1;
      counts.set(gram, count - 1);
    }
  }
  return (2 * shared) / (aGrams.length + bGrams.length);
}

/** Sørensen–Dice similarity of character bigrams of the normalised names, 0..1. */
export function companyNameSimilarity(left: string, right: string): number {
  return bigramSimilarity(normalizeCompanyName(left), normalizeCompanyName(right));
}
