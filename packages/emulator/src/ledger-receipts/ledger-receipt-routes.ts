// TODO(#3): ledger receipts
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../emulator-context';

export function registerLedgerReceiptRoutes(_app: FastifyInstance, _context: EmulatorContext): void {}
