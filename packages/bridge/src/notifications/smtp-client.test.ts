// The SMTP client against a tiny SMTP server in this process: what it sends, logging in, and refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SmtpConfig } from '../config/load-config';
import { encodeHeaderWord, SmtpError, sendMail } from './smtp-client';
import { startTestSmtpServer, type TestSmtpServer } from './test-smtp-server';

describe('sendMail', () => {
  let server: TestSmtpServer;
  let config: SmtpConfig;
  beforeAll(async () => {
    server = await startTestSmtpServer();
    config = { host: '127.0.0.1', port: server.port, tls: false, from: 'bridge@example.fi' };
  });
  afterAll(() => server.close());

  it('delivers one message to every recipient: sender, UTF-8 subject and text, lines starting with a dot', async () => {
    const before = server.received.length;
    await sendMail(config, {
      to: ['kirjanpito@example.fi', 'toinen@example.fi'],
      subject: 'Siirto epäonnistui: lasku 1001',
      text: 'Rivi 1\n.piste alussa\nÄäkköset: åäö €',
    });
    const [mail] = server.received.slice(before);
    expect(mail).toMatchObject({
      from: 'bridge@example.fi',
      to: ['kirjanpito@example.fi', 'toinen@example.fi'],
      text: 'Rivi 1\n.piste alussa\nÄäkköset: åäö €',
    });
    expect(mail?.headers.subject).toBe('Siirto epäonnistui: lasku 1001');
    expect(mail?.headers.to).toBe('kirjanpito@example.fi, toinen@example.fi');
    expect(mail?.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(mail?.user).toBeUndefined();
  });

  it('logs in with AUTH PLAIN when a user and password are set', async () => {
    const before = server.received.length;
    await sendMail(
      { ...config, auth: { user: 'bridge', password: 'salasana' } },
      { to: ['a@example.fi'], subject: 'Hello', text: 'Hi' },
    );
    expect(server.received[before]?.user).toBe('bridge');
  });

  it('throws SmtpError with the reply code when the server refuses, and sends nothing', async () => {
    const before = server.received.length;
    server.refuseNext(1);
    const error = await sendMail(config, { to: ['a@example.fi'], subject: 'x', text: 'y' }).catch((e) => e);
    expect(error).toBeInstanceOf(SmtpError);
    expect(error).toMatchObject({ replyCode: 451 });
    expect(error.message).toContain('refused the sender bridge@example.fi: 451');
    expect(server.received.length).toBe(before);
  });

  it('throws SmtpError when no server listens', async () => {
    const closed = await startTestSmtpServer();
    await closed.close();
    await expect(
      sendMail({ ...config, port: closed.port }, { to: ['a@example.fi'], subject: 'x', text: 'y' }),
    ).rejects.toThrow(/mail server connection failed/);
  });

  it('encodes only headers that need it', () => {
    expect(encodeHeaderWord('Plain ASCII')).toBe('Plain ASCII');
    expect(encodeHeaderWord('Ä')).toBe(`=?UTF-8?B?${Buffer.from('Ä').toString('base64')}?=`);
  });
});
