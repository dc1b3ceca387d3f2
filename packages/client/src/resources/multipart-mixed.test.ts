import { describe, expect, it } from 'vitest';
import { multipartBoundary, parseMultipart } from './multipart-mixed';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array) => new TextDecoder().decode(data);

describe('multipartBoundary', () => {
  it('reads quoted and bare boundaries, and ignores other types', () => {
    expect(multipartBoundary('multipart/mixed; boundary="a b"')).toBe('a b');
    expect(multipartBoundary('multipart/mixed;boundary=xyz; charset=utf-8')).toBe('xyz');
    expect(multipartBoundary('application/json')).toBeUndefined();
    expect(multipartBoundary(null)).toBeUndefined();
  });
});

describe('parseMultipart', () => {
  it('splits parts with CRLF line ends, ignoring preamble and epilogue', () => {
    const body = bytes(
      'preamble\r\n--b\r\nContent-Type: application/json\r\n\r\n{"id":1}\r\n--b\r\n\r\nraw\r\n--b--\r\nepilogue',
    );
    const parts = parseMultipart(body, 'b');
    expect(parts.map((p) => [p.headers, text(p.body)])).toEqual([
      [{ 'content-type': 'application/json' }, '{"id":1}'],
      [{}, 'raw'],
    ]);
  });

  it('accepts LF-only line ends', () => {
    const parts = parseMultipart(bytes('--b\nContent-Type: text/plain\n\nhello\n--b--\n'), 'b');
    expect(parts.map((p) => text(p.body))).toEqual(['hello']);
  });

  it('throws on a body without the closing delimiter', () => {
    expect(() => parseMultipart(bytes('--b\r\n\r\nhalf'), 'b')).toThrow('closing delimiter');
  });
});
