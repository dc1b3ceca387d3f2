// Validates connection settings against ConnectionSettingsSchema and lists every problem with its `settings.` path.
import { Value } from 'typebox/value';
import type { ErrorDetail } from '../errors/bridge-error';
import { schemaErrorToDetail, toDetailPath } from '../errors/schema-error-detail';
import { ConnectionSettingsSchema, withDefaultSettings } from './connection-settings';

interface SchemaError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

/**
 * Every problem of `stored` settings (partial: defaults fill the rest), one detail per field. A union of literals
 * ("automatic" | "manual") is reported once as "must be one of …", not once per alternative.
 */
export function settingsProblems(stored: Record<string, unknown>): ErrorDetail[] {
  const errors = [...Value.Errors(ConnectionSettingsSchema, withDefaultSettings(stored))] as SchemaError[];
  const allowedByPath = new Map<string, unknown[]>();
  for (const error of errors) {
    if (error.keyword === 'const') {
      const allowed = allowedByPath.get(error.instancePath) ?? [];
      allowed.push(error.params.allowedValue);
      allowedByPath.set(error.instancePath, allowed);
    }
  }
  const details: ErrorDetail[] = [];
  for (const error of errors) {
    // Reported by the `additionalProperties` error of the parent; the literal alternatives by their `anyOf`.
    if (error.keyword === 'const' || (error.keyword === 'boolean' && error.message === 'schema is false')) continue;
    const path = `settings.${toDetailPath(error.instancePath)}`.replace('.(body)', '');
    if (error.keyword === 'anyOf' && allowedByPath.has(error.instancePath)) {
      const allowed = allowedByPath.get(error.instancePath)!.map((value) => JSON.stringify(value));
      details.push({ path, rule: 'one_of', message: `must be one of ${allowed.join(', ')}` });
      continue;
    }
    const detail = schemaErrorToDetail(error);
    details.push({ ...detail, path: `settings.${detail.path}`.replace('.(body)', '') });
  }
  return details;
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
