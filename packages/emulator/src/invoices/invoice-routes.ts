// TODO(#3): invoices
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../emulator-context';

export function registerInvoiceRoutes(_app: FastifyInstance, _context: EmulatorContext): void {}
