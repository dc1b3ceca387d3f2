// The console has a Finnish and an English text for every code the bridge defines, read from the bridge's own
// constants; a code it does not know shows the API's message.
import { describe, expect, it } from 'vitest';
import { API_ERROR_CODES } from '../../bridge/src/errors/api-error-codes';
import { TRANSFER_EVENT_KINDS } from '../../bridge/src/storage/tables/transfer-tables';
import { TRANSFER_FAILURE_CODES } from '../../bridge/src/transfers/transfer-failure-codes';
import { SALES_INVOICE_STEPS } from '../../bridge/src/transfers/transfer-states';
import {
  EXPENSE_DOCUMENT_KINDS,
  type ExpenseDocumentKind,
} from '../../bridge/src/travel-and-expenses/expense-document-schema';
import { expenseStepNames } from '../../bridge/src/travel-and-expenses/expense-step-plan';
import {
  API_ERROR_TEXTS,
  apiErrorText,
  type InBothLanguages,
  STEP_NAMES,
  stepName,
  TIMELINE_KIND_NAMES,
  TRANSFER_FAILURE_TEXTS,
  timelineKindName,
  transferFailureText,
} from './api-code-texts';

/** Every step any transfer kind walks: sales and credit invoices, then each expense document kind. */
const BRIDGE_STEPS = [
  ...new Set([
    ...SALES_INVOICE_STEPS,
    ...(Object.keys(EXPENSE_DOCUMENT_KINDS) as ExpenseDocumentKind[]).flatMap((kind) => expenseStepNames(kind)),
  ]),
];

/** Both languages written, and the Finnish one not a copy of the English. */
const expectBothLanguages = (texts: InBothLanguages) => {
  expect(texts.fi.trim()).not.toBe('');
  expect(texts.en.trim()).not.toBe('');
  expect(texts.fi).not.toBe(texts.en);
};

describe('the texts of the codes the bridge sends', () => {
  it.each(BRIDGE_STEPS)('names the step %s in Finnish and English', (step) => {
    expect(STEP_NAMES[step]).toBeDefined();
    expectBothLanguages(STEP_NAMES[step]!);
  });

  it.each([...TRANSFER_EVENT_KINDS])('names the timeline entry kind %s', (kind) => {
    expectBothLanguages(TIMELINE_KIND_NAMES[kind]);
  });

  it.each([...TRANSFER_FAILURE_CODES])('explains the transfer failure %s, with a Finnish fix', (code) => {
    const texts = TRANSFER_FAILURE_TEXTS[code];
    expect(texts).toBeDefined();
    expectBothLanguages(texts.what);
    expect(texts.fixFi.trim()).not.toBe('');
  });

  it.each([...API_ERROR_CODES])('explains the API error %s', (code) => {
    expect(API_ERROR_TEXTS[code]).toBeDefined();
    expectBothLanguages(API_ERROR_TEXTS[code]);
  });

  it('has no text for a code the bridge does not define', () => {
    expect(Object.keys(STEP_NAMES).sort()).toEqual([...BRIDGE_STEPS].sort());
    expect(Object.keys(TIMELINE_KIND_NAMES).sort()).toEqual([...TRANSFER_EVENT_KINDS].sort());
    expect(Object.keys(TRANSFER_FAILURE_TEXTS).sort()).toEqual([...TRANSFER_FAILURE_CODES].sort());
    expect(Object.keys(API_ERROR_TEXTS).sort()).toEqual([...API_ERROR_CODES].sort());
  });

  it("shows a known failure in Finnish with the bridge's message beside it, and the bridge's fix in English", () => {
    const error = { code: 'product_not_found', message: 'Product code X1 is not in Procountor.', fix: 'Add X1.' };
    expect(transferFailureText(error, 'fi')).toEqual({
      text: TRANSFER_FAILURE_TEXTS.product_not_found.what.fi,
      bridgeMessage: error.message,
      fix: TRANSFER_FAILURE_TEXTS.product_not_found.fixFi,
    });
    expect(transferFailureText(error, 'en')).toEqual({
      text: TRANSFER_FAILURE_TEXTS.product_not_found.what.en,
      bridgeMessage: error.message,
      fix: 'Add X1.',
    });
  });

  it("falls back to the API's message and fix for codes the console does not know", () => {
    const error = { code: 'a_future_code', message: 'Something new happened.', fix: 'Do the new thing.' };
    expect(transferFailureText(error, 'fi')).toEqual({ text: error.message, fix: error.fix });
    expect(apiErrorText('fst_err_ctp_invalid_media_type', 'Unsupported Media Type', 'fi')).toEqual({
      text: 'Unsupported Media Type',
    });
    expect(stepName('a_future_step', 'fi')).toBe('a_future_step');
    expect(timelineKindName('a_future_kind', 'fi')).toBe('a_future_kind');
    // Codes are own keys only: a name from Object.prototype is no code.
    expect(apiErrorText('constructor', 'Plain message.', 'en')).toEqual({ text: 'Plain message.' });
  });

  it('shows a known API error in Finnish, the English message beside it unless it says the same', () => {
    expect(apiErrorText('connection_name_taken', "A connection named 'A' exists already.", 'fi')).toEqual({
      text: API_ERROR_TEXTS.connection_name_taken.fi,
      bridgeMessage: "A connection named 'A' exists already.",
    });
    expect(apiErrorText('sign_in_failed', API_ERROR_TEXTS.sign_in_failed.en, 'en')).toEqual({
      text: API_ERROR_TEXTS.sign_in_failed.en,
    });
  });
});
