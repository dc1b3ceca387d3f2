// The company's bank accounts: list, read, create, update.
import type { ProcountorBankAccount, ProcountorBankAccountSearchResult } from '../contract-types';
import type { operations } from '../generated';
import type { CallOptions } from '../typed-request';
import { ProcountorResource } from './resource';

export class BankAccounts extends ProcountorResource {
  /** One page of the company's bank accounts. */
  list(
    query: NonNullable<operations['GetBankAccounts']['parameters']['query']> = {},
    options?: CallOptions,
  ): Promise<ProcountorBankAccountSearchResult> {
    return this.client.request('get', '/bankaccounts', { query, ...options });
  }

  get(bankAccountId: number, options?: CallOptions): Promise<ProcountorBankAccount> {
    return this.client.request('get', '/bankaccounts/{id}', { path: { id: bankAccountId }, ...options });
  }

  /** Adds a bank account (POST). Not retried after it was sent. */
  create(account: ProcountorBankAccount, options?: CallOptions): Promise<ProcountorBankAccount> {
    return this.client.request('post', '/bankaccounts', { body: account, ...options });
  }

  update(bankAccountId: number, account: ProcountorBankAccount, options?: CallOptions): Promise<ProcountorBankAccount> {
    return this.client.request('put', '/bankaccounts/{id}', { path: { id: bankAccountId }, body: account, ...options });
  }
}
