// Attachment content: strict base64, the size limit and the declared type's signature.
import { describe, expect, it } from 'vitest';
import { attachmentContentProblems, decodedBase64Bytes } from './attachment-content';

const b64 = (bytes: Buffer | string) => Buffer.from(bytes).toString('base64');
const rulesOf = (content: string, mediaType: string) =>
  attachmentContentProblems('a', content, mediaType).map((problem) => problem.rule);

describe('decodedBase64Bytes', () => {
  it('counts the bytes of strict base64 and refuses what Buffer.from would silently skip', () => {
    expect(decodedBase64Bytes('JVBERi0x')).toBe(6);
    expect(decodedBase64Bytes('JVBERi0xLg==')).toBe(7);
    expect(decodedBase64Bytes('JVBE\nRi0x')).toBe(6);
    for (const bad of ['JVBERi0', 'JVB*Ri0x', 'JV=ERi0x', 'JVBERi0x===', 'JVBE Ri0x', '-_-_']) {
      expect(decodedBase64Bytes(bad)).toBeUndefined();
    }
  });
});

describe('attachmentContentProblems', () => {
  it('accepts each type with its own signature', () => {
    expect(rulesOf(b64('%PDF-1.7\n...'), 'application/pdf')).toEqual([]);
    expect(rulesOf(b64(Buffer.from([0xff, 0xd8, 0xff, 0xdb])), 'image/jpeg')).toEqual([]);
    expect(rulesOf(b64('GIF87a....'), 'image/gif')).toEqual([]);
    expect(rulesOf(b64(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])), 'image/png')).toEqual([]);
    expect(rulesOf(b64('any text'), 'text/plain')).toEqual([]);
  });

  it('refuses content of another type than declared, and content that is not base64', () => {
    expect(rulesOf(b64('GIF89a....'), 'application/pdf')).toEqual(['attachment_content_type']);
    expect(rulesOf(b64('%PDF-1.7'), 'image/jpeg')).toEqual(['attachment_content_type']);
    expect(rulesOf(b64(Buffer.from([0xff, 0xd8, 0xff])), 'image/gif')).toEqual(['attachment_content_type']);
    expect(rulesOf('%PDF-1.7', 'application/pdf')).toEqual(['base64']);
  });
});
