// The set-up wizard: credentials, the steps in Procountor (with the client identifier to enter), paste the key, test.
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { type ActivationStep, api, type Connection } from '../api';
import { ErrorMessage, Field, Loading } from '../components/common';
import { connectionsChanged, useConnectionChoice } from '../connection-choice';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { useApi } from '../use-api';

type Environment = Connection['environment'];

/** The steps' titles in Finnish (the bridge serves the seeds' English text; the instructions stay in it). */
const STEP_TITLES_FI: Record<string, string> = {
  'allow-api-clients': 'Salli laskutettavat API-asiakkaat',
  'create-api-user': 'Lisää tekninen API-käyttäjä',
  'create-api-key': 'Luo API-avain',
  'enable-documents': 'Ota Dokumentit-ominaisuus käyttöön (PDF-liitteitä varten)',
};

export function ConnectionWizardPage() {
  const { t, language } = useI18n();
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

  const fill = (text: string) => text.replaceAll('<your client identifier>', clientId || '…');
  const procountorSteps = (steps.data?.steps ?? []).filter(
    (item) => item.id !== 'paste-api-key' && item.id !== 'test-and-activate',
  );

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
        <form className="card" onSubmit={goTo(2)} aria-labelledby="wizard-basics">
          <h2 id="wizard-basics" ref={headingRef} tabIndex={-1}>
            {t('wizardBasics')}
          </h2>
          <p>{t('wizardBasicsHelp')}</p>
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
          <Field label={t('clientSecret')}>
            <input
              name="clientSecret"
              type="password"
              autoComplete="off"
              required
              value={clientSecret}
              onChange={(e) => setClientSecret(e.target.value)}
            />
          </Field>
          <div className="actions">
            <Link to="/connections" className="button">
              {t('cancel')}
            </Link>
            <button type="submit" className="primary">
              {t('next')}
            </button>
          </div>
        </form>
      )}

      {step === 2 && (
        <form className="card" onSubmit={goTo(3)} aria-labelledby="wizard-procountor">
          <h2 id="wizard-procountor" ref={headingRef} tabIndex={-1}>
            {t('wizardInProcountor')}
          </h2>
          <p>
            {t('wizardInProcountorHelp', { clientId: '' })}
            <code className="client-id">{clientId}</code>
          </p>
          {steps.loading && <Loading />}
          <ErrorMessage error={steps.error} />
          <ol className="activation-steps">
            {procountorSteps.map((item) => (
              <li key={item.id}>
                <h3>
                  {(language === 'fi' && STEP_TITLES_FI[item.id]) || item.title}{' '}
                  {item.optional && <span className="muted">{t('optionalStep')}</span>}
                </h3>
                {item.procountorPath && (
                  <p className="muted">{t('whereInProcountor', { path: item.procountorPath })}</p>
                )}
                <ul>
                  {item.instructions.map((line) => (
                    <li key={line}>{fill(line)}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
          <div className="actions">
            <button type="button" onClick={() => setStep(1)}>
              {t('back')}
            </button>
            <button type="submit" className="primary">
              {t('next')}
            </button>
          </div>
        </form>
      )}

      {step === 3 && (
        <form className="card" onSubmit={goTo(4)} aria-labelledby="wizard-key">
          <h2 id="wizard-key" ref={headingRef} tabIndex={-1}>
            {t('wizardPasteKey')}
          </h2>
          <p>{t('wizardPasteKeyHelp')}</p>
          <Field label={t('apiKey')}>
            <input
              name="apiKey"
              type="password"
              autoComplete="off"
              required
              value={apiKey}
              onChange={(e) => setApiKey(e.target.value)}
            />
          </Field>
          <div className="actions">
            <button type="button" onClick={() => setStep(2)}>
              {t('back')}
            </button>
            <button type="submit" className="primary">
              {t('next')}
            </button>
          </div>
        </form>
      )}

      {step === 4 && (
        <form className="card" onSubmit={test} aria-labelledby="wizard-test">
          <h2 id="wizard-test" ref={headingRef} tabIndex={-1}>
            {t('wizardTest')}
          </h2>
          <p>{t('wizardTestHelp')}</p>
          <ErrorMessage error={error} />
          {activated ? (
            <>
              <p className="message message-ok" role="status">
                {t('wizardDone', {
                  company: activated.companyName ?? '',
                  businessId: activated.companyBusinessId ?? '',
                })}
              </p>
              <dl className="facts">
                <dt>{t('company')}</dt>
                <dd>{activated.companyName}</dd>
                <dt>{t('businessId')}</dt>
                <dd>{activated.companyBusinessId}</dd>
                <dt>{t('companyIban')}</dt>
                <dd>{activated.companyIban ?? t('none')}</dd>
              </dl>
              <div className="actions">
                <Link to={`/connections/${activated.id}`} className="button primary">
                  {t('wizardOpenConnection')}
                </Link>
              </div>
            </>
          ) : (
            <div className="actions">
              <button type="button" onClick={() => setStep(3)} disabled={busy}>
                {t('back')}
              </button>
              <button type="submit" className="primary" disabled={busy}>
                {busy ? t('wizardTesting') : t('wizardRunTest')}
              </button>
            </div>
          )}
        </form>
      )}
    </>
  );
}
