// Step: links a purchase invoice from the source to its supplier in Procountor's register by business ID, when one.
import type { StepContext } from '../../transfers/steps/step-context';
import { supplierOf } from '../expense-document-schema';
import { expenseDocumentOf, expenseProgressOf } from './expense-step-context';

/** "1234567-8" and "1234567 - 8" alike (the emulator matches the identifier header ignoring spaces, an assumption). */
const compact = (businessId: string) => businessId.replace(/\s/g, '');

/**
 * Exactly one SUPPLIER with the business ID → the invoice gets its partnerId. None or several → no link: the invoice
 * carries the supplier's name, business ID and address itself (contract: partnerId is optional), and the timeline
 * says so. The bridge never creates suppliers (Trackifi sends freelancer invoices, it does not manage suppliers).
 */
export async function resolveSupplier(context: StepContext): Promise<void> {
  const progress = expenseProgressOf(context);
  if (progress.supplierResolved) return;
  const supplier = supplierOf(expenseDocumentOf(context));
  if (supplier?.businessId) {
    const { results } = await context.client.businessPartners.search({
      identifier: compact(supplier.businessId),
      type: 'SUPPLIER',
      size: 200,
    });
    const suppliers = (results ?? []).filter((partner) => partner.type === 'SUPPLIER' && partner.id !== undefined);
    if (suppliers.length === 1) {
      progress.partnerId = suppliers[0]?.id as number;
      context.note(`Supplier ${supplier.name} found in Procountor as partner ${progress.partnerId} (business ID).`, {
        partnerId: progress.partnerId,
      });
    } else {
      context.note(
        suppliers.length > 1
          ? `${suppliers.length} suppliers in Procountor have business ID ${supplier.businessId}: the invoice is not linked to one.`
          : `No supplier in Procountor has business ID ${supplier.businessId}: the invoice carries the supplier's details without a register link.`,
      );
    }
  } else if (supplier) {
    context.note(
      `${supplier.name} has no business ID: the invoice carries the supplier's details without a register link.`,
    );
  }
  progress.supplierResolved = true;
}
