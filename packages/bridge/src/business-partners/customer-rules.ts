// The rules a customer must pass wherever the source sends one (an invoice's customer, a pushed customer): business ID,
// country, VAT number and e-invoice address, each checked as Procountor would check it later.
import {
  formatBusinessId,
  normaliseIban,
  validateEInvoiceAddress,
  validateEInvoiceOperator,
  validateIban,
  validateOvt,
} from '@procountor-bridge/client/finnish';
import { vatNumberProblems } from '../document-rules/vat-number';
import type { ErrorDetail } from '../errors/bridge-error';
import { findProcountorCountry } from '../sales-invoices/procountor-country';
import type { CustomerInput } from '../sales-invoices/sales-invoice-schema';

/** One problem with a Finnish business ID, or undefined; the rule every document kind names. */
export function businessIdProblem(path: string, businessId: string): ErrorDetail | undefined {
  const result = formatBusinessId(businessId);
  return result.valid ? undefined : { path, rule: 'finnish_business_id', message: `'${businessId}': ${result.reason}` };
}

/**
 * A Finnish customer's e-invoice address is an OVT identifier or an IBAN (the contract: "format must be valid for the
 * specified country"); elsewhere an address that looks like either is checked as one and other forms are left to the
 * operator.
 */
function eInvoiceAddressProblem(path: string, address: string, country: string): ErrorDetail | undefined {
  const looksLikeIban = /^[A-Za-z]{2}\d{2}/.test(address.trim());
  const result =
    country === 'FI'
      ? validateEInvoiceAddress(address)
      : address.trim().startsWith('0037')
        ? validateOvt(address)
        : looksLikeIban
          ? validateIban(address)
          : { valid: true as const };
  if (result.valid) return undefined;
  return { path, rule: 'e_invoice_address', message: `'${address}': ${result.reason} (Procountor INVALID_OVT)` };
}

/** Every problem of one customer, its fields' paths under `prefix` (e.g. "customer", "customers[2]"). */
export function customerProblems(customer: CustomerInput, prefix: string): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const push = (problem: ErrorDetail | undefined) => {
    if (problem) problems.push(problem);
  };
  const country = customer.address.country ?? 'FI';
  if (customer.businessId !== undefined) push(businessIdProblem(`${prefix}.businessId`, customer.businessId));
  if (!findProcountorCountry(country)) {
    push({
      path: `${prefix}.address.country`,
      rule: 'procountor_country',
      message: `'${country}' is not a country Procountor knows`,
    });
  }
  if (customer.vatNumber !== undefined) {
    const businessIdIsValid = customer.businessId !== undefined && formatBusinessId(customer.businessId).valid;
    problems.push(
      ...vatNumberProblems(
        `${prefix}.vatNumber`,
        customer.vatNumber,
        businessIdIsValid ? customer.businessId : undefined,
      ),
    );
  }
  if (customer.eInvoice) {
    push(eInvoiceAddressProblem(`${prefix}.eInvoice.address`, customer.eInvoice.address, country));
    const operator = validateEInvoiceOperator(customer.eInvoice.operator);
    if (!operator.valid) {
      push({
        path: `${prefix}.eInvoice.operator`,
        rule: 'e_invoice_operator',
        message: `'${customer.eInvoice.operator}' ${operator.reason} (Procountor ERROR_OPERATOR)`,
      });
    }
  }
  return problems;
}

/**
 * The customer as stored and sent, once customerProblems passed: the business ID in its official 1234567-8 form
 * (a source may send it trimmed or without the hyphen: one normalisation, docs/errors.md), the VAT number compact
 * and upper-case, the e-invoice address and operator trimmed (an IBAN address without spaces).
 */
export function normalizedCustomer<T extends CustomerInput>(customer: T): T {
  const businessId = customer.businessId === undefined ? undefined : formatBusinessId(customer.businessId);
  const address = customer.eInvoice?.address.trim();
  return {
    ...customer,
    ...(businessId?.valid ? { businessId: businessId.value } : {}),
    ...(customer.vatNumber !== undefined ? { vatNumber: customer.vatNumber.replace(/[\s.-]/g, '').toUpperCase() } : {}),
    ...(customer.eInvoice && address !== undefined
      ? {
          eInvoice: {
            address: /^[A-Za-z]{2}\d{2}/.test(address) ? normaliseIban(address) : address,
            operator: customer.eInvoice.operator.trim(),
          },
        }
      : {}),
  };
}
