import type { SinkPack } from './types.js';

/**
 * OpenTelemetry: span attributes, events, names, exceptions and status messages
 * (`span.setStatus({ code, message })`), and the logs bridge's `logger.emit`.
 */
export default {
  id: 'opentelemetry',
  vendor: 'OpenTelemetry',
  purpose: 'diagnostics',
  packages: ['@opentelemetry/api', '@opentelemetry/api-logs', '@opentelemetry/sdk-trace-base'],
  calls: [
    { name: 'setAttribute', owner: 'Span' },
    { name: 'setAttributes', owner: 'Span' },
    { name: 'addEvent', owner: 'Span', event: 0 },
    { name: 'emit', owner: 'Logger' },
    { name: 'recordException', owner: 'Span' },
    { name: 'setStatus', owner: 'Span' },
    { name: 'updateName', owner: 'Span' },
    { name: 'setAttribute' },
    { name: 'setAttributes' },
    { name: 'addEvent', event: 0 },
    { name: 'emit' },
  ],
} satisfies SinkPack;
