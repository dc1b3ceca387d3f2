import { describe, expect, it } from 'vitest';
import { ALL_EVENT_TYPES, EVENT_TYPE_DEFINITIONS } from '../events/event-types';
import { WEBHOOK_HEADERS } from './webhook-delivery-request';
import { webhooksForOpenApi } from './webhook-openapi';

type WebhookEntry = {
  post: {
    parameters: { name: string; in: string; required: boolean }[];
    requestBody: { content: { 'application/json': { schema: { properties: Record<string, unknown> } } } };
  };
};

describe('webhooksForOpenApi', () => {
  it('describes one POST per event type, with the X-Bridge-* headers and the event data as its body', () => {
    const webhooks = webhooksForOpenApi() as Record<string, WebhookEntry>;
    expect(Object.keys(webhooks).sort()).toEqual([...ALL_EVENT_TYPES].sort());
    for (const type of ALL_EVENT_TYPES) {
      const { parameters, requestBody } = webhooks[type]!.post;
      expect(parameters.map((parameter) => [parameter.name, parameter.in, parameter.required])).toEqual(
        Object.values(WEBHOOK_HEADERS).map((name) => [name, 'header', true]),
      );
      const body = requestBody.content['application/json'].schema;
      expect(body.properties.type).toMatchObject({ const: type });
      expect(body.properties.data).toEqual(JSON.parse(JSON.stringify(EVENT_TYPE_DEFINITIONS[type].payload)));
    }
  });
});
