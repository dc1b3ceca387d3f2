// The activation wizard's text as data: what to allow and create in Procountor, then paste the key and test (as the
// vendors' help pages for their Procountor integrations describe it).
export interface ActivationStep {
  id: string;
  title: string;
  /** What to do, in the words of those help pages; `{clientId}` is replaced by the connection's client id. */
  instructions: string[];
  /** Where in Procountor, when the step happens there. */
  procountorPath?: string;
  /** Steps a company may skip (e.g. the Documents feature is needed only for PDF attachments). */
  optional?: boolean;
}

export const ACTIVATION_STEPS: readonly ActivationStep[] = [
  {
    id: 'allow-api-clients',
    title: 'Allow invoiceable API clients',
    procountorPath: 'Management > Company info > Usage settings',
    instructions: [
      'Log in to Procountor as the main user.',
      'Turn on "Allow the usage of invoiceable API clients" (Integration settings). Integrations cannot connect without it.',
      'If needed, ask your accounting firm or bookkeeper to enable the connection.',
    ],
  },
  {
    id: 'create-api-user',
    title: 'Add a technical API user',
    procountorPath: 'Management > Users and privileges > Create new user',
    instructions: [
      'Create a user for the integration, e.g. first name your company name, last name "procountor-bridge". An e-mail address is mandatory.',
      'Go through each permission section and set it to All rights (or make the user a primary user).',
      'Turn on "Allow only M2M login to API", so the integration user cannot sign in to the user interface.',
    ],
  },
  {
    id: 'create-api-key',
    title: 'Create the API key',
    procountorPath: 'Basics (top right) > API client keys > New API key',
    instructions: [
      'Click New API key and choose the technical API user.',
      'When Procountor asks for the "Client identifier" (Client ID), enter exactly: {clientId}',
      'Click Create, then copy the API key. It is shown only once: paste it before closing the dialog.',
    ],
  },
  {
    id: 'enable-documents',
    title: 'Enable the Documents feature (for PDF attachments)',
    procountorPath: 'Management > Company info > Usage settings > Documents',
    instructions: ['Enable the Documents feature if invoices should carry PDF attachments. It may incur a fee.'],
    optional: true,
  },
  {
    id: 'paste-api-key',
    title: 'Paste the API key into the bridge',
    instructions: [
      'Paste the copied API key into this connection (console, or PUT /v1/connections/{connectionId}/credentials).',
      'The key is stored encrypted and shown only as its last four characters.',
    ],
  },
  {
    id: 'test-and-activate',
    title: 'Test the connection and activate it',
    instructions: [
      'Click Activate (POST /v1/connections/{connectionId}/activate). The bridge reads the company details and bank accounts from Procountor.',
      'If Procountor refuses the key, check that it was created with the client identifier {clientId}, has not expired or been revoked, and that invoiceable API clients are allowed.',
      'To replace a key later (expired or compromised), create a new one the same way and paste it: transfers go on with the old key until the new one is accepted.',
    ],
  },
];

/** The steps with `{clientId}` (and `{connectionId}` when given) filled in. */
export function activationStepsFor(clientId: string, connectionId?: string): ActivationStep[] {
  const fill = (text: string) =>
    text.replaceAll('{clientId}', clientId).replaceAll('{connectionId}', connectionId ?? '{connectionId}');
  return ACTIVATION_STEPS.map((step) => ({ ...step, instructions: step.instructions.map(fill) }));
}
