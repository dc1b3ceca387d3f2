// Scenario steps for outgoing payments: pay the approved purchase invoice, read the results, cancel and remove the
// payment, and the error message of a payment the bank refuses.

import { TEST_IBAN } from '../../helpers/invoice-test-builders';
import type { TestSession } from '../../helpers/test-session';
import { call, type JsonAnswer, type ScenarioStep } from '../scenario-step';

async function payInvoice(session: TestSession, invoiceId: unknown): Promise<JsonAnswer> {
  const invoice = await call(session, 'GET', `/invoices/${invoiceId}`);
  return call(session, 'POST', '/payments', {
    payments: [
      {
        invoiceId: invoice.id,
        invoiceVersion: invoice.version,
        amount: invoice.invoiceSumInfo[0].invoiceSumTotal,
        paymentDate: session.emulator.context.today(),
        paymentMethod: 'FINNISH_BANK_TRANSFER',
        recipientBankAccount: TEST_IBAN,
        recipientNameAndAddress: { name: 'Toimittaja Oy' },
        message: 'Lasku SUP-1',
      },
    ],
  });
}

export const PAYMENT_STEPS: ScenarioStep[] = [
  {
    name: 'pay the approved purchase invoice, read the transaction result, the payment and the payments',
    run: async ({ session, ids }) => {
      const { transactionIdentifier } = await payInvoice(session, ids.purchaseInvoiceId);
      const result = await call(session, 'GET', `/mfatransactionresult/${transactionIdentifier}`);
      ids.paymentId = result.invoicePayments.transactions[0].paymentId;
      await call(session, 'GET', `/payments/${ids.paymentId}`);
      await call(session, 'GET', `/payments?invoiceId=${ids.purchaseInvoiceId}`);
    },
  },
  {
    name: 'cancel the payment, confirm it through the deprecated confirmation and remove the payment',
    run: async ({ session, ids }) => {
      const { transactionIdentifier } = await call(session, 'PUT', `/payments/${ids.paymentId}/cancel`);
      await call(session, 'PUT', `/payments/${transactionIdentifier}/confirm`);
      await call(session, 'DELETE', `/payments/${ids.paymentId}`);
    },
  },
  {
    name: 'pay the purchase invoice again, have the bank refuse it and read the payment error messages',
    run: async ({ session, ids }) => {
      const { transactionIdentifier } = await payInvoice(session, ids.purchaseInvoiceId);
      const result = await call(session, 'GET', `/mfatransactionresult/${transactionIdentifier}`);
      const paymentId = result.invoicePayments.transactions[0].paymentId;
      const refused = await fetch(`${session.emulator.url}/_emulator/payments/${paymentId}/status`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ status: 'PAYMENT_DENIED' }),
      });
      if (!refused.ok) throw new Error(`the bank's refusal answered ${refused.status}`);
      await call(session, 'GET', '/payments/errormessages');
    },
  },
];
