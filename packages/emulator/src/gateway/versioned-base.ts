// Serves Procountor's versioned bases (/latest/api, /supported/api, /vYYMM/api) as /api (FACTS.md, Hosts and versions).
import type { IncomingMessage } from 'node:http';

const VERSIONED_BASE = /^\/(?:latest|supported|v\d{4})(?=\/api(?:[/?]|$))/;

/**
 * Fastify's `rewriteUrl`: the emulator implements one version (26.04), so every versioned base answers as /api.
 * Assumption: no behaviour differs between versions here; the real service may differ per version.
 */
export function rewriteVersionedBase(request: IncomingMessage): string {
  const url = request.url ?? '/';
  return url.replace(VERSIONED_BASE, '');
}
