// The bridge's application/json body parser: JSON.parse semantics (a BOM is skipped, of duplicate keys the last
// wins), no __proto__ or constructor.prototype keys (secure-json-parse, as Fastify), and for a body that is not JSON
// a 400 invalid_json naming the line and column. Node 20's JSON.parse often says no position, so jsonc-parser,
// run with comments and trailing commas refused, finds it.
import { type ParseError, parse as parseTolerantly, printParseErrorCode } from 'jsonc-parser';
import secureJson from 'secure-json-parse';
import { BridgeError } from '../errors/bridge-error';
import type { BridgeApp } from './bridge-app';

/** 400 invalid_json: the body is not JSON; nothing was read from it. */
export class InvalidJsonError extends BridgeError {
  override name = 'InvalidJsonError';
  constructor(rule: string, where: string, problem: string, options?: { cause?: unknown }) {
    super(
      400,
      'invalid_json',
      `The body is not valid JSON: ${where}${problem}.`,
      [{ path: '(body)', rule, message: `${where}${problem}` }],
      options,
    );
  }
}

const PROBLEMS: Partial<Record<string, string>> = {
  InvalidSymbol:
    'unexpected character; JSON takes strings in double quotes, numbers, true, false, null, objects and arrays',
  InvalidNumberFormat: 'the number is not written as JSON writes numbers',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: "expected ':' after the property name",
  CommaExpected: "expected ',' between the values",
  CloseBraceExpected: "expected '}' to close the object",
  CloseBracketExpected: "expected ']' to close the array",
  EndOfFileExpected: 'unexpected text after the JSON value',
  InvalidCommentToken: 'comments are not JSON',
  UnexpectedEndOfComment: 'comments are not JSON',
  UnexpectedEndOfString: 'the string is not closed; a line break inside a string must be written \\n',
  UnexpectedEndOfNumber: 'the number is not complete',
  InvalidUnicode: 'the \\u escape needs four hexadecimal digits',
  InvalidEscapeCharacter: 'the escape is not one of \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX',
  InvalidCharacter: 'a control character inside a string must be escaped (\\n, \\t, \\u0000…)',
};

/** 1-based line and column (in UTF-16 code units, as editors count them) of `offset` in `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset && index < text.length; index += 1) {
    if (text[index] === '\n') {
      line += 1;
      lineStart = index + 1;
    } else if (text[index] === '\r' && text[index + 1] !== '\n') {
      line += 1;
      lineStart = index + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Why `text` (JSON.parse refused it) is not JSON, located by jsonc-parser, or by the position V8 named. */
function syntaxErrorOf(text: string, cause: unknown): InvalidJsonError {
  const errors: ParseError[] = [];
  parseTolerantly(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  const v8Position = /at position (\d+)/.exec((cause as Error)?.message ?? '')?.[1];
  const offset = first?.offset ?? (v8Position === undefined ? undefined : Number(v8Position));
  const where = offset === undefined ? '' : describePosition(text, offset);
  const problem = first
    ? (PROBLEMS[printParseErrorCode(first.error)] ?? printParseErrorCode(first.error))
    : ((cause as Error)?.message ?? 'not JSON');
  return new InvalidJsonError('json_syntax', where, problem, { cause });
}

function describePosition(text: string, offset: number): string {
  const { line, column } = lineAndColumn(text, offset);
  return `line ${line}, column ${column}: `;
}

const FORBIDDEN_KEY = /forbidden prototype property/;

/** The parsed body; throws InvalidJsonError. */
export function parseJsonBody(text: string): unknown {
  if (text.length === 0 || (text.length === 1 && text.charCodeAt(0) === 0xfeff)) {
    throw new InvalidJsonError('json_empty', '', 'the body is empty; send a JSON document, or no Content-Type');
  }
  try {
    return secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (error) {
    if (error instanceof SyntaxError && FORBIDDEN_KEY.test(error.message)) {
      throw new InvalidJsonError(
        'forbidden_key',
        '',
        'a "__proto__" or "constructor": { "prototype" } key could change how the bridge reads the document; remove it',
        { cause: error },
      );
    }
    throw syntaxErrorOf(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, error);
  }
}

/** Replaces Fastify's JSON parser with parseJsonBody. */
export function installJsonBodyParser(app: BridgeApp): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}
