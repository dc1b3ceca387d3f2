// A minimal SMTP client over node:net (or node:tls for SMTPS): EHLO, optional AUTH PLAIN, MAIL FROM, RCPT TO, DATA,
// QUIT (RFC 5321). Enough for a local relay or an SMTPS submission server; no STARTTLS, no pipelining.
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { hostname } from 'node:os';
import tls from 'node:tls';
import type { SmtpConfig } from '../config/load-config';

export interface MailMessage {
  to: readonly string[];
  subject: string;
  /** Plain text; sent as UTF-8, base64-encoded so any character and any line length is safe. */
  text: string;
}

/** The server refused a command, or the connection failed: the caller (a job) tries again later. */
export class SmtpError extends Error {
  override name = 'SmtpError';
  constructor(
    message: string,
    readonly replyCode?: number,
  ) {
    super(message);
  }
}

interface Reply {
  code: number;
  text: string;
}

/** Reads whole SMTP replies (a multi-line reply is "250-…" lines ending with "250 …") from a socket. */
function replyReader(socket: net.Socket) {
  let buffer = '';
  let lines: string[] = [];
  const ready: Reply[] = [];
  let waiting: { resolve: (reply: Reply) => void; reject: (error: Error) => void } | undefined;
  let failure: Error | undefined;
  const fail = (error: Error) => {
    failure ??= error;
    waiting?.reject(failure);
    waiting = undefined;
  };
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      lines.push(line);
      if (line[3] === '-') continue;
      const reply = { code: Number(line.slice(0, 3)), text: lines.map((part) => part.slice(4)).join('\n') };
      lines = [];
      if (waiting) {
        waiting.resolve(reply);
        waiting = undefined;
      } else ready.push(reply);
    }
  });
  socket.on('error', (error) => fail(new SmtpError(`mail server connection failed: ${error.message}`)));
  socket.on('close', () => fail(new SmtpError('mail server closed the connection')));
  socket.on('timeout', () => {
    fail(new SmtpError('mail server did not answer in time'));
    socket.destroy();
  });
  return (): Promise<Reply> => {
    const next = ready.shift();
    if (next) return Promise.resolve(next);
    if (failure) return Promise.reject(failure);
    return new Promise((resolve, reject) => {
      waiting = { resolve, reject };
    });
  };
}

/** "=?UTF-8?B?…?=" for a header with non-ASCII characters (RFC 2047), the text itself otherwise. */
export function encodeHeaderWord(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

/** The message as DATA sends it: headers, a blank line, the base64 body in 76-character lines, CRLF everywhere. */
export function formatMessage(from: string, message: MailMessage, date = new Date()): string {
  const domain = from.split('@')[1] ?? 'localhost';
  const body = Buffer.from(message.text.replace(/\r?\n/g, '\r\n'), 'utf8').toString('base64');
  const headers = [
    `From: ${from}`,
    `To: ${message.to.join(', ')}`,
    `Subject: ${encodeHeaderWord(message.subject)}`,
    `Date: ${date.toUTCString()}`,
    `Message-ID: <${randomUUID()}@${domain}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
  ];
  return [...headers, '', ...(body.match(/.{1,76}/g) ?? [])].join('\r\n');
}

export interface SendMailOptions {
  /** Per reply; default 30 s. */
  timeoutMs?: number;
}

/** Sends one message; resolves once the server accepted it (250 after DATA). @throws SmtpError */
export async function sendMail(config: SmtpConfig, message: MailMessage, options: SendMailOptions = {}) {
  if (message.to.length === 0) throw new SmtpError('no recipients');
  const socket = config.tls
    ? tls.connect({ host: config.host, port: config.port, servername: config.host })
    : net.connect({ host: config.host, port: config.port });
  socket.setTimeout(options.timeoutMs ?? 30_000);
  const nextReply = replyReader(socket);
  const expect = async (what: string, ...codes: number[]) => {
    const reply = await nextReply();
    if (!codes.includes(reply.code)) {
      throw new SmtpError(`mail server refused ${what}: ${reply.code} ${reply.text}`, reply.code);
    }
    return reply;
  };
  const command = async (line: string, what: string, ...codes: number[]) => {
    socket.write(`${line}\r\n`);
    return expect(what, ...codes);
  };
  try {
    await expect('the connection', 220);
    await command(`EHLO ${hostname() || 'localhost'}`, 'EHLO', 250);
    if (config.auth) {
      const credentials = Buffer.from(`\0${config.auth.user}\0${config.auth.password}`, 'utf8').toString('base64');
      await command(`AUTH PLAIN ${credentials}`, 'the login (AUTH PLAIN)', 235);
    }
    await command(`MAIL FROM:<${config.from}>`, `the sender ${config.from}`, 250);
    for (const recipient of message.to) await command(`RCPT TO:<${recipient}>`, `the recipient ${recipient}`, 250, 251);
    await command('DATA', 'DATA', 354);
    // Dot-stuffing (RFC 5321 4.5.2): a line starting with "." gets another; base64 lines never do, headers might.
    const data = formatMessage(config.from, message).replace(/^\./gm, '..');
    socket.write(`${data}\r\n.\r\n`);
    await expect('the message', 250);
    socket.write('QUIT\r\n');
    await nextReply().catch(() => undefined);
  } finally {
    socket.destroy();
  }
}
