// A real SMTP server for tests (the smtp-server package) on 127.0.0.1, port 0: plain, STARTTLS or implicit TLS
// with a self-signed certificate made at start, logins when users are given; it parses what arrives (mailparser).
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import selfsigned from 'selfsigned';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** The envelope: MAIL FROM and RCPT TO. */
  from: string;
  to: string[];
  /** The login of the session, if any. */
  user: string | undefined;
  /** Whether the session was encrypted (STARTTLS or implicit TLS) when the message came. */
  secure: boolean;
  parsed: ParsedMail;
}

export interface SmtpTestServerOptions {
  /** none: plain, no STARTTLS offered; starttls (default): offered; implicit: TLS from the first byte. */
  tls?: 'none' | 'starttls' | 'implicit';
  /** Login required, with these user → password pairs (only over TLS, as servers do). */
  users?: Record<string, string>;
}

export interface SmtpTestServer {
  port: number;
  /** PEM of the server's self-signed certificate (for localhost and 127.0.0.1): a CA file that trusts it. */
  certificate: string;
  received: ReceivedMail[];
  /** TCP connections accepted so far. */
  connections: () => number;
  /** Refuses the next `count` messages at MAIL FROM with 451 (a temporary failure, RFC 5321 4.2.1). */
  refuseNext: (count: number) => void;
  /** Resolves once `count` messages have arrived in all. */
  waitForMessages: (count: number, timeoutMs?: number) => Promise<ReceivedMail[]>;
  close: () => Promise<void>;
}

export async function startSmtpTestServer(options: SmtpTestServerOptions = {}): Promise<SmtpTestServer> {
  const tls = options.tls ?? 'starttls';
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
  });
  const received: ReceivedMail[] = [];
  let connections = 0;
  let refusals = 0;
  const server = new SMTPServer({
    secure: tls === 'implicit',
    hideSTARTTLS: tls === 'none',
    key: pems.private,
    cert: pems.cert,
    authOptional: !options.users,
    // A server without TLS neither offers STARTTLS nor accepts it; one without users has no AUTH.
    disabledCommands: [...(tls === 'none' ? ['STARTTLS'] : []), ...(options.users ? [] : ['AUTH'])],
    logger: false,
    onConnect(_session, callback) {
      connections += 1;
      callback();
    },
    onAuth(auth, _session, callback) {
      if (options.users?.[auth.username ?? ''] === auth.password) callback(null, { user: auth.username });
      else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onMailFrom(_address, _session, callback) {
      if (refusals > 0) {
        refusals -= 1;
        callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
      } else callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((recipient) => recipient.address),
            user: typeof session.user === 'string' ? session.user : undefined,
            secure: session.secure,
            parsed,
          });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    certificate: pems.cert,
    received,
    connections: () => connections,
    refuseNext: (count) => {
      refusals = count;
    },
    async waitForMessages(count, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} message(s), got ${received.length}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
