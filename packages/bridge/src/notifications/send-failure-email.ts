// The transfer-failure-email job: reads the failed transfer and its connection's recipients, and sends the e-mail.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { SmtpConfig } from '../config/load-config';
import type { ConnectionService } from '../connections/connection-record';
import type { Database } from '../storage/schema';
import { findTransfer } from '../transfers/transfer-repository';
import type { TransferErrorInfo } from '../transfers/transfer-response';
import type { FailureEmailJob } from './enqueue-failure-email';
import { composeFailureEmail } from './failure-email';
import { isTransientMailError, type MailMessage, type MailTransport } from './mail-transport';

export interface FailureEmailDeps {
  db: Database;
  connections: Pick<ConnectionService, 'find'>;
  logger: Logger;
  /** Unset (no SMTP_HOST): the e-mail is skipped and that is logged. */
  mail: MailTransport | undefined;
  publicUrl: string;
  /** Tries of a transient failure within the job; default SEND_RETRY. */
  sendRetry?: SmtpConfig['sendRetry'];
}

export type FailureEmailOutcome = 'sent' | 'skipped_no_smtp' | 'skipped_no_recipients' | 'skipped_not_failed';

/** A connection dropped or a server restarting: tried again 2 s, then 4 s later, before pg-boss's minutes-long retry. */
export const SEND_RETRY: NonNullable<SmtpConfig['sendRetry']> = { attempts: 3, firstDelayMs: 2_000 };

/**
 * Throws when the mail server refuses or stays unreachable through the tries: pg-boss then tries the job again
 * later (enqueue-failure-email.ts).
 */
export async function sendFailureEmail(deps: FailureEmailDeps, job: FailureEmailJob): Promise<FailureEmailOutcome> {
  const transfer = await findTransfer(deps.db, job.transferId);
  // Resent and succeeded (or resent and waiting) before the e-mail went: the failure is no longer news.
  if (transfer?.state !== 'failed') return 'skipped_not_failed';
  const connection = await deps.connections.find(transfer.connection_id);
  const recipients = connection?.settings.errorEmailRecipients ?? [];
  const log = deps.logger.child({ transferId: transfer.id, connectionId: transfer.connection_id });
  if (!connection || recipients.length === 0) return 'skipped_no_recipients';
  if (!deps.mail) {
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
  await sendWithRetry(deps.mail, message, deps.sendRetry ?? SEND_RETRY, log);
  log.info({ recipients: recipients.length }, 'failure e-mail sent');
  return 'sent';
}

async function sendWithRetry(
  mail: MailTransport,
  message: MailMessage,
  retry: NonNullable<SmtpConfig['sendRetry']>,
  log: Logger,
): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await mail.send(message);
    } catch (error) {
      if (attempt >= retry.attempts || !isTransientMailError(error)) throw error;
      const delayMs = retry.firstDelayMs * 2 ** (attempt - 1);
      log.warn({ err: error, attempt, delayMs }, 'failure e-mail not accepted yet: trying again');
      await sleep(delayMs);
    }
  }
}
