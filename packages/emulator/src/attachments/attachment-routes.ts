// TODO(#3): attachments
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../emulator-context';

export function registerAttachmentRoutes(_app: FastifyInstance, _context: EmulatorContext): void {}
