// The mail transport against real SMTP servers started here (smtp-server): what arrives, STARTTLS with certificate
// verification off and on, implicit TLS, logins, one pooled connection, and which failures are transient.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmtpTestServer, startSmtpTestServer } from '../../test/helpers/smtp-test-server';
import type { SmtpConfig } from '../config/load-config';
import { createMailTransport, isTransientMailError, type MailMessage } from './mail-transport';

const message: MailMessage = {
  to: ['kirjanpito@example.fi', 'toinen@example.fi'],
  subject: 'Siirto epäonnistui: lasku 1001',
  text: 'Rivi 1\n.piste alussa\nÄäkköset: åäö €',
};

/** Sends one message through a transport of its own, closed afterwards. */
async function sendOnce(config: SmtpConfig, mail: MailMessage = message) {
  const transport = createMailTransport(config);
  try {
    await transport.send(mail);
  } finally {
    transport.close();
  }
}

describe('createMailTransport', () => {
  const servers: SmtpTestServer[] = [];
  let plain: SmtpTestServer;
  let starttls: SmtpTestServer;
  let implicit: SmtpTestServer;
  let withLogin: SmtpTestServer;
  let caDir: string;
  let caFile: string;
  const base = (server: SmtpTestServer): SmtpConfig => ({
    host: '127.0.0.1',
    port: server.port,
    tls: false,
    from: 'bridge@example.fi',
  });

  beforeAll(async () => {
    [plain, starttls, implicit, withLogin] = await Promise.all([
      startSmtpTestServer({ tls: 'none' }),
      startSmtpTestServer({ tls: 'starttls' }),
      startSmtpTestServer({ tls: 'implicit' }),
      startSmtpTestServer({ tls: 'starttls', users: { bridge: 'salasana' } }),
    ]);
    servers.push(plain, starttls, implicit, withLogin);
    caDir = await mkdtemp(path.join(tmpdir(), 'bridge-smtp-ca-'));
    caFile = path.join(caDir, 'ca.pem');
    await writeFile(caFile, starttls.certificate);
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
    if (caDir) await rm(caDir, { recursive: true, force: true });
  });

  it('delivers one message to every recipient: sender, UTF-8 subject and text, a line starting with a dot', async () => {
    await sendOnce(base(plain));
    const [mail] = await plain.waitForMessages(1);
    expect(mail).toMatchObject({
      from: 'bridge@example.fi',
      to: ['kirjanpito@example.fi', 'toinen@example.fi'],
      user: undefined,
      secure: false,
    });
    expect(mail!.parsed.subject).toBe('Siirto epäonnistui: lasku 1001');
    expect(mail!.parsed.text?.trimEnd()).toBe('Rivi 1\n.piste alussa\nÄäkköset: åäö €');
    expect(mail!.parsed.headers.get('to')).toMatchObject({ text: 'kirjanpito@example.fi, toinen@example.fi' });
    expect(mail!.parsed.headers.get('content-type')).toMatchObject({
      value: 'text/plain',
      params: { charset: 'utf-8' },
    });
  });

  it('upgrades with STARTTLS when offered, and refuses a certificate it cannot verify', async () => {
    const refused = await sendOnce(base(starttls)).catch((error) => error);
    expect(refused).toBeInstanceOf(Error);
    expect(refused.message).toMatch(/self[- ]signed certificate/i);
    expect(isTransientMailError(refused)).toBe(false);
    expect(starttls.received).toHaveLength(0);

    await sendOnce({ ...base(starttls), rejectUnauthorized: false });
    expect((await starttls.waitForMessages(1))[0]).toMatchObject({ secure: true, to: message.to });
  });

  it('verifies the certificate against SMTP_TLS_CA_FILE', async () => {
    const before = starttls.received.length;
    await sendOnce({ ...base(starttls), caFile, starttls: 'required' });
    expect((await starttls.waitForMessages(before + 1))[before]).toMatchObject({ secure: true });
  });

  it('with STARTTLS required, sends nothing to a server that does not offer it; never stays plain', async () => {
    const refused = await sendOnce({ ...base(plain), starttls: 'required' }).catch((error) => error);
    expect(refused).toBeInstanceOf(Error);
    expect(refused.message).toMatch(/STARTTLS/);

    const before = starttls.received.length;
    await sendOnce({ ...base(starttls), starttls: 'never' });
    expect((await starttls.waitForMessages(before + 1))[before]).toMatchObject({ secure: false });
  });

  it('speaks TLS from the first byte with SMTP_TLS (SMTPS)', async () => {
    const implicitCa = path.join(caDir, 'implicit.pem');
    await writeFile(implicitCa, implicit.certificate);
    await sendOnce({ ...base(implicit), tls: true, caFile: implicitCa });
    expect((await implicit.waitForMessages(1))[0]).toMatchObject({ secure: true, from: 'bridge@example.fi' });
  });

  it('logs in when a user is set, and a refused login is no transient failure', async () => {
    const loginConfig = { ...base(withLogin), rejectUnauthorized: false };
    await sendOnce({ ...loginConfig, auth: { user: 'bridge', password: 'salasana' } });
    expect((await withLogin.waitForMessages(1))[0]).toMatchObject({ user: 'bridge', secure: true });

    const refused = await sendOnce({ ...loginConfig, auth: { user: 'bridge', password: 'väärä' } }).catch((e) => e);
    expect(refused).toMatchObject({ code: 'EAUTH', responseCode: 535 });
    expect(isTransientMailError(refused)).toBe(false);

    const anonymous = await sendOnce(loginConfig).catch((error) => error);
    expect(anonymous).toBeInstanceOf(Error);
    expect(withLogin.received).toHaveLength(1);
  });

  it('reuses one pooled connection for messages sent one after another', async () => {
    const transport = createMailTransport(base(plain));
    const connectionsBefore = plain.connections();
    const before = plain.received.length;
    try {
      for (const subject of ['first', 'second', 'third']) await transport.send({ ...message, subject });
    } finally {
      transport.close();
    }
    const arrived = (await plain.waitForMessages(before + 3)).slice(before);
    expect(arrived.map((mail) => mail.parsed.subject)).toEqual(['first', 'second', 'third']);
    expect(plain.connections() - connectionsBefore).toBe(1);
  });

  it('calls a 4xx refusal and a failed connection transient', async () => {
    plain.refuseNext(1);
    const refused = await sendOnce(base(plain)).catch((error) => error);
    expect(refused).toMatchObject({ responseCode: 451 });
    expect(isTransientMailError(refused)).toBe(true);

    const closed = await startSmtpTestServer({ tls: 'none' });
    await closed.close();
    const unreachable = await sendOnce(base(closed)).catch((error) => error);
    expect(unreachable).toMatchObject({ code: 'ESOCKET', originalCode: 'ECONNREFUSED' });
    expect(isTransientMailError(unreachable)).toBe(true);
    expect(isTransientMailError({ responseCode: 550 })).toBe(false);
  });
});
