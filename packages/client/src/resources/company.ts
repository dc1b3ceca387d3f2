// The company of the API key: its details and settings that shape invoices (usage settings, templates, e-invoicing).
import type { ProcountorCompany } from '../contract-types';
import type { CallOptions } from '../typed-request';
import { ProcountorResource } from './resource';

export class Company extends ProcountorResource {
  get(options?: CallOptions): Promise<ProcountorCompany> {
    return this.client.request('get', '/company', { ...options });
  }

  update(company: ProcountorCompany, options?: CallOptions) {
    return this.client.request('put', '/company', { body: company, ...options });
  }

  /** Usage settings, e.g. whether accounting by row (dimensions on invoice rows) is on. */
  usageSettings(options?: CallOptions) {
    return this.client.request('get', '/company/usagesettings', { ...options });
  }

  invoiceTemplates(options?: CallOptions) {
    return this.client.request('get', '/company/invoicetemplates', { ...options });
  }

  /** The company's own e-invoice addresses. */
  eInvoiceAddresses(options?: CallOptions) {
    return this.client.request('get', '/company/einvoiceaddresses', { ...options });
  }

  deliveryTerms(options?: CallOptions) {
    return this.client.request('get', '/company/deliveryterms', { ...options });
  }
}
