// Ranks Procountor business partners as link suggestions for one source customer (as Trackifi suggests): business ID
// first, then customer number, then a normalised company name with a similarity score.
import { normalizeBusinessIdForMatch } from './match-business-partner';
import { bigramSimilarity, normalizeCompanyName } from './normalize-company-name';

/**
 * Name suggestions below this similarity are not shown at all: below it, unrelated companies sharing a common word
 * ("Rakennus", "Palvelu") start to appear.
 */
export const MIN_SUGGESTION_SCORE = 0.6;

/**
 * Auto-linking takes a suggestion only at or above this score, and only when no other suggestion comes within
 * AUTO_LINK_MARGIN of it. A business ID or customer number match scores 1.0 and 0.97; a name match reaches 0.9
 * only when the names differ by little more than legal form, case, spacing, punctuation and Nordic letters
 * ("Oy Hartwall Ab" = "HARTWALL"), never by a different word.
 */
export const AUTO_LINK_MIN_SCORE = 0.9;
export const AUTO_LINK_MARGIN = 0.05;

export interface SourceCustomer {
  name: string;
  businessId?: string | null | undefined;
  customerNumber?: string | null | undefined;
}

export interface PartnerForSuggestion {
  id: number;
  name: string;
  businessId?: string | null | undefined;
  customerNumber?: string | null | undefined;
}

export type SuggestionReason = 'business_id' | 'customer_number' | 'name';

export interface PartnerSuggestion {
  procountorId: number;
  score: number;
  reason: SuggestionReason;
  /** The name similarity on its own, 0..1, shown beside every suggestion. */
  nameSimilarity: number;
}

/** Word order does not matter ("Virtanen Rakennus" ~ "Rakennus Virtanen"): the better of both readings counts. */
export function normalizedNameSimilarity(left: string, right: string): number {
  const a = normalizeCompanyName(left);
  const b = normalizeCompanyName(right);
  const sorted = (text: string) => text.split(' ').sort().join(' ');
  return Math.max(bigramSimilarity(a, b), bigramSimilarity(sorted(a), sorted(b)));
}

/** Scores and similarities are shown with three decimals; rounding first keeps equal-looking scores equal. */
export const roundScore = (value: number) => Math.round(value * 1000) / 1000;

/** The first `limit` suggestions, best first; equal scores by Procountor id, so the order (and auto-linking) is stable. */
export function bestSuggestionsFirst<T extends { score: number; procountorId: number }>(
  suggestions: T[],
  limit: number,
): T[] {
  return suggestions.sort((a, b) => b.score - a.score || a.procountorId - b.procountorId).slice(0, limit);
}

/**
 * Suggestions, best first. A partner whose business ID differs from the customer's is never suggested by customer
 * number or name (matching rule 3: same number, another business ID is a conflict, not a match).
 */
export function suggestPartnerMatches(
  customer: SourceCustomer,
  partners: readonly PartnerForSuggestion[],
  limit = 5,
): PartnerSuggestion[] {
  const businessId = normalizeBusinessIdForMatch(customer.businessId ?? undefined);
  const customerNumber = customer.customerNumber?.trim() || undefined;
  const suggestions: PartnerSuggestion[] = [];
  for (const partner of partners) {
    const partnerBusinessId = normalizeBusinessIdForMatch(partner.businessId ?? undefined);
    const nameSimilarity = roundScore(normalizedNameSimilarity(customer.name, partner.name));
    if (businessId && partnerBusinessId === businessId) {
      suggestions.push({ procountorId: partner.id, score: 1, reason: 'business_id', nameSimilarity });
      continue;
    }
    if (businessId && partnerBusinessId) continue;
    if (customerNumber && partner.customerNumber?.trim() === customerNumber) {
      suggestions.push({ procountorId: partner.id, score: 0.97, reason: 'customer_number', nameSimilarity });
      continue;
    }
    // A name alone is never worth a perfect score: at most 0.95, so identifiers always rank first.
    const score = roundScore(nameSimilarity * 0.95);
    if (score >= MIN_SUGGESTION_SCORE)
      suggestions.push({ procountorId: partner.id, score, reason: 'name', nameSimilarity });
  }
  return bestSuggestionsFirst(suggestions, limit);
}

/** The suggestion auto-linking may take: the best one, at or above the threshold, with no close second. */
export function autoLinkCandidate<T extends { score: number }>(suggestions: readonly T[]): T | undefined {
  const [best, second] = suggestions;
  if (!best || best.score < AUTO_LINK_MIN_SCORE) return undefined;
  if (second && best.score - second.score < AUTO_LINK_MARGIN) return undefined;
  return best;
}
