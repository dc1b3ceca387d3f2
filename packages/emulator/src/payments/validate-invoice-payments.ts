// POST /payments (PayInvoices): the contract's InvoicePaymentList plus Procountor's rules, checked for every payment
// before any is made ("If paying one of the invoices fails, none of the invoices will be paid").
import { contractViolations } from '../http/contract-validator';
import { type ErrorEntry, ProcountorApiError } from '../http/procountor-error';
import { isSameVersion } from '../http/version-stamp';
import { isPayableType } from '../invoices/invoice-types';
import { FINNISH_REFERENCE_TYPES, ibanProblem, referenceCodeProblem } from '../invoices/reference-code';
import type { BankAccount, Invoice, InvoicePayment } from '../state/contract-types';
import type { CompanyData, OutgoingPayment } from '../state/emulator-state';
import { activePaymentOf, openAmountOf } from './outgoing-payments';

/** The payment methods of a Finnish environment (the emulator's companies are Finnish); the others answer 400. */
const FINNISH_METHODS = new Set(['FINNISH_BANK_TRANSFER', 'FINNISH_EXPRESS_PAYMENT', 'FINNISH_FOREIGN_PAYMENT']);
/** Invoice statuses a payment can be made from: approved, or partly paid already (assumption). */
const PAYABLE_STATUSES = new Set(['APPROVED', 'PARTLY_PAID']);

/** A payment ready to store: the request's fields resolved against the invoice and the company's bank accounts. */
export type ValidatedPayment = {
  invoice: Invoice;
  payment: Omit<OutgoingPayment, 'id' | 'status' | 'invoiceStatusBefore'>;
};

const compact = (account: string) => account.replace(/\s+/g, '').toUpperCase();

/**
 * Contract InvoicePayment.payerBankAccount: "has to be predefined in the environment … If not set than default bank
 * account for payment is taken"; the account must allow payments (and foreign or express ones for those methods).
 */
function payerAccountOf(
  company: CompanyData,
  given: string | undefined,
  method: string,
  add: (field: string, message: string) => void,
): BankAccount | undefined {
  const account = given
    ? company.bankAccounts.find((candidate) => compact(candidate.iban ?? '') === compact(given))
    : company.bankAccounts.find((candidate) => candidate.defaultForPayment && candidate.status === 'ACTIVE');
  if (!account) {
    add(
      'payerBankAccount',
      given ? `${given} is not a bank account of the company` : 'no default bank account for payments',
    );
    return undefined;
  }
  if (account.status !== 'ACTIVE' || !account.allowPayments)
    add('payerBankAccount', 'the account does not allow payments');
  else if (method === 'FINNISH_FOREIGN_PAYMENT' && !account.allowForeignPayments)
    add('payerBankAccount', 'the account does not allow foreign payments');
  else if (method === 'FINNISH_EXPRESS_PAYMENT' && !account.allowExpressPayments)
    add('payerBankAccount', 'the account does not allow express payments');
  return account;
}

