// Admin: read and change the run-time settings (rate limit per client, added latency); null turns one off.
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext, EmulatorSettings } from '../emulator-context';
import { ProcountorApiError } from '../http/procountor-error';
import { adminBody } from './admin-body';

function readSetting(
  body: Record<string, unknown>,
  field: keyof EmulatorSettings,
  minimum: number,
): number | null | undefined {
  if (!(field in body)) return undefined;
  const value = body[field];
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < minimum) {
    throw ProcountorApiError.badRequest(field, `must be a number of at least ${minimum}, or null to turn it off`);
  }
  return value;
}

export function registerSettingsAdminRoutes(app: FastifyInstance, context: EmulatorContext): void {
  app.get('/_emulator/settings', async () => context.settings);

  app.put('/_emulator/settings', async (request) => {
    const body = adminBody(request.body);
    const rateLimitPerSecond = readSetting(body, 'rateLimitPerSecond', 0.001);
    const latencyMs = readSetting(body, 'latencyMs', 0);
    // Checked both before changing either, so a bad request changes nothing.
    if (rateLimitPerSecond !== undefined) context.settings.rateLimitPerSecond = rateLimitPerSecond;
    if (latencyMs !== undefined) context.settings.latencyMs = latencyMs;
    return context.settings;
  });
}
