// The failure e-mail's words: what failed, why, what to do, and the details an accountant looks up.
import { describe, expect, it } from 'vitest';
import { composeFailureEmail } from './failure-email';

describe('composeFailureEmail', () => {
  const transfer = {
    id: 'trf_1',
    kind: 'sales_invoice' as const,
    external_id: 'ERP-1001',
    source_invoice_number: '1001',
    customer_name: 'Asiakas Oy',
    total_amount: '125.5',
    currency: 'EUR',
    attempts: 1,
  };

  it('says which invoice failed, why and what to do, in plain words', () => {
    const message = composeFailureEmail(
      {
        transfer,
        connectionName: 'Click2Contract',
        error: {
          code: 'business_partner_not_found',
          message: "Customer Asiakas Oy is not in Procountor's business partner register.",
          fix: 'Add the customer in Procountor, then resend.',
        },
        publicUrl: 'https://bridge.example.fi',
      },
      ['kirjanpito@example.fi'],
    );
    expect(message.to).toEqual(['kirjanpito@example.fi']);
    expect(message.subject).toBe('Transfer to Procountor failed: sales invoice 1001 (Asiakas Oy)');
    expect(message.text).toContain('Sales invoice 1001 to Asiakas Oy could not be transferred to Procountor.');
    expect(message.text).toContain(
      "What happened: Customer Asiakas Oy is not in Procountor's business partner register.",
    );
    expect(message.text).toContain('What to do: Add the customer in Procountor, then resend.');
    expect(message.text).toContain('Amount:          125.50 EUR');
    expect(message.text).toContain('Connection:      Click2Contract');
    expect(message.text).toContain('https://bridge.example.fi/');
    expect(message.text).not.toContain('{');
  });
});
