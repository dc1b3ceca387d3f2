// The e-mail an accountant gets when a transfer fails for good: what failed, why, and what to do, in plain words.

import type { TransferRow } from '../transfers/transfer-repository';
import type { TransferErrorInfo } from '../transfers/transfer-response';
import type { MailMessage } from './mail-transport';

export interface FailureEmailInput {
  transfer: Pick<
    TransferRow,
    'id' | 'kind' | 'external_id' | 'source_invoice_number' | 'customer_name' | 'total_amount' | 'currency' | 'attempts'
  >;
  connectionName: string;
  error: TransferErrorInfo;
  /** The bridge's address (BRIDGE_PUBLIC_URL), for the link to the console. */
  publicUrl: string;
}

const KIND_WORDS: Partial<Record<TransferRow['kind'], string>> = {
  sales_invoice: 'Sales invoice',
  credit_invoice: 'Credit invoice',
};

/** "Sales invoice", or the kind in words for kinds without their own ("travel_invoice" → "Travel invoice"). */
function kindWords(kind: TransferRow['kind']): string {
  const words = KIND_WORDS[kind] ?? String(kind).replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Subject and text of the failure e-mail; no JSON, no stack traces, no credentials. */
export function composeFailureEmail(input: FailureEmailInput, to: readonly string[]): MailMessage {
  const { transfer, error } = input;
  const invoice = transfer.source_invoice_number ?? transfer.external_id;
  const amount =
    transfer.total_amount === null
      ? undefined
      : `${Number(transfer.total_amount).toFixed(2)} ${transfer.currency ?? ''}`;
  const lines = [
    `${kindWords(transfer.kind)} ${invoice}${transfer.customer_name ? ` to ${transfer.customer_name}` : ''} could not be transferred to Procountor.`,
    '',
    `What happened: ${error.message}`,
    ...(error.explanation ? [`Procountor said: ${error.explanation}`] : []),
    '',
    `What to do: ${error.fix}`,
    '',
    'Details',
    `  Connection:      ${input.connectionName}`,
    `  Invoice:         ${invoice} (source id ${transfer.external_id})`,
    ...(transfer.customer_name ? [`  Customer:        ${transfer.customer_name}`] : []),
    ...(amount ? [`  Amount:          ${amount.trim()}`] : []),
    `  Attempts:        ${transfer.attempts}`,
    `  Error code:      ${error.code}`,
    `  Transfer:        ${transfer.id}`,
    '',
    `Open the bridge to fix and resend it: ${input.publicUrl}/`,
    '',
    "This message was sent by procountor-bridge because your address is in the connection's error e-mail recipients.",
  ];
  return {
    to,
    subject: `Transfer to Procountor failed: ${kindWords(transfer.kind).toLowerCase()} ${invoice}${transfer.customer_name ? ` (${transfer.customer_name})` : ''}`,
    text: lines.join('\n'),
  };
}
