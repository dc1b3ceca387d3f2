// Step: finds the reporter in Procountor's person register by personal identity code.
import { sql } from 'kysely';
import type { Database } from '../../storage/schema';
import type { StepContext } from '../../transfers/steps/step-context';
import { TransferRuleError } from '../../transfers/transfer-errors';
import { personOf } from '../expense-document-schema';
import { expenseDocumentOf, expenseProgressOf } from './expense-step-context';
import { addPersonToProcountor, updatePersonIban } from './update-person-register';

interface FoundPerson {
  id: number;
  iban?: string;
  how: string;
}

const normalise = (code: string) => code.trim().toUpperCase();
const masked = (code: string) => `******${normalise(code).slice(6)}`;

/** The local persons register (registers/, issue #5) when it knows the code: no Procountor call. */
async function findInRegister(db: Database, connectionId: string, code: string): Promise<FoundPerson | undefined> {
  const row = await db
    .selectFrom('register_records')
    .select(['procountor_id', 'data'])
    .where('connection_id', '=', connectionId)
    .where('register', '=', 'persons')
    .where('active', '=', true)
    .where(sql`upper(identifier)`, '=', code)
    .limit(1)
    .executeTakeFirst();
  if (!row || row.procountor_id === null) return undefined;
  const iban = (row.data as { paymentInfo?: { accountNumber?: string } } | null)?.paymentInfo?.accountNumber;
  return { id: Number(row.procountor_id), ...(iban ? { iban } : {}), how: "the bridge's copy of the person register" };
}

/** GET /persons page by page (the contract has no identifier filter), matching invoicingInfo.identifier. */
async function findInProcountor(context: StepContext, code: string): Promise<FoundPerson | undefined> {
  for await (const person of context.client.persons.iterate({})) {
    if (person.id === undefined || !person.invoicingInfo?.identifier) continue;
    if (normalise(person.invoicingInfo.identifier) !== code) continue;
    const full = await context.client.persons.get(person.id);
    const iban = full.paymentInfo?.accountNumber;
    return { id: person.id, ...(iban ? { iban } : {}), how: "Procountor's person register" };
  }
  return undefined;
}

/** readOnly (the dry run): reads only; what updatePersonsInProcountor would add or update is a note. */
export function createResolvePerson(db: Database, options: { readOnly?: boolean } = {}) {
  return async function resolvePerson(context: StepContext): Promise<void> {
    const progress = expenseProgressOf(context);
    if (progress.personId !== undefined) return;
    const person = personOf(expenseDocumentOf(context));
    if (!person) return;
    if (!person.personalIdentityCode) {
      // Validation refuses this at submit; a document stored before that rule still fails readably.
      throw new TransferRuleError(
        'person_identity_code_missing',
        `${person.name} has no personal identity code in the source, so the person cannot be found in Procountor.`,
        "Add the personal identity code to the person's profile in the source, then resend.",
      );
    }
    const code = normalise(person.personalIdentityCode);
    const updatesRegister = context.connection.settings.updatePersonsInProcountor;
    let found = (await findInRegister(db, context.connection.id, code)) ?? (await findInProcountor(context, code));
    if (updatesRegister && options.readOnly) {
      if (!found) return context.note(`${person.name} would be added to Procountor's person register.`);
    } else if (!found && updatesRegister) {
      // A create whose answer was lost is found above on the retry: never a second person.
      found = { ...(await addPersonToProcountor(context, person, code)), how: "Procountor's person register" };
    } else if (found && updatesRegister && person.iban) {
      const iban = await updatePersonIban(context, found.id, person);
      if (iban) found.iban = iban;
    }
    if (!found) {
      throw new TransferRuleError(
        'person_not_in_procountor',
        `${person.name} (personal identity code ${masked(code)}) is not in Procountor's person register.`,
        'Add the person with this personal identity code in Procountor (Management > Persons), or turn on updatePersonsInProcountor; then resend.',
      );
    }
    progress.personId = found.id;
    // The register copy holds what GET /persons lists, which may lack the account: read the person when it is needed.
    const iban =
      found.iban ?? (person.iban ? undefined : (await context.client.persons.get(found.id)).paymentInfo?.accountNumber);
    if (iban) progress.personIban = iban;
    context.note(`${person.name} found in ${found.how} as person ${found.id}.`, { personId: found.id });
  };
}
