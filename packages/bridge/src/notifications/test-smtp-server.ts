// Test-only (imported by tests only): a tiny SMTP server on node:net that records each message it accepts.
import net from 'node:net';

export interface ReceivedMail {
  from: string;
  to: string[];
  /** AUTH PLAIN's user, when the client logged in. */
  user?: string;
  /** The raw DATA, dot-stuffing undone. */
  data: string;
  /** Header values by lower-case name (first occurrence). */
  headers: Record<string, string>;
  /** The body, base64 decoded when the message says so. */
  text: string;
}

export interface TestSmtpServer {
  port: number;
  received: ReceivedMail[];
  /** The next `count` messages are refused at MAIL FROM with 451 (a temporary failure). */
  refuseNext(count: number): void;
  /** Resolves when `count` messages in total have been received. */
  waitForMessages(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

function parseMessage(data: string): Pick<ReceivedMail, 'headers' | 'text'> {
  const [head = '', ...rest] = data.split('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).toLowerCase();
    if (colon > 0 && headers[name] === undefined) headers[name] = line.slice(colon + 1).trim();
  }
  const body = rest.join('\r\n\r\n');
  const text =
    headers['content-transfer-encoding'] === 'base64'
      ? Buffer.from(body.replace(/\r\n/g, ''), 'base64').toString('utf8')
      : body;
  const subject = headers.subject ?? '';
  const encoded = /^=\?UTF-8\?B\?(.*)\?=$/i.exec(subject);
  if (encoded) headers.subject = Buffer.from(encoded[1]!, 'base64').toString('utf8');
  return { headers, text: text.replace(/\r\n/g, '\n') };
}

export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  let refuse = 0;
  const waiters: Array<() => void> = [];
  const server = net.createServer((socket) => {
    socket.setEncoding('utf8');
    let buffer = '';
    let mail: { from: string; to: string[]; user?: string } | undefined;
    let user: string | undefined;
    let inData = false;
    let dataLines: string[] = [];
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply('220 test-smtp ready');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            const data = dataLines.join('\r\n');
            received.push({ ...mail!, data, ...parseMessage(data) });
            mail = undefined;
            dataLines = [];
            reply('250 2.0.0 queued');
            for (const wake of waiters.splice(0)) wake();
          } else dataLines.push(line.startsWith('..') ? line.slice(1) : line);
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') reply('250-test-smtp\r\n250 AUTH PLAIN');
        else if (verb === 'AUTH') {
          const decoded = Buffer.from(line.split(' ')[2] ?? '', 'base64').toString('utf8');
          user = decoded.split('\0')[1];
          reply('235 2.7.0 authenticated');
        } else if (verb === 'MAIL') {
          if (refuse > 0) {
            refuse -= 1;
            reply('451 4.3.0 try again later');
          } else {
            mail = { from: /<(.*)>/.exec(line)?.[1] ?? '', to: [], ...(user ? { user } : {}) };
            reply('250 2.1.0 ok');
          }
        } else if (verb === 'RCPT') {
          mail?.to.push(/<(.*)>/.exec(line)?.[1] ?? '');
          reply('250 2.1.5 ok');
        } else if (verb === 'DATA') {
          inData = true;
          reply('354 end with <CRLF>.<CRLF>');
        } else if (verb === 'QUIT') {
          reply('221 2.0.0 bye');
          socket.end();
        } else reply('502 5.5.2 not implemented');
      }
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    received,
    refuseNext(count) {
      refuse = count;
    },
    async waitForMessages(count, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} e-mails, got ${received.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
