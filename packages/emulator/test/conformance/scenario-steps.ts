// The conformance scenario: steps calling the emulator as an integration would, one small story each, in an order
// where later steps use what earlier ones found or made (ids). Add steps in the file of their domain under steps/.
import { COMPANY_STEPS, REGISTER_STEPS } from './steps/company-steps';
import { DOCUMENT_STEPS } from './steps/document-steps';
import { INVOICE_STEPS } from './steps/invoice-steps';
import { MASTER_DATA_STEPS } from './steps/master-data-steps';
import { PAYMENT_STEPS } from './steps/payment-steps';

export type { ScenarioContext, ScenarioStep } from './scenario-step';

// The token request happened when the session started (POST /oauth/token is in the log).
export const SCENARIO = [
  ...COMPANY_STEPS,
  ...REGISTER_STEPS,
  ...MASTER_DATA_STEPS,
  ...INVOICE_STEPS,
  ...PAYMENT_STEPS,
  ...DOCUMENT_STEPS,
];
