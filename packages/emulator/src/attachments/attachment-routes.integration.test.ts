import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPartner, createInvoice, salesInvoice } from '../../test/helpers/invoice-test-builders';
import { type MultipartPart, multipartBody } from '../../test/helpers/multipart-test-body';
import { startTestSession, type TestSession } from '../../test/helpers/test-session';
import { isValidAgainst } from '../http/contract-validator';
import type { Invoice } from '../state/contract-types';
import { MAX_ATTACHMENT_BYTES } from './attachment-files';

describe('/api/attachments', () => {
  let session: TestSession;
  let invoice: Invoice;

  beforeAll(async () => {
    session = await startTestSession();
    invoice = await createInvoice(session, salesInvoice(session, addPartner(session, 'CUSTOMER')));
  });
  afterAll(() => session.emulator.stop());

  function upload(meta: unknown, file: Uint8Array | undefined, fileName = 'lasku.pdf') {
    const form = new FormData();
    form.append('meta', new Blob([JSON.stringify(meta)], { type: 'application/json' }));
    if (file) form.append('file', new Blob([file as BlobPart]), fileName);
    return fetch(`${session.emulator.baseUrl}/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.token}` },
      body: form,
    });
  }
  const meta = (overrides: Record<string, unknown> = {}) => ({
    name: 'lasku.pdf',
    referenceType: 'INVOICE',
    referenceId: invoice.id,
    sendWithInvoice: true,
    ...overrides,
  });
  const pdf = new TextEncoder().encode('%PDF-1.4 test');
  function uploadParts(parts: MultipartPart[]) {
    const { contentType, body } = multipartBody(parts);
    return fetch(`${session.emulator.baseUrl}/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.token}`, 'content-type': contentType },
      body,
    });
  }
  const filePart: MultipartPart = { name: 'file', filename: 'lasku.pdf', contentType: 'application/pdf', content: pdf };

  it('uploads a PDF to an invoice, lists it on the invoice and downloads it as multipart/mixed', async () => {
    const response = await upload(meta(), pdf);
    expect(response.status).toBe(200);
    const stored = await response.json();
    expect(isValidAgainst('Attachment', stored)).toEqual({ valid: true, errors: [] });
    expect(stored.mimeType).toBe('application/pdf');
    const withAttachment = (await (await session.api(`/invoices/${invoice.id}`)).json()) as Invoice;
    expect(withAttachment.attachments!.map((a) => a.id)).toEqual([stored.id]);

    const download = await session.api(`/attachments/${stored.id}`);
    expect(download.status).toBe(200);
    const contentType = download.headers.get('content-type')!;
    expect(contentType).toMatch(/^multipart\/mixed; boundary=/);
    const parsed = await new Response(await download.arrayBuffer(), {
      headers: { 'content-type': contentType.replace('multipart/mixed', 'multipart/form-data') },
    }).formData();
    expect(JSON.parse(String(parsed.get('meta')))).toEqual(stored);
    expect(new Uint8Array(await (parsed.get('file') as Blob).arrayBuffer())).toEqual(pdf);
  });

  it('searches, renames keeping the extension, and deletes', async () => {
    const stored = await (await upload(meta({ name: 'liite.pdf' }), pdf)).json();
    const search = await (
      await session.api(`/attachments?referenceId=${invoice.id}&name=liite&type=SALES_INVOICE`)
    ).json();
    expect(isValidAgainst('AttachmentSearchResult', search)).toEqual({ valid: true, errors: [] });
    expect(search.results.map((d: { attachmentId: number }) => d.attachmentId)).toEqual([stored.id]);
    expect(search.results[0].size).toBe(pdf.length);

    const renamed = await session.api(`/attachments/${stored.id}`, { method: 'PATCH', body: { name: 'uusi.pdf' } });
    expect((await renamed.json()).name).toBe('uusi.pdf');
    expect(
      (await session.api(`/attachments/${stored.id}`, { method: 'PATCH', body: { name: 'uusi.png' } })).status,
    ).toBe(400);

    expect((await session.api(`/attachments/${stored.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await session.api(`/attachments/${stored.id}`)).status).toBe(404);
  });

  it('refuses a file over 10,000,000 bytes', async () => {
    const response = await upload(meta(), new Uint8Array(MAX_ATTACHMENT_BYTES + 1));
    expect(response.status).toBe(400);
    expect((await response.json()).errors[0]).toMatchObject({ field: 'file', message: 'File size too big.' });
    expect((await upload(meta(), new Uint8Array(MAX_ATTACHMENT_BYTES))).status).toBe(200);
  });

  it('refuses missing parts, unknown references, a non-PDF on a sales invoice and a bad sendWithInvoice', async () => {
    const missingFile = await upload(meta(), undefined);
    expect((await missingFile.json()).errors.map((e: { field: string }) => e.field)).toContain('file');
    const unknown = await upload(meta({ referenceId: 999_999 }), pdf);
    expect((await unknown.json()).errors[0].field).toBe('meta.referenceId');
    const png = await upload(meta({ name: 'kuva.png' }), pdf);
    expect((await png.json()).errors[0].field).toBe('meta.name');
    const missingField = await upload({ name: 'x.pdf', referenceType: 'INVOICE', referenceId: invoice.id }, pdf);
    expect((await missingField.json()).errors[0]).toMatchObject({
      field: 'meta.sendWithInvoice',
      message: 'must not be null',
    });
    const enumValue = await upload(meta({ referenceType: 'NOPE' }), pdf);
    expect((await enumValue.json()).errors[0].field).toBe('meta.referenceType');
  });

  it('accepts meta as a JSON-typed form field, a plain field, or a file part typed JSON, text or nothing', async () => {
    const shapes: Array<[string, Omit<MultipartPart, 'name' | 'content'>]> = [
      // The public TypeScript client generated from Procountor's spec: a field with its own Content-Type, no filename.
      ['a form field typed application/json', { contentType: 'application/json' }],
      ['a form field typed application/json; charset=utf-8', { contentType: 'application/json; charset=utf-8' }],
      ['a plain form field', {}],
      ['a file part typed application/json', { contentType: 'application/json', filename: 'meta.json' }],
      ['a file part typed text/plain', { contentType: 'text/plain', filename: 'meta.txt' }],
      ['a file part without a type', { filename: 'blob' }],
    ];
    for (const [label, shape] of shapes) {
      const name = `${label.replace(/[^a-z]+/gi, '-')}.pdf`;
      const response = await uploadParts([
        { name: 'meta', ...shape, content: JSON.stringify(meta({ name })) },
        filePart,
      ]);
      expect(response.status, label).toBe(200);
      expect((await response.json()).name, label).toBe(name);
    }
  });

  it('answers 400 on meta for a meta part that is not JSON, however it is typed', async () => {
    for (const shape of [{ contentType: 'application/json' }, {}, { filename: 'meta.json' }]) {
      const response = await uploadParts([{ name: 'meta', ...shape, content: '{"name": ' }, filePart]);
      expect(response.status).toBe(400);
      expect((await response.json()).errors[0].field).toBe('meta');
    }
  });
});
