import { describe, expect, it } from 'vitest';
import { canMove, nextStep, SALES_INVOICE_STEPS } from './transfer-states';

describe('transfer states', () => {
  it('lets a failed transfer be resent or cancelled, never a succeeded one', () => {
    expect(canMove('failed', 'queued')).toBe(true);
    expect(canMove('failed', 'cancelled')).toBe(true);
    expect(canMove('succeeded', 'queued')).toBe(false);
    expect(canMove('succeeded', 'cancelled')).toBe(false);
  });

  it('does not cancel a transfer while a worker runs it', () => {
    expect(canMove('in_progress', 'cancelled')).toBe(false);
  });

  it('resumes at the first step not yet done', () => {
    expect(nextStep([])).toBe('resolve_business_partner');
    expect(nextStep(['resolve_business_partner', 'resolve_products', 'ensure_dimension_items'])).toBe('create_invoice');
    expect(nextStep([...SALES_INVOICE_STEPS])).toBeUndefined();
  });
});
