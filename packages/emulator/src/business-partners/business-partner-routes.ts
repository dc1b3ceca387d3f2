// TODO(#3): business partners and groups
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../emulator-context';

export function registerBusinessPartnerRoutes(_app: FastifyInstance, _context: EmulatorContext): void {}
