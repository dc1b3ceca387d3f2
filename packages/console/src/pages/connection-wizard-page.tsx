// The set-up wizard: credentials, the steps in Procountor (with the client identifier to enter), paste the key, test.
import { type FormEvent, type ReactNode, type RefObject, useEffect, useRef, useState } from 'react';
import { type ActivationStep, api, type Connection } from '../api';
import { ErrorMessage, Field, Loading, SecretField } from '../components/common';
import { connectionsChanged, useConnectionChoice } from '../connection-choice';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { useApi } from '../use-api';

type Environment = Connection['environment'];

/** The steps the wizard itself does (paste, test) are its own pages, not instructions. */
const WIZARD_OWN_STEPS = ['paste-api-key', 'test-and-activate'];

/** One page of the wizard: a form with its heading (focused on arrival), help, fields and the buttons. */
function WizardStep({
  id,
  title,
  help,
  headingRef,
  onSubmit,
  children,
  actions,
}: {
  id: string;
  title: string;
  help: ReactNode;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onSubmit: (event: FormEvent) => void;
  children?: ReactNode;
  actions: ReactNode;
}) {
  return (
    <form className="card" onSubmit={onSubmit} aria-labelledby={id}>
      <h2 id={id} ref={headingRef} tabIndex={-1}>
        {title}
      </h2>
      <p>{help}</p>
      {children}
      {actions && <div className="actions">{actions}</div>}
    </form>
  );
}

/** "Back" to the previous page and "Next" (the form's submit). */
function BackAndNext({ onBack }: { onBack: () => void }) {
  const { t } = useI18n();
  return (
    <>
      <button type="button" onClick={onBack}>
        {t('back')}
      </button>
      <button type="submit" className="primary">
        {t('next')}
      </button>
    </>
  );
}