function paymentProblems(
  company: CompanyData,
  today: string,
  given: InvoicePayment,
  invoice: Invoice,
  add: (field: string, message: string) => void,
): ValidatedPayment['payment'] {
  if (!isPayableType(invoice.type)) add('invoiceId', `a ${invoice.type} is not paid by the company`);
  else if (!PAYABLE_STATUSES.has(invoice.status ?? '')) {
    add('invoiceId', `Invalid invoice status ${invoice.status}: only APPROVED or PARTLY_PAID invoices can be paid`);
  } else if (activePaymentOf(company, invoice.id!)) add('invoiceId', 'the invoice already has a payment in progress');
  // Contract InvoicePayment.invoiceVersion is required: the invoice as the payer last saw it.
  if (!isSameVersion(given.invoiceVersion, invoice.version)) {
    add('invoiceVersion', `VERSION_CONFLICT: the invoice was modified at ${invoice.version}; read it again and resend`);
  }
  const open = openAmountOf(company, invoice);
  if (given.amount <= 0) add('amount', 'must be greater than 0');
  else if (given.amount > open + 0.005) add('amount', `must not exceed the amount left to pay, ${open}`);
  // Contract: "Payment date should be grater then current date"; today is accepted (assumption).
  if (given.paymentDate < today) add('paymentDate', `must not be before today (${today})`);

  const method = given.paymentMethod;
  const foreign = method === 'FINNISH_FOREIGN_PAYMENT';
  if (!FINNISH_METHODS.has(method)) add('paymentMethod', `${method} is not available in a Finnish environment`);
  else if (!foreign && invoice.paymentInfo.currency !== 'EUR')
    add('paymentMethod', `${method} pays in EUR only; the invoice is in ${invoice.paymentInfo.currency}`);
  if (!foreign) {
    const problem = ibanProblem(given.recipientBankAccount);
    if (problem) add('recipientBankAccount', problem);
  } else if (!given.recipientBicCode) add('recipientBicCode', 'must not be null for a foreign payment');
  // Contract InvoicePayment.recipientNameAndAddress: "Recipient name is mandatory … foreign payments … full address".
  const recipient = given.recipientNameAndAddress;
  if (!recipient.name) add('recipientNameAndAddress.name', 'must not be null');
  if (foreign) {
    for (const part of ['street', 'zip', 'city', 'country'] as const)
      if (!recipient[part]) add(`recipientNameAndAddress.${part}`, 'must not be null for a foreign payment');
  }
  if (given.bankReferenceCode) {
    const type = given.bankReferenceCodeType;
    // Contract: "If type not allowed for a user country will be given, then 400 is returned".
    if (type && !FINNISH_REFERENCE_TYPES.has(type)) add('bankReferenceCodeType', `${type} is not allowed in Finland`);
    else {
      const problem = referenceCodeProblem(given.bankReferenceCode, type);
      if (problem) add('bankReferenceCode', problem);
    }
    // Contract InvoicePayment.message: "Message for the payment, if reference payment is not used."
    if (given.message) add('message', 'must be empty when bankReferenceCode is given');
  }
  const payer = payerAccountOf(company, given.payerBankAccount, method, add);
  return {
    invoiceId: invoice.id!,
    paymentDate: given.paymentDate,
    amount: given.amount,
    currency: invoice.paymentInfo.currency as OutgoingPayment['currency'],
    receiverName: recipient.name ?? '',
    receiverAccount: given.recipientBankAccount,
    ...(given.recipientBicCode ? { receiverBic: given.recipientBicCode } : {}),
    payerAccount: payer?.iban ?? given.payerBankAccount ?? '',
    ...(payer?.bic ? { payerBic: payer.bic } : {}),
    ...(given.message ? { message: given.message } : {}),
    ...(given.bankReferenceCode ? { bankReferenceCode: given.bankReferenceCode } : {}),
    paymentMethod: method,
    // Contract InvoicePayment.serviceCharge: "If not provided, for Finnish foreign payment … BOTH_PAY_OWN_FEES".
    ...(given.serviceCharge
      ? { serviceCharge: given.serviceCharge }
      : foreign
        ? { serviceCharge: 'BOTH_PAY_OWN_FEES' }
        : {}),
    createdBy: 'API user',
  };
}

/** Every payment of the list resolved, or a 404 (an unknown invoice: "Some of invoices not found") or 400 naming each problem. */
export function validateInvoicePayments(company: CompanyData, today: string, body: unknown): ValidatedPayment[] {
  const schemaProblems = contractViolations('InvoicePaymentList', body ?? null);
  if (schemaProblems.length > 0) throw new ProcountorApiError(400, schemaProblems);
  const payments = (body as { payments: InvoicePayment[] }).payments;
  const missing = payments.filter((payment) => !company.invoices.has(payment.invoiceId));
  if (missing.length > 0) {
    throw ProcountorApiError.single(
      404,
      `Invoices not found: ${missing.map((payment) => payment.invoiceId).join(', ')}`,
    );
  }
  const problems: ErrorEntry[] = [];
  const seen = new Set<number>();
  const validated = payments.map((given, i) => {
    const add = (field: string, message: string) =>
      problems.push({ status: 400, field: `payments[${i}].${field}`, message });
    if (seen.has(given.invoiceId)) add('invoiceId', 'the same invoice is paid twice in one request');
    seen.add(given.invoiceId);
    const invoice = company.invoices.get(given.invoiceId)!;
    return { invoice, payment: paymentProblems(company, today, given, invoice, add) };
  });
  if (problems.length > 0) throw new ProcountorApiError(400, problems);
  return validated;
}
