// GET /businesspartners filtering: every query filter of the contract plus `name`/`identifier` HTTP headers.
import { type IdOrder, orderAndSkipToPreviousId } from '../http/paging';
import { parseDateTime } from '../http/version-stamp';
import type { BusinessPartner, Person } from '../state/contract-types';
import type { CompanyData } from '../state/emulator-state';
import { toPartnerBasicInfo } from './business-partner-records';

export interface PartnerSearch {
  type?: string;
  customerNumber?: string;
  identifierType?: string;
  mainGroup?: string;
  partnerGroup?: string;
  /** Contract default true: inactive partners are listed only with active=false. */
  active: boolean;
  versionStartMs?: number;
  versionEndMs?: number;
  orderById: IdOrder;
  previousId?: number;
  /** HTTP header `name`: case-insensitive substring (assumption). */
  name?: string;
  /** HTTP header `identifier`: exact match ignoring spaces (assumption). */
  identifier?: string;
}

type BasicInfo = ReturnType<typeof toPartnerBasicInfo>;

/** Persons are business partners of type PERSON (contract Person.id), so the search lists them too. */
function personAsBasicInfo(person: Person): BasicInfo {
  return {
    id: person.id,
    name: [person.lastName, person.firstName].filter(Boolean).join(' '),
    type: 'PERSON',
    version: person.version,
    invoicingInfo: {
      customerNumber: person.invoicingInfo.personNumber,
      identifier: person.invoicingInfo.identifier,
      identifierType: person.invoicingInfo.identifierType,
    },
    registryInfo: { active: person.registryInfo.active },
  };
}

function groupNames(partner: BusinessPartner, company: CompanyData): string[] {
  return (partner.registryInfo?.partnerGroups ?? []).map(
    (group) => (group.id !== undefined ? company.partnerGroups.get(group.id)?.name : group.name) ?? '',
  );
}

function matchesPartner(partner: BusinessPartner, search: PartnerSearch, company: CompanyData): boolean {
  const names = groupNames(partner, company);
  // Assumption: the main group is the partner's first group, partnerGroup any of its groups (both by exact name).
  if (search.mainGroup !== undefined && names[0] !== search.mainGroup) return false;
  if (search.partnerGroup !== undefined && !names.includes(search.partnerGroup)) return false;
  return true;
}

function matchesBasic(info: BasicInfo, search: PartnerSearch): boolean {
  if (search.type && info.type !== search.type) return false;
  if (search.customerNumber !== undefined && info.invoicingInfo.customerNumber !== search.customerNumber) return false;
  if (search.identifierType !== undefined && info.invoicingInfo.identifierType !== search.identifierType) return false;
  if (info.registryInfo.active !== search.active) return false;
  // Parsed only when a version filter asks: a keyset walk over a large register reads every partner once a page.
  if (search.versionStartMs !== undefined || search.versionEndMs !== undefined) {
    const versionMs = info.version ? (parseDateTime(info.version) ?? 0) : 0;
    if (search.versionStartMs !== undefined && versionMs < search.versionStartMs) return false;
    if (search.versionEndMs !== undefined && versionMs > search.versionEndMs) return false;
  }
  if (search.name && !(info.name ?? '').toLowerCase().includes(search.name.toLowerCase())) return false;
  if (search.identifier) {
    const compact = (value: string | undefined) => (value ?? '').replace(/\s+/g, '').toUpperCase();
    if (compact(info.invoicingInfo.identifier) !== compact(search.identifier)) return false;
  }
  return true;
}

/** The ordered, filtered list before page/size are applied. */
export function searchBusinessPartners(company: CompanyData, search: PartnerSearch): BasicInfo[] {
  // Partners at or before previousId are dropped before they are presented (the same rows orderAndSkipToPreviousId
  // would drop), so each keyset page presents only what is still ahead.
  const ahead = (id: number | undefined) =>
    search.previousId === undefined ||
    id === undefined ||
    (search.orderById === 'ASC' ? id > search.previousId : id < search.previousId);
  const partners = [...company.businessPartners.values()]
    .filter((partner) => ahead(partner.id) && matchesPartner(partner, search, company))
    .map(toPartnerBasicInfo);
  // Group filters name partner groups; persons keep their groups as ids only, so they drop out of group searches.
  const persons = search.mainGroup || search.partnerGroup ? [] : [...company.persons.values()].map(personAsBasicInfo);
  const matching = [...partners, ...persons].filter((info) => matchesBasic(info, search));
  return orderAndSkipToPreviousId(matching, (info) => info.id!, search.orderById, search.previousId);
}
