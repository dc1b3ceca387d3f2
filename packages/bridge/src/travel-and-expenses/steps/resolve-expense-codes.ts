// Step: finds each row's travel expense code in Procountor's travel expense register (products of type TRAVEL).
import type { StepContext } from '../../transfers/steps/step-context';
import { TransferRuleError } from '../../transfers/transfer-errors';
import { expenseDocumentOf, expenseKindOf, expenseProgressOf } from './expense-step-context';

/**
 * As Visma Severa's integration says: "Travel expenses must also have the same codes in both systems… The default code
 * must also be found in Procountor's travel expense register." A row's unknown code falls back to the default code,
 * like products do; with no default, the transfer fails naming the code. Purchase invoice rows keep their codes as
 * given.
 */
export async function resolveExpenseCodes(context: StepContext): Promise<void> {
  const progress = expenseProgressOf(context);
  if (expenseKindOf(context) === 'purchase_invoice' || progress.expenseProducts) return;
  const document = expenseDocumentOf(context);
  const defaultCode = context.connection.settings.defaultTravelExpenseCode;
  const codes = new Set(
    document.rows.map((row) => row.expenseCode ?? defaultCode).filter((code): code is string => !!code),
  );
  if (defaultCode) codes.add(defaultCode);
  const found: Record<string, { id: number; code: string }> = {};
  for (const code of codes) {
    const { results } = await context.client.products.search({ type: 'TRAVEL', code, size: 200 });
    const product = (results ?? []).find((candidate) => candidate.code === code);
    if (product?.id !== undefined) found[code] = { id: product.id, code };
  }
  const products: Record<string, { id: number; code: string }> = {};
  const substituted: string[] = [];
  for (const code of codes) {
    const product = found[code] ?? (defaultCode ? found[defaultCode] : undefined);
    if (!product) {
      const which = code === defaultCode ? `The default travel expense code ${code}` : `Travel expense code ${code}`;
      throw new TransferRuleError(
        'travel_expense_code_unknown',
        `${which} is not in Procountor's travel expense register${defaultCode && code !== defaultCode ? `, nor is the default code ${defaultCode}` : ''}.`,
        "Use this year's travel expense codes from Procountor (they change annually) or set defaultTravelExpenseCode to one Procountor has, then resend.",
      );
    }
    if (product.code !== code) substituted.push(code);
    products[code] = product;
  }
  progress.expenseProducts = products;
  if (substituted.length > 0) {
    context.note(
      `Travel expense code${substituted.length > 1 ? 's' : ''} ${substituted.join(', ')} not in Procountor: the default code ${defaultCode} was used.`,
    );
  } else if (codes.size > 0) {
    context.note(`Travel expense codes found in Procountor: ${[...codes].join(', ')}.`);
  }
}
