// The way out for failure e-mails: one pooled nodemailer SMTP transport per worker process, built from SmtpConfig
// (implicit TLS or STARTTLS, login, certificate verification), and the rule which failures are worth a quick retry.
import { readFileSync } from 'node:fs';
import nodemailer from 'nodemailer';
import type { SmtpConfig } from '../config/load-config';

export interface MailMessage {
  to: readonly string[];
  subject: string;
  /** Plain text; nodemailer picks a transfer encoding that keeps any character and line length intact. */
  text: string;
}

export interface MailTransport {
  /** Resolves once the server accepted the message for every recipient. @throws nodemailer's error otherwise */
  send(message: MailMessage): Promise<void>;
  /** Closes the pooled connections; nothing can be sent afterwards. */
  close(): void;
}

/** A failure worth trying again within seconds: the server or the network, not our configuration or the address. */
export function isTransientMailError(error: unknown): boolean {
  const { code, originalCode, responseCode } = (error ?? {}) as {
    code?: string;
    originalCode?: string;
    responseCode?: number;
  };
  // 4xx is SMTP's "try again later" (RFC 5321 4.2.1: a full queue, greylisting, a server shutting down); 5xx is a
  // refusal that repeating does not change (an unknown recipient, a login refused).
  if (typeof responseCode === 'number') return responseCode >= 400 && responseCode < 500;
  // A certificate that does not verify (nodemailer's ESOCKET with Node's X.509 code, e.g. DEPTH_ZERO_SELF_SIGNED_CERT,
  // CERT_HAS_EXPIRED, ERR_TLS_CERT_ALTNAME_INVALID) stays so until someone changes the certificate or the settings.
  if (originalCode && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/.test(originalCode)) return false;
  // No reply at all: the connection was refused, timed out or broke. A failed login (EAUTH) wants a configuration
  // change instead.
  return code === 'ECONNECTION' || code === 'ETIMEDOUT' || code === 'ESOCKET' || code === 'EDNS';
}

/**
 * A pooled transport: one connection kept open between messages (the worker sends one at a time) and closed after
 * 4 idle minutes, nodemailer's default. Reads `caFile` once, here.
 */
export function createMailTransport(config: SmtpConfig): MailTransport {
  const starttls = config.starttls ?? 'auto';
  const transporter = nodemailer.createTransport({
    pool: true,
    maxConnections: 1,
    host: config.host,
    port: config.port,
    secure: config.tls,
    // auto: nodemailer upgrades whenever the server offers STARTTLS, and a failed upgrade fails the send.
    requireTLS: !config.tls && starttls === 'required',
    ignoreTLS: !config.tls && starttls === 'never',
    tls: {
      rejectUnauthorized: config.rejectUnauthorized ?? true,
      ...(config.caFile ? { ca: readFileSync(config.caFile, 'utf8') } : {}),
    },
    ...(config.auth ? { auth: { user: config.auth.user, pass: config.auth.password } } : {}),
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  return {
    async send(message) {
      await transporter.sendMail({
        from: config.from,
        to: [...message.to],
        subject: message.subject,
        text: message.text,
      });
    },
    close: () => transporter.close(),
  };
}
