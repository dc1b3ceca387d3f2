import { describe, expect, it } from 'vitest';
import { decodeErrorBody } from './decode-error-body';
import { explainProcountorCode, PROCOUNTOR_ERROR_EXPLANATIONS } from './error-explanations';
import {
  createProcountorError,
  ProcountorAuthenticationError,
  ProcountorBadRequestError,
  ProcountorError,
  ProcountorNotFoundError,
  ProcountorPermissionDeniedError,
  ProcountorRateLimitError,
  ProcountorServerError,
} from './procountor-error';

const init = (status: number, rawBody = '') => ({ status, method: 'GET', path: '/x', rawBody });

describe('createProcountorError', () => {
  it('picks the class from the status', () => {
    expect(createProcountorError(init(400))).toBeInstanceOf(ProcountorBadRequestError);
    expect(createProcountorError(init(401))).toBeInstanceOf(ProcountorAuthenticationError);
    expect(createProcountorError(init(403))).toBeInstanceOf(ProcountorPermissionDeniedError);
    expect(createProcountorError(init(404))).toBeInstanceOf(ProcountorNotFoundError);
    expect(createProcountorError(init(429))).toBeInstanceOf(ProcountorRateLimitError);
    expect(createProcountorError(init(504))).toBeInstanceOf(ProcountorServerError);
    const other = createProcountorError(init(409));
    expect(other).toBeInstanceOf(ProcountorError);
    expect(other.name).toBe('ProcountorError');
  });

  it('explains the 401 body in English and Finnish', () => {
    const error = createProcountorError(init(401, '{"errors":[{"status":401,"message":"Unauthorized"}]}'));
    expect(error.codes).toEqual(['Unauthorized']);
    expect(error.explanation).toEqual(PROCOUNTOR_ERROR_EXPLANATIONS.Unauthorized);
  });

  it('explains by status when no code is known', () => {
    expect(createProcountorError(init(404, 'not json')).explanation.en).toContain('did not find');
  });
});

describe('decodeErrorBody', () => {
  it('keeps free-text messages without inventing a code', () => {
    expect(
      decodeErrorBody('{"errors":[{"status":400,"field":"deliveryAddress.country","message":"cannot be blank"}]}'),
    ).toEqual([{ status: 400, field: 'deliveryAddress.country', message: 'cannot be blank' }]);
  });

  it('reads OAuth-style token errors', () => {
    expect(decodeErrorBody('{"error":"invalid_client","error_description":"Bad credentials"}')).toEqual([
      { message: 'Bad credentials', code: 'invalid_client' },
    ]);
  });

  it('returns no entries for HTML or empty bodies', () => {
    expect(decodeErrorBody('<html>500</html>')).toEqual([]);
    expect(decodeErrorBody('')).toEqual([]);
  });
});

describe('error explanations', () => {
  it('cover every code Procountor is known to return, in both languages', () => {
    for (const code of [
      'ERROR_OPERATOR',
      'CLOSED_FISCAL_PERIOD',
      'ERROR_BRN_CODE',
      'ERROR_LEDGERACCOUNT_VATPERCENTAGE_COMBINATION',
      'ERROR_VATSTATUS_VATPERC',
      'DIMENSION_OR_DIMENSION_ITEM_IDENTIFIERS_DOES_NOT_MATCH_THOSE_STORED_IN_DATABASE',
      'DUE_DATE_BEFORE_BILL_DATE',
      'OVT_NOT_ALLOWED',
      'INVALID_OVT',
      'UNABLE_TO_GET_CONNECTION',
      'Unauthorized',
    ]) {
      const explanation = explainProcountorCode(code);
      expect(explanation?.en, code).toBeTruthy();
      expect(explanation?.fi, code).toBeTruthy();
    }
    expect(explainProcountorCode('toString')).toBeUndefined();
  });
});
