// Parses a multipart/mixed body (GET /attachments/{id} answers metadata JSON + file bytes this way).

export interface MultipartPart {
  /** Part headers, names in lower case. */
  headers: Record<string, string>;
  body: Uint8Array;
}

/** The boundary parameter of a multipart Content-Type, or undefined. */
export function multipartBoundary(contentType: string | null): string | undefined {
  if (contentType === null || !/^multipart\//i.test(contentType.trim())) return undefined;
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  outer: for (let i = from; i <= haystack.length - needle.length; i += 1) {
    for (let j = 0; j < needle.length; j += 1) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

const CR = 13;
const LF = 10;

/** Index just past the line end at `at` (CRLF or LF), or `at` when there is none. */
function skipLineEnd(bytes: Uint8Array, at: number): number {
  if (bytes[at] === CR && bytes[at + 1] === LF) return at + 2;
  if (bytes[at] === LF) return at + 1;
  return at;
}

function parseHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** Where a part's headers end and its body starts: after the first empty line (a part may have no headers). */
function splitHeaders(part: Uint8Array): [number, number] {
  const emptyFirstLine = skipLineEnd(part, 0);
  if (emptyFirstLine > 0) return [0, emptyFirstLine];
  for (let i = 0; i < part.length; i += 1) {
    if (part[i] !== LF) continue;
    const next = skipLineEnd(part, i + 1);
    if (next > i + 1) return [i + 1, next];
  }
  return [part.length, part.length];
}

/**
 * Splits a multipart body at `--boundary` delimiters (RFC 2046 section 5.1.1). Line ends may be CRLF or LF; the
 * line end before each delimiter belongs to the delimiter, so part bodies keep their bytes exactly.
 */
export function parseMultipart(bytes: Uint8Array, boundary: string): MultipartPart[] {
  const encoder = new TextEncoder();
  const delimiter = encoder.encode(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let start = indexOf(bytes, delimiter, 0);
  if (start < 0) throw new Error(`multipart body has no '--${boundary}' delimiter`);
  for (;;) {
    let cursor = start + delimiter.length;
    if (bytes[cursor] === 45 && bytes[cursor + 1] === 45) break; // "--": the closing delimiter.
    while (bytes[cursor] === 32 || bytes[cursor] === 9) cursor += 1; // transport padding
    cursor = skipLineEnd(bytes, cursor);
    const next = indexOf(bytes, delimiter, cursor);
    if (next < 0) throw new Error('multipart body ends without its closing delimiter');
    let end = next;
    if (bytes[end - 1] === LF) end -= bytes[end - 2] === CR ? 2 : 1;
    const part = bytes.subarray(cursor, Math.max(cursor, end));
    const [headerEnd, bodyStart] = splitHeaders(part);
    parts.push({
      headers: parseHeaders(new TextDecoder().decode(part.subarray(0, headerEnd))),
      body: part.slice(bodyStart),
    });
    start = next;
  }
  return parts;
}
