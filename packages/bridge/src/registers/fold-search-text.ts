// Folds text for the registers' `search` filter: lower case, accents and Nordic letters folded, spaces squeezed.

const LETTER_FOLDS: Record<string, string> = { æ: 'ae', ø: 'o', ß: 'ss' };

/** "Åbo Skärgård Ab" → "abo skargard ab": what `search_text` stores and what a search term is folded to. */
export function foldSearchText(...parts: Array<string | null | undefined>): string {
  return parts
    .filter((part): part is string => typeof part === 'string' && part.length > 0)
    .join(' ')
    .toLowerCase()
    .replace(/[æøß]/g, (letter) => LETTER_FOLDS[letter] ?? letter)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
