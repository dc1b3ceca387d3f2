// docs/errors.md explains exactly the codes the bridge defines: every API error code and every transfer failure code.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TRANSFER_FAILURE_CODES } from '../transfers/transfer-failure-codes';
import { API_ERROR_CODES } from './api-error-codes';

const ERRORS_DOC = readFileSync(new URL('../../../../docs/errors.md', import.meta.url), 'utf8');
/** The text of the `## heading` section of docs/errors.md up to the next `## ` heading (the top part for ''). */
const section = (heading: string) => {
  const start = heading ? ERRORS_DOC.indexOf(`\n## ${heading}`) : 0;
  const end = ERRORS_DOC.indexOf('\n## ', start + 1);
  return ERRORS_DOC.slice(start, end === -1 ? undefined : end);
};
const apiSection = section('');
const transferSection = section('Transfer failure codes');
/** The codes in the first column of a section's table: rows that open with | `code` |. */
const codesIn = (section: string) => [...section.matchAll(/^\| `([a-z_]+)`\s*\|/gm)].map((match) => match[1]);

describe('docs/errors.md', () => {
  it('lists every API error code of API_ERROR_CODES, and no other', () => {
    expect(codesIn(apiSection).sort()).toEqual([...API_ERROR_CODES].sort());
  });

  it('lists every transfer failure code of TRANSFER_FAILURE_CODES, and no other', () => {
    expect(codesIn(transferSection).sort()).toEqual([...TRANSFER_FAILURE_CODES].sort());
  });
});
