// Person rules beyond the contract schema (HETU, groups) and how persons are stored and listed (contract Person).

import { validatePersonalIdentityCode } from '@procountor-bridge/client/finnish';
import type { ErrorEntry } from '../http/procountor-error';
import { fieldProblem } from '../http/validate-body';
import type { Person } from '../state/contract-types';
import type { CompanyData } from '../state/emulator-state';

const CENTURY_BY_SIGN: Record<string, number> = {
  '+': 1800,
  '-': 1900,
  Y: 1900,
  X: 1900,
  W: 1900,
  V: 1900,
  U: 1900,
  A: 2000,
  B: 2000,
  C: 2000,
  D: 2000,
  E: 2000,
  F: 2000,
};

/** The date of birth a HETU encodes (DDMMYY + century sign). */
export function dateOfBirthFromHetu(hetu: string): string {
  const century = CENTURY_BY_SIGN[hetu[6]!.toUpperCase()] ?? 1900;
  return `${century + Number(hetu.slice(4, 6))}-${hetu.slice(2, 4)}-${hetu.slice(0, 2)}`;
}

export function personProblems(person: Person, company: CompanyData): ErrorEntry[] {
  const problems: ErrorEntry[] = [];
  const { identifier, identifierType } = person.invoicingInfo ?? {};
  // A HETU with a wrong check character is refused like a wrong business ID (assumption: the same ERROR_BRN_CODE).
  if (identifierType === 'HETU' && (!identifier || !validatePersonalIdentityCode(identifier).valid))
    problems.push(fieldProblem('invoicingInfo.identifier', 'ERROR_BRN_CODE'));
  (person.registryInfo?.personGroupsIds ?? []).forEach((groupId, index) => {
    if (company.partnerGroups.get(groupId)?.type !== 'PERSON') {
      problems.push(fieldProblem(`registryInfo.personGroupsIds[${index}]`, 'PARTNER_GROUP_NOT_FOUND'));
    }
  });
  const reportGroupId = person.registryInfo?.reportGroupId;
  if (reportGroupId !== undefined && !company.partnerGroups.has(reportGroupId))
    problems.push(fieldProblem('registryInfo.reportGroupId', 'PARTNER_GROUP_NOT_FOUND'));
  return problems;
}

/** Assumption: Procountor numbers persons from 1 upwards when personNumber is left out. */
function nextPersonNumber(company: CompanyData): string {
  const numbers = [...company.persons.values()]
    .map((person) => Number(person.invoicingInfo.personNumber))
    .filter(Number.isInteger);
  return String(Math.max(0, ...numbers) + 1);
}

/** Stores a validated person under `id` (the routes and the demo seed). */
export function storePerson(company: CompanyData, input: Person, id: number, version: string): Person {
  const { identifier, identifierType } = input.invoicingInfo;
  const person: Person = {
    ...input,
    id,
    version,
    invoicingInfo: {
      ...input.invoicingInfo,
      personNumber:
        input.invoicingInfo.personNumber ||
        company.persons.get(id)?.invoicingInfo.personNumber ||
        nextPersonNumber(company),
      ...(identifierType === 'HETU' && identifier && !input.invoicingInfo.dateOfBirth
        ? { dateOfBirth: dateOfBirthFromHetu(identifier) }
        : {}),
    },
  };
  company.persons.set(id, person);
  return person;
}

/** PersonBasicInfo (contract): id, names, address, identifier, identifierType, personNumber and active. */
export function toPersonBasicInfo(person: Person) {
  const address = person.deliveryAddress;
  return {
    id: person.id,
    lastName: person.lastName,
    firstName: person.firstName,
    ...(address
      ? { deliveryAddress: { street: address.street, zip: address.zip, city: address.city, country: address.country } }
      : {}),
    invoicingInfo: {
      personNumber: person.invoicingInfo.personNumber,
      identifier: person.invoicingInfo.identifier,
      identifierType: person.invoicingInfo.identifierType,
    },
    registryInfo: { active: person.registryInfo.active },
  };
}
