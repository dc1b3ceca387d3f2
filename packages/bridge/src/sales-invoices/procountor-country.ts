// ISO 3166-1 alpha-2 codes to Procountor's country enum (English names in upper snake case, e.g. FINLAND).

import type { components } from '@procountor-bridge/client/generated';
import { contractSchemas } from '@procountor-bridge/client/generated';

export type ProcountorCountry = NonNullable<components['schemas']['InvoiceCounterpartyAddress']['country']>;

const PROCOUNTOR_COUNTRIES: ReadonlySet<string> = new Set(
  (contractSchemas.InvoiceCounterpartyAddress as { properties: { country: { enum: string[] } } }).properties.country
    .enum,
);

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

function toEnumName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/&/g, 'AND')
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

/** Where Procountor's name differs from the English region name. */
const OVERRIDES: Record<string, string> = {
  US: 'UNITED_STATES_OF_AMERICA',
  GB: 'UNITED_KINGDOM_OF_GREAT_BRITAIN_AND_NORTHERN_IRELAND',
  RU: 'RUSSIAN_FEDERATION',
  KR: 'REPUBLIC_OF_KOREA',
  CZ: 'CZECH_REPUBLIC',
  AX: 'ALAND_ISLANDS',
};

/** The Procountor country for an ISO alpha-2 code, or undefined when Procountor has none. */
export function findProcountorCountry(isoCode: string): ProcountorCountry | undefined {
  const code = isoCode.trim().toUpperCase();
  // Intl's display names cost more than the rest of a document's checks: each code is looked up once per process
  // (two-letter codes only, so the memory stays small).
  if (countryByCode.has(code)) return countryByCode.get(code);
  const candidates = [OVERRIDES[code], toEnumName(regionNames.of(code) ?? '')].filter((name): name is string => !!name);
  const country = candidates.find((name) => PROCOUNTOR_COUNTRIES.has(name)) as ProcountorCountry | undefined;
  if (/^[A-Z]{2}$/.test(code)) countryByCode.set(code, country);
  return country;
}

const countryByCode = new Map<string, ProcountorCountry | undefined>();

/** Like findProcountorCountry, for codes already validated. */
export function toProcountorCountry(isoCode: string): ProcountorCountry {
  const country = findProcountorCountry(isoCode);
  if (!country) throw new Error(`No Procountor country for ISO code ${isoCode}; validate the code first.`);
  return country;
}
