// Small shared pieces: error and status messages, the state badge, JSON blocks, labelled fields and secret fields.
import type { ReactNode } from 'react';
import { ApiError } from '../api';
import { useI18n } from '../i18n';

export function ErrorMessage({ error }: { error: unknown }) {
  const { t, apiErrorText } = useI18n();
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const shown = error instanceof ApiError ? apiErrorText(error.code, message) : { text: message };
  const details = error instanceof ApiError ? error.details : [];
  return (
    <div className="message message-error" role="alert">
      <strong>{t('errorTitle')}:</strong> {shown.text}
      {shown.bridgeMessage && <BridgeMessage message={shown.bridgeMessage} />}
      {details.length > 1 && (
        <ul>
          {details.map((detail) => (
            <li key={`${detail.path}-${detail.rule}`}>
              <code>{detail.path}</code>: {detail.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The bridge's own (English) message under the console's text of its code: it names the record or the field. */
export function BridgeMessage({ message }: { message: string }) {
  const { t } = useI18n();
  return (
    <span className="bridge-message">
      {t('bridgeMessage')} <span lang="en">{message}</span>
    </span>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <div className="message message-ok" role="status">
      {children}
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return <p aria-busy="true">{t('loading')}</p>;
}

export function StateBadge({ state }: { state: string }) {
  const { stateName } = useI18n();
  return <span className={`badge badge-${state}`}>{stateName(state)}</span>;
}

export function JsonBlock({ value, label }: { value: unknown; label: string }) {
  return (
    <section aria-label={label}>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling block must take focus so the keyboard can scroll it. */}
      <pre className="json" tabIndex={0}>
        {JSON.stringify(value, null, 2)}
      </pre>
    </section>
  );
}

export function Field({ label, help, children }: { label: string; help?: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control comes as children, nested in the label (labelled without ids).
    <label className="field">
      <span className="field-label">{label}</span>
      {children}
      {help && <span className="field-help">{help}</span>}
    </label>
  );
}

/** A secret the user pastes: never autocompleted, never shown. */
export function SecretField({
  label,
  name,
  value,
  onChange,
}: {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <Field label={label}>
      <input
        name={name}
        type="password"
        autoComplete="off"
        required
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </Field>
  );
}
