// Procountor's own rules for a business partner beyond the contract schema (descriptions in the contract, FACTS.md).

import { validateBusinessId } from '@procountor-bridge/client/finnish';
import type { ErrorEntry } from '../http/procountor-error';
import { fieldProblem } from '../http/validate-body';
import type { BusinessPartner } from '../state/contract-types';
import type { CompanyData } from '../state/emulator-state';
import {
  isKnownEInvoiceOperator,
  isOvtNotAllowed,
  isValidEInvoiceAddress,
  OVT_NOT_ALLOWED,
} from './einvoice-addresses';

/** Contract (bccAddresses): at most 4, none equal to the main e-mail, each at most 256 characters. */
const MAX_BCC_ADDRESSES = 4;
const MAX_BCC_LENGTH = 256;

/** Y-tunnus shape; identifiers of this shape are checked even when identifierType is left out (assumption). */
const BUSINESS_ID_SHAPE = /^\d{6,7}-\d$/;

function businessIdProblems(partner: BusinessPartner): ErrorEntry[] {
  const problems: ErrorEntry[] = [];
  const { identifier, identifierType } = partner.invoicingInfo ?? {};
  const isFinnish = identifierType === 'FI' || identifierType === 'Y_TUNNUS';
  // FACTS.md: ERROR_BRN_CODE means a missing or invalid business ID.
  if (isFinnish && !identifier) problems.push(fieldProblem('invoicingInfo.identifier', 'ERROR_BRN_CODE'));
  if (identifier && (isFinnish || (!identifierType && BUSINESS_ID_SHAPE.test(identifier.trim())))) {
    if (!validateBusinessId(identifier).valid)
      problems.push(fieldProblem('invoicingInfo.identifier', 'ERROR_BRN_CODE'));
  }
  // Contract (parentCompanyIdType): "If provided partnerCompanyId will be validated according to the type."
  const { parentCompanyIdType, parentCompanyId } = partner.additionalInfo ?? {};
  if (parentCompanyIdType === 'FI' && (!parentCompanyId || !validateBusinessId(parentCompanyId).valid)) {
    problems.push(fieldProblem('additionalInfo.parentCompanyId', 'ERROR_BRN_CODE'));
  }
  return problems;
}

function eInvoiceProblems(partner: BusinessPartner): ErrorEntry[] {
  const problems: ErrorEntry[] = [];
  const info = partner.invoicingInfo ?? {};
  const country = partner.address?.country;
  for (const field of ['einvoiceAddress', 'ovt'] as const) {
    const address = info[field];
    if (!address) continue;
    if (!isValidEInvoiceAddress(address)) problems.push(fieldProblem(`invoicingInfo.${field}`, 'INVALID_OVT'));
    else if (isOvtNotAllowed(address, country)) problems.push(fieldProblem(`invoicingInfo.${field}`, OVT_NOT_ALLOWED));
  }
  if (info.einvoiceOperator && !isKnownEInvoiceOperator(info.einvoiceOperator)) {
    problems.push(fieldProblem('invoicingInfo.einvoiceOperator', 'ERROR_OPERATOR'));
  }
  const bcc = info.bccAddresses ?? [];
  if (bcc.length > MAX_BCC_ADDRESSES)
    problems.push(fieldProblem('invoicingInfo.bccAddresses', `at most ${MAX_BCC_ADDRESSES} addresses`));
  bcc.forEach((address, index) => {
    if (address.length > MAX_BCC_LENGTH)
      problems.push(
        fieldProblem(`invoicingInfo.bccAddresses[${index}]`, `size must be between 0 and ${MAX_BCC_LENGTH}`),
      );
    if (info.email && address.toLowerCase() === info.email.toLowerCase()) {
      problems.push(fieldProblem(`invoicingInfo.bccAddresses[${index}]`, 'must not match the main email address'));
    }
  });
  return problems;
}

function groupProblems(partner: BusinessPartner, company: CompanyData): ErrorEntry[] {
  return (partner.registryInfo?.partnerGroups ?? []).flatMap((group, index) => {
    const stored = group.id !== undefined ? company.partnerGroups.get(group.id) : undefined;
    // Assumption: a group must exist (by id) and be of the partner's type; Procountor's code for it is unknown.
    if (!stored || stored.type !== partner.type) {
      return [fieldProblem(`registryInfo.partnerGroups[${index}].id`, 'PARTNER_GROUP_NOT_FOUND')];
    }
    return [];
  });
}

/**
 * FACTS.md quotes Procountor: "another partner with the same number and a different VAT number already exists".
 * The same number with the same identifier is allowed (that is how duplicates arise, FACTS.md Business partners).
 */
function customerNumberProblems(partner: BusinessPartner, company: CompanyData): ErrorEntry[] {
  const number = partner.invoicingInfo?.customerNumber;
  if (!number) return [];
  const clash = [...company.businessPartners.values()].find(
    (other) =>
      other.id !== partner.id &&
      other.type === partner.type &&
      other.invoicingInfo?.customerNumber === number &&
      (other.invoicingInfo?.identifier ?? '') !== (partner.invoicingInfo?.identifier ?? ''),
  );
  return clash
    ? [
        fieldProblem(
          'invoicingInfo.customerNumber',
          'another partner with the same number and a different VAT number already exists',
        ),
      ]
    : [];
}

/** Every rule problem of a partner about to be stored (POST, PUT, the merged result of PATCH). */
export function businessPartnerProblems(partner: BusinessPartner, company: CompanyData): ErrorEntry[] {
  const problems: ErrorEntry[] = [];
  // Contract: POST/PATCH "Supports customer and supplier business partners"; persons go through POST /persons.
  if (partner.type === 'PERSON')
    problems.push(fieldProblem('type', 'must be one of CUSTOMER, SUPPLIER (use /persons for PERSON)'));
  // Contract (address): "Required for customer".
  if (partner.type === 'CUSTOMER' && !partner.address) problems.push(fieldProblem('address', 'must not be null'));
  // Contract CashDiscount.cashDiscountsTermType: FROM_END_OF_MONTH only on Danish environments (ours are Finnish).
  if (partner.paymentInfo?.cashDiscount?.cashDiscountsTermType === 'FROM_END_OF_MONTH') {
    problems.push(
      fieldProblem(
        'paymentInfo.cashDiscount.cashDiscountsTermType',
        'FROM_END_OF_MONTH is allowed only in Danish environments',
      ),
    );
  }
  return [
    ...problems,
    ...businessIdProblems(partner),
    ...eInvoiceProblems(partner),
    ...groupProblems(partner, company),
    ...customerNumberProblems(partner, company),
  ];
}
