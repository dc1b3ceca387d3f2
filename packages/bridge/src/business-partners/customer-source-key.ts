// The key a source customer is linked by: its customer number, else its business ID (matching uses both).
import { normalizeBusinessIdForMatch } from './match-business-partner';

/**
 * "number:1001" or "business-id:1234567-8". An invoice's customer and a customer the source sends to
 * PUT …/source-customers get the same key from the same fields, so a link made on the linking page is the one
 * transfers use. Undefined when the customer has neither (a name alone is too weak to link by).
 */
export function customerSourceKey(customer: {
  customerNumber?: string | undefined;
  businessId?: string | undefined;
}): string | undefined {
  const number = customer.customerNumber?.trim();
  if (number) return `number:${number}`;
  const businessId = normalizeBusinessIdForMatch(customer.businessId);
  return businessId ? `business-id:${businessId}` : undefined;
}
