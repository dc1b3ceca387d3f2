// Visma Severa's travel setting "Select whether Severa's users are updated in Procountor's personal register":
// with updatePersonsInProcountor on, a missing reporter is added and a changed account is updated.
import type { ProcountorPerson } from '@procountor-bridge/client';
import { normaliseIban } from '@procountor-bridge/client/finnish';
import type { StepContext } from '../../transfers/steps/step-context';

interface SourcePerson {
  name: string;
  iban?: string | undefined;
}

/** "Maija Liisa Meikäläinen" → first names "Maija Liisa", last name "Meikäläinen" (the contract requires lastName). */
function splitName(name: string): { firstName?: string; lastName: string } {
  const parts = name.trim().split(/\s+/);
  const lastName = parts.pop() ?? name;
  return parts.length > 0 ? { firstName: parts.join(' '), lastName } : { lastName };
}

/**
 * Adds the person to Procountor's person register. Assumptions (the integrations' help pages name only the identity
 * code and the bank account): bank transfer, payment term 14 days, no penal interest, Finnish, gender not applicable.
 */
export async function addPersonToProcountor(
  context: StepContext,
  person: SourcePerson,
  identityCode: string,
): Promise<{ id: number; iban?: string }> {
  const created = await context.client.persons.create({
    ...splitName(person.name),
    paymentInfo: {
      paymentMethod: 'BANK_TRANSFER',
      paymentTermDays: '14',
      penalInterestRate: 0,
      ...(person.iban ? { accountNumber: normaliseIban(person.iban) } : {}),
    },
    invoicingInfo: { identifier: identityCode, identifierType: 'HETU', language: 'FINNISH', gender: 'NOT_APPLICABLE' },
    registryInfo: { active: true },
  } as ProcountorPerson);
  context.note(`${person.name} added to Procountor's person register as person ${created.id}.`, {
    personId: created.id,
  });
  const iban = created.paymentInfo?.accountNumber;
  return { id: created.id as number, ...(iban ? { iban } : {}) };
}

/** Puts the source's account on the person when Procountor has another one (or none). Returns the account in use. */
export async function updatePersonIban(
  context: StepContext,
  personId: number,
  person: SourcePerson,
): Promise<string | undefined> {
  if (!person.iban) return undefined;
  const iban = normaliseIban(person.iban);
  const current = await context.client.persons.get(personId);
  const known = current.paymentInfo?.accountNumber;
  if (known && normaliseIban(known) === iban) return known;
  await context.client.persons.update(personId, {
    ...current,
    paymentInfo: { ...current.paymentInfo, accountNumber: iban },
  });
  context.note(`${person.name}'s bank account updated in Procountor's person register.`, { personId });
  return iban;
}
