import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AttachmentTooLargeError, MAX_ATTACHMENT_BYTES } from '../src';
import { createTestClient, type FakeProcountor, sendJson, startFakeProcountor } from './fake-procountor';

const meta = {
  name: 'invoice-1001.pdf',
  referenceType: 'INVOICE',
  referenceId: 55,
  mimeType: 'application/pdf',
  sendWithInvoice: true,
} as const;

describe('attachments', () => {
  let fake: FakeProcountor;
  beforeEach(async () => {
    fake = await startFakeProcountor();
  });
  afterEach(() => fake.close());

  it('refuses a file over 10,000,000 bytes before any request, token request included', async () => {
    const client = createTestClient(fake);
    const file = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
    const error = await client.attachments.upload({ meta, file }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AttachmentTooLargeError);
    expect((error as AttachmentTooLargeError).message).toContain('invoice-1001.pdf');
    expect(fake.requests).toHaveLength(0);
  });

  it('uploads multipart/form-data with a JSON part `meta` and a part `file`', async () => {
    fake.route('POST', '/attachments', async (req, res) => {
      // Parse the body the way a server would, with the platform's multipart parser.
      const form = await new Request('http://x/', {
        method: 'POST',
        headers: { 'content-type': String(req.headers['content-type']) },
        body: new Uint8Array(req.body),
      }).formData();
      const metaPart = form.get('meta') as File;
      const filePart = form.get('file') as File;
      sendJson(res, 200, {
        id: 900,
        metaType: metaPart.type,
        meta: JSON.parse(await metaPart.text()),
        fileName: filePart.name,
        fileType: filePart.type,
        fileBytes: [...new Uint8Array(await filePart.arrayBuffer())],
      });
    });
    const client = createTestClient(fake);
    const answer = (await client.attachments.upload({ meta, file: new Uint8Array([37, 80, 68, 70]) })) as Record<
      string,
      unknown
    >;
    expect(fake.apiRequests()[0]?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(answer).toEqual({
      id: 900,
      metaType: 'application/json',
      meta,
      fileName: 'invoice-1001.pdf',
      fileType: 'application/pdf',
      fileBytes: [37, 80, 68, 70],
    });
  });

  it('parses the multipart/mixed download into metadata and the exact file bytes', async () => {
    const fileBytes = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x0d, 0x0a, 0x2d, 0x2d, 0x00, 0xff]);
    fake.route('GET', '/attachments/900', (_, res) => {
      const boundary = 'procountor-boundary-42';
      res.writeHead(200, { 'content-type': `multipart/mixed; boundary="${boundary}"` });
      res.end(
        Buffer.concat([
          Buffer.from(`--${boundary}\r\nContent-Type: application/json\r\n\r\n`),
          Buffer.from(JSON.stringify({ id: 900, ...meta })),
          Buffer.from(`\r\n--${boundary}\r\nContent-Type: application/pdf\r\n`),
          Buffer.from('Content-Disposition: attachment; filename="invoice-1001.pdf"\r\n\r\n'),
          fileBytes,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]),
      );
    });
    const client = createTestClient(fake);
    const download = await client.attachments.download(900);
    expect(download.meta).toEqual({ id: 900, ...meta });
    expect(download.contentType).toBe('application/pdf');
    expect([...download.bytes]).toEqual([...fileBytes]);
    expect(fake.apiRequests()[0]?.headers.accept).toContain('multipart/mixed');
  });
});
