// The transfer-failure-email job: reads the failed transfer and its connection's recipients, and sends the e-mail.
import type { Logger } from 'pino';
import type { SmtpConfig } from '../config/load-config';
import type { ConnectionService } from '../connections/connection-record';
import type { Database } from '../storage/schema';
import { findTransfer } from '../transfers/transfer-repository';
import type { TransferErrorInfo } from '../transfers/transfer-response';
import type { FailureEmailJob } from './enqueue-failure-email';
import { composeFailureEmail } from './failure-email';
import { type MailMessage, type SendMailOptions, sendMail } from './smtp-client';

export interface FailureEmailDeps {
  db: Database;
  connections: Pick<ConnectionService, 'find'>;
  logger: Logger;
  /** Unset: the e-mail is skipped and that is logged. */
  smtp: SmtpConfig | undefined;
  publicUrl: string;
  /** Replaceable in tests; default smtp-client's sendMail. */
  send?: (config: SmtpConfig, message: MailMessage, options?: SendMailOptions) => Promise<void>;
}

export type FailureEmailOutcome = 'sent' | 'skipped_no_smtp' | 'skipped_no_recipients' | 'skipped_not_failed';

/** Throws when the mail server refuses or is unreachable: pg-boss tries the job again (enqueue-failure-email.ts). */
export async function sendFailureEmail(deps: FailureEmailDeps, job: FailureEmailJob): Promise<FailureEmailOutcome> {
  const transfer = await findTransfer(deps.db, job.transferId);
  // Resent and succeeded (or resent and waiting) before the e-mail went: the failure is no longer news.
  if (transfer?.state !== 'failed') return 'skipped_not_failed';
  const connection = await deps.connections.find(transfer.connection_id);
  const recipients = connection?.settings.errorEmailRecipients ?? [];
  const log = deps.logger.child({ transferId: transfer.id, connectionId: transfer.connection_id });
  if (!connection || recipients.length === 0) return 'skipped_no_recipients';
  if (!deps.smtp) {
    log.warn({ recipients: recipients.length }, 'failure e-mail skipped: SMTP_HOST is not set');
    return 'skipped_no_smtp';
  }
  const message = composeFailureEmail(
    {
      transfer,
      connectionName: connection.name,
      error: (transfer.last_error ?? {
        code: 'unknown',
        message: 'The transfer failed.',
        fix: 'Open the transfer.',
      }) as TransferErrorInfo,
      publicUrl: deps.publicUrl,
    },
    recipients,
  );
  await (deps.send ?? sendMail)(deps.smtp, message);
  log.info({ recipients: recipients.length }, 'failure e-mail sent');
  return 'sent';
}
