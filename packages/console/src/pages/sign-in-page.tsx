// Sign-in: user name and password of a console user (bridge users add); the bridge sets the session cookie.
import { type FormEvent, useState } from 'react';
import { ApiError, api, type Session } from '../api';
import { Field } from '../components/common';
import { LanguageSwitch } from '../components/layout';
import { useI18n } from '../i18n';

export function SignInPage({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const { t } = useI18n();
  const [userName, setUserName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onSignedIn(await api<Session>('POST', '/v1/session', { userName, password }));
    } catch (caught) {
      setError(caught instanceof ApiError && caught.status === 401 ? t('signInFailed') : String(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <div className="sign-in-language">
        <LanguageSwitch />
      </div>
      <form className="card sign-in-card" onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">{t('appName')}</h1>
        <Field label={t('userName')}>
          <input
            name="userName"
            autoComplete="username"
            required
            value={userName}
            onChange={(event) => setUserName(event.target.value)}
          />
        </Field>
        <Field label={t('password')}>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </Field>
        {error && (
          <p className="message message-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {t('signIn')}
        </button>
        <p className="field-help">{t('signInHelp')}</p>
      </form>
    </main>
  );
}
