// TODO(#3): VATs, chart of accounts, fiscal years, currencies
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../emulator-context';

export function registerRegisterRoutes(_app: FastifyInstance, _context: EmulatorContext): void {}
