// Every connection setting as a control chosen from its JSON Schema, each with its one-line explanation from the bridge.
import { type FormEvent, useEffect, useState } from 'react';
import { api, type Connection, type JsonSchema, type SettingInfo } from '../api';
import { useI18n } from '../i18n';
import { useApi } from '../use-api';
import { ErrorMessage, Loading, Notice } from './common';

type Control = 'boolean' | 'choice' | 'number' | 'text' | 'list' | 'json';

function controlOf(schema: JsonSchema): { control: Control; choices?: string[] } {
  if (schema.anyOf?.every((option) => option.const !== undefined))
    return { control: 'choice', choices: schema.anyOf.map((option) => String(option.const)) };
  if (schema.type === 'boolean') return { control: 'boolean' };
  if (schema.type === 'number' || schema.type === 'integer') return { control: 'number' };
  if (schema.type === 'array') return { control: 'list' };
  if (schema.type === 'object') return { control: 'json' };
  return { control: 'text' };
}

/** The form's text for a value, and back. */
function toText(control: Control, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (control === 'list') return (value as unknown[]).join(', ');
  if (control === 'json') return JSON.stringify(value, null, 2);
  return String(value);
}

function fromText(control: Control, text: string): unknown {
  const trimmed = text.trim();
  if (control === 'list') return trimmed === '' ? [] : trimmed.split(',').map((item) => item.trim());
  if (trimmed === '') return null;
  if (control === 'number') return Number(trimmed);
  if (control === 'json') return JSON.parse(trimmed);
  return trimmed;
}

export function SettingsForm({ connection, onSaved }: { connection: Connection; onSaved: () => void }) {
  const { t } = useI18n();
  const { data, error, loading } = useApi<{ settings: SettingInfo[] }>('/v1/connection-settings');
  const [values, setValues] = useState<Record<string, unknown>>({});
  const [saveError, setSaveError] = useState<unknown>();
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    setValues(connection.settings);
  }, [connection.settings]);

  if (error) return <ErrorMessage error={error} />;
  if (loading || !data) return <Loading />;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaveError(undefined);
    setSaved(false);
    const patch: Record<string, unknown> = {};
    try {
      for (const setting of data.settings) {
        const { control } = controlOf(setting.schema);
        const raw = values[setting.name];
        const value =
          typeof raw === 'string' && control !== 'text' && control !== 'choice' ? fromText(control, raw) : raw;
        if (JSON.stringify(value ?? null) !== JSON.stringify(connection.settings[setting.name] ?? null))
          patch[setting.name] = value === '' ? null : (value ?? null);
      }
      await api('PATCH', `/v1/connections/${connection.id}`, { settings: patch });
      setSaved(true);
      onSaved();
    } catch (caught) {
      setSaveError(caught);
    }
  };

  return (
    <form className="card settings" onSubmit={save} aria-labelledby="settings-title">
      <h2 id="settings-title">{t('settings')}</h2>
      <div className="settings-grid">
        {data.settings.map((setting) => {
          const { control, choices } = controlOf(setting.schema);
          const value = values[setting.name];
          const set = (next: unknown) => setValues((current) => ({ ...current, [setting.name]: next }));
          const helpId = `setting-help-${setting.name}`;
          const shown =
            typeof value === 'string' && control !== 'text' && control !== 'choice' ? value : toText(control, value);
          return (
            <div key={setting.name} className={`setting setting-${control}`}>
              {control === 'boolean' ? (
                <label className="checkbox">
                  <input
                    type="checkbox"
                    name={setting.name}
                    checked={Boolean(value)}
                    aria-describedby={helpId}
                    onChange={(event) => set(event.target.checked)}
                  />
                  <code>{setting.name}</code>
                </label>
              ) : (
                // biome-ignore lint/a11y/noLabelWithoutControl: one of the controls below is nested in the label.
                <label className="field">
                  <code className="field-label">{setting.name}</code>
                  {control === 'choice' ? (
                    <select
                      name={setting.name}
                      value={String(value ?? '')}
                      aria-describedby={helpId}
                      onChange={(event) => set(event.target.value)}
                    >
                      {choices?.map((choice) => (
                        <option key={choice} value={choice}>
                          {choice}
                        </option>
                      ))}
                    </select>
                  ) : control === 'json' ? (
                    <textarea
                      name={setting.name}
                      rows={4}
                      value={shown}
                      aria-describedby={helpId}
                      placeholder={t('settingJson')}
                      onChange={(event) => set(event.target.value)}
                    />
                  ) : (
                    <input
                      name={setting.name}
                      type={control === 'number' ? 'number' : 'text'}
                      step="any"
                      value={shown}
                      aria-describedby={helpId}
                      placeholder={control === 'list' ? t('settingCommaList') : ''}
                      onChange={(event) => set(event.target.value)}
                    />
                  )}
                </label>
              )}
              <p className="field-help" id={helpId}>
                {setting.description}
                {setting.default !== undefined && (
                  <span className="muted"> ({t('settingDefault', { value: JSON.stringify(setting.default) })})</span>
                )}
              </p>
            </div>
          );
        })}
      </div>
      <ErrorMessage error={saveError} />
      {saved && <Notice>{t('saved')}</Notice>}
      <div className="actions">
        <button type="submit" className="primary">
          {t('save')}
        </button>
      </div>
    </form>
  );
}
