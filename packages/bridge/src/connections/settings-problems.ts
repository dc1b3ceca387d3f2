// Validates connection settings against ConnectionSettingsSchema and lists every problem with its `settings.` path.
import type { ErrorDetail } from '../errors/bridge-error';
import { compileDocumentCheck } from '../validation/check-document';
import { ConnectionSettingsSchema, withDefaultSettings } from './connection-settings';

/** The check every route body gets (no coercion, text that cannot be stored refused); settings arrive open. */
const checkSettings = compileDocumentCheck(ConnectionSettingsSchema);

/**
 * Every problem of `stored` settings (partial: defaults fill the rest), one detail per field. A union of literals
 * ("automatic" | "manual") is reported once as "must be one of …", not once per alternative.
 */
export function settingsProblems(stored: Record<string, unknown>): ErrorDetail[] {
  return checkSettings(withDefaultSettings(stored)).map((detail) => ({
    ...detail,
    path: detail.path === '(body)' ? 'settings' : `settings.${detail.path}`,
  }));
}

/**
 * Applies a patch to stored settings: a value sets the setting, `null` removes it (back to its default). Only the
 * settings someone set are stored, so a later release can change a default.
 */
export function applySettingsPatch(
  stored: Record<string, unknown>,
  patch: Record<string, unknown>,
): Record<string, unknown> {
  const next: Record<string, unknown> = { ...stored };
  for (const [name, value] of Object.entries(patch)) {
    if (value === null) delete next[name];
    else next[name] = value;
  }
  return next;
}