export function ConnectionWizardPage() {
  const { t, activationStep } = useI18n();
  const { choose } = useConnectionChoice();
  const [step, setStep] = useState(1);
  const [name, setName] = useState('');
  const [environment, setEnvironment] = useState<Environment>('test');
  const [baseUrl, setBaseUrl] = useState('');
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [created, setCreated] = useState<Connection>();
  const [activated, setActivated] = useState<Connection>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const steps = useApi<{ steps: ActivationStep[] }>('/v1/connection-activation-steps');
  const total = 4;
  // Keyboard and screen-reader users land on the new step's heading, not at the bottom of the old one.
  const headingRef = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: step is the trigger.
  useEffect(() => {
    if (firstRender.current) firstRender.current = false;
    else headingRef.current?.focus();
  }, [step]);

  const goTo = (next: number) => (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setStep(next);
  };

  // The connection is created once (draft); a second test after a fix replaces its credentials instead.
  const test = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const credentials = { environment, ...(baseUrl ? { baseUrl } : {}), clientId, clientSecret, apiKey };
      const connection = created
        ? await api<Connection>('PUT', `/v1/connections/${created.id}/credentials`, credentials)
        : await api<Connection>('POST', '/v1/connections', { name, ...credentials });
      setCreated(connection);
      connectionsChanged();
      const active = await api<Connection>('POST', `/v1/connections/${connection.id}/activate`);
      setActivated(active);
      choose(active.id);
      connectionsChanged();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  // The bridge's English has the placeholder filled with "<your client identifier>", the Finnish text `{clientId}`.
  const fill = (text: string) =>
    text.replaceAll('<your client identifier>', clientId || '…').replaceAll('{clientId}', clientId || '…');
  const procountorSteps = (steps.data?.steps ?? []).filter((item) => !WIZARD_OWN_STEPS.includes(item.id));
  const common = { headingRef };

  return (
    <>
      <h1>{t('wizardTitle')}</h1>
      <ol className="wizard-steps" aria-label={t('wizardStep', { n: step, total })}>
        {[t('wizardBasics'), t('wizardInProcountor'), t('wizardPasteKey'), t('wizardTest')].map((label, index) => (
          <li key={label} aria-current={index + 1 === step ? 'step' : undefined}>
            {index + 1}. {label}
          </li>
        ))}
      </ol>

      {step === 1 && (
        <WizardStep
          {...common}
          id="wizard-basics"
          title={t('wizardBasics')}
          help={t('wizardBasicsHelp')}
          onSubmit={goTo(2)}
          actions={
            <>
              <Link to="/connections" className="button">
                {t('cancel')}
              </Link>
              <button type="submit" className="primary">
                {t('next')}
              </button>
            </>
          }
        >
          <Field label={t('name')}>
            <input name="name" required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
          </Field>
          <Field label={t('environment')}>
            <select
              name="environment"
              value={environment}
              onChange={(e) => setEnvironment(e.target.value as Environment)}
            >
              <option value="production">{t('envProduction')}</option>
              <option value="test">{t('envTest')}</option>
              <option value="custom">{t('envCustom')}</option>
            </select>
          </Field>
          {environment === 'custom' && (
            <Field label={t('baseUrl')}>
              <input
                name="baseUrl"
                type="url"
                required
                value={baseUrl}
                onChange={(e) => setBaseUrl(e.target.value)}
                placeholder="https://…/api"
              />
            </Field>
          )}
          <Field label={t('clientId')}>
            <input name="clientId" required value={clientId} onChange={(e) => setClientId(e.target.value)} />
          </Field>
          <SecretField label={t('clientSecret')} name="clientSecret" value={clientSecret} onChange={setClientSecret} />
        </WizardStep>
      )}

      {step === 2 && (
        <WizardStep
          {...common}
          id="wizard-procountor"
          title={t('wizardInProcountor')}
          help={
            <>
              {t('wizardInProcountorHelp', { clientId: '' })}
              <code className="client-id">{clientId}</code>
            </>
          }
          onSubmit={goTo(3)}
          actions={<BackAndNext onBack={() => setStep(1)} />}
        >
          {steps.loading && <Loading />}
          <ErrorMessage error={steps.error} />
          <ol className="activation-steps">
            {procountorSteps.map((item) => {
              const text = activationStep(item);
              return (
                <li key={item.id}>
                  <h3>
                    {text.title} {item.optional && <span className="muted">{t('optionalStep')}</span>}
                  </h3>
                  {text.procountorPath && (
                    <p className="muted">{t('whereInProcountor', { path: text.procountorPath })}</p>
                  )}
                  <ul>
                    {text.instructions.map((line) => (
                      <li key={line}>{fill(line)}</li>
                    ))}
                  </ul>
                </li>
              );
            })}
          </ol>
        </WizardStep>
      )}

      {step === 3 && (
        <WizardStep
          {...common}
          id="wizard-key"
          title={t('wizardPasteKey')}
          help={t('wizardPasteKeyHelp')}
          onSubmit={goTo(4)}
          actions={<BackAndNext onBack={() => setStep(2)} />}
        >
          <SecretField label={t('apiKey')} name="apiKey" value={apiKey} onChange={setApiKey} />
        </WizardStep>
      )}

      {step === 4 && (
        <WizardStep
          {...common}
          id="wizard-test"
          title={t('wizardTest')}
          help={t('wizardTestHelp')}
          onSubmit={test}
          actions={
            !activated && (
              <>
                <button type="button" onClick={() => setStep(3)} disabled={busy}>
                  {t('back')}
                </button>
                <button type="submit" className="primary" disabled={busy}>
                  {busy ? t('wizardTesting') : t('wizardRunTest')}
                </button>
              </>
            )
          }
        >
          <ErrorMessage error={error} />
          {activated && <Activated connection={activated} />}
        </WizardStep>
      )}
    </>
  );
}

/** The company Procountor answered for the new connection, and the way to it. */
function Activated({ connection }: { connection: Connection }) {
  const { t } = useI18n();
  return (
    <>
      <p className="message message-ok" role="status">
        {t('wizardDone', { company: connection.companyName ?? '', businessId: connection.companyBusinessId ?? '' })}
      </p>
      <dl className="facts">
        <dt>{t('company')}</dt>
        <dd>{connection.companyName}</dd>
        <dt>{t('businessId')}</dt>
        <dd>{connection.companyBusinessId}</dd>
        <dt>{t('companyIban')}</dt>
        <dd>{connection.companyIban ?? t('none')}</dd>
      </dl>
      <div className="actions">
        <Link to={`/connections/${connection.id}`} className="button primary">
          {t('wizardOpenConnection')}
        </Link>
      </div>
    </>
  );
}
