// Checks a connection's credentials against Procountor (company info, bank accounts) and explains a refusal plainly.
import {
  ProcountorAuthenticationError,
  type ProcountorClient,
  ProcountorConnectionError,
  ProcountorError,
  ProcountorPermissionDeniedError,
} from '@procountor-bridge/client';
import { ConnectionCheckError } from './connection-errors';
import type { CompanyFacts } from './connection-repository';

/**
 * What activation asks of Procountor: GET /company (name, business ID, id) and GET /bankaccounts (the default
 * invoice account's IBAN, which invoices carry in paymentInfo.bankAccount). Both are reads, safe to repeat.
 * @throws ConnectionCheckError with a sentence for the console and Procountor's own explanation in `details`.
 */
export async function checkProcountorCredentials(client: ProcountorClient, clientId: string): Promise<CompanyFacts> {
  try {
    const company = await client.company.get();
    const accounts = (await client.bankAccounts.list()).results ?? [];
    const active = accounts.filter((account) => account.status === undefined || account.status === 'ACTIVE');
    const invoiceAccount = active.find((account) => account.defaultForInvoice) ?? active[0];
    return {
      procountorCompanyId: company.id ?? null,
      companyName: company.name ?? null,
      companyBusinessId: company.businessIdentifier?.code ?? null,
      companyIban: invoiceAccount?.iban ?? null,
    };
  } catch (error) {
    throw explainCheckFailure(error, clientId, client.baseUrl);
  }
}

function explainCheckFailure(error: unknown, clientId: string, baseUrl: string): ConnectionCheckError {
  const cause = { cause: error };
  if (error instanceof ProcountorError) {
    const details = [
      { path: '(procountor)', rule: error.codes[0] ?? `http_${error.status}`, message: error.explanation.en },
    ];
    if (error instanceof ProcountorAuthenticationError) {
      // OAuth2 (RFC 6749 §5.2): invalid_client is the client id or secret; anything else here is the company's key.
      const isClientRefused =
        error.hasCode('invalid_client') || error.entries.some((entry) => entry.message === 'invalid_client');
      if (isClientRefused) {
        return new ConnectionCheckError(
          'procountor_client_refused',
          `Procountor refused the client id '${clientId}' or its client secret: enter them as Procountor issued them for this integration.`,
          details,
          cause,
        );
      }
      return new ConnectionCheckError(
        'procountor_api_key_refused',
        `Procountor refused the API key: check that it was created with the client identifier ${clientId} and not revoked.`,
        details,
        cause,
      );
    }
    if (error instanceof ProcountorPermissionDeniedError) {
      return new ConnectionCheckError(
        'procountor_permission_denied',
        'Procountor refused the API user access to company data: give the API user all rights in Management > Users and privileges, and allow the usage of invoiceable API clients in Management > Company info > Usage settings.',
        details,
        cause,
      );
    }
    return new ConnectionCheckError(
      'procountor_check_failed',
      `Procountor answered the check with HTTP ${error.status}: ${error.explanation.en}`,
      details,
      cause,
    );
  }
  if (error instanceof ProcountorConnectionError) {
    return new ConnectionCheckError(
      'procountor_unreachable',
      `Procountor did not answer at ${baseUrl}: check the base URL and the network, then try again.`,
      [],
      cause,
    );
  }
  return new ConnectionCheckError(
    'procountor_check_failed',
    `Checking the credentials failed: ${error instanceof Error ? error.message : String(error)}`,
    [],
    cause,
  );
}
