import { describe, expect, it } from 'vitest';
import { amountInInvoiceCurrency, isCountedPayment, paymentEventIdFor, paymentStateOf } from './payment-amounts';

describe('payment amounts', () => {
  it('counts paid and marked-paid events only', () => {
    expect(isCountedPayment({ id: 1, status: 'PAID' })).toBe(true);
    expect(isCountedPayment({ id: 2, status: 'MARKED_PAID' })).toBe(true);
    expect(isCountedPayment({ id: 3, status: 'PAYMENT_QUEUED' })).toBe(false);
    expect(isCountedPayment({ status: 'PAID' })).toBe(false);
  });

  it('reads the paid amount in the invoice currency, the accounting amount only without one', () => {
    expect(amountInInvoiceCurrency({ amount: 90.91, paidAmount: 100 })).toBe(100);
    expect(amountInInvoiceCurrency({ amount: 40.005 })).toBe(40.01);
  });

  it('is partly paid below the total and paid at it, for invoices and credits alike', () => {
    expect(paymentStateOf(124, 50)).toEqual({ amountPaid: 50, amountOpen: 74, fullyPaid: false });
    expect(paymentStateOf(124, 124)).toEqual({ amountPaid: 124, amountOpen: 0, fullyPaid: true });
    expect(paymentStateOf(-62, -62)).toEqual({ amountPaid: -62, amountOpen: 0, fullyPaid: true });
    expect(paymentStateOf(-62, -10)).toMatchObject({ amountOpen: -52, fullyPaid: false });
    expect(paymentStateOf(null, 10)).toEqual({ amountPaid: 10, amountOpen: null, fullyPaid: false });
  });

  it('gives one stable event id per connection and payment', () => {
    expect(paymentEventIdFor('con_a', 7)).toBe(paymentEventIdFor('con_a', 7));
    expect(paymentEventIdFor('con_a', 7)).not.toBe(paymentEventIdFor('con_a', 8));
    expect(paymentEventIdFor('con_a', 7)).not.toBe(paymentEventIdFor('con_b', 7));
    expect(paymentEventIdFor('con_a', 7)).toMatch(/^evt_[0-9a-f]{24}$/);
    expect(paymentEventIdFor('con_a', 7, 'payment-removed')).not.toBe(paymentEventIdFor('con_a', 7));
  });
});
