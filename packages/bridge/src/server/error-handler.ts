// Maps every error to the one API error shape: BridgeError as it says, schema errors as validation_failed, else 500.
import type { FastifyError } from 'fastify';
import type { ApiErrorCode } from '../errors/api-error-codes';
import { type ApiErrorBody, BridgeError, ValidationFailedError } from '../errors/bridge-error';
import { schemaErrorToDetail } from '../errors/schema-error-detail';
import type { BridgeApp } from './bridge-app';

export function installErrorHandler(app: BridgeApp): void {
  app.setErrorHandler((error: FastifyError | BridgeError, request, reply) => {
    if (error instanceof BridgeError) {
      if (error.statusCode >= 500) request.log.error({ err: error }, 'request failed');
      return reply.status(error.statusCode).send(error.toBody());
    }
    const fastifyError = error as FastifyError;
    if (fastifyError.validation) {
      const context = fastifyError.validationContext ?? 'body';
      const details = fastifyError.validation.map((issue) => {
        const detail = schemaErrorToDetail(issue as Parameters<typeof schemaErrorToDetail>[0]);
        return context === 'body' ? detail : { ...detail, path: `${context}.${detail.path}`.replace('.(body)', '') };
      });
      const validation = new ValidationFailedError(details);
      return reply.status(400).send(validation.toBody());
    }
    const status = fastifyError.statusCode ?? 500;
    if (status < 500) {
      const body: ApiErrorBody = {
        code: fastifyError.code?.toLowerCase() ?? 'bad_request',
        message: fastifyError.message,
        details: [],
      };
      return reply.status(status).send(body);
    }
    // A 5xx shows no internals (fastify-demo src/app.ts); the log has the stack with the request id.
    request.log.error({ err: error }, 'unexpected error');
    const body: ApiErrorBody = {
      code: 'internal_error' satisfies ApiErrorCode,
      message: `Something went wrong on our side; quote request ${request.id}.`,
      details: [],
    };
    return reply.status(500).send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    const body: ApiErrorBody = {
      code: 'route_not_found' satisfies ApiErrorCode,
      message: `There is no ${request.method} ${request.url.split('?')[0]}.`,
      details: [],
    };
    reply.status(404).send(body);
  });
}
