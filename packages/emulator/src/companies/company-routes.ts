// TODO(#3): company info, bank accounts, sessioninfo, status
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../emulator-context';

export function registerCompanyRoutes(_app: FastifyInstance, _context: EmulatorContext): void {}
