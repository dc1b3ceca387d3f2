// Scenario steps for invoices of every type: create, update, status actions, payments, history and discussion.

import { createInvoice, purchaseInvoice, salesInvoice, travelInvoice } from '../../helpers/invoice-test-builders';
import type { TestSession } from '../../helpers/test-session';
import { call, type ScenarioStep } from '../scenario-step';

/** A status action; approve, verify and reject need a CheckingEvent body. */
const act = (session: TestSession, invoiceId: unknown, action: string, body?: unknown) =>
  call(session, 'PUT', `/invoices/${invoiceId}/${action}`, body);

const newSalesInvoice = async (session: TestSession, customerId: unknown) =>
  (await createInvoice(session, salesInvoice(session, Number(customerId)))).id;

export const INVOICE_STEPS: ScenarioStep[] = [
  {
    name: 'create a sales invoice, read and search it, update it, add notes and read its history',
    run: async ({ session, ids }) => {
      const created = await call(session, 'POST', '/invoices', salesInvoice(session, Number(ids.customerId)));
      ids.invoiceId = created.id;
      const stored = await call(session, 'GET', `/invoices/${created.id}`);
      await call(session, 'GET', `/invoices?originalInvoiceNumber=${encodeURIComponent(stored.originalInvoiceNumber)}`);
      await call(session, 'PUT', `/invoices/${created.id}`, { ...stored, additionalInformation: 'Kiitos!' });
      await act(session, created.id, 'notes', { notes: 'konformanssi' });
      await call(session, 'GET', `/invoices/${created.id}/transactions`);
      await call(session, 'GET', `/invoices/transactions?invoiceIds=${created.id}`);
    },
  },
  {
    name: 'approve and send the sales invoice, mark part of it paid, read the payment (also across invoices) and remove it',
    run: async ({ session, ids }) => {
      await act(session, ids.invoiceId, 'approve', { comment: '' });
      await act(session, ids.invoiceId, 'send');
      const event = await call(session, 'PUT', `/invoices/${ids.invoiceId}/paymentevents/markpaid`, {
        paymentDate: session.emulator.context.today(),
        amount: 100,
        currency: 'EUR',
        paymentMethodType: 'CASH',
      });
      await call(session, 'GET', `/invoices/${ids.invoiceId}/paymentevents`);
      await call(session, 'GET', `/invoices/${ids.invoiceId}/paymentevents/${event.id}`);
      await call(session, 'GET', `/payments/paymentevents?invoiceId=${ids.invoiceId}`);
      await call(session, 'DELETE', `/invoices/${ids.invoiceId}/paymentevents/${event.id}`);
    },
  },
  {
    name: 'invalidate an approved sales invoice and return it to unfinished',
    run: async ({ session, ids }) => {
      const invoiceId = await newSalesInvoice(session, ids.customerId);
      await act(session, invoiceId, 'approve', {});
      await act(session, invoiceId, 'invalidate');
      await act(session, invoiceId, 'unfinished');
    },
  },
  {
    name: 'reject an unfinished sales invoice',
    run: async ({ session, ids }) => {
      await act(session, await newSalesInvoice(session, ids.customerId), 'reject', { comment: 'Ei laskuteta' });
    },
  },
  {
    name: 'create a purchase invoice, send it to circulation, verify and approve it',
    run: async ({ session, ids }) => {
      const created = await call(session, 'POST', '/invoices', purchaseInvoice(session, Number(ids.supplierId)));
      ids.purchaseInvoiceId = created.id;
      await act(session, created.id, 'sendToCirculation');
      await act(session, created.id, 'verify', {});
      await act(session, created.id, 'approve', { comment: 'OK' });
    },
  },
  {
    name: 'discuss the purchase invoice: comment, list, read, mark read and list taggable users',
    run: async ({ session, ids }) => {
      const path = `/invoices/${ids.purchaseInvoiceId}/comments`;
      const comment = await call(session, 'POST', path, { comment: 'Tarkistettu' });
      await call(session, 'GET', path);
      await call(session, 'GET', `${path}/${comment.id}`);
      await call(session, 'PUT', `${path}/${comment.id}/read`);
      await call(session, 'GET', `${path}/taggableusers`);
    },
  },
  {
    name: 'create a travel invoice for a person and send it to circulation',
    run: async ({ session, ids }) => {
      const created = await call(session, 'POST', '/invoices', travelInvoice(session, Number(ids.personId)));
      await act(session, created.id, 'sendToCirculation');
      await call(session, 'GET', `/invoices/${created.id}`);
    },
  },
  {
    name: 'create an expense claim (BILL_OF_CHARGES) for a person and read it',
    run: async ({ session, ids }) => {
      const { travelInformationItems: _travel, ...expense } = travelInvoice(session, Number(ids.personId), {
        type: 'BILL_OF_CHARGES',
        originalInvoiceNumber: `EXPENSE-${ids.personId}`,
      });
      const created = await call(session, 'POST', '/invoices', expense);
      await call(session, 'GET', `/invoices/${created.id}`);
    },
  },
];
