// Tests the JSON body parser: JSON.parse semantics for valid bodies, line and column for invalid ones.
import { describe, expect, it } from 'vitest';
import { BridgeError } from '../errors/bridge-error';
import { lineAndColumn, parseJsonBody } from './json-body-parser';

function refusal(text: string) {
  try {
    parseJsonBody(text);
  } catch (error) {
    if (error instanceof BridgeError) return error.toBody();
    throw error;
  }
  throw new Error(`parsed: ${text}`);
}

describe('parseJsonBody', () => {
  it('parses as JSON.parse does: a BOM skipped, of duplicate keys the last', () => {
    expect(parseJsonBody('\ufeff{"a":1,"a":2}')).toEqual({ a: 2 });
    expect(parseJsonBody(' [1, "\\u0000"] ')).toEqual([1, '\u0000']);
  });

  it.each([
    ['{"a":}', 'line 1, column 6: expected a value'],
    ['{"a":1,}', 'line 1, column 8: expected a property name in double quotes'],
    ['{\n  "a": 1\n  "b": 2\n}', "line 3, column 3: expected ',' between the values"],
    ['[1, 2', "line 1, column 6: expected ']' to close the array"],
    [
      '{"a": tru}',
      'line 1, column 7: unexpected character; JSON takes strings in double quotes, numbers, true, false, null, objects and arrays',
    ],
    ['{"a": "x\ny"}', 'line 1, column 7: the string is not closed; a line break inside a string must be written \\n'],
    ['{"a": 1} // note', 'line 1, column 10: comments are not JSON'],
    ['{"a": "\\q"}', 'line 1, column 7: the escape is not one of \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX'],
    ['\r\n\r\n{"a": 01}', "line 3, column 8: expected ',' between the values"],
  ])('locates %j', (text, message) => {
    expect(refusal(text)).toEqual({
      code: 'invalid_json',
      message: `The body is not valid JSON: ${message}.`,
      details: [{ path: '(body)', rule: 'json_syntax', message }],
    });
  });

  it('refuses an empty body and prototype keys with their own rules', () => {
    expect(refusal('').details[0]?.rule).toBe('json_empty');
    expect(refusal('{"__proto__": {"admin": true}}').details[0]?.rule).toBe('forbidden_key');
    expect(refusal('{"constructor": {"prototype": {}}}').details[0]?.rule).toBe('forbidden_key');
  });

  it('counts lines by LF, CRLF and CR', () => {
    expect(lineAndColumn('a\nb\r\nc\rd', 7)).toEqual({ line: 4, column: 1 });
  });
});
