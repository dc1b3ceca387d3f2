// Ranks Procountor products as link suggestions for one source product: the same code first, then a similar name.
import { bigramSimilarity } from '../business-partners/normalize-company-name';
import { bestSuggestionsFirst, MIN_SUGGESTION_SCORE, roundScore } from '../business-partners/suggest-partner-matches';
import { foldSearchText } from '../registers/fold-search-text';

export interface SourceProduct {
  code: string;
  name: string;
}

export interface ProductForSuggestion {
  id: number;
  code?: string | null | undefined;
  name: string;
}

export interface ProductSuggestion {
  procountorId: number;
  score: number;
  reason: 'code' | 'name';
  nameSimilarity: number;
}

const normalizeCode = (code: string | null | undefined) => code?.trim().toUpperCase() || undefined;

/**
 * Suggestions, best first. The same code (ignoring case and spaces at the ends) scores 1; a name alone at most 0.9,
 * so it never reaches auto-linking unless the names are the same text.
 */
export function suggestProductMatches(
  product: SourceProduct,
  candidates: readonly ProductForSuggestion[],
  limit = 5,
): ProductSuggestion[] {
  const code = normalizeCode(product.code);
  const name = foldSearchText(product.name);
  const suggestions: ProductSuggestion[] = [];
  for (const candidate of candidates) {
    const nameSimilarity = roundScore(bigramSimilarity(name, foldSearchText(candidate.name)));
    if (code && normalizeCode(candidate.code) === code) {
      suggestions.push({ procountorId: candidate.id, score: 1, reason: 'code', nameSimilarity });
      continue;
    }
    const score = roundScore(nameSimilarity * 0.9);
    if (score >= MIN_SUGGESTION_SCORE)
      suggestions.push({ procountorId: candidate.id, score, reason: 'name', nameSimilarity });
  }
  return bestSuggestionsFirst(suggestions, limit);
}
