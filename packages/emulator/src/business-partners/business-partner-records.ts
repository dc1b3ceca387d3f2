// Stores business partners the way Procountor fills them in (ids, customer numbers, defaults) and presents them.
import type { BusinessPartner } from '../state/contract-types';
import { type CompanyData, type EmulatorState, nextId } from '../state/emulator-state';

/** Assumption: Procountor numbers customers and suppliers from 1000 upwards when customerNumber is left out. */
const FIRST_CUSTOMER_NUMBER = 1000;

export function nextCustomerNumber(company: CompanyData, type: BusinessPartner['type']): string {
  const numbers = [...company.businessPartners.values()]
    .filter((partner) => partner.type === type)
    .map((partner) => Number(partner.invoicingInfo?.customerNumber))
    .filter((number) => Number.isInteger(number));
  return String(Math.max(FIRST_CUSTOMER_NUMBER - 1, ...numbers) + 1);
}

/** Fills what Procountor generates or defaults; `input` has already passed validation. */
export function toStoredPartner(
  state: EmulatorState,
  company: CompanyData,
  input: BusinessPartner,
  id: number,
  version: string,
): BusinessPartner {
  // Contract (version): "not required for POST and will be omitted"; attachments come through /attachments.
  const { version: _ignored, attachments: _attachments, ...body } = input;
  const cashDiscount = body.paymentInfo.cashDiscount;
  return {
    ...body,
    id,
    version,
    invoicingInfo: {
      ...body.invoicingInfo,
      customerNumber: body.invoicingInfo?.customerNumber || nextCustomerNumber(company, body.type),
    },
    paymentInfo: {
      ...body.paymentInfo,
      // Contract (CashDiscount): up to three options, "saved in ascending order by numberOfDays"; FROM_INV_DATE default.
      ...(cashDiscount
        ? {
            cashDiscount: {
              cashDiscountsTermType: cashDiscount.cashDiscountsTermType ?? 'FROM_INV_DATE',
              optionList: [...(cashDiscount.optionList ?? []).slice(0, 3)].sort(
                (a, b) => (a.numberOfDays ?? 0) - (b.numberOfDays ?? 0),
              ),
            },
          }
        : {}),
    },
    // Contract (invoiceLedger): "If not provided, it will be automatically set to INVOICE_LEDGER".
    additionalInfo: { ...body.additionalInfo, invoiceLedger: body.additionalInfo?.invoiceLedger ?? 'INVOICE_LEDGER' },
    registryInfo: {
      ...body.registryInfo,
      active: body.registryInfo?.active ?? true,
      partnerGroups: (body.registryInfo?.partnerGroups ?? []).map((group) => ({
        id: group.id,
        name: group.name,
        type: group.type,
      })),
    },
    contactPersons: (body.contactPersons ?? []).map((person) => ({ ...person, id: person.id ?? nextId(state) })),
  };
}

/** The partner as GET answers it: group names and states read from the group register (they may have changed). */
export function presentPartner(partner: BusinessPartner, company: CompanyData): BusinessPartner {
  const groups = (partner.registryInfo?.partnerGroups ?? []).map((group) => {
    const stored = group.id !== undefined ? company.partnerGroups.get(group.id) : undefined;
    return stored ? { ...stored } : group;
  });
  return { ...partner, registryInfo: { ...partner.registryInfo, partnerGroups: groups } };
}

/** BusinessPartnerBasicInfo: what GET /businesspartners lists (contract). */
export function toPartnerBasicInfo(partner: BusinessPartner) {
  return {
    id: partner.id,
    name: partner.name,
    type: partner.type,
    version: partner.version,
    ...(partner.billingAddress ? { billingAddress: partner.billingAddress } : {}),
    invoicingInfo: {
      customerNumber: partner.invoicingInfo?.customerNumber,
      identifier: partner.invoicingInfo?.identifier,
      identifierType: partner.invoicingInfo?.identifierType,
    },
    registryInfo: { active: partner.registryInfo?.active ?? true },
  };
}
