// TODO(#3): webhooks
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../emulator-context';

export function registerWebhookRoutes(_app: FastifyInstance, _context: EmulatorContext): void {}
